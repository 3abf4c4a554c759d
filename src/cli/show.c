/* duban show: one task in full, as text or JSON; also the JSON of a task that
 * duban tasks --format json prints for each. */
#include "src/carryover.h"
#include "src/cli/cli.h"
#include "src/json.h"
#include "src/status.h"
#include "src/text.h"
#include "src/state.h"
#include "src/util.h"
#include "src/banned.h"

/* The task's number: an integer for numbered tasks, else a string. */
static void json_label(struct json *j, const char *label)
{
	const char *p = label;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*label && !*p)
		json_number(j, label);
	else
		json_str(j, label);
}

/* The status part of a task's JSON: its status (the lead's), review state,
 * period and time of the lead's newest record, and each department's. */
static void state_json(struct json *j, const struct task_state *st)
{
	json_key_str(j, "status", st->silent ? "not-started" : status_name(st->status));
	json_key_bool(j, "silent", st->silent);
	json_key_str(j, "review", review_state_name(st->review));
	json_key_str(j, "shown", shown_name(state_shown_of(st->status, st->silent, st->review)));
	if (st->review == REVIEW_RETURNED)
		json_key_str(j, "reason", st->review_reason);
	if (st->review != REVIEW_NONE && st->ndepts)
		json_key_str(j, "closeoff_record", st->depts[0].closeoff_record);
	json_key_str(j, "period", st->period);
	json_key_str(j, "updated", st->updated);
	json_key(j, "statuses");
	json_array_begin(j, JSON_INLINE);
	for (size_t k = 0; k < st->ndepts; k++) {
		const struct dept_state *d = &st->depts[k];
		json_object_begin(j, JSON_INLINE);
		json_key_str(j, "dept", d->dept);
		json_key_str(j, "role", role_name(d->role));
		json_key_str(j, "status", d->has_record ? status_name(d->status) : "not-started");
		json_key_str(j, "period", d->period);
		json_key_str(j, "updated", d->at);
		json_key_str(j, "note", d->note);
		json_key_int(j, "evidence", d->nevidence);
		json_end(j);
	}
	json_end(j);
}

void cli_task_json(struct json *j, const struct task_row *t, const struct task_state *st)
{
	json_object_begin(j, JSON_INLINE);
	json_key_str(j, "id", t->id);
	json_key_str(j, "plan", t->plan);
	json_key(j, "number");
	json_label(j, t->label);
	json_key(j, "chapter");
	json_object_begin(j, JSON_INLINE);
	json_key_int(j, "number", t->chapter);
	json_key_str(j, "title", t->chapter_title);
	json_end(j);
	json_key(j, "section");
	if (t->section) {
		json_object_begin(j, JSON_INLINE);
		json_key_int(j, "number", t->section);
		json_key_str(j, "title", t->section_title);
		json_end(j);
	} else {
		json_null(j);
	}
	json_key_str(j, "text", t->text);
	json_key(j, "lead");
	if (t->ndepts)
		json_str(j, t->depts[0].dept);
	else
		json_null(j);
	json_key(j, "participants");
	json_array_begin(j, JSON_INLINE);
	for (size_t k = 1; k < t->ndepts; k++)
		json_str(j, t->depts[k].dept);
	json_end(j);
	json_key(j, "departments");
	json_array_begin(j, JSON_INLINE);
	for (size_t k = 0; k < t->ndepts; k++) {
		json_object_begin(j, JSON_INLINE);
		json_key_str(j, "name", t->depts[k].dept);
		json_key_str(j, "written", t->depts[k].written);
		json_key_str(j, "role", role_name(t->depts[k].role));
		json_key_int(j, "position", t->depts[k].position);
		json_end(j);
	}
	json_end(j);
	json_key_bool(j, "open", t->open);
	json_key(j, "lists");
	json_str_list(j, t->lists, '\n');
	if (st)
		state_json(j, st);
	json_end(j);
}

static int show_check(struct cli *cli, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, OPT_FORMAT);
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "text"))
		return cli_usage(cli, "unknown format '%s': use text or json", fmt);
	if (a->argc != 1)
		return cli_usage(cli, "name one task, like 2024-105");
	return 0;
}

/* TEXT escaped for the terminal and wrapped to WIDTH columns, its first line
 * after FIRST and the others after REST. */
static void add_wrapped(struct strbuf *sb, const char *text, int width, const char *first,
			const char *rest)
{
	struct strbuf esc = STRBUF_INIT;
	char **lines;
	size_t nl;
	text_escape(&esc, text, 1);
	nl = text_wrap(sb_str(&esc), width, &lines);
	for (size_t k = 0; k < nl; k++)
		sb_addf(sb, "%s%s\n", k ? rest : first, lines[k]);
	text_lines_free(lines, nl);
	sb_release(&esc);
}

/* The text of task T with its state ST and plan P, for a terminal WIDTH wide. */
static void show_text(struct cli *cli, const struct task_row *t, const struct task_state *st,
		      const struct plan_info *p, int width, struct strbuf *sb)
{
	struct err e = { 0, "" };

	sb_addf(sb, "%s  %s\n", t->id, p->title);
	if (strcmp(t->id + strlen(t->plan) + 1, t->label))
		sb_addf(sb, "task %s of the document (its number moved when the text was corrected)\n",
			t->label);
	sb_addf(sb, "chapter %d  %s\n", t->chapter, t->chapter_title);
	if (t->section)
		sb_addf(sb, "section %d  %s\n", t->section, t->section_title);
	sb_addc(sb, '\n');
	add_wrapped(sb, t->text, width - 2, "  ", "  ");
	sb_addc(sb, '\n');
	sb_addf(sb, "status: %s", st->silent ? "not-started (nothing recorded)" : status_name(st->status));
	if (st->review != REVIEW_NONE)
		sb_addf(sb, " (%s)", review_state_name(st->review));
	if (st->review == REVIEW_RETURNED && *st->review_reason)
		sb_addf(sb, ": %s", st->review_reason);
	if (*st->period)
		sb_addf(sb, ", %s, updated %s", st->period, st->updated);
	if (st->review != REVIEW_NONE && st->ndepts)
		sb_addf(sb, "\nclose-off: record %s", st->depts[0].closeoff_record);
	sb_adds(sb, "\n\n");
	for (size_t i = 0; i < t->ndepts; i++) {
		const struct dept_state *d = i < st->ndepts ? &st->depts[i] : NULL;
		struct strbuf name = STRBUF_INIT;
		sb_addf(&name, "%s %s", role_name_zh(t->depts[i].role), t->depts[i].dept);
		text_pad(sb, sb_str(&name), 26, 'l');
		sb_release(&name);
		if (d && d->has_record) {
			sb_addf(sb, " %-12s %s", status_name(d->status), d->period);
			if (d->nevidence)
				sb_addf(sb, ", %d evidence", d->nevidence);
		} else {
			sb_adds(sb, " -");
		}
		if (strcmp(t->depts[i].written, t->depts[i].dept))
			sb_addf(sb, "  (written %s)", t->depts[i].written);
		if (t->depts[i].role == ROLE_LEAD && t->depts[i].position != 1)
			sb_addf(sb, "  (lead set by the office; the document names it %d.)", t->depts[i].position);
		else if (t->depts[i].role != ROLE_LEAD && t->depts[i].position == 1)
			sb_adds(sb, "  (named first in the document)");
		sb_addc(sb, '\n');
		if (i + 1 == t->ndepts && t->open)
			sb_adds(sb, "等 (the list is open: 等有关部门)\n");
		if (d && d->has_record && *d->note)
			add_wrapped(sb, d->note, width - 6, "      ", "      ");
	}
	if (strchr(t->lists, '\n')) {
		/* a task with several lists: each as the document wrote it */
		sb_adds(sb, "\nlists as written:\n");
		for (const char *q = t->lists; *q;) {
			size_t k = strcspn(q, "\n");
			sb_addf(sb, "  %.*s\n", (int)k, q);
			q += k + (q[k] == '\n');
		}
	}
	{
		struct carry_link *links = NULL;
		size_t nlinks = 0;
		if (carryover_for_task(cli->store, t->id, &links, &nlinks, &e) == 0 && nlinks) {
			sb_addc(sb, '\n');
			for (size_t i = 0; i < nlinks; i++) {
				struct strbuf d = STRBUF_INIT;
				carryover_describe(&links[i], t->id, &d);
				add_wrapped(sb, sb_str(&d), width - 2, "  ", "    ");
				sb_release(&d);
			}
		}
		carryover_links_free(links, nlinks);
	}
}

static int show_run(struct cli *cli, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, OPT_FORMAT);
	struct task_row t;
	struct task_state st;
	struct plan_info p;
	struct err e = { 0, "" };
	struct strbuf sb = STRBUF_INIT;
	int rc = 0, width;

	memset(&st, 0, sizeof st);
	if (store_task_get(cli->store, a->argv[0], &t, &e))
		return cli_fail(&e);
	if (store_task_state(cli->store, t.id, &st, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (fmt && !strcmp(fmt, "json")) {
		struct json j;
		json_init(&j, &sb, " ");
		cli_task_json(&j, &t, &st);
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
	show_text(cli, &t, &st, &p, width, &sb);
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

static const struct option show_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_show = {
	.name = "show",
	.usage = "show TASK-ID [--format text|json]",
	.summary = "show one task (e.g. 2024-105) in full",
	.help = "  --format FMT         text (default) or json\n",
	.opts = show_opts,
	.flags = CLI_STORE,
	.check = show_check,
	.run = show_run,
};
