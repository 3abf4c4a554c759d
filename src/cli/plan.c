/* duban plan export: a plan as a task table (src/plan_export.c) to check,
 * correct in Excel/WPS and import again, keeping each task and its records
 * by its id. */
#include "src/cli/cli.h"
#include "src/cli/write.h"
#include "src/plan_export.h"
#include "src/util.h"
#include "src/banned.h"

static int plan_check(struct cli *cli, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, OPT_FORMAT);
	if (a->argc < 1 || strcmp(a->argv[0], "export"))
		return cli_usage(cli, a->argc ? "unknown subcommand '%s': use export"
				 : "name a subcommand: export%s", a->argc ? a->argv[0] : "");
	if (a->argc != 2)
		return cli_usage(cli, "name one plan to export, like 'duban plan export 2024'");
	if (fmt && strcmp(fmt, "xlsx") && strcmp(fmt, "csv"))
		return cli_usage(cli, "unknown --format '%s': use xlsx or csv", fmt);
	return 0;
}

static int export_xlsx(const void *arg, const char *file, struct err *e)
{
	return plan_export_xlsx(arg, file, e);
}

static int plan_run(struct cli *cli, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, OPT_FORMAT), *out = cli_arg(a, 'o');
	struct plan_export x;
	struct err e = { 0, "" };
	int rc;

	if ((rc = plan_export_build(cli->store, a->argv[1], &x, &e)))
		return cli_fail(&e);
	if (fmt && !strcmp(fmt, "csv")) {
		struct strbuf sb = STRBUF_INIT;
		plan_export_csv(&x, cli_arg(a, OPT_NO_BOM) == NULL, &sb);
		rc = cli_write_file(out, sb.buf ? sb.buf : "", sb.len, &e);
		sb_release(&sb);
	} else {
		rc = cli_write_made(out, "an XLSX workbook", export_xlsx, &x, &e);
	}
	plan_export_release(&x);
	return rc ? cli_fail(&e) : 0;
}

static const struct option plan_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "no-bom", no_argument, NULL, OPT_NO_BOM },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_plan = {
	.name = "plan",
	.usage = "plan export KEY [--format xlsx|csv] [-o FILE] [--no-bom]",
	.summary = "write a plan as a task table to correct and import again",
	.help = "  --format FMT         xlsx (default) or csv\n"
		"  -o, --output FILE    where to write (default: standard output, not for xlsx on a terminal)\n"
		"  --no-bom             csv: no UTF-8 byte-order mark\n"
		"The table has a row per task: 任务编号 (its id), 章, 节, 任务, 牵头单位, 参与单位\n"
		"(as the document wrote them; an open list ends in 等) and 部门原文. Imported\n"
		"again, it replaces the plan's chapters, sections, texts and departments; the\n"
		"ids keep each task and its records, a row without an id is a new task, a task\n"
		"left out is retired.\n",
	.opts = plan_opts,
	.shortopts = "o:",
	.flags = CLI_STORE,
	.check = plan_check,
	.run = plan_run,
};
