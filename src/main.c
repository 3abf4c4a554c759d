/* duban's entry point: the locale, the global options, then a verb of the
 * command line (src/cli/) or, with none, the terminal UI (ui/). */
#include <unistd.h>

#include "src/cli/cli.h"
#include "src/cli/help.h"
#include "src/cli/verbs.h"
#include "src/charset.h"
#include "src/paths.h"
#include "src/text.h"
#include "src/util.h"
#include "src/who.h"
#include "ui/ui.h"
#include "src/banned.h"

int main(int argc, char **argv)
{
	struct cli cli;
	struct ui_opts uio = { -1, NULL, NULL, NULL, NULL };
	struct strbuf notice = STRBUF_INIT;
	enum charset_state cs;
	int i, rc;

	/* a locale that cannot show Chinese is swapped for a UTF-8 one */
	cs = charset_setup(&notice);
	memset(&cli, 0, sizeof cli);
	cli_stdio_begin(0);
	cli.login = who_login();
	cli.datadir = paths_datadir();
	cli.verbs = cli_verbs;

	/* global options before the command */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			cli_stdio_begin(1);
			cli_help_all(stdout, cli_verbs);
			rc = 0;
			goto done;
		} else if (!strcmp(a, "--version")) {
			cli_stdio_begin(1);
			printf("duban %s\n", DUBAN_VERSION);
			rc = 0;
			goto done;
		} else if (!strcmp(a, "--db") && i + 1 < argc) {
			free(cli.db_opt);
			cli.db_opt = xstrdup(argv[++i]);
		} else if (util_starts_with(a, "--db=")) {
			free(cli.db_opt);
			cli.db_opt = xstrdup(a + 5);
		} else if (!strcmp(a, "--color=never") || !strcmp(a, "--color=always") ||
			   !strcmp(a, "--color=auto")) {
			uio.color = a[8] == 'n' ? 0 : a[8] == 'a' && a[9] == 'l' ? 1 : -1;
		} else if ((!strcmp(a, "--as") && i + 1 < argc) || util_starts_with(a, "--as=")) {
			const char *who = a[4] == '=' ? a + 5 : argv[++i];
			if (getuid() != 0) {
				fprintf(stderr, "duban: only root may act as another user (--as); "
					"you act as '%s'\n", cli.login);
				rc = ERR_DENIED;
				goto done;
			}
			free(cli.login);
			cli.login = xstrdup(who);
		} else if (!strcmp(a, "--script") && i + 1 < argc) {
			uio.script = argv[++i];
		} else if (!strcmp(a, "--dump") && i + 1 < argc) {
			uio.dump = argv[++i];
		} else if (!strcmp(a, "--")) {
			i++;
			break;
		} else {
			fprintf(stderr, "duban: unknown option '%s'\n", a);
			cli_help_all(stderr, cli_verbs);
			rc = ERR_USAGE;
			goto done;
		}
	}
	if (i < argc || (!uio.script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))) {
		/* the command line says it once, to a person */
		if (cs != CHARSET_OK && isatty(STDERR_FILENO))
			fprintf(stderr, "duban: %s\n", sb_str(&notice));
		/* the terminal UI draws on stdout itself: a command's output only */
		cli_stdio_begin(1);
	}
	if (i < argc) {
		rc = cli_main(&cli, argc - i, argv + i);
	} else if (!uio.script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		/* No command and no terminal: the plan list. */
		char *args[] = { (char *)"plans", NULL };
		rc = cli_main(&cli, 1, args);
	} else if (cs == CHARSET_NONE) {
		/* the terminal UI would draw blanks for every Chinese character */
		fprintf(stderr, "duban: %s\n", sb_str(&notice));
		rc = ERR_USAGE;
	} else if (!cli_store(&cli)) {
		rc = cli.store_rc;
	} else {
		/* No command: the terminal UI, which says it on its message line. */
		struct err e = { 0, "" };
		uio.db_path = cli.db_path;
		uio.notice = cs == CHARSET_SWITCHED ? sb_str(&notice) : NULL;
		rc = ui_main(cli.store, cli.login, &uio, &e) ? cli_fail(&e) : 0;
	}
done:
	rc = cli_stdio_end(rc);
	store_close(cli.store);
	free(cli.db_opt);
	free(cli.db_path);
	free(cli.datadir);
	free(cli.login);
	text_cleanup();
	sb_release(&notice);
	return rc;
}
