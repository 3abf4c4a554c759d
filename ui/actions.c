/* What the keys of the browse view do: movement, folding, panes, search,
 * filters and jumps, and the recording dialogues (status, note, evidence,
 * review), which write only through store/ so that the role rules hold and a
 * refusal lands on the message line. The binding table at the end is the one
 * the help view lists. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>

#include "src/evidence.h"
#include "src/record.h"
#include "src/resolve.h"
#include "src/search.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "ui/actions.h"
#include "ui/detail.h"
#include "ui/editor.h"
#include "ui/help.h"
#include "ui/history.h"
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

static void act_status_filter(struct app *a)
{
	static const int cycle[] = { -1, ST_BEHIND, ST_NOT_STARTED, ST_IN_PROGRESS, ST_ONGOING, ST_DONE };
	size_t n = sizeof cycle / sizeof cycle[0], i;
	for (i = 0; i < n && cycle[i] != a->status; i++)
		;
	a->status = cycle[(i + 1) % n];
	ui_tree_invalidate(a, UI_CH_STATUS, NULL);
	if (a->status < 0)
		ui_app_msg(a, 0, "status filter cleared");
	else
		ui_app_msg(a, 0, "only %s tasks (f: next status, Esc clears)", status_name((enum status)a->status));
}

static void act_escape(struct app *a)
{
	if (a->detail_full || a->focus == UI_F_DETAIL) {
		act_close(a);
		return;
	}
	if (!a->dept && a->status < 0 && !a->search)
		return;
	/* filters change what is shown, not what is stored: the tree is
	 * re-laid from what is loaded (rows_ensure keeps the unfiltered status
	 * rows aside while a department filter is on) */
	free(a->dept);
	a->dept = NULL;
	a->status = -1;
	ui_app_search(a, NULL);
	ui_tree_invalidate(a, UI_CH_DEPT | UI_CH_STATUS | UI_CH_SEARCH, NULL);
	ui_app_msg(a, 0, "filters cleared");
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
	if (a->actor.role == UROLE_VIEWER) {
		set_str(&dlg.dept, lead);
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

static void reason_accept(struct app *a, const char *text)
{
	struct err e = { 0, "" };
	if (append(a, dlg.period, text, 0, &e))
		ui_app_msg(a, 1, "%s", e.msg);
}

static void period_accept(struct app *a, const char *text)
{
	static const struct ui_prompt_ops ops = { reason_accept, NULL, NULL, NULL, NULL };
	struct err e = { 0, "" };
	if (!period_valid(text)) {
		ui_app_msg(a, 1, "'%s' is no period: write a quarter like 2024Q3", text);
		return;
	}
	if (dlg.status == ST_BEHIND) {
		/* the store refuses behind without a reason: ask for it */
		snprintf(dlg.period, sizeof dlg.period, "%s", text);
		ui_prompt_start(a, "why is it behind (required): ", NULL, &ops);
		return;
	}
	if (append(a, text, "", 0, &e))
		ui_app_msg(a, 1, "%s", e.msg);
}

static void status_chosen(struct app *a, wint_t key)
{
	static const struct ui_prompt_ops ops = { period_accept, NULL, NULL, NULL, NULL };
	struct err e = { 0, "" };
	char period[8];
	int st;
	switch (key) {
	case 'n': case '1': st = ST_NOT_STARTED; break;
	case 'p': case '2': st = ST_IN_PROGRESS; break;
	case 'b': case '3': st = ST_BEHIND; break;
	case 'd': case '4': st = ST_DONE; break;
	case 'o': case '5': st = ST_ONGOING; break;
	default:
		ui_app_msg(a, 0, "no status recorded");
		return;
	}
	dlg.status = (enum status)st;
	if (store_period_pick(a->s, dlg.task, period, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	ui_prompt_start(a, "period: ", period, &ops);
}

static void status_menu(struct app *a)
{
	static const struct ui_prompt_ops ops = { NULL, NULL, NULL, status_chosen, NULL };
	struct strbuf label = STRBUF_INIT;
	sb_addf(&label, "%s %s: n not-started p in-progress b behind d done o ongoing ", dlg.task, dlg.dept);
	ui_prompt_start(a, sb_str(&label), NULL, &ops);
	sb_release(&label);
}

static void act_record(struct app *a)
{
	struct ui_sel sel;
	const struct task_state *st = selected_task(a, &sel);
	if (st)
		choose_dept(a, st, status_menu);
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
	if (st)
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
	const char *base = strrchr(text, '/');
	if (!*text) {
		ui_app_msg(a, 0, "no evidence attached");
		return;
	}
	set_str(&dlg.value, text);
	ui_prompt_start(a, "title: ", evidence_guess(text) == EV_FILE ? (base ? base + 1 : text) : text, &ops);
}

static void evidence_open(struct app *a)
{
	static const struct ui_prompt_ops ops = { evidence_value, NULL, NULL, NULL, NULL };
	ui_prompt_start(a, "evidence (file path, 文号 or URL): ", NULL, &ops);
}

static void act_evidence(struct app *a)
{
	struct ui_sel sel;
	const struct task_state *st = selected_task(a, &sel);
	if (st)
		choose_dept(a, st, evidence_open);
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
	struct ui_sel sel;
	ui_tree_selected(a, &sel);
	if (sel.kind != UI_N_TASK) {
		ui_app_msg(a, 1, "select a task first");
		return;
	}
	ui_history_open(a, sel.task->id);
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
	{ OK, ':', ":", "jump", "jump to a task: :2024-105, or :105 in this plan", act_jump },
	{ OK, '/', "/", "search", "search task text, departments and notes (simplified or traditional)", act_search },
	{ OK, 'n', "n", "search-next", "next match", act_next },
	{ OK, 'N', "N", "search-prev", "previous match", act_prev },
	{ OK, 'd', "d", "filter-dept", "only the tasks of one department (empty: all)", act_dept },
	{ OK, 'f', "f", "filter-status", "only tasks of one status: behind, not-started, ... (cycles)", act_status_filter },
	{ OK, 'p', "p", "next-plan", "unfold the next plan and fold the others", act_next_plan },
	{ OK, 'P', "P", "prev-plan", "unfold the previous plan and fold the others", act_prev_plan },
	{ OK, 27, "Esc", "clear", "leave the detail; clear filters and search", act_escape },
	{ OK, 's', "s", "record-status", "record a status for the selected task (this quarter)", act_record },
	{ OK, 'a', "a", "add-note", "add a note alone: it changes no status (C-d saves)", act_note },
	{ OK, 'e', "e", "attach", "attach evidence: a file, a 文号 or a URL", act_evidence },
	{ OK, 'H', "H", "history", "the task's history", act_history },
	{ OK, 'r', "r", "review", "office: approve, return or reopen a close-off", act_review },
	{ OK, '?', "?", "help", "this help", act_help },
	{ OK, 12, "C-l", "redraw", "redraw the screen", act_redraw },
	{ OK, 'q', "q", "quit", "quit", act_quit },
	{ 0, 0, NULL, NULL, NULL, NULL }
};

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
