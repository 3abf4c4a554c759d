/* duban bulletin: the office's bulletin (情况通报) of a reporting period, per
 * department its tasks, reports on time, late and missing, behind, closed off,
 * returned and its evidence rate, ranked, with a ranking text and the year's
 * quarters as a trend (src/bulletin.c computes, src/bulletin_render.c
 * writes): Markdown, HTML, JSON or XLSX. The office's only. */
#include "src/bulletin.h"
#include "src/bulletin_render.h"
#include "src/cli/cli.h"
#include "src/cli/write.h"
#include "src/status.h"
#include "src/util.h"
#include "src/banned.h"

static const char *const bulletin_fmts[] = { "md", "html", "json", "xlsx" };
enum { BU_MD, BU_HTML, BU_JSON, BU_XLSX };

/* --format FMT: an index into bulletin_fmts (NULL: md), or -1. */
static int bulletin_format(const char *s)
{
	int fmt = 0;
	if (!s)
		return BU_MD;
	while (fmt < 4 && strcmp(s, bulletin_fmts[fmt]))
		fmt++;
	return fmt < 4 ? fmt : -1;
}

static int bulletin_check(struct cli *cli, const struct cli_args *a)
{
	const char *period = cli_arg(a, OPT_PERIOD), *fmt = cli_arg(a, OPT_FORMAT);
	if (period && !period_valid(period))
		return cli_usage(cli, "invalid --period '%s': write a quarter like 2025Q4", period);
	if (bulletin_format(fmt) < 0)
		return cli_usage(cli, "unknown format '%s': use md, html, json or xlsx", fmt);
	if (a->argc > 0)
		return cli_usage(cli, "unexpected argument '%s'", a->argv[0]);
	return 0;
}

static int make_xlsx(const void *arg, const char *file, struct err *e)
{
	return bulletin_xlsx(arg, file, e);
}

static int bulletin_run(struct cli *cli, const struct cli_args *a)
{
	const char *out = cli_arg(a, 'o');
	int fmt = bulletin_format(cli_arg(a, OPT_FORMAT)), rc = 0;
	struct err e = { 0, "" };
	struct bulletin b;
	char period[8];

	memset(&b, 0, sizeof b);
	if (bulletin_check_office(cli->store, cli->login, &e))
		return cli_fail(&e);
	if (cli_arg(a, OPT_PERIOD))
		snprintf(period, sizeof period, "%s", cli_arg(a, OPT_PERIOD));
	else if (bulletin_default_period(cli->store, period, &e))
		return cli_fail(&e);
	if (bulletin_build(cli->store, period, &b, &e)) {
		rc = cli_fail(&e);
	} else if (fmt == BU_XLSX) {
		if (cli_write_made(out, "an XLSX workbook", make_xlsx, &b, &e))
			rc = cli_fail(&e);
	} else {
		struct strbuf sb = STRBUF_INIT;
		if (fmt == BU_MD)
			bulletin_md(&b, &sb);
		else if (fmt == BU_HTML)
			bulletin_html(&b, &sb);
		else
			bulletin_json(&b, &sb);
		if (cli_write_file(out, sb_str(&sb), sb.len, &e))
			rc = cli_fail(&e);
		sb_release(&sb);
	}
	if (!rc && out && strcmp(out, "-")) {
		const struct bulletin_figures *t = &b.total[b.nq - 1];
		printf("wrote '%s': the %s bulletin (%s, %zu departments, %d tasks due a report: %d on "
		       "time, %d late, %d not reported)\n", out, period, bulletin_fmts[fmt], b.ndepts,
		       t->expected, t->on_time, t->late, t->silent);
	}
	bulletin_release(&b);
	return rc;
}

static const struct option bulletin_opts[] = {
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_bulletin = {
	.name = "bulletin",
	.usage = "bulletin [--period QUARTER] [--format md|html|json|xlsx] [-o FILE]",
	.summary = "the bulletin (情况通报) of a period: each department's reports ranked, and the year's trend",
	.help = "  --period QUARTER     the reporting period, like 2025Q4 (default: the newest open one);\n"
		"                       it must have been opened, for its due date\n"
		"  --format FMT         md (default), html (one page with charts), json or xlsx (A4 landscape)\n"
		"  -o, --output FILE    where to write (default: standard output; xlsx not to a terminal)\n"
		"On time: the department's first status record for the period was made by the due\n"
		"date (end of that day, local time). Ranked by on-time rate, then fewer not\n"
		"reported, late, behind, returned. The office's only.\n",
	.opts = bulletin_opts,
	.shortopts = "o:",
	.flags = CLI_STORE,
	.check = bulletin_check,
	.run = bulletin_run,
};
