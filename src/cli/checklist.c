/* duban checklist: export a department's quarterly checklist (督办清单) as
 * text, Markdown, CSV or XLSX (src/checklist.c builds and renders it), or take
 * a filled-in CSV checklist back: all its rows recorded or none. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/checklist.h"
#include "src/cli/cli.h"
#include "src/cli/write.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store_indicator.h"
#include "store/store_report.h"
#include "src/banned.h"

#define CSV_MAX (20 * 1024 * 1024)

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

/* A refused row of a checklist being imported. */
struct refused { size_t line; const char *msg; int code; };

static int refused_cmp(const void *a, const void *b)
{
	const struct refused *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int checklist_import(struct cli *cli, const char *file, const char *dept_arg,
			    const char *period_arg, int dry)
{
	struct checklist_file f;
	struct progress_in *in = NULL;
	struct ind_value_in *iin = NULL;
	struct ind_record_result *ires = NULL;
	struct err e = { 0, "" }, *row_errs = NULL, *ind_errs = NULL;
	struct actor a;
	char *buf = NULL, *dept = NULL, *want = NULL, **notes = NULL;
	size_t len, nbad = 0, nbad_ind = 0;
	int rc = 0, code = 0;

	memset(&f, 0, sizeof f);
	memset(&a, 0, sizeof a);
	if (util_read_file(file, CSV_MAX, &buf, &len, &e))
		return cli_fail(&e);
	if (checklist_read_csv(buf, len, file, &f, &e)) {
		free(buf);
		return cli_fail(&e);
	}
	free(buf);
	if (cli_dept(cli, f.dept, &dept, &e)) {
		rc = err_set(&e, ERR_INPUT, "cannot import '%s': its department '%s' is unknown here; "
			     "import checklists made by this duban", file, f.dept);
		goto fail;
	}
	if (dept_arg) {
		if (cli_dept(cli, dept_arg, &want, &e)) {
			rc = -e.code;
			goto fail;
		}
		if (strcmp(want, dept)) {
			rc = err_set(&e, ERR_INPUT, "'%s' is the checklist of %s, not of %s; import %s's own "
				     "checklist", file, dept, want, want);
			goto fail;
		}
	}
	if (period_arg && strcmp(period_arg, f.period)) {
		rc = err_set(&e, ERR_INPUT, "'%s' is the checklist of %s, not of %s; import the %s "
			     "checklist", file, f.period, period_arg, period_arg);
		goto fail;
	}
	if ((rc = store_actor_get(cli->store, cli->login, &a, &e)))
		goto fail;
	if (a.role == UROLE_LIAISON && strcmp(a.dept, dept)) {
		rc = err_set(&e, ERR_DENIED, "'%s' is the checklist of %s; user '%s' is the liaison of %s "
			     "and may import only its own", file, dept, cli->login, a.dept);
		goto fail;
	}
	if (f.nrows == 0 && f.nproblems == 0 && f.ninds == 0) {
		printf("nothing to import from '%s': no row of %s's %s checklist has its fill-in "
		       "columns set (%zu rows left empty)\n", file, dept, f.period, f.skipped);
		goto out;
	}
	in = xcalloc(f.nrows ? f.nrows : 1, sizeof *in);
	notes = xcalloc(f.nrows ? f.nrows : 1, sizeof *notes);
	row_errs = xcalloc(f.nrows ? f.nrows : 1, sizeof *row_errs);
	for (size_t i = 0; i < f.nrows; i++) {
		notes[i] = checklist_fill_note(&f.rows[i]);
		in[i].task = f.rows[i].task;
		in[i].dept = dept;
		in[i].period = f.period;
		in[i].status = (enum status)f.rows[i].status;
		in[i].note = notes[i];
	}
	/* the indicator values are checked first and written after the tasks,
	 * so that a refused one leaves everything unwritten */
	iin = xcalloc(f.ninds ? f.ninds : 1, sizeof *iin);
	ires = xcalloc(f.ninds ? f.ninds : 1, sizeof *ires);
	ind_errs = xcalloc(f.ninds ? f.ninds : 1, sizeof *ind_errs);
	for (size_t i = 0; i < f.ninds; i++) {
		iin[i].indicator = f.inds[i].indicator;
		iin[i].period = f.inds[i].period;
		iin[i].value = f.inds[i].value;
		iin[i].source = f.inds[i].source;
		iin[i].dept = dept;
	}
	if (f.ninds) {
		rc = store_indicator_record_many(cli->store, cli->login, iin, f.ninds, 1, ires, ind_errs,
						 &nbad_ind, &e);
		if (rc && !nbad_ind)
			goto fail;
	}
	if (f.nrows) {
		rc = store_progress_append_many(cli->store, cli->login, in, f.nrows,
						dry || f.nproblems || nbad_ind, NULL, row_errs, &nbad, &e);
		if (rc && !nbad)
			goto fail;
	}
	if (f.nproblems || nbad || nbad_ind) {
		/* every refused row, in line order */
		size_t n = 0;
		struct refused *r = xcalloc(f.nproblems + f.nrows + f.ninds + 1, sizeof *r);
		for (size_t i = 0; i < f.nproblems; i++)
			r[n++] = (struct refused){ f.problems[i].line, f.problems[i].msg, ERR_INPUT };
		for (size_t i = 0; i < f.nrows; i++)
			if (row_errs[i].code)
				r[n++] = (struct refused){ f.rows[i].line, row_errs[i].msg, row_errs[i].code };
		for (size_t i = 0; i < f.ninds; i++)
			if (ind_errs[i].code)
				r[n++] = (struct refused){ f.inds[i].line, ind_errs[i].msg, ind_errs[i].code };
		qsort(r, n, sizeof *r, refused_cmp);
		for (size_t i = 0; i < n; i++) {
			fprintf(stderr, "%s:%zu: %s\n", file, r[i].line, r[i].msg);
			if (!code)
				code = r[i].code;
		}
		free(r);
		if (f.nproblems)
			code = ERR_INPUT;
		fprintf(stderr, "duban: %zu of %zu filled-in rows of '%s' cannot be taken; nothing was "
			"recorded: correct them and import the file again\n", f.nproblems + nbad + nbad_ind,
			f.nproblems + f.nrows + f.ninds, file);
		rc = 0;
		goto out;
	}
	if (!dry && f.ninds &&
	    store_indicator_record_many(cli->store, cli->login, iin, f.ninds, 0, ires, ind_errs, &nbad_ind, &e)) {
		fprintf(stderr, "duban: the %zu task records of '%s' were recorded, but not its indicator "
			"values: %s; import the file again once that is put right\n", f.nrows, file, e.msg);
		code = e.code ? e.code : ERR_INTERNAL;
		goto out;
	}
	for (size_t i = 0; i < f.nrows; i++) {
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, notes[i], 0);
		printf("%s:%zu: %s %s %s %s: %s\n", file, f.rows[i].line, f.rows[i].task, dept, f.period,
		       status_name(in[i].status), sb_str(&esc));
		sb_release(&esc);
	}
	for (size_t i = 0; i < f.ninds; i++) {
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, f.inds[i].indicator, 0);
		printf("%s:%zu: %s %s %s = %s%s%s\n", file, f.inds[i].line, sb_str(&esc), dept, ires[i].period,
		       ires[i].value, *ires[i].previous ? " corrects " : "", ires[i].previous);
		sb_release(&esc);
	}
	if (dry && f.ninds)
		printf("dry run: %zu records and %zu indicator values for %s, %s from '%s' (%s) would be "
		       "recorded; nothing written\n", f.nrows, f.ninds, dept, f.period, file, f.encoding);
	else if (dry)
		printf("dry run: %zu records for %s, %s from '%s' (%s) would be recorded; nothing written\n",
		       f.nrows, dept, f.period, file, f.encoding);
	else if (f.ninds)
		printf("recorded %zu records and %zu indicator values for %s, %s from '%s' (%s); %zu rows "
		       "were left empty\n", f.nrows, f.ninds, dept, f.period, file, f.encoding, f.skipped);
	else
		printf("recorded %zu records for %s, %s from '%s' (%s); %zu rows were left empty\n",
		       f.nrows, dept, f.period, file, f.encoding, f.skipped);
	goto out;
fail:
	code = cli_fail(&e);
out:
	for (size_t i = 0; notes && i < f.nrows; i++)
		free(notes[i]);
	free(notes);
	free(in);
	free(row_errs);
	free(iin);
	free(ires);
	free(ind_errs);
	free(dept);
	free(want);
	store_actor_release(&a);
	checklist_file_release(&f);
	(void)rc;
	return code;
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
			return cli_usage(cli, "name one filled-in checklist: duban checklist import FILE.csv");
		if (all || cli_arg(a, OPT_PLAN) || cli_arg(a, 'o'))
			return cli_usage(cli, "import takes only --dept, --period and --dry-run");
		return 0;
	}
	if (a->argc > 0)
		return cli_usage(cli, "unexpected argument '%s'", a->argv[0]);
	if (cli_arg(a, OPT_DRY))
		return cli_usage(cli, "--dry-run goes with 'checklist import FILE'");
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

static int checklist_run(struct cli *cli, const struct cli_args *a)
{
	const char *period = cli_arg(a, OPT_PERIOD), *dept_arg = cli_arg(a, OPT_DEPT);
	const char *plan = cli_arg(a, OPT_PLAN), *out = cli_arg(a, 'o');
	struct checklist *lists = NULL;
	struct err e = { 0, "" };
	char **plans = NULL, **depts = NULL;
	char ***dept_plans = NULL;   /* with --all: per department, the plans it is on (borrowed keys) */
	size_t *ndept_plans = NULL;
	size_t nplans = 0, ndepts = 0, nlists = 0;
	int rc = 0, all = cli_arg(a, OPT_ALL) != NULL, bom = !cli_arg(a, OPT_NO_BOM);
	int fmt = ck_format_parse(cli_arg(a, OPT_FORMAT));

	if (a->argc > 0)
		return checklist_import(cli, a->argv[1], dept_arg, period, cli_arg(a, OPT_DRY) != NULL);
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
		const char *why = NULL;
		if (stat(out, &sbuf) == 0) {
			if (!S_ISDIR(sbuf.st_mode))
				why = "it is not a folder";
		} else if (mkdir(out, 0777) != 0) {
			why = strerror(errno);
		}
		if (why) {
			err_set(&e, ERR_IO, "cannot use '%s' as the folder for the checklists: %s; "
				"give a folder with -o DIR", out, why);
			rc = cli_fail(&e);
			goto done;
		}
		for (size_t i = 0; i < nlists; i++) {
			struct strbuf sb = STRBUF_INIT;
			char *path = file_name_for(out, period, lists[i].dept, ck_ext[fmt]);
			render(&lists[i], fmt, bom, &sb);
			rc = cli_write_file(path, sb_str(&sb), sb.len, &e);
			sb_release(&sb);
			free(path);
			if (rc) {
				rc = cli_fail(&e);
				goto done;
			}
		}
		printf("wrote %zu checklists for %s into '%s/' (checklist-%s-DEPARTMENT.%s)\n", nlists,
		       period, out, period, ck_ext[fmt]);
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
done:
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
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_checklist = {
	.name = "checklist",
	.usage = "checklist --period QUARTER (--dept NAME | --all) [--plan KEY] [--format txt|md|csv|xlsx] [--no-bom] [-o PATH [--force]] | "
		 "checklist import [--dry-run] [--dept NAME] [--period QUARTER] FILE",
	.summary = "export a department's quarterly checklist (督办清单), or import a filled-in one",
	.help = "  --period QUARTER     the quarter to report on, like 2024Q3\n"
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
		"  --period QUARTER     refuse the file unless it is this quarter's\n",
	.opts = checklist_opts,
	.shortopts = "o:",
	.flags = CLI_STORE,
	.check = checklist_check,
	.run = checklist_run,
};
