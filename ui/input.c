/* Keystrokes from the keyboard or from a script file (tig's TIG_SCRIPT idea),
 * so that UI tests run without a terminal and compare a dumped screen.
 *
 * Script syntax: the file is a sequence of keys. Every UTF-8 character is one
 * key (so Chinese can be typed: 知识产权), a space is the space key, and line
 * ends are ignored. A line starting with '#' is a comment. A key with a name
 * is written in angle brackets: <Enter> <Esc> <Tab> <BTab> <Space> <Up> <Down>
 * <Left> <Right> <PgUp> <PgDn> <Home> <End> <Backspace> <Del> <F1>..<F12>
 * <C-a>..<C-z> (control keys, e.g. <C-d> saves a note) and <lt> for a literal
 * '<', <Bar> for a '|' that starts a line. <Resize 100x30> resizes the screen
 * to 100 columns and 30 rows and delivers KEY_RESIZE, as a terminal would.
 * Keys are read one by one with no waiting; when they run out the UI stops
 * (and dumps the last screen with --dump).
 *
 * Tests in tig's style: <save-screen NAME>, alone on its line, is a step that
 * writes the screen as it is then to the --dump file, and the lines after it
 * that start with '|' are the screen the test expects there (each row after a
 * '|'), which the reader skips and tests/ui/screens.sh compares. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <unistr.h>
#include <wchar.h>

#include "src/text.h"
#include "src/util.h"
#include "ui/input.h"
#include "src/banned.h"

struct key {
	int kind;         /* OK, KEY_CODE_YES or UI_INPUT_SAVE */
	wint_t ch;
	int cols, rows;   /* for a resize */
	char *name;       /* for a save-screen step */
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
	{ "Del", KEY_CODE_YES, KEY_DC }, { "Bar", OK, '|' },
};

static void push(struct ui_input *in, int kind, wint_t ch, int cols, int rows)
{
	xgrow(&in->keys, &in->cap, in->n + 1, sizeof *in->keys);
	in->keys[in->n].kind = kind;
	in->keys[in->n].ch = ch;
	in->keys[in->n].cols = cols;
	in->keys[in->n].rows = rows;
	in->keys[in->n].name = NULL;
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
	if (!strncmp(name, "save-screen", strlen("save-screen")))
		return err_set(e, ERR_INPUT, "cannot read script '%s' line %d: write <save-screen NAME> alone "
			       "on its line", path, line);
	return err_set(e, ERR_INPUT, "cannot read script '%s' line %d: unknown key '<%s>'", path, line,
		       name);
}

/* A <save-screen NAME> step at S (a line's start): the whole line. */
static int save_step(struct ui_input *in, const char *path, int line, const char **s, struct err *e)
{
	const char *p = *s + strlen("<save-screen ");
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");
	const char *end = p + n;
	if (!n || *end != '>' || end[1 + strspn(end + 1, " \t")] != '\n')
		return err_set(e, ERR_INPUT, "cannot read script '%s' line %d: write <save-screen NAME> alone on "
			       "its line, NAME of letters, digits, '.', '_' and '-'", path, line);
	push(in, UI_INPUT_SAVE, 0, 0, 0);
	in->keys[in->n - 1].name = xstrndup(p, n);
	*s = end + 1 + strspn(end + 1, " \t");
	return 0;
}

static int parse(struct ui_input *in, const char *path, const char *s, struct err *e)
{
	int line = 1, bol = 1;
	while (*s) {
		if (*s == '\n') {
			line++;
			bol = 1;
			s++;
			continue;
		}
		if (bol && (*s == '#' || *s == '|')) {
			s += strcspn(s, "\n");
			continue;
		}
		if (bol && !strncmp(s, "<save-screen ", strlen("<save-screen "))) {
			int rc = save_step(in, path, line, &s, e);
			if (rc)
				return rc;
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
			/* scripts are UTF-8 whatever the locale */
			ucs4_t uc;
			int r = u8_mbtoucr(&uc, (const uint8_t *)s, strlen(s));
			if (r < 1)
				return err_set(e, ERR_INPUT, "cannot read script '%s' line %d: not UTF-8; "
					       "save it as UTF-8", path, line);
			push(in, OK, (wint_t)uc, 0, 0);
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
		if (!rc) {
			/* a last line without '\n' ends like the others */
			if (len && buf[len - 1] != '\n') {
				buf = xrealloc(buf, len + 2);
				buf[len] = '\n';
				buf[len + 1] = '\0';
			}
			rc = parse(in, script, buf, e);
		}
		free(buf);
		return rc;
	}
}

int ui_input_scripted(const struct ui_input *in)
{
	return in->scripted;
}

const char *ui_input_save_name(const struct ui_input *in)
{
	return in->pos > 0 && in->keys[in->pos - 1].name ? in->keys[in->pos - 1].name : "";
}

void ui_input_define_keys(void)
{
	/* what terminals send for these keys besides what their terminfo
	 * entry says: xterm (normal and application mode), rxvt, PuTTY and the
	 * linux console (ESC [ 1 ~), tmux and screen */
	static const struct {
		const char *seq;
		int code;
	} seqs[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
		{ "\033[4~", KEY_END }, { "\033[8~", KEY_END }, { "\033[F", KEY_END }, { "\033OF", KEY_END },
		{ "\033[3~", KEY_DC }, { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
		{ "\033[2~", KEY_IC },
	};
	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
		if (key_defined(seqs[i].seq) == 0)
			define_key(seqs[i].seq, seqs[i].code);
}

/* One name for a key that terminfo calls otherwise: xterm's entry has
 * ESC [ 1 ~ and ESC [ 4 ~ as Find and Select, which PuTTY sends for Home and
 * End; the keypad's corners are Home, End, PgUp and PgDn. */
static wint_t key_same(wint_t ch)
{
	switch (ch) {
	case KEY_FIND: case KEY_A1: return KEY_HOME;
	case KEY_SELECT: case KEY_C1: return KEY_END;
	case KEY_A3: return KEY_PPAGE;
	case KEY_C3: return KEY_NPAGE;
	default: return ch;
	}
}

int ui_input_get(struct ui_input *in, wint_t *ch)
{
	if (in->scripted) {
		struct key *k;
		if (in->pos >= in->n)
			return UI_INPUT_END;
		k = &in->keys[in->pos++];
		if (k->kind == UI_INPUT_SAVE)
			return UI_INPUT_SAVE;
		if (k->kind == KEY_CODE_YES && k->ch == KEY_RESIZE)
			resize_term(k->rows, k->cols);
		*ch = k->ch;
		return k->kind;
	}
	{
		int kind = get_wch(ch);
		if (kind == KEY_CODE_YES)
			*ch = key_same(*ch);
		return kind;
	}
}

void ui_input_close(struct ui_input *in)
{
	if (!in)
		return;
	for (size_t i = 0; i < in->n; i++)
		free(in->keys[i].name);
	free(in->keys);
	free(in);
}
