/* duban checklist: export a department's quarterly checklist (督办清单) as
 * text, Markdown, CSV or XLSX (src/checklist.c builds and renders it), or take
 * a filled-in CSV checklist back: all its rows recorded or none. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/checklist.h"
#include "src/checklist_import.h"
#include "src/checklist_xlsx.h"
#include "src/cli/cli.h"
#include "src/cli/write.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store_indicator.h"
#include "store/store_report.h"
#include "src/banned.h"

/* A filled-in checklist: the --all workbook of a national rollout is a few MB. */
#define CHECKLIST_FILE_MAX (64 * 1024 * 1024)

enum ck_format { CK_TXT, CK_MD, CK_CSV, CK_XLSX };

static const char *const ck_ext[] = { "txt", "md", "csv", "xlsx" };

/* --format FMT: an enum ck_format (NULL: txt), or -1. */
static int ck_format_parse(const char *s)
{
	int fmt = 0;
	if (!s)
		return CK_TXT;
	while (fmt < 4 && strcmp(s, ck_ext[fmt]))
		fmt++;
	return fmt < 4 ? fmt : -1;
}

/* The keys of the plans whose year is YEAR, or just PLAN when given. */
static int plans_for(struct cli *cli, int year, const char *plan, char ***keys, size_t *n, struct err *e)
{
	struct plan_info *pl;
	size_t np, cap = 0;
	int rc;
	*keys = NULL;
	*n = 0;
	if (plan) {
		struct plan_info p;
		if ((rc = store_plan_get(cli->store, plan, &p, e)))
			return rc == -ERR_NOTFOUND ? err_set(e, ERR_NOTFOUND, "no plan '%s'; 'duban plans' "
							     "lists the plans held", plan) : rc;
		store_plan_info_release(&p);
		*keys = xmalloc(sizeof **keys);
		(*keys)[0] = xstrdup(plan);
		*n = 1;
		return 0;
	}
	if ((rc = store_plan_list(cli->store, &pl, &np, e)))
		return rc;
	for (size_t i = 0; i < np; i++)
		if (pl[i].year == year) {
			xgrow(keys, &cap, *n + 1, sizeof **keys);
			(*keys)[(*n)++] = xstrdup(pl[i].key);
		}
	store_plan_list_free(pl, np);
	if (!*n)
		return err_set(e, ERR_NOTFOUND, "no plan for the year %d; 'duban plans' lists the plans "
			       "held, 'duban import FILE' adds one, --plan KEY chooses another", year);
	return 0;
}

/* A file name for DEPT's checklist: characters a file system or a shell
 * would trip on become '_'. Caller frees. */
static char *file_name_for(const char *dir, const char *period, const char *dept, const char *ext)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s/checklist-%s-", dir, period);
	for (const char *p = dept; *p; p++)
		sb_addc(&sb, ((unsigned char)*p < 0x20 || strchr("/\\:*?\"<>| ", *p)) ? '_' : *p);
	sb_addf(&sb, ".%s", ext);
	return sb_detach(&sb);
}

static void render(const struct checklist *c, int fmt, int bom, struct strbuf *sb)
{
	if (fmt == CK_TXT)
		checklist_txt(c, sb);
	else if (fmt == CK_MD)
		checklist_md(c, sb);
	else
		checklist_csv(c, bom, sb);
}

/* The checklists of a workbook, for cli_write_made. */
struct xlsx_arg { const struct checklist *v; size_t n; };
static int make_xlsx(const void *arg, const char *file, struct err *e)
{
	const struct xlsx_arg *x = arg;
	return checklist_xlsx(x->v, x->n, file, e);
}

/* Write the XLSX of the N checklists V to OUT (a file, or "-"/NULL: standard
 * output, when it is not a terminal). */
static int write_xlsx(const struct checklist *v, size_t n, const char *out, struct err *e)
{
	struct xlsx_arg x = { v, n };
	return cli_write_made(out, "an XLSX workbook", make_xlsx, &x, e);
}

/* Print S (after WHERE, when given) to F on one line: a cell's line breaks
 * and tabs become spaces; anything else it holds is left to the stream the
 * command line put on F, which escapes it when F is a terminal. */
static void print_line(FILE *f, const char *where, const char *s)
{
	if (where)
		fprintf(f, "%s: ", where);
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, f);
	fputc('\n', f);
}

static int checklist_import_file(struct cli *cli, const char *file, const char *dept_arg,
				 const char *period_arg, int dry, int backfill)
{
	struct checklist_import_opts o;
	struct checklist_import_result r;
	struct err e = { 0, "" };
	char *buf = NULL, *dept = NULL;
	size_t len;
	int rc;

	if (util_read_file(file, CHECKLIST_FILE_MAX, &buf, &len, &e))
		return cli_fail(&e);
	if (dept_arg && cli_dept(cli, dept_arg, &dept, &e)) {
		free(buf);
		return cli_fail(&e);
	}
	memset(&o, 0, sizeof o);
	o.login = cli->login;
	o.dept = dept;
	o.period = period_arg;
	o.dry_run = dry;
	o.backfill = backfill;
	rc = checklist_import(cli->store, buf, len, file, &o, &r, &e);
	free(buf);
	free(dept);
	/* a refused file lists every refused row on standard error, a taken
	 * one what became of each row on standard output */
	for (size_t i = 0; i < r.nlines; i++)
		if (!rc || r.lines[i].refused)
			print_line(rc ? stderr : stdout, r.lines[i].where, r.lines[i].text);
	if (rc) {
		/* the message may quote a cell: escaped like the rows */
		struct strbuf msg = STRBUF_INIT;
		sb_addf(&msg, "duban: %s", e.msg[0] ? e.msg : "unknown error");
		print_line(stderr, NULL, sb_str(&msg));
		sb_release(&msg);
		checklist_import_result_release(&r);
		return e.code ? e.code : ERR_INTERNAL;
	}
	print_line(stdout, NULL, r.summary);
	checklist_import_result_release(&r);
	return 0;
}

static int checklist_check(struct cli *cli, const struct cli_args *a)
{
	const char *period = cli_arg(a, OPT_PERIOD), *fmt = cli_arg(a, OPT_FORMAT);
	int all = cli_arg(a, OPT_ALL) != NULL;
	if (period && !period_valid(period))
		return cli_usage(cli, "invalid --period '%s': write a quarter like 2024Q3", period);
	if (ck_format_parse(fmt) < 0)
		return cli_usage(cli, "unknown format '%s': use txt, md, csv or xlsx", fmt);
	if (a->argc > 0 && !strcmp(a->argv[0], "import")) {
		if (a->argc != 2)
			return cli_usage(cli, "name one filled-in checklist: duban checklist import FILE.xlsx|FILE.csv");
		if (all || cli_arg(a, OPT_PLAN) || cli_arg(a, 'o') || cli_arg(a, OPT_FORMAT) ||
		    cli_arg(a, OPT_NO_BOM))
			return cli_usage(cli, "import takes only --dept, --period, --dry-run and --backfill");
		return 0;
	}
	if (a->argc > 0)
		return cli_usage(cli, "unexpected argument '%s'", a->argv[0]);
	if (cli_arg(a, OPT_DRY) || cli_arg(a, OPT_BACKFILL))
		return cli_usage(cli, "--%s goes with 'checklist import FILE'",
				 cli_arg(a, OPT_DRY) ? "dry-run" : "backfill");
	if (!period)
		return cli_usage(cli, "give the quarter with --period, like 2024Q3");
	if (!!cli_arg(a, OPT_DEPT) + all != 1)
		return cli_usage(cli, "give either --dept NAME or --all");
	if (all && ck_format_parse(fmt) == CK_CSV && !cli_arg(a, 'o'))
		return cli_usage(cli, "with --all, give a folder for the CSV files with -o DIR");
	return 0;
}

/* Append department DEPT to the N of *DEPTS, with no plans yet in its slot
 * of *PLANS and *NPLANS (the three arrays grow together, CAP their room). */
static void dept_add(char ***depts, char ****plans, size_t **nplans, size_t *n, size_t *cap, const char *dept)
{
	size_t old = *cap;
	xgrow(depts, cap, *n + 1, sizeof **depts);
	*plans = xrealloc(*plans, *cap * sizeof **plans);
	*nplans = xrealloc(*nplans, *cap * sizeof **nplans);
	memset(*plans + old, 0, (*cap - old) * sizeof **plans);
	memset(*nplans + old, 0, (*cap - old) * sizeof **nplans);
	(*depts)[(*n)++] = xstrdup(dept);
}

/* Leave out of the N departments DEPTS (with their plans) the pseudo-units
 * (联席会议成员单位, 有关部门): names a plan uses for "the members", not
 * offices that report. Their names go into SKIPPED, joined by "、". */
static int drop_pseudo(struct cli *cli, char **depts, char ***dept_plans, size_t *ndept_plans, size_t *n,
		       struct strbuf *skipped, struct err *e)
{
	char **v;
	size_t nv, keep = 0;
	if (store_dept_names(cli->store, "pseudo", &v, &nv, e))
		return -1;
	for (size_t i = 0; i < *n; i++) {
		int pseudo = 0;
		for (size_t k = 0; k < nv && !pseudo; k++)
			pseudo = !strcmp(v[k], depts[i]);
		if (pseudo) {
			sb_addf(skipped, "%s%s", skipped->len ? "、" : "", depts[i]);
			free(depts[i]);
			free(dept_plans[i]);
			continue;
		}
		depts[keep] = depts[i];
		dept_plans[keep] = dept_plans[i];
		ndept_plans[keep++] = ndept_plans[i];
	}
	*n = keep;
	store_strv_free(v, nv);
	return 0;
}

/* DIR without the slashes it ends with ("清单/" is "清单"; "/" stays). Caller frees. */
static char *dir_clean(const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return xstrndup(dir, n);
}

static int checklist_run(struct cli *cli, const struct cli_args *a)
{
	const char *period = cli_arg(a, OPT_PERIOD), *dept_arg = cli_arg(a, OPT_DEPT);
	const char *plan = cli_arg(a, OPT_PLAN), *out = cli_arg(a, 'o');
	struct checklist *lists = NULL;
	struct err e = { 0, "" };
	char **plans = NULL, **depts = NULL;
	char ***dept_plans = NULL;   /* with --all: per department, the plans it is on (borrowed keys) */
	struct strbuf skipped = STRBUF_INIT;
	size_t *ndept_plans = NULL;
	size_t nplans = 0, ndepts = 0, nlists = 0;
	int rc = 0, all = cli_arg(a, OPT_ALL) != NULL, bom = !cli_arg(a, OPT_NO_BOM);
	int fmt = ck_format_parse(cli_arg(a, OPT_FORMAT));

	if (a->argc > 0)
		return checklist_import_file(cli, a->argv[1], dept_arg, period, cli_arg(a, OPT_DRY) != NULL,
					     cli_arg(a, OPT_BACKFILL) != NULL);
	if (plans_for(cli, atoi(period), plan, &plans, &nplans, &e)) {
		rc = cli_fail(&e);
		goto done;
	}
	if (dept_arg) {
		depts = xmalloc(sizeof *depts);
		if (cli_dept(cli, dept_arg, &depts[0], &e)) {
			free(depts);
			depts = NULL;
			rc = cli_fail(&e);
			goto done;
		}
		ndepts = 1;
	} else {
		/* every department of the year's plans, and for each the plans it
		 * is on, so its checklist reads only those (not every plan) */
		size_t cap = 0;
		for (size_t p = 0; p < nplans; p++) {
			char **v;
			size_t n;
			if (store_plan_depts(cli->store, plans[p], &v, &n, &e)) {
				rc = cli_fail(&e);
				goto done;
			}
			for (size_t i = 0; i < n; i++) {
				size_t k = 0;
				while (k < ndepts && strcmp(depts[k], v[i]))
					k++;
				if (k == ndepts)
					dept_add(&depts, &dept_plans, &ndept_plans, &ndepts, &cap, v[i]);
				dept_plans[k] = xrealloc(dept_plans[k], (ndept_plans[k] + 1) * sizeof **dept_plans);
				dept_plans[k][ndept_plans[k]++] = plans[p];
			}
			store_strv_free(v, n);
		}
		{
			/* and the departments that report indicators and have no task
			 * in these plans: their checklist is their indicators */
			struct indicator *iv = NULL;
			size_t ni = 0;
			if (store_indicator_list(cli->store, NULL, NULL, &iv, &ni, &e)) {
				rc = cli_fail(&e);
				goto done;
			}
			for (size_t i = 0; i < ni; i++)
				for (size_t d = 0; d < iv[i].ndepts; d++) {
					size_t k = 0;
					while (k < ndepts && strcmp(depts[k], iv[i].depts[d]))
						k++;
					if (k == ndepts)
						dept_add(&depts, &dept_plans, &ndept_plans, &ndepts, &cap,
							 iv[i].depts[d]);
				}
			indicator_list_free(iv, ni);
		}
		if (drop_pseudo(cli, depts, dept_plans, ndept_plans, &ndepts, &skipped, &e)) {
			rc = cli_fail(&e);
			goto done;
		}
	}
	lists = xcalloc(ndepts ? ndepts : 1, sizeof *lists);
	for (size_t i = 0; i < ndepts; i++) {
		const char *const *dp = dept_plans ? (const char *const *)dept_plans[i] : (const char *const *)plans;
		size_t ndp = dept_plans ? ndept_plans[i] : nplans;
		if (checklist_build(cli->store, dp, ndp, depts[i], period, &lists[nlists], &e)) {
			if (e.code == ERR_NOTFOUND && dept_plans && !ndp) {
				/* it reports indicators, none of a plan in force */
				err_clear(&e);
				continue;
			}
			rc = cli_fail(&e);
			goto done;
		}
		nlists++;
	}
	if (fmt == CK_XLSX) {
		if (write_xlsx(lists, nlists, out, &e)) {
			rc = cli_fail(&e);
			goto done;
		}
		if (out && strcmp(out, "-"))
			printf("wrote '%s': %zu sheet%s (%s), %s\n", out, nlists, nlists == 1 ? "" : "s",
			       all ? "one per department" : lists[0].dept, period);
	} else if (all && out && strcmp(out, "-")) {
		struct stat sbuf;
		char *dir = dir_clean(out);
		int there = stat(dir, &sbuf) == 0;
		if (there ? !S_ISDIR(sbuf.st_mode) : mkdir(dir, 0777) != 0) {
			err_set(&e, ERR_IO, "cannot use '%s' as the folder for the checklists: %s; give a "
				"folder with -o DIR", dir, there ? "not a folder" : strerror(errno));
			rc = cli_fail(&e);
			free(dir);
			goto done;
		}
		for (size_t i = 0; i < nlists && !rc; i++) {
			struct strbuf sb = STRBUF_INIT;
			char *path = file_name_for(dir, period, lists[i].dept, ck_ext[fmt]);
			render(&lists[i], fmt, bom, &sb);
			rc = cli_write_file(path, sb_str(&sb), sb.len, &e);
			sb_release(&sb);
			free(path);
		}
		if (rc) {
			rc = cli_fail(&e);
			free(dir);
			goto done;
		}
		printf("wrote %zu checklists for %s into '%s' (checklist-%s-DEPARTMENT.%s)\n", nlists,
		       period, dir, period, ck_ext[fmt]);
		free(dir);
	} else {
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < nlists; i++) {
			if (i)
				sb_adds(&sb, fmt == CK_MD ? "\n---\n\n" : "\f\n");
			render(&lists[i], fmt, bom, &sb);
		}
		rc = cli_write_file(out, sb_str(&sb), sb.len, &e);
		sb_release(&sb);
		if (rc) {
			rc = cli_fail(&e);
			goto done;
		}
		if (out && strcmp(out, "-"))
			printf("wrote '%s': the %s checklist of %s (%zu tasks)\n", out, period,
			       nlists == 1 ? lists[0].dept : "every department",
			       nlists == 1 ? lists[0].nitems : (size_t)0);
	}
	if (skipped.len) {
		/* said on standard error: standard output may be the checklist */
		fprintf(stderr, "duban: left out the pseudo-units %s: names for a group, not offices "
			"that report; '--dept NAME' makes one's checklist\n", sb_str(&skipped));
	}
done:
	sb_release(&skipped);
	for (size_t i = 0; i < nlists; i++)
		checklist_release(&lists[i]);
	free(lists);
	for (size_t i = 0; dept_plans && i < ndepts; i++)
		free(dept_plans[i]);
	free(dept_plans);
	free(ndept_plans);
	store_strv_free(plans, nplans);
	store_strv_free(depts, ndepts);
	return rc;
}

static const struct option checklist_opts[] = {
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "plan", required_argument, NULL, OPT_PLAN },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "no-bom", no_argument, NULL, OPT_NO_BOM },
	{ "dry-run", no_argument, NULL, OPT_DRY },
	{ "backfill", no_argument, NULL, OPT_BACKFILL },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_checklist = {
	.name = "checklist",
	.usage = "checklist --period QUARTER (--dept NAME | --all) [--plan KEY] [--format txt|md|csv|xlsx] [--no-bom] [-o PATH [--force]] | "
		 "checklist import [--dry-run] [--backfill] [--dept NAME] [--period QUARTER] FILE",
	.summary = "export a department's quarterly checklist (督办清单), or import a filled-in one",
	.help = "  --period QUARTER     the quarter to report on, like 2024Q3\n"
		"  --dept NAME          one department's checklist (any spelling)\n"
		"  --all                every department of the plan (not the joint conference's\n"
		"                       pseudo-units): one file each into -o DIR, or with xlsx\n"
		"                       one workbook with a sheet each\n"
		"  --plan KEY           the plan (default: the plans of the quarter's year)\n"
		"  --format FMT         txt (default, printable, task by task), md, csv (for\n"
		"                       Excel/WPS) or xlsx (sized to print on A4 landscape)\n"
		"  -o, --output PATH    the file (or folder with --all); - or none: standard output\n"
		"  --no-bom             csv: no UTF-8 byte-order mark (Excel needs it to read Chinese)\n"
		"import FILE: take a filled-in checklist back, all rows or none: the workbook as\n"
		"Excel, WPS or LibreOffice saved it (.xlsx, the --all one too) or a CSV (UTF-8 or\n"
		"GB18030). Each row must keep its 任务编号 and 任务内容; 文号 and links in the\n"
		"evidence column become evidence; a row with no status is a note; rows recorded\n"
		"before are not recorded again, so importing a file twice changes nothing.\n"
		"  --dry-run            check and show, row by row, what would be recorded\n"
		"  --backfill           office: record for a quarter that is not open\n"
		"  --dept NAME          refuse the file unless it is this department's (in a\n"
		"                       workbook of several, take only its sheet)\n"
		"  --period QUARTER     refuse the file unless it is this quarter's\n",
	.opts = checklist_opts,
	.shortopts = "o:",
	.flags = CLI_STORE,
	.check = checklist_check,
	.run = checklist_run,
};
