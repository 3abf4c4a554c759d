/* What the keys of the browse view do: movement, folding, panes, search,
 * filters, jumps and the queues (what is still to report, what waits for
 * review), and the recording dialogues (the report form, a note alone,
 * evidence alone, review), which write only through src/ and store/ so that
 * the role rules hold; what the user's role cannot do is refused before
 * anything is asked. The binding table at the end is the one the help view
 * lists; ui_actions_start says what waits on the first screen. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>

#include "src/evidence.h"
#include "src/record.h"
#include "src/resolve.h"
#include "src/search.h"
#include "src/state.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "ui/actions.h"
#include "ui/detail.h"
#include "ui/editor.h"
#include "ui/evidence.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/history.h"
#include "ui/indicator.h"
#include "ui/prompt.h"
#include "ui/tree.h"
#include "src/banned.h"

/* The dialogue in progress: what it is about and what was answered so far. */
static struct {
	char *task, *plan, *dept, *based_on, *value;
	enum status status;
	char period[16];
	void (*next)(struct app *a);
} dlg;

void ui_actions_free(void)
{
	free(dlg.task);
	free(dlg.plan);
	free(dlg.dept);
	free(dlg.based_on);
	free(dlg.value);
	memset(&dlg, 0, sizeof dlg);
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? xstrdup(s) : NULL;
}

/* ---- movement ---- */

static int in_detail(const struct app *a)
{
	return (a->two_pane && a->focus == UI_F_DETAIL) || (!a->two_pane && a->detail_full);
}

static void act_down(struct app *a)
{
	if (in_detail(a))
		ui_detail_scroll(a, 1, 0);
	else
		ui_tree_move(a, 1);
}

static void act_up(struct app *a)
{
	if (in_detail(a))
		ui_detail_scroll(a, -1, 0);
	else
		ui_tree_move(a, -1);
}

static void act_pgdn(struct app *a)
{
	if (in_detail(a))
		ui_detail_scroll(a, 1, 1);
	else
		ui_tree_page(a, 1);
}

static void act_pgup(struct app *a)
{
	if (in_detail(a))
		ui_detail_scroll(a, -1, 1);
	else
		ui_tree_page(a, -1);
}

static void act_top(struct app *a)
{
	if (in_detail(a))
		ui_detail_scroll(a, -INT_MAX, 0);
	else
		ui_tree_move(a, -INT_MAX);
}

static void act_bottom(struct app *a)
{
	if (in_detail(a))
		ui_detail_scroll(a, INT_MAX, 0);
	else
		ui_tree_move(a, INT_MAX);
}

static void show_detail(struct app *a)
{
	if (a->two_pane)
		a->focus = UI_F_DETAIL;
	else
		a->detail_full = 1;
}

static void act_enter(struct app *a)
{
	if (in_detail(a))
		return;
	if (ui_tree_fold(a, -1))
		show_detail(a);
}

static void act_open(struct app *a)
{
	if (in_detail(a))
		return;
	if (ui_tree_fold(a, 1))
		show_detail(a);
}

static void act_close(struct app *a)
{
	if (a->detail_full) {
		a->detail_full = 0;
		a->focus = UI_F_TREE;
	} else if (a->focus == UI_F_DETAIL) {
		a->focus = UI_F_TREE;
	} else {
		ui_tree_parent(a);
	}
}

static void act_tab(struct app *a)
{
	struct ui_sel sel;
	if (a->two_pane) {
		a->focus = a->focus == UI_F_TREE ? UI_F_DETAIL : UI_F_TREE;
		return;
	}
	ui_tree_selected(a, &sel);
	a->detail_full = !a->detail_full && sel.kind != UI_N_NONE;
}

static void act_next_plan(struct app *a)
{
	a->detail_full = 0;
	ui_tree_switch_plan(a, 1);
}

static void act_prev_plan(struct app *a)
{
	a->detail_full = 0;
	ui_tree_switch_plan(a, -1);
}

/* ---- jump and search ---- */

static void jump_accept(struct app *a, const char *text)
{
	struct err e = { 0, "" };
	struct task_row task;
	if (!text[strspn(text, " :")])
		return;
	if (resolve_task(a->s, text, ui_tree_plan_key(a), &task, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	if (ui_tree_jump(a, &task, &e))
		ui_app_msg(a, 1, "%s", e.msg);
	store_task_row_release(&task);
}

static void act_jump(struct app *a)
{
	static const struct ui_prompt_ops ops = { jump_accept, NULL, NULL, NULL, NULL };
	ui_prompt_start(a, ":", NULL, &ops);
}

static void search_change(struct app *a, const char *text)
{
	ui_app_search(a, text);
	ui_tree_invalidate(a, UI_CH_SEARCH, NULL);
	ui_tree_to_mark(a);
	ui_tree_search(a, 1, 1, 0);
}

static void search_accept(struct app *a, const char *text)
{
	ui_app_search(a, text);
	ui_tree_invalidate(a, UI_CH_SEARCH, NULL);
	if (!a->search)
		return;
	ui_tree_to_mark(a);
	if (ui_tree_search(a, 1, 1, 1))
		ui_app_msg(a, 0, "/%s: n next, N previous, Esc clears", search_typed(a->search));
	else
		ui_app_msg(a, 1, "no task matches '%s'", search_typed(a->search));
}

static void search_cancel(struct app *a)
{
	ui_app_search(a, NULL);
	ui_tree_invalidate(a, UI_CH_SEARCH, NULL);
}

static void act_search(struct app *a)
{
	static const struct ui_prompt_ops ops = { search_accept, search_change, search_cancel, NULL, NULL };
	a->detail_full = 0;
	a->focus = UI_F_TREE;
	ui_tree_mark(a);
	ui_prompt_start(a, "/", NULL, &ops);
}

static void search_step(struct app *a, int dir)
{
	if (!a->search) {
		ui_app_msg(a, 1, "no search: / searches");
		return;
	}
	if (!ui_tree_search(a, dir, 0, 1))
		ui_app_msg(a, 1, "no task matches '%s'", search_typed(a->search));
}

static void act_next(struct app *a)
{
	search_step(a, 1);
}

static void act_prev(struct app *a)
{
	search_step(a, -1);
}

/* ---- filters ---- */

static void dept_accept(struct app *a, const char *text)
{
	struct err e = { 0, "" };
	char *dept = NULL;
	if (!*text) {
		free(a->dept);
		a->dept = NULL;
		ui_tree_invalidate(a, UI_CH_DEPT, NULL);
		ui_app_msg(a, 0, "department filter cleared");
		return;
	}
	if (resolve_dept(a->s, text, &dept, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
	} else {
		free(a->dept);
		a->dept = dept;
		ui_tree_invalidate(a, UI_CH_DEPT, NULL);
		ui_app_msg(a, 0, "only tasks of %s (* lead, . participant); Esc clears", dept);
	}
}

static void act_dept(struct app *a)
{
	static const struct ui_prompt_ops ops = { dept_accept, NULL, NULL, NULL, NULL };
	const char *init = a->dept ? a->dept : a->actor.dept;
	ui_prompt_start(a, "department (empty: all): ", init, &ops);
}

/* f: show only the tasks of one state, or those still to report. */
static const struct {
	wint_t key;
	int show;
	const char *name;
} shows[] = {
	{ 't', UI_SHOW_TO_REPORT, "to report" }, { 'r', SHOWN_RETURNED, "returned" },
	{ 'w', SHOWN_PENDING, "pending review" }, { 'b', SHOWN_BEHIND, "behind" },
	{ 'p', SHOWN_IN_PROGRESS, "in-progress" }, { 'o', SHOWN_ONGOING, "ongoing" },
	{ 'd', SHOWN_DONE, "done" }, { 'n', SHOWN_NOT_STARTED, "not started" },
	{ 's', SHOWN_SILENT, "silent" }, { 'a', UI_SHOW_ALL, "all" },
};

const char *ui_actions_show_name(int show)
{
	for (size_t i = 0; i < sizeof shows / sizeof shows[0]; i++)
		if (shows[i].show == show)
			return shows[i].name;
	return "?";
}

static void show_chosen(struct app *a, wint_t key)
{
	for (size_t i = 0; i < sizeof shows / sizeof shows[0]; i++) {
		if (shows[i].key != key)
			continue;
		a->show = shows[i].show;
		ui_tree_invalidate(a, UI_CH_STATUS, NULL);
		if (a->show == UI_SHOW_ALL)
			ui_app_msg(a, 0, "every task shown");
		else
			ui_app_msg(a, 0, "only tasks %s%s%s (%s; f changes, Esc clears)", a->show == UI_SHOW_TO_REPORT
				   ? "" : "that are ", shows[i].name, a->show == UI_SHOW_TO_REPORT ? " for the period" : "",
				   a->dept ? "the department's own state" : "the lead's state");
		return;
	}
	ui_app_msg(a, 0, "filter unchanged");
}

static void act_status_filter(struct app *a)
{
	static const struct ui_prompt_ops ops = { NULL, NULL, NULL, show_chosen, NULL };
	struct strbuf label = STRBUF_INIT;
	sb_adds(&label, "show:");
	for (size_t i = 0; i < sizeof shows / sizeof shows[0]; i++)
		sb_addf(&label, " %c %s ", (char)shows[i].key, shows[i].name);
	ui_prompt_start(a, sb_str(&label), NULL, &ops);
	sb_release(&label);
}

static void act_escape(struct app *a)
{
	if (a->detail_full || a->focus == UI_F_DETAIL) {
		act_close(a);
		return;
	}
	if (!a->dept && a->show == UI_SHOW_ALL && !a->search)
		return;
	/* filters change what is shown, not what is stored: the tree is
	 * re-laid from what is loaded (rows_ensure keeps the unfiltered status
	 * rows aside while a department filter is on) */
	free(a->dept);
	a->dept = NULL;
	a->show = UI_SHOW_ALL;
	ui_app_search(a, NULL);
	ui_tree_invalidate(a, UI_CH_DEPT | UI_CH_STATUS | UI_CH_SEARCH, NULL);
	ui_app_msg(a, 0, "filters cleared");
}

/* ---- the queues ---- */

static int want_report(const struct app *a, const struct status_row *r)
{
	(void)a;
	return r->period[0] && !r->reported;
}

/* The words for the deadline of PERIOD due on DUE: " (due 2026-01-10)",
 * " (overdue since 2026-01-10)", " (due 2026-01-10, in 3 days)". */
static void due_words(struct app *a, struct strbuf *sb, const char *due)
{
	if (!due[0])
		return;
	switch (deadline_light(a->today, due)) {
	case DUE_OVER: sb_addf(sb, ", overdue since %s", due); break;
	case DUE_SOON: sb_addf(sb, ", due %s, in %d days", due, date_days(a->today, due)); break;
	default: sb_addf(sb, ", due %s", due); break;
	}
}

/* t and T: the next or previous task still to report, the department's
 * (a liaison's own when no department is chosen). */
static void report_step(struct app *a, int dir)
{
	struct ui_queue q;
	struct ui_sel sel;
	struct strbuf sb = STRBUF_INIT;
	if (!a->dept && a->actor.role == UROLE_LIAISON && a->actor.dept) {
		a->dept = xstrdup(a->actor.dept);
		ui_tree_invalidate(a, UI_CH_DEPT, NULL);
	}
	a->detail_full = 0;
	if (!ui_tree_next(a, dir, want_report)) {
		ui_app_msg(a, 0, "nothing %sto report%s%s%s", a->show == UI_SHOW_TO_REPORT || a->show == UI_SHOW_ALL
			   ? "" : "of this filter ", a->dept ? " for " : "", a->dept ? a->dept : "",
			   a->dept ? "" : " (without a department filter: the leads')");
		return;
	}
	ui_tree_selected(a, &sel);
	if (sel.kind != UI_N_TASK || !sel.row)
		return;
	sb_addf(&sb, "%s: to report for %s", sel.task->id, sel.row->period);
	{
		char period[8], due[11];
		ui_tree_period(a, period, due);
		due_words(a, &sb, due);
	}
	if (a->dept) {
		ui_tree_queue(a, &q);
		sb_addf(&sb, "; %d left", q.to_report);
	}
	sb_adds(&sb, ". s reports it, t the next");
	ui_app_msg(a, 0, "%s", sb_str(&sb));
	sb_release(&sb);
}

static void act_next_report(struct app *a)
{
	report_step(a, 1);
}

static void act_prev_report(struct app *a)
{
	report_step(a, -1);
}

static int want_pending(const struct app *a, const struct status_row *r)
{
	(void)a;
	return r->review == REVIEW_PENDING;
}

/* w and W: the next or previous close-off pending review, across plans:
 * under a department filter the department's own (those it leads), else
 * every one the office has to decide. */
static void review_step(struct app *a, int dir)
{
	struct task_ref *v = NULL;
	struct err e = { 0, "" };
	size_t n = 0;
	if (a->dept) {
		a->detail_full = 0;
		/* a filter that hides the close-offs waiting gives way */
		if (a->show != UI_SHOW_ALL && a->show != SHOWN_PENDING) {
			a->show = UI_SHOW_ALL;
			ui_tree_invalidate(a, UI_CH_STATUS, NULL);
		}
		if (ui_tree_next(a, dir, want_pending))
			ui_app_msg(a, 0, "close-off of %s pending review%s", a->dept,
				   a->actor.role == UROLE_OFFICE ? ": r decides, w the next" : ": w the next");
		else
			ui_app_msg(a, 0, "no close-off of %s waits for review", a->dept);
		return;
	}
	if (store_review_queue(a->s, &v, &n, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	a->detail_full = 0;
	if (!n)
		ui_app_msg(a, 0, "no close-off waits for review");
	else if (ui_tree_goto(a, v, n, dir))
		ui_app_msg(a, 0, "close-off pending review (%zu waiting)%s", n,
			   a->actor.role == UROLE_OFFICE ? ": r decides, w the next" : ": w the next");
	store_task_refs_free(v, n);
}

static void act_next_review(struct app *a)
{
	review_step(a, 1);
}

static void act_prev_review(struct app *a)
{
	review_step(a, -1);
}

/* < and >: move the split between the tree and the detail. */
static void split_move(struct app *a, int by)
{
	if (!a->two_pane) {
		ui_app_msg(a, 0, "one pane at this width: Tab shows the detail");
		return;
	}
	a->split += by;
	ui_app_layout(a);
	ui_tree_invalidate(a, UI_CH_SIZE, NULL);
}

static void act_narrower(struct app *a)
{
	split_move(a, -4);
}

static void act_wider(struct app *a)
{
	split_move(a, 4);
}

static void act_messages(struct app *a)
{
	ui_history_messages(a);
}

/* ---- recording ---- */

/* The selected task and its state, or NULL with a message. */
static const struct task_state *selected_task(struct app *a, struct ui_sel *sel)
{
	const struct task_state *st;
	ui_tree_selected(a, sel);
	if (sel->kind != UI_N_TASK) {
		ui_app_msg(a, 1, "select a task first (Enter unfolds, :2024-105 jumps)");
		return NULL;
	}
	st = ui_detail_state(a);
	if (!st)
		return NULL;
	set_str(&dlg.task, sel->task->id);
	set_str(&dlg.plan, sel->task->plan);
	return st;
}

static const struct dept_state *dept_state_of(struct app *a, const char *dept)
{
	const struct task_state *st = ui_detail_state(a);
	for (size_t i = 0; st && dept && i < st->ndepts; i++)
		if (!strcmp(st->depts[i].dept, dept))
			return &st->depts[i];
	return NULL;
}

static void dept_chosen(struct app *a)
{
	const struct dept_state *ds = dept_state_of(a, dlg.dept);
	set_str(&dlg.based_on, ds ? ds->record_id : "");
	dlg.status = ds && ds->has_record ? ds->status : ST_NOT_STARTED;
	dlg.next(a);
}

static void dlg_dept_accept(struct app *a, const char *text)
{
	struct err e = { 0, "" };
	char *dept = NULL;
	if (resolve_dept(a->s, text, &dept, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	free(dlg.dept);
	dlg.dept = dept;
	dept_chosen(a);
}

/* 1 when the acting user may record on task T, else 0 with the reason on
 * the message line: asked before any prompt, so nobody types for nothing.
 * The store holds every write to the same rules. */
static int may_record(struct app *a, const struct task_row *t)
{
	const struct actor *ac = &a->actor;
	if (ui_app_may_record(a, t))
		return 1;
	if (ac->role == UROLE_LIAISON && ac->dept) {
		struct strbuf on = STRBUF_INIT;
		for (size_t i = 0; i < t->ndepts; i++)
			sb_addf(&on, "%s%s", i ? "、" : "", t->depts[i].dept);
		ui_app_msg(a, 1, "you report for %s, which is not on %s (%s): a liaison records only on its "
			   "department's tasks; t goes to the next task to report", ac->dept, t->id, sb_str(&on));
		sb_release(&on);
	} else if (!ac->known) {
		ui_app_msg(a, 1, "%s is not a user of this database, so it can look but not record; the "
			   "office adds users ('duban user add %s --role liaison --dept NAME')", a->login, a->login);
	} else {
		ui_app_msg(a, 1, "%s is a viewer here: viewers record nothing (the office changes roles with "
			   "'duban user add')", a->login);
	}
	return 0;
}

/* Settle which department the action is for, then run NEXT: a liaison's own,
 * else asked for with the lead as the default. */
static void choose_dept(struct app *a, const struct task_state *st, void (*next)(struct app *a))
{
	static const struct ui_prompt_ops ops = { dlg_dept_accept, NULL, NULL, NULL, NULL };
	const char *lead = st->ndepts ? st->depts[0].dept : "";
	struct strbuf label = STRBUF_INIT;
	dlg.next = next;
	if (a->actor.role == UROLE_LIAISON && a->actor.dept) {
		set_str(&dlg.dept, a->actor.dept);
		dept_chosen(a);
		return;
	}
	sb_addf(&label, "%s for department: ", dlg.task);
	ui_prompt_start(a, sb_str(&label), a->dept ? a->dept : lead, &ops);
	sb_release(&label);
}

static void after_write(struct app *a)
{
	ui_tree_invalidate(a, UI_CH_DATA, dlg.plan);
}

/* Record dlg's status (NOTE_ONLY: the note alone) for PERIOD (NULL: the
 * reporting period) through the operation the command line uses. */
static int append(struct app *a, const char *period, const char *note, int note_only, struct err *e)
{
	struct record_req req;
	struct record_result r;
	int rc;
	memset(&req, 0, sizeof req);
	req.task = dlg.task;
	req.dept = dlg.dept;
	req.period = period;
	req.status = dlg.status;
	req.note = note;
	req.note_only = note_only;
	req.based_on = dlg.based_on ? dlg.based_on : "";
	rc = record_progress(a->s, a->login, &req, &r, e);
	if (rc)
		return rc;
	after_write(a);
	if (r.conflict) {
		char at[40];
		date_local(r.newer.at ? r.newer.at : "", 0, at, sizeof at);
		ui_app_msg(a, 1, "saved, but the status changed under you: %s recorded %s (%s) at %s; both are kept",
			   r.newer.who ? r.newer.who : "?", status_name(r.newer.status),
			   r.newer.period ? r.newer.period : "", at);
	} else if (note_only)
		ui_app_msg(a, 0, "note added to %s for %s (%s); the status is unchanged", dlg.task, dlg.dept,
			   r.period);
	else
		ui_app_msg(a, 0, "recorded %s %s %s %s%s", dlg.task, dlg.dept, r.period, status_name(dlg.status),
			   r.close_off ? ": close-off requested, pending review"
			   : r.closed ? ": the close-off stays approved" : "");
	record_result_release(&r);
	return 0;
}

/* s: the report form, after the reporting period is known (a plan with
 * none open refuses here, before anything is typed). */
static void form_saved(struct app *a, const char *task, const char *plan)
{
	ui_tree_invalidate(a, UI_CH_DATA, plan);
	(void)task;
	/* in the queue, the task reported leaves it: on to the next */
	if (a->show == UI_SHOW_TO_REPORT) {
		struct strbuf keep = STRBUF_INIT;
		sb_adds(&keep, sb_str(&a->msg));
		if (ui_tree_next(a, 1, want_report))
			ui_app_msg(a, a->msg_err, "%s; next to report", sb_str(&keep));
		else
			ui_app_msg(a, a->msg_err, "%s; nothing left to report", sb_str(&keep));
		sb_release(&keep);
	}
}

static void form_open(struct app *a)
{
	struct ui_form_open o;
	struct ui_sel sel;
	struct err e = { 0, "" };
	char period[8], due[11];
	ui_tree_selected(a, &sel);
	if (sel.kind != UI_N_TASK)
		return;
	if (store_period_pick(a->s, dlg.task, period, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	{
		char pp[8];
		ui_tree_period(a, pp, due);
		if (strcmp(pp, period))
			due[0] = '\0';
	}
	memset(&o, 0, sizeof o);
	o.task = sel.task;
	o.dept = dlg.dept;
	o.ds = dept_state_of(a, dlg.dept);
	o.period = period;
	o.due = due;
	o.saved = form_saved;
	ui_form_open(a, &o);
}

static void act_record(struct app *a)
{
	struct ui_sel sel;
	const struct task_state *st = selected_task(a, &sel);
	if (st && may_record(a, sel.task))
		choose_dept(a, st, form_open);
}

/* a: a note alone, for the reporting period; it changes no status */
static int note_save(struct app *a, const char *text, struct err *e)
{
	if (!*text)
		return err_set(e, ERR_INPUT, "the note is empty");
	return append(a, NULL, text, 1, e);
}

static void note_open(struct app *a)
{
	struct strbuf title = STRBUF_INIT;
	struct err e = { 0, "" };
	char period[8];
	if (store_period_pick(a->s, dlg.task, period, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	sb_addf(&title, "note on %s for %s (%s; the status stays %s)", dlg.task, dlg.dept, period,
		status_name(dlg.status));
	ui_editor_start(a, sb_str(&title), NULL, note_save);
	sb_release(&title);
}

static void act_note(struct app *a)
{
	struct ui_sel sel;
	const struct task_state *st = selected_task(a, &sel);
	if (st && may_record(a, sel.task))
		choose_dept(a, st, note_open);
}

static void evidence_title(struct app *a, const char *title)
{
	struct evidence_add ea;
	struct err e = { 0, "" };
	char id[33], *stored = NULL;
	memset(&ea, 0, sizeof ea);
	ea.task = dlg.task;
	ea.dept = dlg.dept;
	ea.kind = evidence_guess(dlg.value);
	ea.value = dlg.value;
	ea.title = title;
	if (evidence_attach(a->s, a->login, &ea, id, &stored, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	after_write(a);
	ui_app_msg(a, 0, "attached %s '%s' to %s for %s", evidence_kind_name(ea.kind), stored, dlg.task,
		   dlg.dept);
	free(stored);
}

static void evidence_value(struct app *a, const char *text)
{
	static const struct ui_prompt_ops ops = { evidence_title, NULL, NULL, NULL, NULL };
	struct err e = { 0, "" };
	enum evidence_kind kind;
	char *title;
	if (!*text) {
		ui_app_msg(a, 0, "no evidence attached");
		return;
	}
	/* a mistyped path is said now, never stored as a 文号 */
	if (evidence_validate(text, &kind, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	set_str(&dlg.value, text);
	title = evidence_default_title(text, kind);
	ui_prompt_start(a, "title: ", title, &ops);
	free(title);
}

/* Tab in a prompt for a path: complete it as a shell does. */
static int path_complete(struct app *a, struct strbuf *sb)
{
	struct strbuf choices = STRBUF_INIT;
	char *done = NULL;
	int n, moved;
	if (!sb->len || evidence_guess(sb_str(sb)) == EV_URL)
		return 0;
	n = evidence_complete(sb_str(sb), &done, &choices);
	moved = strcmp(done, sb_str(sb)) != 0;
	if (!n && evidence_guess(sb_str(sb)) != EV_FILE) {
		free(done);
		sb_release(&choices);
		return 0;
	}
	if (n > 1)
		ui_app_msg(a, 0, "%s", sb_str(&choices));
	else if (!n)
		ui_app_msg(a, 1, "no file starts '%s'", sb_str(sb));
	sb_reset(sb);
	sb_adds(sb, done);
	free(done);
	sb_release(&choices);
	return moved;
}

static void evidence_open(struct app *a)
{
	static const struct ui_prompt_ops ops = { evidence_value, NULL, NULL, NULL, path_complete };
	ui_prompt_start(a, "evidence (a file path, Tab completes; a 文号; or a link): ", NULL, &ops);
}

static void act_evidence(struct app *a)
{
	struct ui_sel sel;
	const struct task_state *st = selected_task(a, &sel);
	if (st && may_record(a, sel.task))
		choose_dept(a, st, evidence_open);
}

/* The id of the task under the cursor (the tree's), or NULL with a message. */
static const char *task_here(struct app *a)
{
	struct ui_sel sel;
	ui_tree_selected(a, &sel);
	if (sel.kind != UI_N_TASK) {
		ui_app_msg(a, 1, "select a task first (Enter unfolds, :2024-105 jumps)");
		return NULL;
	}
	return sel.task->id;
}

static void act_view_evidence(struct app *a)
{
	const char *task = task_here(a);
	if (task)
		ui_evidence_open(a, task);
}

/* Record the office's DECISION on the close-off the detail showed (dlg.value
 * holds its record, so a newer request is never decided unseen). */
static void review_decide(struct app *a, enum review_decision decision, const char *reason)
{
	static const char *const done[] = { "approved", "returned", "reopened" };
	struct err e = { 0, "" };
	if (store_review(a->s, a->login, dlg.task, decision, dlg.value, reason, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	after_write(a);
	ui_app_msg(a, 0, "close-off of %s %s", dlg.task, done[decision]);
}

static void review_reason(struct app *a, const char *text)
{
	if (!text[strspn(text, " ")]) {
		ui_app_msg(a, 1, "a close-off is %s with a reason; nothing done",
			   (int)dlg.status == DECIDE_RETURN ? "returned" : "reopened");
		return;
	}
	review_decide(a, (enum review_decision)dlg.status, text);
}

static void review_chosen(struct app *a, wint_t key)
{
	static const struct ui_prompt_ops ops = { review_reason, NULL, NULL, NULL, NULL };
	const struct dept_state *lead = dept_state_of(a, dlg.dept);
	int pending = lead && lead->closeoff == REVIEW_PENDING;
	if (pending && key == 'a') {
		review_decide(a, DECIDE_APPROVE, NULL);
	} else if (pending && key == 'r') {
		dlg.status = (enum status)DECIDE_RETURN;
		ui_prompt_start(a, "reason for returning: ", NULL, &ops);
	} else if (!pending && key == 'o') {
		dlg.status = (enum status)DECIDE_REOPEN;
		ui_prompt_start(a, "reason for reopening: ", NULL, &ops);
	} else {
		ui_app_msg(a, 0, "no review");
	}
}

/* r: the office decides on the selected task's close-off. Only what applies
 * is offered: approve or return a pending one, reopen an approved one. */
static void act_review(struct app *a)
{
	static const struct ui_prompt_ops ops = { NULL, NULL, NULL, review_chosen, NULL };
	struct ui_sel sel;
	struct strbuf label = STRBUF_INIT;
	const struct task_state *st = selected_task(a, &sel);
	const struct dept_state *lead;
	if (!st)
		return;
	if (a->actor.role != UROLE_OFFICE) {
		ui_app_msg(a, 1, "only the joint conference office reviews close-offs");
		return;
	}
	lead = st->ndepts && st->depts[0].role == ROLE_LEAD ? &st->depts[0] : NULL;
	if (!lead || (st->review != REVIEW_PENDING && st->review != REVIEW_APPROVED)) {
		ui_app_msg(a, 1, "%s has no close-off to review: %s", dlg.task,
			   st->review == REVIEW_RETURNED ? "it was returned; the lead records it done again"
			   : "its lead has not recorded it done");
		return;
	}
	set_str(&dlg.dept, lead->dept);
	set_str(&dlg.value, lead->closeoff_record);
	if (st->review == REVIEW_PENDING)
		sb_addf(&label, "close-off of %s (%s, pending): a approve, r return ", dlg.task, lead->period);
	else
		sb_addf(&label, "close-off of %s (approved): o reopen ", dlg.task);
	ui_prompt_start(a, sb_str(&label), NULL, &ops);
	sb_release(&label);
}

static void act_history(struct app *a)
{
	const char *task = task_here(a);
	if (task)
		ui_history_open(a, task);
}

/* i: the indicators of the plan the cursor is in (its row or below it). */
static void act_indicators(struct app *a)
{
	const char *plan = ui_tree_plan_key(a);
	if (!plan) {
		ui_app_msg(a, 1, "move to a plan first (p unfolds the next plan)");
		return;
	}
	ui_indicator_open(a, plan);
}

static void act_help(struct app *a)
{
	ui_help_open(a, ui_bindings);
}

static void act_quit(struct app *a)
{
	a->quit = 1;
}

static void act_redraw(struct app *a)
{
	(void)a;
	clearok(curscr, TRUE);
}

const struct ui_binding ui_bindings[] = {
	{ OK, 'j', "j", "move-down", "next row (or scroll the detail pane when focused)", act_down },
	{ KEY_CODE_YES, KEY_DOWN, "Down", "move-down", "next row", act_down },
	{ OK, 'k', "k", "move-up", "previous row (or scroll the detail pane)", act_up },
	{ KEY_CODE_YES, KEY_UP, "Up", "move-up", "previous row", act_up },
	{ KEY_CODE_YES, KEY_NPAGE, "PgDn", "page-down", "one page down", act_pgdn },
	{ OK, ' ', "Space", "page-down", "one page down", act_pgdn },
	{ KEY_CODE_YES, KEY_PPAGE, "PgUp", "page-up", "one page up", act_pgup },
	{ OK, 'g', "g", "first", "first row", act_top },
	{ KEY_CODE_YES, KEY_HOME, "Home", "first", "first row", act_top },
	{ OK, 'G', "G", "last", "last row", act_bottom },
	{ KEY_CODE_YES, KEY_END, "End", "last", "last row", act_bottom },
	{ OK, '\n', "Enter", "toggle", "fold or unfold; on a task, show its detail", act_enter },
	{ OK, 'l', "l", "open", "unfold (or step into); on a task, show its detail", act_open },
	{ KEY_CODE_YES, KEY_RIGHT, "Right", "open", "unfold", act_open },
	{ OK, 'h', "h", "close", "fold, or go to the parent; leave the detail", act_close },
	{ KEY_CODE_YES, KEY_LEFT, "Left", "close", "fold, or go to the parent", act_close },
	{ OK, '\t', "Tab", "switch-pane", "switch between the tree and the detail", act_tab },
	{ OK, '<', "<", "split-left", "move the split between tree and detail left", act_narrower },
	{ OK, '>', ">", "split-right", "move the split right", act_wider },
	{ OK, ':', ":", "jump", "jump to a task: :2024-105, or :105 in this plan", act_jump },
	{ OK, '/', "/", "search", "search task text, departments and notes (simplified or traditional)", act_search },
	{ OK, 'n', "n", "search-next", "next match", act_next },
	{ OK, 'N', "N", "search-prev", "previous match", act_prev },
	{ OK, 't', "t", "next-to-report", "the next task still to report for the period (across plans)", act_next_report },
	{ OK, 'T', "T", "prev-to-report", "the previous task still to report", act_prev_report },
	{ OK, 'w', "w", "next-to-review", "the next close-off waiting for review (across plans)", act_next_review },
	{ OK, 'W', "W", "prev-to-review", "the previous close-off waiting for review", act_prev_review },
	{ OK, 'd', "d", "filter-dept", "only the tasks of one department, in its own state (empty: all)", act_dept },
	{ OK, 'f', "f", "filter-show", "show only: to report, returned, pending review, behind, ... (a key each)", act_status_filter },
	{ OK, 'p', "p", "next-plan", "unfold the next plan and fold the others", act_next_plan },
	{ OK, 'P', "P", "prev-plan", "unfold the previous plan and fold the others", act_prev_plan },
	{ OK, 27, "Esc", "clear", "leave the detail; clear filters and search", act_escape },
	{ OK, 's', "s", "report", "the report form: status, note, evidence and period, saved as one", act_record },
	{ OK, 'a', "a", "add-note", "add a note alone: it changes no status (C-d saves)", act_note },
	{ OK, 'e', "e", "attach", "attach evidence alone: a file, a 文号 or a URL", act_evidence },
	{ OK, 'v', "v", "evidence", "the task's evidence: view an item, save a file", act_view_evidence },
	{ OK, 'H', "H", "history", "the task's history", act_history },
	{ OK, 'r', "r", "review", "office: approve, return or reopen a close-off", act_review },
	{ OK, 'i', "i", "indicators", "the plan's indicators (指标): baseline, latest, target, judgement; v records a value", act_indicators },
	{ OK, 'M', "M", "messages", "every message of this session, in full", act_messages },
	{ OK, '?', "?", "help", "this help", act_help },
	{ OK, 12, "C-l", "redraw", "redraw the screen", act_redraw },
	{ OK, 'q', "q", "quit", "quit", act_quit },
	{ 0, 0, NULL, NULL, NULL, NULL }
};

/* What a liaison owes, and where it lands. */
static void start_liaison(struct app *a, struct strbuf *sb)
{
	struct ui_queue q;
	ui_tree_queue(a, &q);
	sb_addf(sb, "%s: ", a->dept);
	if (q.to_report) {
		/* the queue: only what is still to report, the first one selected */
		a->show = UI_SHOW_TO_REPORT;
		ui_tree_invalidate(a, UI_CH_STATUS, NULL);
		ui_tree_next(a, 1, want_report);
		sb_addf(sb, "%d to report for %s", q.to_report, q.period);
		due_words(a, sb, q.due);
	} else {
		char period[8], due[11];
		ui_tree_period(a, period, due);
		if (q.period[0] || period[0])
			sb_adds(sb, "nothing left to report");
		else
			sb_adds(sb, "no reporting period is open (the office opens one)");
	}
	if (q.returned)
		sb_addf(sb, "; %d returned (f r shows them)", q.returned);
	if (q.to_report)
		sb_adds(sb, ". s reports the task, t goes to the next, f shows others, ? help");
	else
		sb_adds(sb, ". * marks the tasks it leads, . those it takes part in; ? help");
}

/* What waits for the office. The departments past a due date are many at
 * times: the message names the three with most tasks, the messages view
 * (M) keeps the whole list. */
static void start_office(struct app *a, struct strbuf *sb)
{
	struct dept_overdue *o = NULL;
	struct err e = { 0, "" };
	size_t no = 0;
	int n = 0;
	if (store_review_count(a->s, &n, &e) || store_overdue(a->s, a->today, &o, &no, &e)) {
		sb_adds(sb, e.msg);
		return;
	}
	if (!n && !no) {
		sb_adds(sb, "nothing waits for the office; Enter unfolds, :2024-105 jumps, ? help");
		return;
	}
	if (no) {
		struct strbuf all = STRBUF_INIT;
		sb_addf(&all, "departments past a due date, with their tasks not reported:");
		for (size_t i = 0; i < no; i++) {
			sb_addf(&all, "%s %s %d", i ? "," : "", o[i].dept, o[i].tasks);
			/* the period and due date when they change */
			if (!i || strcmp(o[i].period, o[i - 1].period) || strcmp(o[i].due, o[i - 1].due))
				sb_addf(&all, " (%s, due %s)", o[i].period, o[i].due);
		}
		ui_app_msg(a, 0, "%s", sb_str(&all));
		sb_release(&all);
	}
	sb_adds(sb, "waiting for the office:");
	if (n)
		sb_addf(sb, " %d close-off%s to review (w goes to each)%s", n, n == 1 ? "" : "s", no ? ";" : "");
	if (no) {
		sb_addf(sb, " %zu department%s past the %s due date (%s), most tasks first:", no, no == 1 ? "" : "s",
			o[0].period, o[0].due);
		for (size_t i = 0; i < no && i < 3; i++)
			sb_addf(sb, "%s %s %d", i ? "," : "", o[i].dept, o[i].tasks);
		if (no > 3)
			sb_addf(sb, "; M lists all %zu", no);
	}
	sb_adds(sb, ". ? help");
	store_overdue_free(o, no);
}

void ui_actions_start(struct app *a, const char *notice)
{
	struct strbuf sb = STRBUF_INIT;
	int err = a->msg_err;
	if (a->msg.len)   /* who the user is could not be read: say so first */
		sb_addf(&sb, "%s. ", sb_str(&a->msg));
	if (notice)
		sb_addf(&sb, "%s. ", notice);
	if (store_created(a->s))
		sb_addf(&sb, "a new database of your own was made (%s), in which you act as the office; the "
			"office's shared one is named in /etc/duban.conf ('db = PATH'). ", store_path(a->s));
	if (a->actor.role == UROLE_LIAISON && a->dept)
		start_liaison(a, &sb);
	else if (a->actor.role == UROLE_OFFICE)
		start_office(a, &sb);
	else if (a->dept)
		sb_addf(&sb, "only tasks of %s (* lead, . participant); d changes, Esc clears", a->dept);
	else
		sb_adds(&sb, "Enter unfolds, :2024-105 jumps, / searches, ? help");
	ui_app_msg(a, err, "%s", sb_str(&sb));
	sb_release(&sb);
}

int ui_actions_key(struct app *a, int kind, wint_t ch)
{
	for (const struct ui_binding *b = ui_bindings; b->fn; b++) {
		if (b->kind == kind && b->key == ch) {
			b->fn(a);
			return 1;
		}
	}
	return 0;
}
