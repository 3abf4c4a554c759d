/* Commands that send work out and take it back: checklist (quarterly
 * checklists per department, and their import), report (the annual
 * evaluation) and carryover (links between consecutive annual plans). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/carryover.h"
#include "src/checklist.h"
#include "src/cli.h"
#include "src/report.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store_report.h"

#define CSV_MAX (20 * 1024 * 1024)

enum { OPT_ALL = 1200, OPT_NO_BOM };
enum ck_format { CK_TXT, CK_MD, CK_CSV, CK_XLSX };

static const char *const ck_ext[] = { "txt", "md", "csv", "xlsx" };

/* A temporary file beside PATH (same folder, so rename is atomic), created
 * 0644: its name in *TMP (caller frees). */
int cli_temp_beside(const char *path, char **tmp, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int fd;
	sb_addf(&sb, "%s.tmp-XXXXXX", path);
	*tmp = sb_detach(&sb);
	if ((fd = mkstemp(*tmp)) < 0) {
		int er = errno;
		free(*tmp);
		*tmp = NULL;
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       strerror(er));
	}
	fchmod(fd, 0644);
	close(fd);
	return 0;
}

/* Move the finished TMP onto PATH, or remove it when RC says it failed. */
int cli_temp_commit(char *tmp, const char *path, int rc, struct err *e)
{
	if (!rc && rename(tmp, path) != 0)
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* Write LEN bytes of DATA to PATH (NULL or "-": standard output). A file is
 * written whole or not at all: into a temporary file beside it, then renamed. */
int cli_write_out(const char *path, const char *data, size_t len, struct err *e)
{
	FILE *f;
	char *tmp;
	int rc = 0;
	if (!path || !strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
			return err_set(e, ERR_IO, "cannot write to standard output: %s", strerror(errno));
		return 0;
	}
	if ((rc = cli_temp_beside(path, &tmp, e)))
		return rc;
	if (!(f = fopen(tmp, "wb")))
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	else if (fwrite(data, 1, len, f) != len) {
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		fclose(f);
	} else if (fclose(f)) {
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	}
	return cli_temp_commit(tmp, path, rc, e);
}

/* Copy the file at PATH to standard output. */
int cli_cat_file(const char *path, struct err *e)
{
	char *buf;
	size_t len;
	int rc = util_read_file(path, (size_t)1 << 30, &buf, &len, e);
	if (rc)
		return rc;
	rc = cli_write_out(NULL, buf, len, e);
	free(buf);
	return rc;
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

/* Write the XLSX of the N checklists V to OUT (a file, or "-"/NULL: standard
 * output, when it is not a terminal). */
static int write_xlsx(const struct checklist *v, size_t n, const char *out, struct err *e)
{
	char tmp[] = "/tmp/duban-xlsx-XXXXXX";
	int fd, rc;
	if (out && strcmp(out, "-")) {
		char *t;
		if ((rc = cli_temp_beside(out, &t, e)))
			return rc;
		return cli_temp_commit(t, out, checklist_xlsx(v, n, t, e), e);
	}
	if (isatty(STDOUT_FILENO))
		return err_set(e, ERR_USAGE, "an XLSX workbook is not for a terminal: give -o FILE.xlsx");
	if ((fd = mkstemp(tmp)) < 0)
		return err_set(e, ERR_IO, "cannot create a temporary file: %s", strerror(errno));
	close(fd);
	rc = checklist_xlsx(v, n, tmp, e);
	if (!rc)
		rc = cli_cat_file(tmp, e);
	unlink(tmp);
	return rc;
}

static int checklist_import(struct cli *cli, const char *file, const char *dept_arg,
			    const char *period_arg, int dry)
{
	struct checklist_file f;
	struct progress_in *in = NULL;
	struct err e = { 0, "" }, *row_errs = NULL;
	struct actor a;
	char *buf = NULL, *dept = NULL, *want = NULL, **notes = NULL;
	size_t len, nbad = 0;
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
	if (f.nrows == 0 && f.nproblems == 0) {
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
	rc = store_progress_append_many(cli->store, cli->login, in, f.nrows, dry || f.nproblems, NULL,
					row_errs, &nbad, &e);
	if (rc && !nbad)
		goto fail;
	if (f.nproblems || nbad) {
		/* every refused row, in line order */
		size_t i = 0, k = 0;
		while (i < f.nproblems || k < f.nrows) {
			if (k < f.nrows && !row_errs[k].code) {
				k++;
				continue;
			}
			if (i < f.nproblems && (k >= f.nrows || f.problems[i].line <= f.rows[k].line)) {
				fprintf(stderr, "%s:%zu: %s\n", file, f.problems[i].line, f.problems[i].msg);
				i++;
			} else {
				fprintf(stderr, "%s:%zu: %s\n", file, f.rows[k].line, row_errs[k].msg);
				if (!code)
					code = row_errs[k].code;
				k++;
			}
		}
		if (f.nproblems)
			code = ERR_INPUT;
		fprintf(stderr, "duban: %zu of %zu filled-in rows of '%s' cannot be taken; nothing was "
			"recorded: correct them and import the file again\n", f.nproblems + nbad,
			f.nproblems + f.nrows, file);
		rc = 0;
		goto out;
	}
	for (size_t i = 0; i < f.nrows; i++) {
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, notes[i], 0);
		printf("%s:%zu: %s %s %s %s: %s\n", file, f.rows[i].line, f.rows[i].task, dept, f.period,
		       status_name(in[i].status), sb_str(&esc));
		sb_release(&esc);
	}
	if (dry)
		printf("dry run: %zu records for %s, %s from '%s' (%s) would be recorded; nothing written\n",
		       f.nrows, dept, f.period, file, f.encoding);
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
	free(dept);
	free(want);
	store_actor_release(&a);
	checklist_file_release(&f);
	(void)rc;
	return code;
}

int cmd_checklist(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
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
	const char *period = NULL, *dept_arg = NULL, *plan = NULL, *out = NULL;
	struct checklist *lists = NULL;
	struct err e = { 0, "" };
	char **plans = NULL, **depts = NULL;
	char ***dept_plans = NULL;   /* with --all: per department, the plans it is on (borrowed keys) */
	size_t *ndept_plans = NULL;
	size_t nplans = 0, ndepts = 0, nlists = 0;
	int c, rc = 0, all = 0, fmt = CK_TXT, bom = 1, dry = 0, importing;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		int r = cli_common_opt(cli, "checklist", c, &rc);
		if (r < 0)
			return rc;
		if (r)
			continue;
		switch (c) {
		case OPT_PERIOD:
			if (!period_valid(optarg))
				return cli_usage("checklist", "invalid --period '%s': write a quarter like 2024Q3",
						 optarg);
			period = optarg;
			break;
		case OPT_DEPT: dept_arg = optarg; break;
		case OPT_ALL: all = 1; break;
		case OPT_PLAN: plan = optarg; break;
		case 'o': out = optarg; break;
		case OPT_NO_BOM: bom = 0; break;
		case OPT_DRY: dry = 1; break;
		case OPT_FORMAT:
			for (fmt = 0; fmt < 4 && strcmp(optarg, ck_ext[fmt]); fmt++)
				;
			if (fmt == 4)
				return cli_usage("checklist", "unknown format '%s': use txt, md, csv or xlsx", optarg);
			break;
		}
	}
	importing = optind < argc && !strcmp(argv[optind], "import");
	if (importing) {
		if (optind + 2 != argc)
			return cli_usage("checklist", "name one filled-in checklist: duban checklist import FILE.csv");
		if (all || plan || out)
			return cli_usage("checklist", "import takes only --dept, --period and --dry-run");
		if (!cli_store(cli))
			return ERR_DB;
		return checklist_import(cli, argv[optind + 1], dept_arg, period, dry);
	}
	if (optind < argc)
		return cli_usage("checklist", "unexpected argument '%s'", argv[optind]);
	if (dry)
		return cli_usage("checklist", "--dry-run goes with 'checklist import FILE'");
	if (!period)
		return cli_usage("checklist", "give the quarter with --period, like 2024Q3");
	if (!!dept_arg + all != 1)
		return cli_usage("checklist", "give either --dept NAME or --all");
	if (all && fmt == CK_CSV && !out)
		return cli_usage("checklist", "with --all, give a folder for the CSV files with -o DIR");
	if (!cli_store(cli))
		return ERR_DB;
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
				if (k == ndepts) {
					size_t old = cap;
					xgrow(&depts, &cap, ndepts + 1, sizeof *depts);
					dept_plans = xrealloc(dept_plans, cap * sizeof *dept_plans);
					ndept_plans = xrealloc(ndept_plans, cap * sizeof *ndept_plans);
					memset(dept_plans + old, 0, (cap - old) * sizeof *dept_plans);
					memset(ndept_plans + old, 0, (cap - old) * sizeof *ndept_plans);
					depts[ndepts++] = xstrdup(v[i]);
				}
				dept_plans[k] = xrealloc(dept_plans[k], (ndept_plans[k] + 1) * sizeof **dept_plans);
				dept_plans[k][ndept_plans[k]++] = plans[p];
			}
			store_strv_free(v, n);
		}
	}
	lists = xcalloc(ndepts ? ndepts : 1, sizeof *lists);
	for (size_t i = 0; i < ndepts; i++) {
		const char *const *dp = dept_plans ? (const char *const *)dept_plans[i] : (const char *const *)plans;
		size_t ndp = dept_plans ? ndept_plans[i] : nplans;
		if (checklist_build(cli->store, dp, ndp, depts[i], period, &lists[nlists], &e)) {
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
		if (stat(out, &sbuf) == 0 ? !S_ISDIR(sbuf.st_mode) : mkdir(out, 0777) != 0) {
			rc = cli_fail(&(struct err){ ERR_IO, "" });
			fprintf(stderr, "duban: cannot use '%s' as the folder for the checklists: %s; "
				"give a folder with -o DIR\n", out, errno && !stat(out, &sbuf) ? "not a folder"
				: strerror(errno));
			rc = ERR_IO;
			goto done;
		}
		for (size_t i = 0; i < nlists; i++) {
			struct strbuf sb = STRBUF_INIT;
			char *path = file_name_for(out, period, lists[i].dept, ck_ext[fmt]);
			render(&lists[i], fmt, bom, &sb);
			rc = cli_write_out(path, sb_str(&sb), sb.len, &e);
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
		rc = cli_write_out(out, sb_str(&sb), sb.len, &e);
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

static int year_opt(const char *cmd, const char *arg, int *year)
{
	char *end;
	long y = strtol(arg, &end, 10);
	if (*end || y < 1990 || y > 2100)
		return cli_usage(cmd, "invalid --year '%s': give a year like 2024", arg);
	*year = (int)y;
	return 0;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "plan", required_argument, NULL, OPT_PLAN },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const fmts[] = { "md", "html", "json" };
	const char *plan = NULL, *out = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0, "" };
	struct report r;
	int c, rc = 0, year = 0, fmt = 0;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		int k = cli_common_opt(cli, "report", c, &rc);
		if (k < 0)
			return rc;
		if (k)
			continue;
		switch (c) {
		case OPT_YEAR:
			if (year_opt("report", optarg, &year))
				return ERR_USAGE;
			break;
		case OPT_PLAN: plan = optarg; break;
		case 'o': out = optarg; break;
		case OPT_FORMAT:
			for (fmt = 0; fmt < 3 && strcmp(optarg, fmts[fmt]); fmt++)
				;
			if (fmt == 3)
				return cli_usage("report", "unknown format '%s': use md, html or json", optarg);
			break;
		}
	}
	if (optind < argc)
		return cli_usage("report", "unexpected argument '%s'", argv[optind]);
	if (!year)
		return cli_usage("report", "give the plan year with --year, like 2024");
	if (!cli_store(cli))
		return ERR_DB;
	if (report_build(cli->store, year, plan, &r, &e))
		return cli_fail(&e);
	if (fmt == 0)
		report_md(&r, &sb);
	else if (fmt == 1)
		report_html(&r, &sb);
	else
		report_json(&r, &sb);
	if (cli_write_out(out, sb_str(&sb), sb.len, &e))
		rc = cli_fail(&e);
	else if (out && strcmp(out, "-"))
		printf("wrote '%s': the %d evaluation (%s, %d tasks, %d done, %d behind, %d silent)\n", out,
		       year, fmts[fmt], r.overall.total, r.overall.done, r.overall.behind, r.overall.silent);
	sb_release(&sb);
	report_release(&r);
	return rc;
}

int cmd_carryover(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "task", 's', 0 }, { "continues", 's', 0 }, { "score", 'n', 0 }, { "same_lead", 's', 0 },
		{ "shared_titles", 's', 0 }, { "shared_bigrams", 's', 1 }, { "previous_status", 's', 0 },
		{ "lead", 's', 0 },
	};
	struct out_table t;
	struct carry_link *v;
	struct err e = { 0, "" };
	size_t n;
	int c, rc = 0, year = 0, fmt = FMT_TABLE;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int k = cli_common_opt(cli, "carryover", c, &rc);
		if (k < 0)
			return rc;
		if (k)
			continue;
		if (c == OPT_YEAR && year_opt("carryover", optarg, &year))
			return ERR_USAGE;
		if (c == OPT_FORMAT && cli_format_opt("carryover", &fmt))
			return ERR_USAGE;
	}
	if (optind < argc)
		return cli_usage("carryover", "unexpected argument '%s'", argv[optind]);
	if (!year)
		return cli_usage("carryover", "give the later plan's year with --year, like 2025");
	if (!cli_store(cli))
		return ERR_DB;
	if (carryover_links(cli->store, year, &v, &n, &e))
		return cli_fail(&e);
	out_table_init(&t, cols, sizeof cols / sizeof *cols);
	for (size_t i = 0; i < n; i++) {
		char score[16], st[48];
		const char *row[8];
		snprintf(score, sizeof score, "%.2f", v[i].why.score);
		row[0] = v[i].to;
		row[1] = v[i].from;
		row[2] = score;
		row[3] = v[i].why.same_lead ? "yes" : "no";
		row[4] = v[i].why.shared_titles;
		row[5] = v[i].why.shared_bigrams;
		row[6] = carryover_status_text(&v[i], st, sizeof st);
		row[7] = v[i].to_lead;
		out_table_add(&t, row);
	}
	if (n == 0 && fmt == FMT_TABLE)
		printf("no task of %d continues a task of %d\n", year, year - 1);
	else
		out_table_print(&t, stdout, (enum out_format)fmt, out_term_width());
	out_table_release(&t);
	carryover_links_free(v, n);
	return rc;
}
