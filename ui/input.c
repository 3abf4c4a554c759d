/* Keystrokes from the keyboard or from a script file (tig's TIG_SCRIPT idea),
 * so that UI tests run without a terminal and compare a dumped screen.
 *
 * Script syntax: the file is a sequence of keys. Every UTF-8 character is one
 * key (so Chinese can be typed: 知识产权), a space is the space key, and line
 * ends are ignored. A line starting with '#' is a comment. A key with a name
 * is written in angle brackets: <Enter> <Esc> <Tab> <BTab> <Space> <Up> <Down>
 * <Left> <Right> <PgUp> <PgDn> <Home> <End> <Backspace> <Del> <F1>..<F12>
 * <C-a>..<C-z> (control keys, e.g. <C-d> saves a note) and <lt> for a literal
 * '<'. <Resize 100x30> resizes the screen to 100 columns and 30 rows and
 * delivers KEY_RESIZE, as a terminal would. Keys are read one by one with no
 * waiting; when they run out the UI stops (and dumps the screen with --dump). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "src/text.h"
#include "src/util.h"
#include "ui/input.h"
#include "src/banned.h"

struct key {
	int kind;
	wint_t ch;
	int cols, rows;   /* for a resize */
};

struct ui_input {
	int scripted;
	struct key *keys;
	size_t n, cap, pos;
};

static const struct {
	const char *name;
	int kind;
	wint_t ch;
} names[] = {
	{ "Enter", OK, '\n' }, { "Esc", OK, 27 }, { "Tab", OK, '\t' }, { "BTab", KEY_CODE_YES, KEY_BTAB },
	{ "Space", OK, ' ' }, { "lt", OK, '<' }, { "Up", KEY_CODE_YES, KEY_UP },
	{ "Down", KEY_CODE_YES, KEY_DOWN }, { "Left", KEY_CODE_YES, KEY_LEFT },
	{ "Right", KEY_CODE_YES, KEY_RIGHT }, { "PgUp", KEY_CODE_YES, KEY_PPAGE },
	{ "PgDn", KEY_CODE_YES, KEY_NPAGE }, { "Home", KEY_CODE_YES, KEY_HOME },
	{ "End", KEY_CODE_YES, KEY_END }, { "Backspace", KEY_CODE_YES, KEY_BACKSPACE },
	{ "Del", KEY_CODE_YES, KEY_DC },
};

static void push(struct ui_input *in, int kind, wint_t ch, int cols, int rows)
{
	xgrow(&in->keys, &in->cap, in->n + 1, sizeof *in->keys);
	in->keys[in->n].kind = kind;
	in->keys[in->n].ch = ch;
	in->keys[in->n].cols = cols;
	in->keys[in->n].rows = rows;
	in->n++;
}

static int named(struct ui_input *in, const char *name, const char *path, int line, struct err *e)
{
	int a, b;
	char tail;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!strcmp(names[i].name, name)) {
			push(in, names[i].kind, names[i].ch, 0, 0);
			return 0;
		}
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && !name[3]) {
		push(in, OK, (wint_t)(name[2] - 'a' + 1), 0, 0);
		return 0;
	}
	if (name[0] == 'F' && sscanf(name + 1, "%d%c", &a, &tail) == 1 && a >= 1 && a <= 12) {
		push(in, KEY_CODE_YES, (wint_t)KEY_F(a), 0, 0);
		return 0;
	}
	if (sscanf(name, "Resize %dx%d%c", &a, &b, &tail) == 2 && a > 0 && b > 0) {
		push(in, KEY_CODE_YES, KEY_RESIZE, a, b);
		return 0;
	}
	return err_set(e, ERR_INPUT, "cannot read script '%s' line %d: unknown key '<%s>'", path, line,
		       name);
}

static int parse(struct ui_input *in, const char *path, const char *s, struct err *e)
{
	int line = 1, bol = 1;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (*s) {
		if (*s == '\n') {
			line++;
			bol = 1;
			s++;
			continue;
		}
		if (bol && *s == '#') {
			s += strcspn(s, "\n");
			continue;
		}
		bol = 0;
		if (*s == '<') {
			const char *end = strchr(s, '>');
			char *name;
			int rc;
			if (!end || memchr(s, '\n', (size_t)(end - s)))
				return err_set(e, ERR_INPUT, "cannot read script '%s' line %d: '<' without "
					       "'>' (write <lt> for a literal '<')", path, line);
			name = xstrndup(s + 1, (size_t)(end - s - 1));
			rc = named(in, name, path, line, e);
			free(name);
			if (rc)
				return rc;
			s = end + 1;
			continue;
		}
		{
			wchar_t wc;
			size_t r = mbrtowc(&wc, s, strlen(s), &st);
			if (r == (size_t)-1 || r == (size_t)-2 || r == 0)
				return err_set(e, ERR_INPUT, "cannot read script '%s' line %d: not UTF-8 "
					       "(is the locale UTF-8?)", path, line);
			push(in, OK, (wint_t)wc, 0, 0);
			s += r;
		}
	}
	return 0;
}

int ui_input_open(const char *script, struct ui_input **out, struct err *e)
{
	struct ui_input *in = xcalloc(1, sizeof *in);
	*out = in;
	if (!script)
		return 0;
	in->scripted = 1;
	{
		char *buf = NULL;
		size_t len = 0;
		int rc = util_read_file(script, 1 << 20, &buf, &len, e);
		if (!rc)
			rc = parse(in, script, buf, e);
		free(buf);
		return rc;
	}
}

int ui_input_scripted(const struct ui_input *in)
{
	return in->scripted;
}

int ui_input_get(struct ui_input *in, wint_t *ch)
{
	if (in->scripted) {
		struct key *k;
		if (in->pos >= in->n)
			return UI_INPUT_END;
		k = &in->keys[in->pos++];
		if (k->kind == KEY_CODE_YES && k->ch == KEY_RESIZE)
			resize_term(k->rows, k->cols);
		*ch = k->ch;
		return k->kind;
	}
	return get_wch(ch);
}

void ui_input_close(struct ui_input *in)
{
	if (!in)
		return;
	free(in->keys);
	free(in);
}
