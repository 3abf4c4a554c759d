/* duban's entry point: global options, the command table, help and dispatch.
 * With no command, duban opens the terminal UI. */
#include <dirent.h>
#include <getopt.h>
#include <locale.h>
#include <unistd.h>

#include "src/cli.h"
#include "src/import.h"
#include "src/paths.h"
#include "src/text.h"
#include "src/util.h"
#include "src/who.h"
#include "ui/ui.h"

const struct command cli_commands[] = {
	{ "import", cmd_import, "import [--dry-run] [--key KEY] [--year YEAR] [--title TITLE] [--encoding utf-8|gb18030] [--replace] [--confirm] FILE...",
	  "parse plan documents (text, web page, Word, PDF, task table) and store them",
	  "  --dry-run            parse and check, show the outline found and how a corrected\n"
	  "                       text's tasks match those held, store nothing\n"
	  "  --confirm            accept a corrected text that leaves records on a task whose\n"
	  "                       text changed beyond recognition, or on a retired task\n"
	  "  --key KEY            the plan's key (default: its year; e.g. gd2024 for a provincial plan)\n"
	  "  --year YEAR          the plan's year when the document does not say\n"
	  "  --title TITLE        the plan's title instead of the document's\n"
	  "  --encoding ENC       utf-8 or gb18030 instead of detecting it\n"
	  "  --replace            let this document replace a plan with another title under KEY\n"
	  "Formats, found from the content: text (UTF-8 or GB18030), a web page as saved\n"
	  "(.html), Word (.docx), PDF with a text layer, a task table (.xlsx, .csv) such as\n"
	  "'duban plan export' writes. Several files are imported together or not at all.\n" },
	{ "plan", cmd_plan, "plan export KEY [--format xlsx|csv] [-o FILE] [--no-bom]",
	  "write a plan as a task table to correct and import again",
	  "  --format FMT         xlsx (default) or csv\n"
	  "  -o, --output FILE    where to write (default: standard output, not for xlsx on a terminal)\n"
	  "  --no-bom             csv: no UTF-8 byte-order mark\n"
	  "The table has a row per task: 任务编号 (its id), 章, 节, 任务, 牵头单位, 参与单位\n"
	  "(as the document wrote them; an open list ends in 等) and 部门原文. Imported\n"
	  "again, it replaces the plan's chapters, sections, texts and departments; the\n"
	  "ids keep each task and its records, a row without an id is a new task, a task\n"
	  "left out is retired.\n" },
	{ "plans", cmd_plans, "plans [--format table|tsv|csv|json]",
	  "list the plans in the database",
	  "  --format FMT         table (default), tsv, csv or json\n" },
	{ "depts", cmd_depts, "depts [--aliases] [--format table|tsv|csv|json]",
	  "list departments with their lead and participant task counts",
	  "  --aliases            also list other spellings (^ marks a predecessor)\n"
	  "  --format FMT         table (default), tsv, csv or json\n" },
	{ "tasks", cmd_tasks, "tasks [--plan KEY] [--dept NAME] [--role lead|participant] [--search TEXT] [--format FMT]",
	  "list tasks",
	  "  --plan KEY           only this plan (2024, FYP14, gd2024)\n"
	  "  --dept NAME          only tasks this department leads or takes part in (any spelling)\n"
	  "  --role ROLE          with --dept: lead or participant\n"
	  "  --search TEXT        text or department contains TEXT (simplified or traditional)\n"
	  "  --format FMT         table (default), tsv, csv or json\n" },
	{ "show", cmd_show, "show TASK-ID",
	  "show one task (e.g. 2024-105) in full",
	  "  --format FMT         text (default) or json\n" },
	{ "record", cmd_record, "record TASK-ID --status STATUS [--dept NAME] [--period 2024Q3] [--note TEXT | --note-file FILE] [--based-on RECORD]",
	  "record a department's status and progress note on a task",
	  "  --status STATUS      not-started, in-progress, behind, done or ongoing (or 未启动 推进中 滞后 已完成 持续推进)\n"
	  "  --dept NAME          the department (default: the liaison's own)\n"
	  "  --period QUARTER     the quarter reported on, like 2024Q3 (default: the current one)\n"
	  "  --note TEXT          the progress note (进展情况); required for behind\n"
	  "  --note-file FILE     read the note from FILE (- for standard input)\n"
	  "                       without either, on a terminal, $EDITOR opens\n"
	  "  --based-on RECORD    the record id you saw; warns if someone recorded since\n" },
	{ "attach", cmd_attach, "attach TASK-ID [--dept NAME] (FILE | --docno TEXT | --url URL) [--title TEXT] [--record RECORD]",
	  "attach evidence (佐证材料): a file, a document number (文号) or a link",
	  "  --dept NAME          the department (default: the liaison's own)\n"
	  "  --docno TEXT         an official document number, e.g. 国知发保字〔2024〕3号\n"
	  "  --url URL            a link (http:// or https://)\n"
	  "  --title TEXT         what it is (default: the file name, number or link)\n"
	  "  --record RECORD      tie it to a progress record\n" },
	{ "review", cmd_review, "review TASK-ID approve | return --reason TEXT",
	  "approve or return a lead department's close-off (销号); office only",
	  "  --reason TEXT        why it is returned (the department sees it)\n" },
	{ "history", cmd_history, "history TASK-ID [--format FMT]",
	  "every record, review and attachment of a task in time order",
	  "  --format FMT         table (default), tsv, csv or json\n" },
	{ "evidence", cmd_evidence, "evidence list [--task ID] [--dept NAME] [--format FMT] | evidence get ID -o FILE [--force]",
	  "list evidence, or write a stored file back out byte for byte",
	  "  --task ID            list: only this task\n"
	  "  --dept NAME          list: only this department\n"
	  "  -o, --output FILE    get: where to write (- for standard output); never elsewhere\n"
	  "  --force              get: replace FILE if it exists\n"
	  "  --format FMT         list: table (default), tsv, csv or json\n" },
	{ "status", cmd_status, "status [--plan KEY] [--dept NAME] [--format FMT]",
	  "current status of every task with roll-ups per plan, chapter and section",
	  "  --plan KEY           only this plan\n"
	  "  --dept NAME          only tasks this department leads or takes part in\n"
	  "  --format FMT         table (default, with roll-ups), tsv, csv or json (with roll-ups)\n" },
	{ "user", cmd_user, "user add LOGIN --role liaison|office|viewer [--dept NAME] | user list | user remove LOGIN",
	  "manage who may record what (office only to change)",
	  "  --role ROLE          liaison (records for its department), office (everything), viewer (reads)\n"
	  "  --dept NAME          the liaison's department\n"
	  "  --format FMT         list: table (default), tsv, csv or json\n" },
	{ "config", cmd_config, "config [evidence.max_bytes [BYTES]]",
	  "show or change settings (office only to change)",
	  "" },
	{ "checklist", cmd_checklist, "checklist --period 2024Q3 (--dept NAME | --all) [--format txt|md|csv|xlsx] [-o FILE|DIR|-] | checklist import FILE.csv [--dry-run]",
	  "export a department's quarterly checklist (督办清单), or import a filled-in one",
	  "  --period QUARTER     the quarter to report on, like 2024Q3\n"
	  "  --dept NAME          one department's checklist (any spelling)\n"
	  "  --all                every department of the plan: one file each into -o DIR,\n"
	  "                       or with xlsx one workbook with a sheet each\n"
	  "  --plan KEY           the plan (default: the plans of the quarter's year)\n"
	  "  --format FMT         txt (default, printable), md, csv (for Excel/WPS) or xlsx\n"
	  "  -o, --output PATH    the file (or folder with --all); - or none: standard output\n"
	  "  --no-bom             csv: no UTF-8 byte-order mark (Excel needs it to read Chinese)\n"
	  "import FILE.csv: take a filled-in checklist back (UTF-8 or GB18030 CSV), all rows or none:\n"
	  "  --dry-run            check and show what would be recorded, record nothing\n"
	  "  --dept NAME          refuse the file unless it is this department's\n"
	  "  --period QUARTER     refuse the file unless it is this quarter's\n" },
	{ "report", cmd_report, "report --year 2024 [--plan KEY] [--format md|html|json] [-o FILE|-]",
	  "the annual monitoring evaluation (年度监测评估) of a year's plan",
	  "  --year YEAR          the plan year\n"
	  "  --plan KEY           only this plan of the year\n"
	  "  --format FMT         md (default), html (one self-contained page with charts) or json\n"
	  "  -o, --output FILE    where to write (default: standard output)\n" },
	{ "carryover", cmd_carryover, "carryover --year 2025 [--format table|tsv|csv|json]",
	  "tasks of a year's plan that continue a task of the previous year's plan",
	  "  --year YEAR          the later plan's year\n"
	  "  --format FMT         table (default), tsv, csv or json\n" },
	{ NULL, NULL, NULL, NULL, NULL }
};

static void usage_all(FILE *f)
{
	fputs("usage: duban [--db PATH] [COMMAND [ARGS]]\n\n"
	      "duban (督办) tracks how the annual intellectual-property plans are carried out.\n"
	      "With no command it opens the plans in the terminal.\n\ncommands:\n", f);
	for (const struct command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("  help       show the help of a command: duban help COMMAND\n\n"
	      "global options:\n"
	      "  --db PATH            the database (default $DUBAN_DB, else\n"
	      "                       $XDG_DATA_HOME/duban/duban.db)\n"
	      "  --as LOGIN           act as another user (root only: administration, tests)\n"
	      "  --color=WHEN         auto (default), always or never; NO_COLOR also turns it off\n"
	      "  --script FILE        run the UI on the keystrokes in FILE (for tests)\n"
	      "  --dump FILE          with --script: write the last screen to FILE\n"
	      "  --help               this help\n"
	      "  --version            the version\n\n"
	      "exit status: 0 ok, 1 internal error, 2 usage, 3 bad input, 4 not found,\n"
	      "5 refused by the role rules, 6 conflict, 7 database unusable, 8 file error.\n"
	      "See duban(1).\n", f);
}

void cli_help(FILE *f, const char *command)
{
	if (command) {
		for (const struct command *c = cli_commands; c->name; c++) {
			if (!strcmp(c->name, command)) {
				fprintf(f, "usage: duban %s\n\n%s\n\noptions:\n%s"
					"  --db PATH            the database\n"
					"  --help               this help\n", c->usage, c->summary, c->help);
				return;
			}
		}
	}
	usage_all(f);
}

int cli_fail(const struct err *e)
{
	fprintf(stderr, "duban: %s\n", e->msg[0] ? e->msg : "unknown error");
	return e->code ? e->code : ERR_INTERNAL;
}

int cli_usage(const char *command, const char *fmt, ...)
{
	va_list ap;
	fputs("duban: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (const struct command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, command))
			fprintf(stderr, "usage: duban %s\n", c->usage);
	return ERR_USAGE;
}

int cli_format_opt(const char *cmd, int *fmt)
{
	int f = out_format_parse(optarg);
	if (f < 0)
		return cli_usage(cmd, "unknown format '%s': use table, tsv, csv or json", optarg);
	*fmt = f;
	return 0;
}

int cli_common_opt(struct cli *cli, const char *cmd, int c, int *rc)
{
	switch (c) {
	case OPT_DB:
		free(cli->db_opt);
		cli->db_opt = xstrdup(optarg);
		return 1;
	case OPT_HELP:
		cli_help(stdout, cmd);
		*rc = 0;
		return -1;
	case '?':
	case ':':
		*rc = cli_usage(cmd, "see the options below");
		return -1;
	}
	return 0;
}

int cli_seed(struct cli *cli, struct store *s)
{
	struct dept_table t;
	struct err e = { 0, "" };
	struct strbuf dir = STRBUF_INIT, names = STRBUF_INIT;
	char **files = NULL;
	size_t nfiles = 0, cap = 0;
	int rc = 0;

	sb_addf(&dir, "%s/departments.tsv", cli->datadir);
	if (dept_table_load(sb_str(&dir), &t, &e)) {
		fprintf(stderr, "duban: warning: %s; the new database has no bundled plans\n", e.msg);
		sb_release(&dir);
		return 0;
	}
	sb_reset(&dir);
	sb_addf(&dir, "%s/plans", cli->datadir);
	/* the *.txt files in plans/, in name order */
	{
		DIR *d = opendir(sb_str(&dir));
		struct dirent *de;
		while (d && (de = readdir(d))) {
			size_t n = strlen(de->d_name);
			if (n > 4 && !strcmp(de->d_name + n - 4, ".txt")) {
				struct strbuf p = STRBUF_INIT;
				sb_addf(&p, "%s/%s", sb_str(&dir), de->d_name);
				xgrow(&files, &cap, nfiles + 1, sizeof *files);
				files[nfiles++] = sb_detach(&p);
			}
		}
		if (d)
			closedir(d);
	}
	for (size_t i = 0; i < nfiles; i++)
		for (size_t j = i + 1; j < nfiles; j++)
			if (strcmp(files[i], files[j]) > 0) {
				char *x = files[i];
				files[i] = files[j];
				files[j] = x;
			}
	for (size_t i = 0; i < nfiles; i++) {
		struct import_opts o;
		struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT;
		memset(&o, 0, sizeof o);
		o.who = cli->login;
		o.depts = &t;
		err_clear(&e);
		if (import_file(s, files[i], &o, &out, &warn, &e)) {
			fprintf(stderr, "duban: warning: bundled plan not imported: %s\n", e.msg);
			rc = 1;
		} else if (!util_starts_with(sb_str(&out), "skipped")) {
			const char *p = strstr(sb_str(&out), "as plan ");
			if (p) {
				p += 8;
				sb_adds(&names, names.len ? ", " : "");
				sb_add(&names, p, strcspn(p, " "));
			}
		}
		sb_release(&out);
		sb_release(&warn);
	}
	if (nfiles == 0)
		fprintf(stderr, "duban: warning: no bundled plans in '%s'; import plans with 'duban import FILE'\n",
			sb_str(&dir));
	else
		fprintf(stderr, "duban: created database '%s' with the bundled plans %s\n",
			store_path(s), sb_str(&names));
	store_strv_free(files, nfiles);
	dept_table_release(&t);
	sb_release(&dir);
	sb_release(&names);
	return rc;
}

struct store *cli_store(struct cli *cli)
{
	struct err e = { 0, "" };
	if (cli->store)
		return cli->store;
	if (!cli->db_path) {
		cli->db_path = paths_db(cli->db_opt, &e);
		if (!cli->db_path) {
			cli_fail(&e);
			return NULL;
		}
	}
	if (store_open(cli->db_path, STORE_CREATE, &cli->store, &e)) {
		cli_fail(&e);
		return NULL;
	}
	if (store_created(cli->store))
		cli_seed(cli, cli->store);
	return cli->store;
}

int cli_dept(struct cli *cli, const char *arg, char **dept, struct err *e)
{
	char *key, **sugg = NULL;
	size_t n = 0;
	/* A name written as its key already (国家知识产权局) is found without
	 * computing one: that would load OpenCC, a tenth of a listing's work.
	 * A key is its own key, so this finds what the key would. */
	int rc = store_dept_lookup(cli->store, arg, dept, NULL, e);
	if (rc != -ERR_NOTFOUND)
		return rc;
	err_clear(e);
	key = text_match_key(arg);
	rc = store_dept_lookup(cli->store, key, dept, NULL, e);
	if (rc != -ERR_NOTFOUND) {
		free(key);
		return rc;
	}
	rc = store_dept_suggest(cli->store, key, 3, &sugg, &n, e);
	free(key);
	if (rc)
		return rc;
	if (n) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < n; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", sugg[i]);
		rc = err_set(e, ERR_NOTFOUND, "unknown department '%s'; did you mean %s? "
			     "('duban depts --aliases' lists every spelling)", arg, sb_str(&sb));
		sb_release(&sb);
	} else {
		rc = err_set(e, ERR_NOTFOUND, "unknown department '%s'; 'duban depts --aliases' lists "
			     "every spelling", arg);
	}
	store_strv_free(sugg, n);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct ui_opts uio = { -1, NULL, NULL, NULL };
	int i, rc;

	setlocale(LC_ALL, "");
	memset(&cli, 0, sizeof cli);
	cli.prog = "duban";
	cli.login = who_login();
	cli.datadir = paths_datadir();

	/* global options before the command */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage_all(stdout);
			rc = 0;
			goto done;
		} else if (!strcmp(a, "--version")) {
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
			usage_all(stderr);
			rc = ERR_USAGE;
			goto done;
		}
	}
	if (i >= argc) {
		/* No command: the terminal UI, or the plan list when there is no terminal. */
		struct err e = { 0, "" };
		if (!uio.script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
			char *args[] = { (char *)"plans", NULL };
			rc = cmd_plans(&cli, 1, args);
			goto done;
		}
		if (!cli_store(&cli)) {
			rc = ERR_DB;
			goto done;
		}
		uio.db_path = cli.db_path;
		rc = ui_main(cli.store, cli.login, &uio, &e) ? cli_fail(&e) : 0;
		goto done;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc) {
			const struct command *c;
			for (c = cli_commands; c->name && strcmp(c->name, argv[i + 1]); c++)
				;
			if (!c->name) {
				fprintf(stderr, "duban: no command '%s'; 'duban help' lists them\n", argv[i + 1]);
				rc = ERR_USAGE;
				goto done;
			}
		}
		cli_help(stdout, i + 1 < argc ? argv[i + 1] : NULL);
		rc = 0;
		goto done;
	}
	rc = -1;
	for (const struct command *c = cli_commands; c->name; c++) {
		if (!strcmp(c->name, argv[i])) {
			optind = 0;
			rc = c->fn(&cli, argc - i, argv + i);
			break;
		}
	}
	if (rc == -1) {
		fprintf(stderr, "duban: no command '%s'; 'duban help' lists them\n", argv[i]);
		rc = ERR_USAGE;
	}
done:
	store_close(cli.store);
	free(cli.db_opt);
	free(cli.db_path);
	free(cli.datadir);
	free(cli.login);
	text_cleanup();
	return rc;
}
