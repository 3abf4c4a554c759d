/* Commands over plans and departments: import, plans, depts, tasks, show. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include "src/carryover.h"
#include "src/cli.h"
#include "src/status.h"
#include "src/import.h"
#include "src/plan_export.h"
#include "src/text.h"
#include "src/util.h"

int cmd_import(struct cli *cli, int argc, char **argv)
{
	enum { OPT_CONFIRM = 1310 };
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "dry-run", no_argument, NULL, OPT_DRY },
		{ "confirm", no_argument, NULL, OPT_CONFIRM },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "encoding", required_argument, NULL, OPT_ENC },
		{ "replace", no_argument, NULL, OPT_REPLACE },
		{ NULL, 0, NULL, 0 }
	};
	struct import_opts o;
	struct dept_table t;
	struct strbuf tpath = STRBUF_INIT;
	struct err e = { 0, "" };
	struct store *s;
	int c, rc = 0, worst = 0;

	memset(&o, 0, sizeof o);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int r = cli_common_opt(cli, "import", c, &rc);
		if (r < 0)
			return rc;
		if (r)
			continue;
		switch (c) {
		case OPT_DRY: o.dry_run = 1; break;
		case OPT_CONFIRM: o.confirm = 1; break;
		case OPT_REPLACE: o.replace = 1; break;
		case OPT_KEY:
			if (!import_key_valid(optarg))
				return cli_usage("import", "invalid --key '%s': use 1 to 32 letters and digits, "
						 "like 2024 or gd2024", optarg);
			o.key = optarg;
			break;
		case OPT_YEAR: {
			char *end;
			long y = strtol(optarg, &end, 10);
			if (*end || y < 1990 || y > 2100)
				return cli_usage("import", "invalid --year '%s': give a year like 2024", optarg);
			o.year = (int)y;
			break;
		}
		case OPT_TITLE:
			if (!*optarg || !text_valid_utf8(optarg, strlen(optarg)))
				return cli_usage("import", "invalid --title: give a non-empty UTF-8 title");
			o.title = optarg;
			break;
		case OPT_ENC:
			if (!strcasecmp(optarg, "utf-8") || !strcasecmp(optarg, "utf8"))
				o.encoding = ENC_UTF8;
			else if (!strcasecmp(optarg, "gb18030") || !strcasecmp(optarg, "gbk"))
				o.encoding = ENC_GB18030;
			else
				return cli_usage("import", "unknown --encoding '%s': use utf-8 or gb18030", optarg);
			break;
		}
	}
	if (optind >= argc)
		return cli_usage("import", "name at least one plan document to import");
	if (o.key && argc - optind > 1)
		return cli_usage("import", "--key names one plan: import one file at a time with it");
	if (!(s = cli_store(cli)))
		return ERR_DB;
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
		rc = import_files(s, argv + optind, (size_t)(argc - optind), &o, &out, &warn, &e);
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

int cmd_plans(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "key", 's', 0 }, { "year", 'n', 0 }, { "kind", 's', 0 }, { "chapters", 'n', 0 },
		{ "sections", 'n', 0 }, { "tasks", 'n', 0 }, { "docno", 's', 0 }, { "title", 's', 1 },
		{ "issued", 's', 0 }, { "source", 's', 0 }, { "imported_at", 's', 0 },
	};
	struct out_table t;
	struct plan_info *v;
	struct err e = { 0, "" };
	size_t n;
	int c, rc = 0, fmt = FMT_TABLE;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int r = cli_common_opt(cli, "plans", c, &rc);
		if (r < 0)
			return rc;
		if (!r && c == OPT_FORMAT && cli_format_opt("plans", &fmt))
			return ERR_USAGE;
	}
	if (optind < argc)
		return cli_usage("plans", "unexpected argument '%s'", argv[optind]);
	if (!cli_store(cli))
		return ERR_DB;
	if (store_plan_list(cli->store, &v, &n, &e))
		return cli_fail(&e);
	/* the table shows the first eight columns; scripts get all */
	out_table_init(&t, cols, fmt == FMT_TABLE ? 8 : 11);
	for (size_t i = 0; i < n; i++) {
		char y[16], ch[16], se[16], ta[16];
		const char *row[11];
		snprintf(y, sizeof y, "%d", v[i].year);
		snprintf(ch, sizeof ch, "%d", v[i].nchapters);
		snprintf(se, sizeof se, "%d", v[i].nsections);
		snprintf(ta, sizeof ta, "%d", v[i].ntasks);
		row[0] = v[i].key; row[1] = y; row[2] = v[i].kind; row[3] = ch; row[4] = se;
		row[5] = ta; row[6] = v[i].docno; row[7] = v[i].title; row[8] = v[i].issued;
		row[9] = v[i].source; row[10] = v[i].imported_at;
		out_table_add(&t, row);
	}
	if (n == 0 && fmt == FMT_TABLE)
		printf("no plans yet: import one with 'duban import FILE'\n");
	else
		out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
	store_plan_list_free(v, n);
	return 0;
}

int cmd_depts(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "aliases", no_argument, NULL, OPT_ALIASES },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "name", 's', 0 }, { "kind", 's', 0 }, { "lead", 'n', 0 }, { "participant", 'n', 0 },
		{ "aliases", 'a', 1 },
	};
	struct out_table t;
	struct dept_info *v;
	struct err e = { 0, "" };
	size_t n;
	int c, rc = 0, fmt = FMT_TABLE, aliases = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int r = cli_common_opt(cli, "depts", c, &rc);
		if (r < 0)
			return rc;
		if (!r && c == OPT_ALIASES)
			aliases = 1;
		else if (!r && c == OPT_FORMAT && cli_format_opt("depts", &fmt))
			return ERR_USAGE;
	}
	if (optind < argc)
		return cli_usage("depts", "unexpected argument '%s'", argv[optind]);
	if (!cli_store(cli))
		return ERR_DB;
	if (store_dept_list(cli->store, aliases, &v, &n, &e))
		return cli_fail(&e);
	out_table_init(&t, cols, aliases ? 5 : 4);
	for (size_t i = 0; i < n; i++) {
		char l[16], p[16];
		struct strbuf al = STRBUF_INIT;
		const char *row[5];
		snprintf(l, sizeof l, "%d", v[i].lead);
		snprintf(p, sizeof p, "%d", v[i].participant);
		for (size_t j = 0; j < v[i].naliases; j++)
			sb_addf(&al, "%s%s", j ? "\n" : "", v[i].aliases[j]);
		row[0] = v[i].name; row[1] = v[i].kind; row[2] = l; row[3] = p; row[4] = sb_str(&al);
		out_table_add(&t, row);
		sb_release(&al);
	}
	out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
	store_dept_list_free(v, n);
	return 0;
}

/* The task's number for JSON: an integer for numbered tasks, else a string. */
static void json_number(struct strbuf *sb, const char *label)
{
	const char *p = label;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*label && !*p)
		sb_adds(sb, label);
	else
		out_json_str(sb, label);
}

/* The status part of a task's JSON: its status (the lead's), review state,
 * period and time of the lead's newest record, and each department's. */
static void state_json(struct strbuf *sb, const struct task_state *st)
{
	sb_adds(sb, ", \"status\": ");
	out_json_str(sb, st->silent ? "not-started" : status_name(st->status));
	sb_adds(sb, ", \"silent\": ");
	sb_adds(sb, st->silent ? "true" : "false");
	sb_adds(sb, ", \"review\": ");
	out_json_str(sb, review_state_name(st->review));
	sb_adds(sb, ", \"period\": ");
	out_json_str(sb, st->period);
	sb_adds(sb, ", \"updated\": ");
	out_json_str(sb, st->updated);
	sb_adds(sb, ", \"statuses\": [");
	for (size_t j = 0; j < st->ndepts; j++) {
		const struct dept_state *d = &st->depts[j];
		sb_adds(sb, j ? ", {\"dept\": " : "{\"dept\": ");
		out_json_str(sb, d->dept);
		sb_adds(sb, ", \"role\": ");
		out_json_str(sb, role_name(d->role));
		sb_adds(sb, ", \"status\": ");
		out_json_str(sb, d->has_record ? status_name(d->status) : "not-started");
		sb_adds(sb, ", \"period\": ");
		out_json_str(sb, d->period);
		sb_adds(sb, ", \"updated\": ");
		out_json_str(sb, d->at);
		sb_adds(sb, ", \"note\": ");
		out_json_str(sb, d->note);
		sb_addf(sb, ", \"evidence\": %d}", d->nevidence);
	}
	sb_addc(sb, ']');
}

static void task_json(struct strbuf *sb, const struct task_row *t, const struct task_state *st)
{
	sb_adds(sb, "{\"id\": ");
	out_json_str(sb, t->id);
	sb_adds(sb, ", \"plan\": ");
	out_json_str(sb, t->plan);
	sb_adds(sb, ", \"number\": ");
	json_number(sb, t->label);
	sb_addf(sb, ", \"chapter\": {\"number\": %d, \"title\": ", t->chapter);
	out_json_str(sb, t->chapter_title);
	sb_adds(sb, "}, \"section\": ");
	if (t->section) {
		sb_addf(sb, "{\"number\": %d, \"title\": ", t->section);
		out_json_str(sb, t->section_title);
		sb_addc(sb, '}');
	} else {
		sb_adds(sb, "null");
	}
	sb_adds(sb, ", \"text\": ");
	out_json_str(sb, t->text);
	sb_adds(sb, ", \"lead\": ");
	if (t->ndepts)
		out_json_str(sb, t->depts[0].dept);
	else
		sb_adds(sb, "null");
	sb_adds(sb, ", \"participants\": [");
	for (size_t j = 1; j < t->ndepts; j++) {
		if (j > 1)
			sb_adds(sb, ", ");
		out_json_str(sb, t->depts[j].dept);
	}
	sb_adds(sb, "], \"departments\": [");
	for (size_t j = 0; j < t->ndepts; j++) {
		sb_adds(sb, j ? ", {\"name\": " : "{\"name\": ");
		out_json_str(sb, t->depts[j].dept);
		sb_adds(sb, ", \"written\": ");
		out_json_str(sb, t->depts[j].written);
		sb_adds(sb, ", \"role\": ");
		out_json_str(sb, role_name(t->depts[j].role));
		sb_addc(sb, '}');
	}
	sb_adds(sb, "], \"open\": ");
	sb_adds(sb, t->open ? "true" : "false");
	sb_adds(sb, ", \"lists\": [");
	for (const char *q = t->lists; *q;) {
		size_t k = strcspn(q, "\n");
		char *one = xstrndup(q, k);
		if (q != t->lists)
			sb_adds(sb, ", ");
		out_json_str(sb, one);
		free(one);
		q += k + (q[k] == '\n');
	}
	sb_addc(sb, ']');
	if (st)
		state_json(sb, st);
	sb_addc(sb, '}');
}

int cmd_tasks(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "plan", required_argument, NULL, OPT_PLAN },
		{ "dept", required_argument, NULL, OPT_DEPT },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "search", required_argument, NULL, OPT_SEARCH },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "id", 's', 0 }, { "role", 's', 0 }, { "lead", 's', 0 }, { "text", 's', 1 },
	};
	static const struct out_col sv_cols[] = {
		{ "id", 's', 0 }, { "plan", 's', 0 }, { "number", 's', 0 }, { "chapter", 'n', 0 },
		{ "section", 'n', 0 }, { "lead", 's', 0 }, { "participants", 'a', 0 }, { "text", 's', 0 },
	};
	struct task_filter f = { NULL, NULL, -1, NULL };
	const char *dept_arg = NULL, *plan_arg = NULL;
	char *dept = NULL, *search = NULL;
	struct task_row *v = NULL;
	struct err e = { 0, "" };
	size_t n = 0;
	int c, rc = 0, fmt = FMT_TABLE;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int r = cli_common_opt(cli, "tasks", c, &rc);
		if (r < 0)
			return rc;
		if (r)
			continue;
		switch (c) {
		case OPT_FORMAT:
			if (cli_format_opt("tasks", &fmt))
				return ERR_USAGE;
			break;
		case OPT_PLAN: plan_arg = optarg; break;
		case OPT_DEPT: dept_arg = optarg; break;
		case OPT_SEARCH: search = optarg; break;
		case OPT_ROLE:
			if (!strcmp(optarg, "lead") || !strcmp(optarg, "牵头"))
				f.role = ROLE_LEAD;
			else if (!strcmp(optarg, "participant") || !strcmp(optarg, "参与"))
				f.role = ROLE_PARTICIPANT;
			else
				return cli_usage("tasks", "unknown --role '%s': use lead or participant", optarg);
			break;
		}
	}
	if (optind < argc)
		return cli_usage("tasks", "unexpected argument '%s'", argv[optind]);
	if (f.role >= 0 && !dept_arg)
		return cli_usage("tasks", "--role needs --dept: whose role?");
	if (!cli_store(cli))
		return ERR_DB;
	if (plan_arg) {
		struct plan_info p;
		if (store_plan_get(cli->store, plan_arg, &p, &e))
			return cli_fail(&e);
		store_plan_info_release(&p);
		f.plan = plan_arg;
	}
	if (dept_arg) {
		if (cli_dept(cli, dept_arg, &dept, &e))
			return cli_fail(&e);
		f.dept = dept;
	}
	if (search) {
		search = text_match_key(search);
		f.search = search;
	}
	rc = store_task_query(cli->store, &f, &v, &n, &e);
	if (rc) {
		rc = cli_fail(&e);
		goto out;
	}
	if (fmt == FMT_JSON) {
		struct strbuf sb = STRBUF_INIT;
		sb_addc(&sb, '[');
		for (size_t i = 0; i < n; i++) {
			struct task_state st;
			if (store_task_state(cli->store, v[i].id, &st, &e)) {
				sb_release(&sb);
				rc = cli_fail(&e);
				goto out;
			}
			sb_adds(&sb, i ? ",\n " : "\n ");
			task_json(&sb, &v[i], &st);
			store_task_state_release(&st);
		}
		sb_adds(&sb, n ? "\n]\n" : "]\n");
		fputs(sb_str(&sb), stdout);
		sb_release(&sb);
	} else {
		struct out_table t;
		if (fmt == FMT_TABLE)
			out_table_init(&t, cols, 4);
		else
			out_table_init(&t, sv_cols, 8);
		for (size_t i = 0; i < n; i++) {
			const struct task_row *r = &v[i];
			const char *lead = r->ndepts ? r->depts[0].dept : "";
			if (fmt == FMT_TABLE) {
				const char *role = "";
				for (size_t j = 0; dept && j < r->ndepts; j++)
					if (!strcmp(r->depts[j].dept, dept))
						role = role_name(r->depts[j].role);
				const char *row[4] = { r->id, role, lead, r->text };
				out_table_add(&t, row);
			} else {
				char ch[16], se[16];
				struct strbuf parts = STRBUF_INIT;
				snprintf(ch, sizeof ch, "%d", r->chapter);
				snprintf(se, sizeof se, "%d", r->section);
				for (size_t j = 1; j < r->ndepts; j++)
					sb_addf(&parts, "%s%s", j > 1 ? "\n" : "", r->depts[j].dept);
				const char *row[8] = { r->id, r->plan, r->label, ch, r->section ? se : "",
						       lead, sb_str(&parts), r->text };
				out_table_add(&t, row);
				sb_release(&parts);
			}
		}
		if (fmt == FMT_TABLE && !dept) {
			/* no department filter: the role column says nothing */
			static const struct out_col cols3[] = {
				{ "id", 's', 0 }, { "lead", 's', 0 }, { "text", 's', 1 },
			};
			struct out_table t3;
			out_table_init(&t3, cols3, 3);
			for (size_t i = 0; i < t.nrows; i++) {
				const char *row[3] = { t.cells[i * 4], t.cells[i * 4 + 2], t.cells[i * 4 + 3] };
				out_table_add(&t3, row);
			}
			out_table_print(&t3, stdout, fmt, out_term_width() ? out_term_width() : 120);
			out_table_release(&t3);
		} else {
			out_table_print(&t, stdout, fmt, out_term_width() ? out_term_width() : 120);
		}
		out_table_release(&t);
	}
out:
	store_task_rows_free(v, n);
	free(dept);
	free(search);
	return rc;
}

int cmd_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	struct task_row t;
	struct task_state st;
	struct plan_info p;
	struct err e = { 0, "" };
	struct strbuf sb = STRBUF_INIT;
	int c, rc = 0, json = 0, width;
	char **lines;
	size_t nl;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int r = cli_common_opt(cli, "show", c, &rc);
		if (r < 0)
			return rc;
		if (!r && c == OPT_FORMAT) {
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (strcmp(optarg, "text"))
				return cli_usage("show", "unknown format '%s': use text or json", optarg);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("show", "name one task, like 2024-105");
	if (!cli_store(cli))
		return ERR_DB;
	memset(&st, 0, sizeof st);
	if (store_task_get(cli->store, argv[optind], &t, &e))
		return cli_fail(&e);
	if (store_task_state(cli->store, t.id, &st, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (json) {
		task_json(&sb, &t, &st);
		printf("%s\n", sb_str(&sb));
		goto out;
	}
	if (store_plan_get(cli->store, t.plan, &p, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	width = out_term_width();
	if (width <= 0 || width > 100)
		width = 80;
	sb_addf(&sb, "%s  %s\n", t.id, p.title);
	if (strcmp(t.id + strlen(t.plan) + 1, t.label))
		sb_addf(&sb, "task %s of the document (its number moved when the text was corrected)\n",
			t.label);
	sb_addf(&sb, "chapter %d  %s\n", t.chapter, t.chapter_title);
	if (t.section)
		sb_addf(&sb, "section %d  %s\n", t.section, t.section_title);
	sb_addc(&sb, '\n');
	{
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, t.text, 1);
		nl = text_wrap(sb_str(&esc), width - 2, &lines);
		for (size_t i = 0; i < nl; i++)
			sb_addf(&sb, "  %s\n", lines[i]);
		text_lines_free(lines, nl);
		sb_release(&esc);
	}
	sb_addc(&sb, '\n');
	sb_addf(&sb, "status: %s", st.silent ? "not-started (nothing recorded)" : status_name(st.status));
	if (st.review != REVIEW_NONE)
		sb_addf(&sb, " (%s)", review_state_name(st.review));
	if (st.review == REVIEW_RETURNED && *st.review_reason)
		sb_addf(&sb, ": %s", st.review_reason);
	if (*st.period)
		sb_addf(&sb, ", %s, updated %s", st.period, st.updated);
	sb_adds(&sb, "\n\n");
	for (size_t i = 0; i < t.ndepts; i++) {
		const struct dept_state *d = i < st.ndepts ? &st.depts[i] : NULL;
		struct strbuf name = STRBUF_INIT;
		sb_addf(&name, "%s %s", role_name_zh(t.depts[i].role), t.depts[i].dept);
		text_pad(&sb, sb_str(&name), 26, 'l');
		sb_release(&name);
		if (d && d->has_record) {
			sb_addf(&sb, " %-12s %s", status_name(d->status), d->period);
			if (d->nevidence)
				sb_addf(&sb, ", %d evidence", d->nevidence);
		} else {
			sb_adds(&sb, " -");
		}
		if (strcmp(t.depts[i].written, t.depts[i].dept))
			sb_addf(&sb, "  (written %s)", t.depts[i].written);
		sb_addc(&sb, '\n');
		if (i + 1 == t.ndepts && t.open)
			sb_adds(&sb, "等 (the list is open: 等有关部门)\n");
		if (d && d->has_record) {
			if (*d->note) {
				struct strbuf esc = STRBUF_INIT;
				text_escape(&esc, d->note, 1);
				nl = text_wrap(sb_str(&esc), width - 6, &lines);
				for (size_t k = 0; k < nl; k++)
					sb_addf(&sb, "      %s\n", lines[k]);
				text_lines_free(lines, nl);
				sb_release(&esc);
			}
		}
	}
	if (strchr(t.lists, '\n')) {
		/* a task with several lists: each as the document wrote it */
		sb_adds(&sb, "\nlists as written:\n");
		for (const char *q = t.lists; *q;) {
			size_t k = strcspn(q, "\n");
			sb_addf(&sb, "  %.*s\n", (int)k, q);
			q += k + (q[k] == '\n');
		}
	}
	{
		struct carry_link *links = NULL;
		size_t nlinks = 0;
		if (carryover_for_task(cli->store, t.id, &links, &nlinks, &e) == 0 && nlinks) {
			sb_addc(&sb, '\n');
			for (size_t i = 0; i < nlinks; i++) {
				struct strbuf d = STRBUF_INIT;
				carryover_describe(&links[i], t.id, &d);
				nl = text_wrap(sb_str(&d), width - 2, &lines);
				for (size_t k = 0; k < nl; k++)
					sb_addf(&sb, "%s%s\n", k ? "    " : "  ", lines[k]);
				text_lines_free(lines, nl);
				sb_release(&d);
			}
		}
		carryover_links_free(links, nlinks);
	}
	{
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, sb_str(&sb), 1);
		fputs(sb_str(&esc), stdout);
		sb_release(&esc);
	}
	store_plan_info_release(&p);
out:
	store_task_state_release(&st);
	sb_release(&sb);
	store_task_row_release(&t);
	return rc;
}

/* duban plan export KEY: the plan as a task table to check, correct and
 * import again. */
int cmd_plan(struct cli *cli, int argc, char **argv)
{
	enum { OPT_PLAN_NO_BOM = 1300 };
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "no-bom", no_argument, NULL, OPT_PLAN_NO_BOM },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *fmt = "xlsx";
	struct plan_export x;
	struct err e = { 0, "" };
	int c, rc = 0, bom = 1;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		int r = cli_common_opt(cli, "plan", c, &rc);
		if (r < 0)
			return rc;
		if (r)
			continue;
		if (c == OPT_FORMAT) {
			if (strcmp(optarg, "xlsx") && strcmp(optarg, "csv"))
				return cli_usage("plan", "unknown --format '%s': use xlsx or csv", optarg);
			fmt = optarg;
		} else if (c == OPT_OUTPUT || c == 'o') {
			out = optarg;
		} else if (c == OPT_PLAN_NO_BOM) {
			bom = 0;
		}
	}
	if (optind >= argc || strcmp(argv[optind], "export"))
		return cli_usage("plan", optind < argc ? "unknown subcommand '%s': use export" :
				 "name a subcommand: export%s", optind < argc ? argv[optind] : "");
	if (optind + 2 != argc)
		return cli_usage("plan", "name one plan to export, like 'duban plan export 2024'");
	if (!strcmp(fmt, "xlsx") && (!out || !strcmp(out, "-")) && isatty(STDOUT_FILENO))
		return cli_usage("plan", "an XLSX workbook is not for a terminal: give -o FILE.xlsx");
	if (!cli_store(cli))
		return ERR_DB;
	if ((rc = plan_export_build(cli->store, argv[optind + 1], &x, &e)))
		return cli_fail(&e);
	if (!strcmp(fmt, "csv")) {
		struct strbuf sb = STRBUF_INIT;
		plan_export_csv(&x, bom, &sb);
		rc = cli_write_out(out, sb.buf, sb.len, &e);
		sb_release(&sb);
	} else if (out && strcmp(out, "-")) {
		char *tmp;
		if (!(rc = cli_temp_beside(out, &tmp, &e)))
			rc = cli_temp_commit(tmp, out, plan_export_xlsx(&x, tmp, &e), &e);
	} else {
		char tmp[] = "/tmp/duban-plan-XXXXXX";
		int fd = mkstemp(tmp);
		if (fd < 0) {
			rc = err_set(&e, ERR_IO, "cannot create a temporary file: %s", strerror(errno));
		} else {
			close(fd);
			if (!(rc = plan_export_xlsx(&x, tmp, &e)))
				rc = cli_cat_file(tmp, &e);
			unlink(tmp);
		}
	}
	plan_export_release(&x);
	return rc ? cli_fail(&e) : 0;
}
