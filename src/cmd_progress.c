/* Commands of progress reporting: record, attach, review, history, evidence,
 * status, user and config. The rules are enforced in store/; these parse,
 * resolve names and print. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/cli.h"
#include "src/editor.h"
#include "src/evidence.h"
#include "src/note.h"
#include "src/record.h"
#include "src/rollup.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"

/* Parse the options of a command into the caller's handler; returns -1 to go
 * on, or the exit status. */
#define OPTS_LOOP(cmdname, opts, body) \
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) { \
		int r_ = cli_common_opt(cli, cmdname, c, &rc); \
		if (r_ < 0) \
			return rc; \
		if (r_) \
			continue; \
		body \
	}

/* The department a write is for: --dept (any spelling), else the liaison's
 * own. Office users must name one. */
static int write_dept(struct cli *cli, const char *cmd, const char *arg, char **dept)
{
	struct err e = { 0, "" };
	struct actor a;
	if (arg) {
		if (cli_dept(cli, arg, dept, &e))
			return cli_fail(&e);
		return 0;
	}
	if (store_actor_get(cli->store, cli->login, &a, &e))
		return cli_fail(&e);
	if (a.dept) {
		*dept = a.dept;
		a.dept = NULL;
		store_actor_release(&a);
		return 0;
	}
	store_actor_release(&a);
	return cli_usage(cmd, "name the department with --dept NAME");
}

int cmd_record(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "dept", required_argument, NULL, OPT_DEPT },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "note-file", required_argument, NULL, OPT_NOTE_FILE },
		{ "based-on", required_argument, NULL, OPT_BASED_ON },
		{ NULL, 0, NULL, 0 }
	};
	const char *dept_arg = NULL, *note_arg = NULL, *note_file = NULL, *period = NULL;
	char *dept = NULL, *note = NULL;
	struct record_req req;
	struct record_result res;
	struct err e = { 0, "" };
	int c, rc = 0, status = -1;

	memset(&req, 0, sizeof req);
	OPTS_LOOP("record", opts,
		switch (c) {
		case OPT_DEPT: dept_arg = optarg; break;
		case OPT_STATUS:
			status = status_parse(optarg);
			if (status < 0)
				return cli_usage("record", "invalid --status '%s': use not-started, in-progress, "
						 "behind, done or ongoing", optarg);
			break;
		case OPT_PERIOD:
			if (!period_valid(optarg))
				return cli_usage("record", "invalid --period '%s': write a quarter like 2024Q3", optarg);
			period = optarg;
			break;
		case OPT_NOTE: note_arg = optarg; break;
		case OPT_NOTE_FILE: note_file = optarg; break;
		case OPT_BASED_ON: req.based_on = optarg; break;
		})
	if (optind + 1 != argc)
		return cli_usage("record", "name one task, like 2024-105");
	if (status < 0)
		return cli_usage("record", "give the status with --status STATUS");
	if (note_arg && note_file)
		return cli_usage("record", "give the note with --note or --note-file, not both");
	if (!cli_store(cli))
		return ERR_DB;
	if ((rc = write_dept(cli, "record", dept_arg, &dept)))
		return rc;
	if (note_arg) {
		note = xstrdup(note_arg);
	} else if (note_file) {
		if (note_read(note_file, &note, &e)) {
			rc = cli_fail(&e);
			goto out;
		}
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		if (editor_run(NULL, &note, &e)) {
			rc = cli_fail(&e);
			goto out;
		}
	}
	req.task = argv[optind];
	req.dept = dept;
	req.period = period;
	req.status = (enum status)status;
	req.note = note;
	if (record_progress(cli->store, cli->login, &req, &res, &e)) {
		rc = e.code == ERR_USAGE ? cli_usage("record", "%s: add --note TEXT", e.msg) : cli_fail(&e);
		goto out;
	}
	printf("recorded %s %s for %s on %s (record %s)\n", res.period, status_name(req.status), dept,
	       req.task, res.id);
	if (res.conflict) {
		if (res.newer.id)
			fprintf(stderr, "duban: warning: the status changed while you worked: %s recorded "
				"%s %s at %s; both records are kept, yours is now the newest\n",
				res.newer.who, res.newer.period, status_name(res.newer.status), res.newer.at);
		else
			fprintf(stderr, "duban: warning: the record you based this on is no longer the "
				"newest; both are kept\n");
	}
	if (res.close_off)
		printf("close-off requested: the task shows as done (pending review) until "
		       "the joint conference office approves it\n");
	record_result_release(&res);
out:
	free(dept);
	free(note);
	return rc;
}

int cmd_attach(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "dept", required_argument, NULL, OPT_DEPT },
		{ "docno", required_argument, NULL, OPT_DOCNO },
		{ "url", required_argument, NULL, OPT_URL },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "record", required_argument, NULL, OPT_RECORD },
		{ NULL, 0, NULL, 0 }
	};
	const char *dept_arg = NULL, *docno = NULL, *url = NULL, *title = NULL, *file = NULL;
	char *dept = NULL, *stored_title = NULL, id[33];
	struct evidence_add ea;
	struct err e = { 0, "" };
	int c, rc = 0, kinds;

	memset(&ea, 0, sizeof ea);
	OPTS_LOOP("attach", opts,
		switch (c) {
		case OPT_DEPT: dept_arg = optarg; break;
		case OPT_DOCNO: docno = optarg; break;
		case OPT_URL: url = optarg; break;
		case OPT_TITLE: title = optarg; break;
		case OPT_RECORD: ea.progress = optarg; break;
		})
	if (optind >= argc)
		return cli_usage("attach", "name the task, like 2024-105");
	if (optind + 2 < argc)
		return cli_usage("attach", "attach one file at a time");
	if (optind + 2 == argc)
		file = argv[optind + 1];
	kinds = !!file + !!docno + !!url;
	if (kinds != 1)
		return cli_usage("attach", "give exactly one of FILE, --docno TEXT or --url URL");
	if (!cli_store(cli))
		return ERR_DB;
	if ((rc = write_dept(cli, "attach", dept_arg, &dept)))
		return rc;
	ea.task = argv[optind];
	ea.dept = dept;
	ea.kind = file ? EV_FILE : docno ? EV_DOCNO : EV_URL;
	ea.value = file ? file : docno ? docno : url;
	ea.title = title;
	if (evidence_attach(cli->store, cli->login, &ea, id, &stored_title, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	printf("attached %s '%s' to %s for %s (evidence %s)\n", evidence_kind_name(ea.kind), stored_title,
	       ea.task, dept, id);
	free(stored_title);
out:
	free(dept);
	return rc;
}

int cmd_review(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "record", required_argument, NULL, OPT_RECORD },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const done[] = { "approved", "returned", "reopened" };
	const char *reason = NULL, *record = NULL;
	struct err e = { 0, "" };
	int c, rc = 0, decision;

	OPTS_LOOP("review", opts,
		if (c == OPT_REASON)
			reason = optarg;
		else if (c == OPT_RECORD)
			record = optarg;)
	if (optind + 2 != argc)
		return cli_usage("review", "name the task and approve, return or reopen");
	decision = review_decision_parse(argv[optind + 1]);
	if (decision < 0)
		return cli_usage("review", "unknown decision '%s': use approve, return or reopen",
				 argv[optind + 1]);
	if (decision != DECIDE_APPROVE && (!reason || !*reason))
		return cli_usage("review", "%s a close-off needs --reason TEXT, which the department sees",
				 decision == DECIDE_RETURN ? "returning" : "reopening");
	if (!cli_store(cli))
		return ERR_DB;
	if (store_review(cli->store, cli->login, argv[optind], (enum review_decision)decision, record,
			 reason, &e))
		return cli_fail(&e);
	printf("%s the close-off of %s\n", done[decision], argv[optind]);
	return 0;
}

int cmd_history(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "at", 's', 0 }, { "who", 's', 0 }, { "dept", 's', 0 }, { "kind", 's', 0 },
		{ "summary", 's', 0 }, { "detail", 's', 1 },
	};
	struct history_item *v;
	struct out_table t;
	struct err e = { 0, "" };
	size_t n;
	int c, rc = 0, fmt = FMT_TABLE;

	OPTS_LOOP("history", opts,
		if (c == OPT_FORMAT && cli_format_opt("history", &fmt))
			return ERR_USAGE;)
	if (optind + 1 != argc)
		return cli_usage("history", "name one task, like 2024-105");
	if (!cli_store(cli))
		return ERR_DB;
	if (store_history(cli->store, argv[optind], &v, &n, &e))
		return cli_fail(&e);
	out_table_init(&t, cols, 6);
	for (size_t i = 0; i < n; i++) {
		const char *row[6] = { v[i].at, v[i].who, v[i].dept, v[i].kind, v[i].summary, v[i].detail };
		out_table_add(&t, row);
	}
	if (n == 0 && fmt == FMT_TABLE)
		printf("nothing recorded on %s yet\n", argv[optind]);
	else
		out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
	store_history_free(v, n);
	return 0;
}

/* Write LEN bytes to PATH, creating it (refusing to overwrite unless FORCE). */
static int write_out(const char *path, const void *data, size_t len, int force, struct err *e)
{
	const char *p = data;
	int fd;
	if (!strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
			return err_set(e, ERR_IO, "cannot write to standard output: %s", strerror(errno));
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (force ? O_TRUNC : O_EXCL), 0644);
	if (fd < 0) {
		if (errno == EEXIST)
			return err_set(e, ERR_IO, "'%s' exists; choose another name or add --force to replace it", path);
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	}
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			int saved = errno;
			if (saved == EINTR)
				continue;
			close(fd);
			unlink(path);
			return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(saved));
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0) {
		int saved = errno;
		unlink(path);
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(saved));
	}
	return 0;
}

int cmd_evidence(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "task", required_argument, NULL, OPT_TASK },
		{ "dept", required_argument, NULL, OPT_DEPT },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "id", 's', 0 }, { "task", 's', 0 }, { "dept", 's', 0 }, { "kind", 's', 0 },
		{ "title", 's', 1 }, { "value", 's', 0 }, { "size", 'n', 0 }, { "sha256", 's', 0 },
		{ "who", 's', 0 }, { "at", 's', 0 },
	};
	const char *task = NULL, *dept_arg = NULL, *output = NULL;
	char *dept = NULL;
	struct err e = { 0, "" };
	int c, rc = 0, fmt = FMT_TABLE, force = 0;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		int r = cli_common_opt(cli, "evidence", c, &rc);
		if (r < 0)
			return rc;
		if (r)
			continue;
		switch (c) {
		case OPT_FORMAT:
			if (cli_format_opt("evidence", &fmt))
				return ERR_USAGE;
			break;
		case OPT_TASK: task = optarg; break;
		case OPT_DEPT: dept_arg = optarg; break;
		case 'o': output = optarg; break;
		case OPT_FORCE: force = 1; break;
		}
	}
	if (optind >= argc)
		return cli_usage("evidence", "say list or get");
	if (!strcmp(argv[optind], "list")) {
		struct evidence_info *v;
		struct out_table t;
		size_t n;
		if (optind + 1 != argc)
			return cli_usage("evidence", "unexpected argument '%s'", argv[optind + 1]);
		if (!cli_store(cli))
			return ERR_DB;
		if (dept_arg && cli_dept(cli, dept_arg, &dept, &e))
			return cli_fail(&e);
		rc = store_evidence_list(cli->store, task, dept, &v, &n, &e);
		free(dept);
		if (rc)
			return cli_fail(&e);
		out_table_init(&t, cols, fmt == FMT_TABLE ? 6 : 10);
		for (size_t i = 0; i < n; i++) {
			char size[32];
			snprintf(size, sizeof size, "%lld", v[i].size);
			const char *row[10] = { v[i].id, v[i].task, v[i].dept, evidence_kind_name(v[i].kind),
						v[i].title, v[i].kind == EV_FILE ? v[i].file_name : v[i].value,
						v[i].kind == EV_FILE ? size : "", v[i].sha256, v[i].who, v[i].at };
			out_table_add(&t, row);
		}
		out_table_print(&t, stdout, fmt, out_term_width());
		out_table_release(&t);
		store_evidence_list_free(v, n);
		return 0;
	}
	if (!strcmp(argv[optind], "get")) {
		struct evidence_info info;
		void *data = NULL;
		size_t size = 0;
		if (optind + 2 != argc)
			return cli_usage("evidence", "name one evidence id: duban evidence get ID -o FILE");
		if (!output)
			return cli_usage("evidence", "say where to write it with -o FILE (or -o - for standard output)");
		if (!cli_store(cli))
			return ERR_DB;
		if (store_evidence_get(cli->store, argv[optind + 1], &info, &data, &size, &e))
			return cli_fail(&e);
		if (info.kind != EV_FILE) {
			printf("%s\n", info.value);
		} else if (write_out(output, data, size, force, &e)) {
			rc = cli_fail(&e);
		} else if (strcmp(output, "-")) {
			printf("wrote '%s' (%zu bytes, sha256 %s) to '%s'\n", info.file_name, size, info.sha256, output);
		}
		free(data);
		store_evidence_info_release(&info);
		return rc;
	}
	return cli_usage("evidence", "unknown subcommand '%s': use list or get", argv[optind]);
}

/* ---- status ---- */

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

/* The chapters and sections of one plan's roll-up tree as JSON. */
static void status_plan_json(struct strbuf *sb, const struct rollup_tree *rt)
{
	int open = 0, first_sec = 1;
	for (size_t k = 0; k < rt->n; k++) {
		const struct rollup_node *nd = &rt->nodes[k];
		if (!nd->r.total)
			continue;
		if (!nd->section) {
			sb_addf(sb, "%s{\"number\": %d, \"title\": ", open ? "]}, " : "", nd->chapter);
			out_json_str(sb, nd->title);
			sb_addf(sb, ", \"total\": %d, \"done\": %d, \"behind\": %d, \"sections\": [",
				nd->r.total, nd->r.done, nd->r.behind);
			open = 1;
			first_sec = 1;
		} else {
			sb_addf(sb, "%s{\"number\": %d, \"title\": ", first_sec ? "" : ", ", nd->section);
			out_json_str(sb, nd->title);
			sb_addf(sb, ", \"total\": %d, \"done\": %d, \"behind\": %d}", nd->r.total,
				nd->r.done, nd->r.behind);
			first_sec = 0;
		}
	}
	if (open)
		sb_adds(sb, "]}");
}

/* Roll-ups plan > chapter > section of the rows V (plan by plan, document
 * order), as a table with each task's line or as JSON. */
static int status_rollups(struct cli *cli, const struct status_row *v, size_t n, int json)
{
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
	struct plan_info *plans = NULL;
	struct err e = { 0, "" };
	size_t np = 0, lo, hi;
	int first_plan = 1;

	if (store_plan_list(cli->store, &plans, &np, &e))
		return cli_fail(&e);
	if (json)
		sb_adds(&sb, "{\"plans\": [");
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
			const struct rollup *pr = &rt.plan;
			sb_adds(&sb, first_plan ? "\n {\"key\": " : ",\n {\"key\": ");
			out_json_str(&sb, plans[pi].key);
			sb_adds(&sb, ", \"title\": ");
			out_json_str(&sb, plans[pi].title);
			sb_addf(&sb, ", \"total\": %d, \"done\": %d, \"pending\": %d, \"behind\": %d, "
				"\"in_progress\": %d, \"ongoing\": %d, \"not_started\": %d, \"silent\": %d, "
				"\"chapters\": [", pr->total, pr->done, pr->pending, pr->behind, pr->in_progress,
				pr->ongoing, pr->not_started, pr->silent);
			status_plan_json(&sb, &rt);
			sb_adds(&sb, "]}");
		} else {
			sb_reset(&line);
			rollup_format(&rt.plan, &line);
			sb_addf(&sb, "%s %s  [%s]\n", plans[pi].key, plans[pi].title, sb_str(&line));
			status_plan_table(&sb, v, lo, hi, &rt);
		}
		first_plan = 0;
		rollup_tree_release(&rt);
		store_plan_outline_free(ch, nch, sec, nsec);
	}
	if (json) {
		sb_adds(&sb, "\n], \"tasks\": [");
		for (size_t i = 0; i < n; i++) {
			sb_adds(&sb, i ? ",\n {\"id\": " : "\n {\"id\": ");
			out_json_str(&sb, v[i].task);
			sb_adds(&sb, ", \"plan\": ");
			out_json_str(&sb, v[i].plan);
			sb_addf(&sb, ", \"chapter\": %d, \"section\": %d, \"status\": \"%s\", \"silent\": %s, "
				"\"review\": \"%s\"}", v[i].chapter, v[i].section, status_name(v[i].status),
				v[i].silent ? "true" : "false", review_state_name(v[i].review));
		}
		sb_adds(&sb, "\n]}\n");
	}
	fputs(sb_str(&sb), stdout);
	sb_release(&sb);
	sb_release(&line);
	store_plan_list_free(plans, np);
	return 0;
}

int cmd_status(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "plan", required_argument, NULL, OPT_PLAN },
		{ "dept", required_argument, NULL, OPT_DEPT },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "id", 's', 0 }, { "plan", 's', 0 }, { "chapter", 'n', 0 }, { "section", 'n', 0 },
		{ "lead", 's', 0 }, { "status", 's', 0 }, { "review", 's', 0 }, { "period", 's', 0 },
		{ "updated", 's', 0 },
	};
	const char *plan = NULL, *dept_arg = NULL;
	char *dept = NULL;
	struct status_row *v = NULL;
	struct err e = { 0, "" };
	size_t n = 0;
	int c, rc = 0, fmt = FMT_TABLE;

	OPTS_LOOP("status", opts,
		switch (c) {
		case OPT_FORMAT:
			if (cli_format_opt("status", &fmt))
				return ERR_USAGE;
			break;
		case OPT_PLAN: plan = optarg; break;
		case OPT_DEPT: dept_arg = optarg; break;
		})
	if (optind < argc)
		return cli_usage("status", "unexpected argument '%s'", argv[optind]);
	if (!cli_store(cli))
		return ERR_DB;
	if (plan) {
		struct plan_info p;
		if (store_plan_get(cli->store, plan, &p, &e))
			return cli_fail(&e);
		store_plan_info_release(&p);
	}
	if (dept_arg && cli_dept(cli, dept_arg, &dept, &e))
		return cli_fail(&e);
	if (store_status_rows(cli->store, plan, dept, &v, &n, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (fmt == FMT_TABLE || fmt == FMT_JSON)
		rc = status_rollups(cli, v, n, fmt == FMT_JSON);
	else {
		struct out_table t;
		out_table_init(&t, cols, 9);
		for (size_t i = 0; i < n; i++) {
			struct task_state ts;
			char ch[16], se[16];
			if (store_task_state(cli->store, v[i].task, &ts, &e)) {
				rc = cli_fail(&e);
				out_table_release(&t);
				goto out;
			}
			snprintf(ch, sizeof ch, "%d", v[i].chapter);
			snprintf(se, sizeof se, "%d", v[i].section);
			const char *row[9] = { v[i].task, v[i].plan, ch, v[i].section ? se : "",
					       ts.ndepts ? ts.depts[0].dept : "",
					       v[i].silent ? "not-started" : status_name(v[i].status),
					       review_state_name(v[i].review), ts.period, ts.updated };
			out_table_add(&t, row);
			store_task_state_release(&ts);
		}
		out_table_print(&t, stdout, fmt, 0);
		out_table_release(&t);
	}
out:
	store_status_rows_free(v, n);
	free(dept);
	return rc;
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "dept", required_argument, NULL, OPT_DEPT },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "login", 's', 0 }, { "role", 's', 0 }, { "dept", 's', 0 }, { "added_by", 's', 0 },
		{ "added_at", 's', 0 },
	};
	const char *dept_arg = NULL;
	char *dept = NULL;
	struct err e = { 0, "" };
	int c, rc = 0, fmt = FMT_TABLE, role = -1;

	OPTS_LOOP("user", opts,
		switch (c) {
		case OPT_FORMAT:
			if (cli_format_opt("user", &fmt))
				return ERR_USAGE;
			break;
		case OPT_DEPT: dept_arg = optarg; break;
		case OPT_ROLE:
			role = user_role_parse(optarg);
			if (role < 0)
				return cli_usage("user", "unknown --role '%s': use liaison, office or viewer", optarg);
			break;
		})
	if (optind >= argc)
		return cli_usage("user", "say add, list or remove");
	if (!cli_store(cli))
		return ERR_DB;
	if (!strcmp(argv[optind], "list")) {
		struct user_info *v;
		struct out_table t;
		size_t n;
		struct actor a;
		if (store_user_list(cli->store, &v, &n, &e))
			return cli_fail(&e);
		out_table_init(&t, cols, 5);
		for (size_t i = 0; i < n; i++) {
			const char *row[5] = { v[i].login, user_role_name(v[i].role), v[i].dept, v[i].added_by,
					       v[i].added_at };
			out_table_add(&t, row);
		}
		if (n == 0 && fmt == FMT_TABLE && store_actor_get(cli->store, cli->login, &a, &e) == 0) {
			printf("no users defined: '%s' (the local user) acts as the office\n", a.login);
			store_actor_release(&a);
		} else {
			out_table_print(&t, stdout, fmt, out_term_width());
		}
		out_table_release(&t);
		store_user_list_free(v, n);
		return 0;
	}
	if (!strcmp(argv[optind], "add")) {
		if (optind + 2 != argc)
			return cli_usage("user", "name one login: duban user add LOGIN --role ROLE [--dept NAME]");
		if (role < 0)
			return cli_usage("user", "give the role with --role liaison|office|viewer");
		if (dept_arg && cli_dept(cli, dept_arg, &dept, &e))
			return cli_fail(&e);
		if (store_user_add(cli->store, cli->login, argv[optind + 1], (enum user_role)role, dept, &e))
			rc = cli_fail(&e);
		else
			printf("user %s is now %s%s%s\n", argv[optind + 1], user_role_name((enum user_role)role),
			       dept ? " of " : "", dept ? dept : "");
		free(dept);
		return rc;
	}
	if (!strcmp(argv[optind], "remove")) {
		if (optind + 2 != argc)
			return cli_usage("user", "name one login: duban user remove LOGIN");
		if (store_user_remove(cli->store, cli->login, argv[optind + 1], &e))
			return cli_fail(&e);
		printf("removed user %s (their records stay)\n", argv[optind + 1]);
		return 0;
	}
	return cli_usage("user", "unknown subcommand '%s': use add, list or remove", argv[optind]);
}

int cmd_config(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTS, { NULL, 0, NULL, 0 } };
	struct err e = { 0, "" };
	int c, rc = 0;

	/* "+": options end at the first operand, so a value like -5 is a value */
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (cli_common_opt(cli, "config", c, &rc) < 0)
			return rc;
	}
	if (!cli_store(cli))
		return ERR_DB;
	if (optind == argc) {
		printf("evidence.max_bytes = %lld\n",
		       store_evidence_limit(cli->store));
		return 0;
	}
	if (strcmp(argv[optind], "evidence.max_bytes"))
		return cli_usage("config", "unknown setting '%s': the settings are evidence.max_bytes", argv[optind]);
	if (optind + 1 == argc) {
		printf("%lld\n", store_evidence_limit(cli->store));
		return 0;
	}
	if (optind + 2 != argc)
		return cli_usage("config", "give one value");
	if (store_setting_set(cli->store, cli->login, argv[optind], argv[optind + 1], &e))
		return cli_fail(&e);
	printf("%s = %s\n", argv[optind], argv[optind + 1]);
	return 0;
}
