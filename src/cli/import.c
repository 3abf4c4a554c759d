/* duban import: parse plan documents in any of the formats src/doc.c reads
 * and store them all in one transaction (src/import.c does the work). */
#include <strings.h>

#include "src/cli/cli.h"
#include "src/import.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* --encoding ENC: an enum encoding, or -1 when it is none we read. */
static int encoding_parse(const char *enc)
{
	if (!strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8"))
		return ENC_UTF8;
	if (!strcasecmp(enc, "gb18030") || !strcasecmp(enc, "gbk"))
		return ENC_GB18030;
	return -1;
}

static int import_check(struct cli *cli, const struct cli_args *a)
{
	const char *key = cli_arg(a, OPT_KEY), *year = cli_arg(a, OPT_YEAR);
	const char *title = cli_arg(a, OPT_TITLE), *enc = cli_arg(a, OPT_ENC);
	int y;
	if (key && !import_key_valid(key))
		return cli_usage(cli, "invalid --key '%s': use 1 to 32 letters and digits, "
				 "like 2024 or gd2024", key);
	if (year && cli_year(cli, year, &y))
		return ERR_USAGE;
	if (title && (!*title || !text_valid_utf8(title, strlen(title))))
		return cli_usage(cli, "invalid --title: give a non-empty UTF-8 title");
	if (enc && encoding_parse(enc) < 0)
		return cli_usage(cli, "unknown --encoding '%s': use utf-8 or gb18030", enc);
	if (a->argc < 1)
		return cli_usage(cli, "name at least one plan document to import");
	if (key && a->argc > 1)
		return cli_usage(cli, "--key names one plan: import one file at a time with it");
	return 0;
}

static int import_run(struct cli *cli, const struct cli_args *a)
{
	const char *enc = cli_arg(a, OPT_ENC), *year = cli_arg(a, OPT_YEAR);
	struct import_opts o;
	struct dept_table t;
	struct strbuf tpath = STRBUF_INIT;
	struct err e = { 0, "" };
	int rc, worst = 0;

	memset(&o, 0, sizeof o);
	o.dry_run = cli_arg(a, OPT_DRY) != NULL;
	o.confirm = cli_arg(a, OPT_CONFIRM) != NULL;
	o.replace = cli_arg(a, OPT_REPLACE) != NULL;
	o.key = cli_arg(a, OPT_KEY);
	o.title = cli_arg(a, OPT_TITLE);
	if (year)
		cli_year(cli, year, &o.year);
	if (enc)
		o.encoding = (enum plan_encoding)encoding_parse(enc);
	o.who = cli->login;
	sb_addf(&tpath, "%s/departments.tsv", cli->datadir);
	if (dept_table_load(sb_str(&tpath), &t, &e)) {
		sb_release(&tpath);
		return cli_fail(&e);
	}
	sb_release(&tpath);
	o.depts = &t;
	{
		/* every file in one transaction: all imported, or none */
		struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT;
		rc = import_files(cli->store, a->argv, (size_t)a->argc, &o, &out, &warn, &e);
		fputs(sb_str(&warn), stderr);
		if (!rc)
			fputs(sb_str(&out), stdout);
		fflush(stdout);
		if (rc)
			worst = cli_fail(&e);
		sb_release(&out);
		sb_release(&warn);
	}
	dept_table_release(&t);
	return worst;
}

static const struct option import_opts[] = {
	{ "dry-run", no_argument, NULL, OPT_DRY },
	{ "confirm", no_argument, NULL, OPT_CONFIRM },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "encoding", required_argument, NULL, OPT_ENC },
	{ "replace", no_argument, NULL, OPT_REPLACE },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_import = {
	.name = "import",
	.usage = "import [--dry-run] [--key KEY] [--year YEAR] [--title TITLE] [--encoding utf-8|gb18030] [--replace] [--confirm] FILE...",
	.summary = "parse plan documents (text, web page, Word, PDF, task table) and store them",
	.help = "  --dry-run            parse and check, show the outline found and how a corrected\n"
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
		"'duban plan export' writes. Several files are imported together or not at all.\n",
	.opts = import_opts,
	.flags = CLI_STORE,
	.check = import_check,
	.run = import_run,
};
