/* duban help, duban --help and the man page's synopsis of each verb, all
 * from the verbs' entries. `duban help --synopsis` prints the verbs' lines of
 * man/duban.1 (.It Cm ...) as they must be; tests/cli/room.sh compares them. */
#include <ctype.h>

#include "src/cli/cli.h"
#include "src/cli/help.h"
#include "src/cli/usage.h"
#include "src/util.h"
#include "src/banned.h"

void cli_help_all(FILE *f, const struct cli_verb *const *verbs)
{
	fputs("usage: duban [--db PATH] [COMMAND [ARGS]]\n\n"
	      "duban (督办) tracks how the annual intellectual-property plans are carried out.\n"
	      "With no command it opens the plans in the terminal.\n\ncommands:\n", f);
	for (const struct cli_verb *const *v = verbs; *v; v++)
		if (!((*v)->flags & CLI_HIDDEN))
			fprintf(f, "  %-10s %s\n", (*v)->name, (*v)->summary);
	fputs("\nglobal options:\n"
	      "  --db PATH            the database (default $DUBAN_DB, else 'db = PATH' in\n"
	      "                       /etc/duban.conf, else $XDG_DATA_HOME/duban/duban.db)\n"
	      "  --as LOGIN           act as another user (root only: administration, tests)\n"
	      "  --color=WHEN         auto (default), always or never; NO_COLOR also turns it off\n"
	      "  --script FILE        run the UI on the keystrokes in FILE (for tests)\n"
	      "  --dump FILE          with --script: write the last screen (or each saved one) to FILE\n"
	      "  --help               this help\n"
	      "  --version            the version\n\n"
	      "exit status: 0 ok, 1 internal error, 2 usage, 3 bad input, 4 not found,\n"
	      "5 refused by the role rules, 6 conflict, 7 database unusable, 8 file error,\n"
	      "9 the database does not verify (changed outside duban).\n"
	      "See duban(1).\n", f);
}

/* The mdoc macro a word is set with: Fl, Ar or Cm. */
static const char *word_macro(const struct usage_word *w)
{
	return w->kind == USAGE_OPT ? "Fl" : w->kind == USAGE_ARG ? "Ar" : "Cm";
}

/* One form of a usage as the head of an mdoc list item: ".It Cm record Ar
 * task-id Fl \-status ...". A bracket closed at the end of the line is Op,
 * others Oo ... Oc; ( ) are Po ... Pc; a word after another set with the same
 * macro (Ar, Cm), or after such a word and "|", shares its macro. */
static void synopsis_form(struct strbuf *sb, const struct usage_word *w, size_t n)
{
	const char *prev = NULL;    /* the macro in effect for the next word */
	size_t end = n;             /* words from END on are brackets an Op closes */
	while (end > 0 && w[end - 1].kind == USAGE_CLOSE)
		end--;
	sb_adds(sb, ".It");
	for (size_t i = 0; i < end; i++) {
		const char *m;
		switch (w[i].kind) {
		case USAGE_OPEN: {
			/* Op when its ] is one of the closing run at the end */
			int depth = 0;
			size_t j = i;
			for (; j < n; j++) {
				depth += w[j].kind == USAGE_OPEN ? 1 : w[j].kind == USAGE_CLOSE ? -1 : 0;
				if (!depth)
					break;
			}
			sb_adds(sb, j >= end ? " Op" : " Oo");
			prev = NULL;
			continue;
		}
		case USAGE_CLOSE: sb_adds(sb, " Oc"); prev = NULL; continue;
		case USAGE_GROUP: sb_adds(sb, " Po"); prev = NULL; continue;
		case USAGE_UNGROUP: sb_adds(sb, " Pc"); prev = NULL; continue;
		case USAGE_OR: sb_adds(sb, " |"); continue;
		case USAGE_MORE: sb_adds(sb, " ..."); continue;
		default: break;
		}
		m = word_macro(&w[i]);
		if (!prev || strcmp(prev, m) || !strcmp(m, "Fl"))
			sb_addf(sb, " %s", m);
		prev = m;
		sb_addc(sb, ' ');
		if (w[i].kind == USAGE_OPT) {
			/* Fl adds one '-'; the second of "--" is written \- */
			if (w[i].len > 1 && w[i].s[1] == '-')
				sb_add(sb, "\\-", 2);
			sb_add(sb, w[i].s + (w[i].len > 1 && w[i].s[1] == '-' ? 2 : 1),
			       w[i].len - (w[i].len > 1 && w[i].s[1] == '-' ? 2 : 1));
		} else if (w[i].kind == USAGE_ARG) {
			for (size_t k = 0; k < w[i].len; k++)
				sb_addc(sb, (char)tolower((unsigned char)w[i].s[k]));
		} else {
			sb_add(sb, w[i].s, w[i].len);
		}
	}
	sb_addc(sb, '\n');
}

void cli_synopsis(FILE *f, const struct cli_verb *const *verbs)
{
	struct strbuf sb = STRBUF_INIT;
	struct usage_word w[USAGE_MAX_WORDS];
	for (const struct cli_verb *const *v = verbs; *v; v++) {
		size_t n;
		if ((*v)->flags & CLI_HIDDEN)
			continue;
		for (int form = 0; (n = usage_form((*v)->usage, (*v)->name, form, w)) > 0; form++)
			synopsis_form(&sb, w, n);
	}
	fputs(sb_str(&sb), f);
	sb_release(&sb);
}

static int help_check(struct cli *cli, const struct cli_args *a)
{
	if (a->argc > 1)
		return cli_usage(cli, "name one command");
	if (a->argc == 1) {
		const struct cli_verb *const *v = cli->verbs;
		while (*v && strcmp((*v)->name, a->argv[0]))
			v++;
		if (!*v) {
			fprintf(stderr, "duban: no command '%s'; 'duban help' lists them\n", a->argv[0]);
			return ERR_USAGE;
		}
	}
	return 0;
}

static int help_run(struct cli *cli, const struct cli_args *a)
{
	const struct cli_verb *const *v = cli->verbs;
	if (cli_arg(a, OPT_SYNOPSIS)) {
		cli_synopsis(stdout, cli->verbs);
		return 0;
	}
	if (a->argc == 0) {
		cli_help_all(stdout, cli->verbs);
		return 0;
	}
	while (strcmp((*v)->name, a->argv[0]))
		v++;
	cli_help_verb(stdout, *v);
	return 0;
}

static const struct option help_opts[] = {
	{ "synopsis", no_argument, NULL, OPT_SYNOPSIS },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_help = {
	.name = "help",
	.usage = "help [COMMAND]",
	.summary = "show the help of a command: duban help COMMAND",
	.help = "",
	.opts = help_opts,
	.check = help_check,
	.run = help_run,
};
