/* duban tasks: list tasks, filtered by plan, department (and its role) and the
 * search the terminal interface's / does. */
#include "src/cli/cli.h"
#include "src/json.h"
#include "src/search.h"
#include "src/util.h"
#include "src/banned.h"

/* --role lead|participant (or 牵头, 参与): an enum role, -1 when none. */
static int role_parse(const char *s)
{
	if (!strcmp(s, "lead") || !strcmp(s, "牵头"))
		return ROLE_LEAD;
	if (!strcmp(s, "participant") || !strcmp(s, "参与"))
		return ROLE_PARTICIPANT;
	return -1;
}

static int tasks_check(struct cli *cli, const struct cli_args *a)
{
	const char *role = cli_arg(a, OPT_ROLE);
	int fmt;
	if (cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt))
		return ERR_USAGE;
	if (role && role_parse(role) < 0)
		return cli_usage(cli, "unknown --role '%s': use lead or participant", role);
	if (a->argc > 0)
		return cli_usage(cli, "unexpected argument '%s'", a->argv[0]);
	if (role && !cli_arg(a, OPT_DEPT))
		return cli_usage(cli, "--role needs --dept: whose role?");
	return 0;
}

/* Keep the rows of V[0..*N) that the search TEXT finds (the UI's search: text,
 * any spelling of a department, any note). */
static void tasks_search(struct cli *cli, const char *text, struct task_row *v, size_t *n)
{
	struct search *q;
	size_t k = 0;
	search_begin(cli->store, text, &q);
	for (size_t i = 0; i < *n; i++) {
		if (!q || search_match(q, v[i].plan, v[i].id))
			v[k++] = v[i];
		else
			store_task_row_release(&v[i]);
	}
	*n = k;
	search_free(q);
}

static int tasks_json(struct cli *cli, const struct task_row *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0, "" };
	struct json j;
	json_init(&j, &sb, " ");
	json_array_begin(&j, JSON_LINES);
	for (size_t i = 0; i < n; i++) {
		struct task_state st;
		if (store_task_state(cli->store, v[i].id, &st, &e)) {
			sb_release(&sb);
			return cli_fail(&e);
		}
		cli_task_json(&j, &v[i], &st);
		store_task_state_release(&st);
	}
	json_end(&j);
	sb_addc(&sb, '\n');
	fputs(sb_str(&sb), stdout);
	sb_release(&sb);
	return 0;
}

/* The table: id, the department's role when one is given, lead, text. */
static void tasks_table(const struct task_row *v, size_t n, const char *dept)
{
	static const struct out_col cols[] = {
		{ "id", 's', 0 }, { "role", 's', 0 }, { "lead", 's', 0 }, { "text", 's', 1 },
	};
	static const struct out_col cols_nodept[] = {
		{ "id", 's', 0 }, { "lead", 's', 0 }, { "text", 's', 1 },
	};
	struct out_table t;
	int width = out_term_width() ? out_term_width() : 120;
	out_table_init(&t, dept ? cols : cols_nodept, dept ? 4 : 3);
	for (size_t i = 0; i < n; i++) {
		const struct task_row *r = &v[i];
		const char *lead = r->ndepts ? r->depts[0].dept : "";
		const char *role = "";
		for (size_t j = 0; dept && j < r->ndepts; j++)
			if (!strcmp(r->depts[j].dept, dept))
				role = role_name(r->depts[j].role);
		const char *row[4] = { r->id, role, lead, r->text };
		/* no department filter: the role column says nothing */
		const char *row_nodept[3] = { r->id, lead, r->text };
		out_table_add(&t, dept ? row : row_nodept);
	}
	out_table_print(&t, stdout, FMT_TABLE, width);
	out_table_release(&t);
}

/* TSV and CSV: every column scripts need. */
static void tasks_sv(const struct task_row *v, size_t n, int fmt)
{
	static const struct out_col cols[] = {
		{ "id", 's', 0 }, { "plan", 's', 0 }, { "number", 's', 0 }, { "chapter", 'n', 0 },
		{ "section", 'n', 0 }, { "lead", 's', 0 }, { "participants", 'a', 0 }, { "text", 's', 0 },
	};
	struct out_table t;
	out_table_init(&t, cols, 8);
	for (size_t i = 0; i < n; i++) {
		const struct task_row *r = &v[i];
		char ch[16], se[16];
		struct strbuf parts = STRBUF_INIT;
		snprintf(ch, sizeof ch, "%d", r->chapter);
		snprintf(se, sizeof se, "%d", r->section);
		for (size_t j = 1; j < r->ndepts; j++)
			sb_addf(&parts, "%s%s", j > 1 ? "\n" : "", r->depts[j].dept);
		const char *row[8] = { r->id, r->plan, r->label, ch, r->section ? se : "",
				       r->ndepts ? r->depts[0].dept : "", sb_str(&parts), r->text };
		out_table_add(&t, row);
		sb_release(&parts);
	}
	out_table_print(&t, stdout, (enum out_format)fmt, out_term_width() ? out_term_width() : 120);
	out_table_release(&t);
}

static int tasks_run(struct cli *cli, const struct cli_args *a)
{
	const char *role = cli_arg(a, OPT_ROLE), *dept_arg = cli_arg(a, OPT_DEPT);
	const char *search = cli_arg(a, OPT_SEARCH);
	struct task_filter f = { NULL, NULL, -1 };
	char *dept = NULL;
	struct task_row *v = NULL;
	struct err e = { 0, "" };
	size_t n = 0;
	int rc = 0, fmt;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (role)
		f.role = role_parse(role);
	if ((f.plan = cli_arg(a, OPT_PLAN))) {
		struct plan_info p;
		if (store_plan_get(cli->store, f.plan, &p, &e))
			return cli_fail(&e);
		store_plan_info_release(&p);
	}
	if (dept_arg) {
		if (cli_dept(cli, dept_arg, &dept, &e))
			return cli_fail(&e);
		f.dept = dept;
	}
	if (store_task_query(cli->store, &f, &v, &n, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (search)
		tasks_search(cli, search, v, &n);
	if (fmt == FMT_JSON)
		rc = tasks_json(cli, v, n);
	else if (fmt == FMT_TABLE)
		tasks_table(v, n, dept);
	else
		tasks_sv(v, n, fmt);
out:
	store_task_rows_free(v, n);
	free(dept);
	return rc;
}

static const struct option tasks_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "plan", required_argument, NULL, OPT_PLAN },
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "search", required_argument, NULL, OPT_SEARCH },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_tasks = {
	.name = "tasks",
	.usage = "tasks [--plan KEY] [--dept NAME] [--role lead|participant] [--search TEXT] [--format FMT]",
	.summary = "list tasks",
	.help = "  --plan KEY           only this plan (2024, FYP14, gd2024)\n"
		"  --dept NAME          only tasks this department leads or takes part in (any spelling)\n"
		"  --role ROLE          with --dept: lead or participant\n"
		"  --search TEXT        the text, a department or a progress note contains TEXT\n"
		"                       (simplified finds traditional; as / in the terminal UI)\n"
		"  --format FMT         table (default), tsv, csv or json\n",
	.opts = tasks_opts,
	.flags = CLI_STORE,
	.check = tasks_check,
	.run = tasks_run,
};
