/* duban report: the annual monitoring evaluation (年度监测评估) of a year's
 * plan as Markdown, one HTML page or JSON (src/report.c builds and renders). */
#include "src/cli/cli.h"
#include "src/cli/write.h"
#include "src/report.h"
#include "src/util.h"
#include "src/banned.h"

static const char *const report_fmts[] = { "md", "html", "json" };

/* --format FMT: an index into report_fmts (NULL: md), or -1. */
static int report_format(const char *s)
{
	int fmt = 0;
	if (!s)
		return 0;
	while (fmt < 3 && strcmp(s, report_fmts[fmt]))
		fmt++;
	return fmt < 3 ? fmt : -1;
}

static int report_check(struct cli *cli, const struct cli_args *a)
{
	const char *year = cli_arg(a, OPT_YEAR), *fmt = cli_arg(a, OPT_FORMAT);
	int y;
	if (year && cli_year(cli, year, &y))
		return ERR_USAGE;
	if (report_format(fmt) < 0)
		return cli_usage(cli, "unknown format '%s': use md, html or json", fmt);
	if (a->argc > 0)
		return cli_usage(cli, "unexpected argument '%s'", a->argv[0]);
	if (!year)
		return cli_usage(cli, "give the plan year with --year, like 2024");
	return 0;
}

static int report_run(struct cli *cli, const struct cli_args *a)
{
	const char *out = cli_arg(a, 'o');
	int fmt = report_format(cli_arg(a, OPT_FORMAT));
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0, "" };
	struct report r;
	int rc = 0, year;

	cli_year(cli, cli_arg(a, OPT_YEAR), &year);
	if (report_build(cli->store, year, cli_arg(a, OPT_PLAN), &r, &e))
		return cli_fail(&e);
	if (fmt == 0)
		report_md(&r, &sb);
	else if (fmt == 1)
		report_html(&r, &sb);
	else
		report_json(&r, &sb);
	if (cli_write_file(out, sb_str(&sb), sb.len, &e))
		rc = cli_fail(&e);
	else if (out && strcmp(out, "-"))
		printf("wrote '%s': the %d evaluation (%s, %d tasks, %d done, %d behind, %d silent)\n", out,
		       year, report_fmts[fmt], r.overall.total, r.overall.done, r.overall.behind,
		       r.overall.silent);
	sb_release(&sb);
	report_release(&r);
	return rc;
}

static const struct option report_opts[] = {
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "plan", required_argument, NULL, OPT_PLAN },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_report = {
	.name = "report",
	.usage = "report --year YEAR [--plan KEY] [--format md|html|json] [-o FILE [--force]]",
	.summary = "the annual monitoring evaluation (年度监测评估) of a year's plan",
	.help = "  --year YEAR          the plan year\n"
		"  --plan KEY           only this plan of the year\n"
		"  --format FMT         md (default), html (one self-contained page with charts) or json\n"
		"  -o, --output FILE    where to write (default: standard output)\n",
	.opts = report_opts,
	.shortopts = "o:",
	.flags = CLI_STORE,
	.check = report_check,
	.run = report_run,
};
