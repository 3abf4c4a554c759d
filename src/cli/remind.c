/* duban remind: the reminders (催办单) of a reporting period, per department
 * the tasks not reported, returned or behind (src/bulletin.c computes them,
 * src/remind.c writes them), as Markdown, HTML for printing, a mail-merge CSV
 * or JSON; into one file, or one file per department into a folder. The
 * office's for every department; a liaison sees its own department's. */
#include <errno.h>
#include <sys/stat.h>

#include "src/bulletin.h"
#include "src/cli/cli.h"
#include "src/cli/write.h"
#include "src/remind.h"
#include "src/status.h"
#include "src/util.h"
#include "src/banned.h"

static const char *const remind_fmts[] = { "md", "html", "csv", "json" };
enum { RM_MD, RM_HTML, RM_CSV, RM_JSON };

/* --format FMT: an index into remind_fmts (NULL: md), or -1. */
static int remind_format(const char *s)
{
	int fmt = 0;
	if (!s)
		return RM_MD;
	while (fmt < 4 && strcmp(s, remind_fmts[fmt]))
		fmt++;
	return fmt < 4 ? fmt : -1;
}

/* -o PATH names a folder: one that exists, or a path ending in '/'. */
static int is_folder(const char *out)
{
	struct stat st;
	size_t n = out ? strlen(out) : 0;
	return n && strcmp(out, "-") && ((stat(out, &st) == 0 && S_ISDIR(st.st_mode)) || out[n - 1] == '/');
}

static int remind_check(struct cli *cli, const struct cli_args *a)
{
	const char *period = cli_arg(a, OPT_PERIOD), *fmt = cli_arg(a, OPT_FORMAT);
	int f = remind_format(fmt);
	if (period && !period_valid(period))
		return cli_usage(cli, "invalid --period '%s': write a quarter like 2025Q4", period);
	if (f < 0)
		return cli_usage(cli, "unknown format '%s': use md, html, csv or json", fmt);
	if (a->argc > 0)
		return cli_usage(cli, "unexpected argument '%s'", a->argv[0]);
	if ((f == RM_CSV || f == RM_JSON) && is_folder(cli_arg(a, 'o')))
		return cli_usage(cli, "%s is one file for every department: give -o FILE, not the folder "
				 "'%s' (a folder takes md or html, one file per department)",
				 remind_fmts[f], cli_arg(a, 'o'));
	return 0;
}

static void render(const struct bulletin *b, const size_t *order, size_t n, int fmt, int bom,
		   struct strbuf *sb)
{
	if (fmt == RM_MD)
		remind_md(b, order, n, sb);
	else if (fmt == RM_HTML)
		remind_html(b, order, n, sb);
	else if (fmt == RM_CSV)
		remind_csv(b, order, n, bom, sb);
	else
		remind_json(b, order, n, sb);
}

/* One file per department into the folder DIR: remind-PERIOD-DEPT.EXT. */
static int write_folder(const struct bulletin *b, const size_t *order, size_t n, int fmt,
			const char *dir, struct err *e)
{
	struct stat st;
	if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0)
		return err_set(e, ERR_IO, "cannot make the folder '%s' for the reminders: %s; give a "
			       "folder with -o DIR/", dir, strerror(errno));
	for (size_t i = 0; i < n; i++) {
		struct strbuf path = STRBUF_INIT, sb = STRBUF_INIT;
		int rc;
		sb_addf(&path, "%s%sremind-%s-", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", b->period);
		for (const char *p = b->depts[order[i]].dept; *p; p++)
			sb_addc(&path, ((unsigned char)*p < 0x20 || strchr("/\\:*?\"<>| ", *p)) ? '_' : *p);
		sb_addf(&path, ".%s", remind_fmts[fmt]);
		render(b, order + i, 1, fmt, 0, &sb);
		rc = cli_write_file(sb_str(&path), sb_str(&sb), sb.len, e);
		sb_release(&sb);
		sb_release(&path);
		if (rc)
			return rc;
	}
	return 0;
}

static int remind_run(struct cli *cli, const struct cli_args *a)
{
	const char *dept_arg = cli_arg(a, OPT_DEPT), *out = cli_arg(a, 'o');
	int fmt = remind_format(cli_arg(a, OPT_FORMAT)), bom = !cli_arg(a, OPT_NO_BOM), rc = 0;
	struct err e = { 0, "" };
	struct bulletin b;
	char period[8], *dept = NULL, *own = NULL;
	size_t *order = NULL, n;

	memset(&b, 0, sizeof b);
	if (dept_arg && cli_dept(cli, dept_arg, &dept, &e))
		return cli_fail(&e);
	if (bulletin_check_remind(cli->store, cli->login, dept, &own, &e))
		goto fail;
	if (own && !dept)
		dept = xstrdup(own);
	if (cli_arg(a, OPT_PERIOD))
		snprintf(period, sizeof period, "%s", cli_arg(a, OPT_PERIOD));
	else if (bulletin_default_period(cli->store, period, &e))
		goto fail;
	if (bulletin_build(cli->store, period, &b, &e) || (dept && bulletin_keep_dept(&b, dept, &e)))
		goto fail;
	n = remind_order(&b, dept != NULL, &order);
	if (is_folder(out)) {
		if (write_folder(&b, order, n, fmt, out, &e))
			goto fail;
		printf("wrote %zu reminder%s for %s into '%s' (remind-%s-DEPARTMENT.%s); %zu of %zu "
		       "departments have nothing to chase\n", n, n == 1 ? "" : "s", period, out, period,
		       remind_fmts[fmt], b.ndepts - n, b.ndepts);
	} else {
		struct strbuf sb = STRBUF_INIT;
		render(&b, order, n, fmt, bom, &sb);
		rc = cli_write_file(out, sb_str(&sb), sb.len, &e);
		sb_release(&sb);
		if (rc)
			goto fail;
		if (out && strcmp(out, "-"))
			printf("wrote '%s': %zu reminder%s for %s (%s); %zu of %zu departments have nothing "
			       "to chase\n", out, n, n == 1 ? "" : "s", period, remind_fmts[fmt],
			       b.ndepts - n, b.ndepts);
	}
	goto done;
fail:
	rc = cli_fail(&e);
done:
	free(order);
	free(dept);
	free(own);
	bulletin_release(&b);
	return rc;
}

static const struct option remind_opts[] = {
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "no-bom", no_argument, NULL, OPT_NO_BOM },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_remind = {
	.name = "remind",
	.usage = "remind [--period QUARTER] [--dept NAME] [--format md|html|csv|json] [--no-bom] [-o FILE|DIR/]",
	.summary = "the reminders (催办单) of a period: per department the tasks not reported, returned or behind",
	.help = "  --period QUARTER     the reporting period, like 2025Q4 (default: the newest open one)\n"
		"  --dept NAME          only this department (a liaison: its own, the default)\n"
		"  --format FMT         md (default), html (a page per department, for printing on A4),\n"
		"                       csv (a line per department for a mail merge) or json\n"
		"  -o, --output PATH    a file, or a folder (existing, or ending in /) for one md or html\n"
		"                       file per department; - or none: standard output\n"
		"  --no-bom             csv: no UTF-8 byte-order mark\n"
		"A task is chased when the department has no status record for the period, or\n"
		"its close-off stands returned, or it is behind; tasks closed off before the period\n"
		"are not. The office sees every department's; a liaison only its own.\n",
	.opts = remind_opts,
	.shortopts = "o:",
	.flags = CLI_STORE,
	.check = remind_check,
	.run = remind_run,
};
