/* duban status: the current status of every task with the roll-ups per plan,
 * chapter and section (src/rollup.c), as a table, TSV, CSV or JSON. */
#include "src/cli/cli.h"
#include "src/json.h"
#include "src/rollup.h"
#include "src/status.h"
#include "src/text.h"
#include "src/state.h"
#include "src/util.h"
#include "src/banned.h"

static void status_state_str(const struct status_row *r, struct strbuf *sb)
{
	if (r->silent) {
		sb_adds(sb, "not-started (silent)");
		return;
	}
	sb_adds(sb, status_name(r->status));
	if (r->review == REVIEW_PENDING)
		sb_adds(sb, " (pending review)");
	else if (r->review == REVIEW_RETURNED)
		sb_adds(sb, " (returned)");
}

/* The tasks V[LO..HI) of one plan under their chapter and section lines. */
static void status_plan_table(struct strbuf *sb, const struct status_row *v, size_t lo, size_t hi,
			      const struct rollup_tree *rt)
{
	struct strbuf line = STRBUF_INIT, stx = STRBUF_INIT;
	for (size_t i = lo; i < hi; i++) {
		const struct rollup_node *node;
		if ((i == lo || v[i].chapter != v[i - 1].chapter) &&
		    (node = rollup_tree_node(rt, v[i].chapter, 0))) {
			sb_reset(&line);
			rollup_format(&node->r, &line);
			sb_addf(sb, "  %d %s  [%s]\n", node->chapter, node->title, sb_str(&line));
		}
		if (v[i].section && (i == lo || v[i].chapter != v[i - 1].chapter ||
				     v[i].section != v[i - 1].section) &&
		    (node = rollup_tree_node(rt, v[i].chapter, v[i].section))) {
			sb_reset(&line);
			rollup_format(&node->r, &line);
			sb_addf(sb, "    (%d) %s  [%s]\n", node->section, node->title, sb_str(&line));
		}
		sb_reset(&stx);
		status_state_str(&v[i], &stx);
		sb_addf(sb, "      %-12s ", v[i].task);
		text_pad(sb, sb_str(&stx), 28, 'l');
		sb_addf(sb, " %s\n", v[i].lead);
	}
	sb_release(&line);
	sb_release(&stx);
}

/* The number, title, total, done and behind of a chapter or section node. */
static void status_node_json(struct json *j, int number, const struct rollup_node *nd)
{
	json_key_int(j, "number", number);
	json_key_str(j, "title", nd->title);
	json_key_int(j, "total", nd->r.total);
	json_key_int(j, "done", nd->r.done);
	json_key_int(j, "behind", nd->r.behind);
}

/* One plan's roll-up with its chapters and their sections as JSON. */
static void status_plan_json(struct json *j, const struct plan_info *p, const struct rollup_tree *rt)
{
	static const char *const names[] = { "total", "done", "pending", "behind", "in_progress",
					     "ongoing", "not_started", "silent" };
	const struct rollup *pr = &rt->plan;
	const int counts[] = { pr->total, pr->done, pr->pending, pr->behind, pr->in_progress,
			       pr->ongoing, pr->not_started, pr->silent };
	int open = 0;
	json_object_begin(j, JSON_INLINE);
	json_key_str(j, "key", p->key);
	json_key_str(j, "title", p->title);
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		json_key_int(j, names[i], counts[i]);
	}
	json_key(j, "chapters");
	json_array_begin(j, JSON_INLINE);
	for (size_t k = 0; k < rt->n; k++) {
		const struct rollup_node *nd = &rt->nodes[k];
		if (!nd->r.total || (nd->section && !open))
			continue;
		if (!nd->section) {
			if (open) {
				json_end(j);    /* its sections */
				json_end(j);    /* the chapter */
			}
			json_object_begin(j, JSON_INLINE);
			status_node_json(j, nd->chapter, nd);
			json_key(j, "sections");
			json_array_begin(j, JSON_INLINE);
			open = 1;
		} else {
			json_object_begin(j, JSON_INLINE);
			status_node_json(j, nd->section, nd);
			json_end(j);
		}
	}
	if (open) {
		json_end(j);
		json_end(j);
	}
	json_end(j);
	json_end(j);
}

/* Roll-ups plan > chapter > section of the rows V (plan by plan, document
 * order), as a table with each task's line or as JSON. */
static int status_rollups(struct cli *cli, const struct status_row *v, size_t n, int json)
{
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
	struct plan_info *plans = NULL;
	struct err e = { 0, "" };
	struct json j;
	size_t np = 0, lo, hi;

	if (store_plan_list(cli->store, &plans, &np, &e))
		return cli_fail(&e);
	json_init(&j, &sb, " ");
	if (json) {
		json_object_begin(&j, JSON_INLINE);
		json_key(&j, "plans");
		json_array_begin(&j, JSON_LINES);
	}
	for (size_t pi = 0; pi < np; pi++) {
		struct outline_chapter *ch;
		struct outline_section *sec;
		struct rollup_tree rt;
		size_t nch, nsec;
		/* the rows come plan by plan: this plan's run */
		for (lo = 0; lo < n && strcmp(v[lo].plan, plans[pi].key); lo++)
			;
		for (hi = lo; hi < n && !strcmp(v[hi].plan, plans[pi].key); hi++)
			;
		if (lo >= hi)
			continue;
		if (store_plan_outline(cli->store, plans[pi].key, &ch, &nch, &sec, &nsec, &e)) {
			sb_release(&sb);
			store_plan_list_free(plans, np);
			return cli_fail(&e);
		}
		rollup_tree_init(&rt, ch, nch, sec, nsec);
		rollup_tree_add_rows(&rt, v + lo, hi - lo);
		if (json) {
			status_plan_json(&j, &plans[pi], &rt);
		} else {
			sb_reset(&line);
			rollup_format(&rt.plan, &line);
			sb_addf(&sb, "%s %s  [%s]\n", plans[pi].key, plans[pi].title, sb_str(&line));
			status_plan_table(&sb, v, lo, hi, &rt);
		}
		rollup_tree_release(&rt);
		store_plan_outline_free(ch, nch, sec, nsec);
	}
	if (json) {
		json_end(&j);
		json_key(&j, "tasks");
		json_array_begin(&j, JSON_LINES);
		for (size_t i = 0; i < n; i++) {
			json_object_begin(&j, JSON_INLINE);
			json_key_str(&j, "id", v[i].task);
			json_key_str(&j, "plan", v[i].plan);
			json_key_int(&j, "chapter", v[i].chapter);
			json_key_int(&j, "section", v[i].section);
			json_key_str(&j, "status", status_name(v[i].status));
			json_key_bool(&j, "silent", v[i].silent);
			json_key_str(&j, "review", review_state_name(v[i].review));
			json_key_str(&j, "shown", shown_name(state_shown_of(v[i].status, v[i].silent, v[i].review)));
			json_end(&j);
		}
		json_end(&j);
		json_end(&j);
		sb_addc(&sb, '\n');
	}
	fputs(sb_str(&sb), stdout);
	sb_release(&sb);
	sb_release(&line);
	store_plan_list_free(plans, np);
	return 0;
}

/* TSV and CSV: one row per task with its lead, status, period and time. */
static int status_sv(struct cli *cli, const struct status_row *v, size_t n, int fmt)
{
	static const struct out_col cols[] = {
		{ "id", 's', 0 }, { "plan", 's', 0 }, { "chapter", 'n', 0 }, { "section", 'n', 0 },
		{ "lead", 's', 0 }, { "status", 's', 0 }, { "review", 's', 0 }, { "period", 's', 0 },
		{ "updated", 't', 0 }, { "shown", 's', 0 },
	};
	struct out_table t;
	struct err e = { 0, "" };
	out_table_init(&t, cols, 10);
	for (size_t i = 0; i < n; i++) {
		struct task_state ts;
		char ch[16], se[16];
		if (store_task_state(cli->store, v[i].task, &ts, &e)) {
			out_table_release(&t);
			return cli_fail(&e);
		}
		snprintf(ch, sizeof ch, "%d", v[i].chapter);
		snprintf(se, sizeof se, "%d", v[i].section);
		const char *row[10] = { v[i].task, v[i].plan, ch, v[i].section ? se : "",
					ts.ndepts ? ts.depts[0].dept : "",
					v[i].silent ? "not-started" : status_name(v[i].status),
					review_state_name(v[i].review), ts.period, ts.updated,
					shown_name(state_shown_of(v[i].status, v[i].silent, v[i].review)) };
		out_table_add(&t, row);
		store_task_state_release(&ts);
	}
	out_table_print(&t, stdout, (enum out_format)fmt, 0);
	out_table_release(&t);
	return 0;
}

static int status_run(struct cli *cli, const struct cli_args *a)
{
	const char *plan = cli_arg(a, OPT_PLAN), *dept_arg = cli_arg(a, OPT_DEPT);
	char *dept = NULL;
	struct status_row *v = NULL;
	struct err e = { 0, "" };
	size_t n = 0;
	int rc = 0, fmt;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (plan) {
		struct plan_info p;
		if (store_plan_get(cli->store, plan, &p, &e))
			return cli_fail(&e);
		store_plan_info_release(&p);
	}
	if (dept_arg && cli_dept(cli, dept_arg, &dept, &e))
		return cli_fail(&e);
	if (store_status_rows(cli->store, plan, dept, &v, &n, &e))
		rc = cli_fail(&e);
	else if (fmt == FMT_TABLE || fmt == FMT_JSON)
		rc = status_rollups(cli, v, n, fmt == FMT_JSON);
	else
		rc = status_sv(cli, v, n, fmt);
	store_status_rows_free(v, n);
	free(dept);
	return rc;
}

static const struct option status_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "plan", required_argument, NULL, OPT_PLAN },
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_status = {
	.name = "status",
	.usage = "status [--plan KEY] [--dept NAME] [--format FMT]",
	.summary = "current status of every task with roll-ups per plan, chapter and section",
	.help = "  --plan KEY           only this plan\n"
		"  --dept NAME          only tasks this department leads or takes part in\n"
		"  --format FMT         table (default, with roll-ups), tsv, csv or json (with roll-ups)\n",
	.opts = status_opts,
	.flags = CLI_STORE,
	.check = cli_check_listing,
	.run = status_run,
};
