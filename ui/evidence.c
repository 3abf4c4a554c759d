/* Evidence in the pager. The list numbers a task's items; a digit opens
 * one: what it is (kind, title, file name, size, SHA-256, who attached it
 * when, the record it documents) and, for a text file, its content. In an
 * item, w asks where to save a file (~ and Tab completion) and writes it
 * through evidence_save, which never overwrites. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "src/evidence.h"
#include "src/status.h"
#include "src/util.h"
#include "store/store.h"
#include "ui/evidence.h"
#include "ui/pager.h"
#include "ui/prompt.h"
#include "src/banned.h"

struct ev_ctx {
	char *task;
	char *id;          /* the item shown, NULL for the list */
	int number;        /* its number in the list */
	char *file_name;   /* a file's, for the save prompt */
};

static void ctx_free(void *p)
{
	struct ev_ctx *c = p;
	if (!c)
		return;
	free(c->task);
	free(c->id);
	free(c->file_name);
	free(c);
}

static void item_line(struct ui_lines *out, int number, const struct evidence_info *v, int w)
{
	struct strbuf sb = STRBUF_INIT;
	char at[40];
	date_local(v->at, 0, at, sizeof at);
	sb_addf(&sb, "%d [%s] %s", number, evidence_kind_name(v->kind), v->title);
	if (v->kind == EV_FILE)
		sb_addf(&sb, " (%s, %lld bytes)", v->file_name, v->size);
	else
		sb_addf(&sb, ": %s", v->value);
	sb_addf(&sb, " | %s %s %s", v->dept, v->who, at);
	ui_lines_wrap(out, UI_P_NORMAL, sb_str(&sb), w, 0);
	sb_release(&sb);
}

static void build_list(struct app *a, void *ctx, struct ui_lines *out, int w)
{
	struct ev_ctx *c = ctx;
	struct evidence_info *v = NULL;
	size_t n = 0;
	struct err e = { 0, "" };
	if (store_evidence_list(a->s, c->task, NULL, &v, &n, &e)) {
		ui_lines_wrap(out, UI_P_ERROR, e.msg, w, 0);
		return;
	}
	for (size_t i = 0; i < n; i++)
		item_line(out, (int)i + 1, &v[i], w);
	ui_lines_new(out);
	ui_lines_wrap(out, UI_P_DIM, n > 9 ? "1-9 opens one of the first nine (the others: 'duban evidence list "
		      "--task' and 'evidence get'); q closes" : "a number opens the item; q closes", w, 0);
	store_evidence_list_free(v, n);
}

static void kv(struct ui_lines *out, const char *k, const char *v, int w)
{
	struct strbuf sb = STRBUF_INIT;
	if (!v || !*v)
		return;
	sb_addf(&sb, "%-10s %s", k, v);
	ui_lines_wrap(out, UI_P_NORMAL, sb_str(&sb), w, 0);
	sb_release(&sb);
}

static void build_item(struct app *a, void *ctx, struct ui_lines *out, int w)
{
	struct ev_ctx *c = ctx;
	struct evidence_info v;
	void *data = NULL;
	size_t size = 0;
	struct err e = { 0, "" };
	char at[40], num[32];
	if (store_evidence_get(a->s, c->id, &v, &data, &size, &e)) {
		ui_lines_wrap(out, UI_P_ERROR, e.msg, w, 0);
		return;
	}
	date_local(v.at, 1, at, sizeof at);
	kv(out, "kind", evidence_kind_name(v.kind), w);
	kv(out, "title", v.title, w);
	if (v.kind == EV_FILE) {
		kv(out, "file", v.file_name, w);
		snprintf(num, sizeof num, "%lld bytes", v.size);
		kv(out, "size", num, w);
		kv(out, "sha256", v.sha256, w);
	} else {
		kv(out, v.kind == EV_URL ? "link" : "文号", v.value, w);
	}
	kv(out, "task", v.task, w);
	kv(out, "dept", v.dept, w);
	kv(out, "by", v.who, w);
	kv(out, "at", at, w);
	kv(out, "record", v.progress, w);
	kv(out, "id", v.id, w);
	ui_lines_new(out);
	if (v.kind != EV_FILE) {
		ui_lines_wrap(out, UI_P_DIM, "q goes back to the list", w, 0);
	} else if (evidence_is_text(data, size)) {
		/* the stored bytes are not a C string: one is made of them */
		char *text = xstrndup(data, size);
		ui_lines_wrap(out, UI_P_DIM, "w saves it to a file; q goes back. The text:", w, 0);
		ui_lines_new(out);
		ui_lines_wrap(out, UI_P_NORMAL, text, w, 0);
		free(text);
	} else {
		ui_lines_wrap(out, UI_P_DIM, "not text, so not shown here: w saves it to a file; q goes back", w, 0);
	}
	free(data);
	store_evidence_info_release(&v);
}

static int list_key(struct app *a, void *ctx, int kind, wint_t ch);
static int item_key(struct app *a, void *ctx, int kind, wint_t ch);

static void open_list(struct app *a, const char *task)
{
	static const struct ui_pager_ops ops = { build_list, ctx_free, list_key };
	struct ev_ctx *c = xcalloc(1, sizeof *c);
	struct strbuf title = STRBUF_INIT;
	c->task = xstrdup(task);
	sb_addf(&title, "evidence of %s", task);
	ui_pager_open(a, sb_str(&title), &ops, c);
	sb_release(&title);
}

void ui_evidence_open(struct app *a, const char *task)
{
	struct evidence_info *v = NULL;
	size_t n = 0;
	struct err e = { 0, "" };
	if (store_evidence_list(a->s, task, NULL, &v, &n, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	store_evidence_list_free(v, n);
	if (!n) {
		ui_app_msg(a, 1, "%s has no evidence yet (s reports with evidence, e attaches it alone)", task);
		return;
	}
	open_list(a, task);
}

static int list_key(struct app *a, void *ctx, int kind, wint_t ch)
{
	static const struct ui_pager_ops ops = { build_item, ctx_free, item_key };
	struct ev_ctx *c = ctx, *item;
	struct evidence_info *v = NULL;
	struct strbuf title = STRBUF_INIT;
	struct err e = { 0, "" };
	size_t n = 0, k;
	if (kind != OK || ch < '1' || ch > '9')
		return 0;
	k = (size_t)(ch - '1');
	if (store_evidence_list(a->s, c->task, NULL, &v, &n, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return 1;
	}
	if (k >= n) {
		ui_app_msg(a, 1, "%s has %zu items of evidence; no %zu", c->task, n, k + 1);
		store_evidence_list_free(v, n);
		return 1;
	}
	item = xcalloc(1, sizeof *item);
	item->task = xstrdup(c->task);
	item->id = xstrdup(v[k].id);
	item->number = (int)k + 1;
	item->file_name = xstrdup(v[k].kind == EV_FILE ? v[k].file_name : "");
	sb_addf(&title, "evidence %d of %s: %s", item->number, c->task, v[k].title);
	store_evidence_list_free(v, n);
	ui_pager_open(a, sb_str(&title), &ops, item);   /* frees C */
	sb_release(&title);
	return 1;
}

/* The id of the item the save prompt is about (the pager stays open). */
static char *saving;

static void save_accept(struct app *a, const char *text)
{
	struct err e = { 0, "" };
	if (!saving)
		return;
	if (!text[strspn(text, " ")])
		ui_app_msg(a, 0, "not saved");
	else if (evidence_save(a->s, saving, text, &e))
		ui_app_msg(a, 1, "%s", e.msg);
	else
		ui_app_msg(a, 0, "saved to %s", text);
	free(saving);
	saving = NULL;
}

static void save_cancel(struct app *a)
{
	(void)a;
	free(saving);
	saving = NULL;
}

static int save_complete(struct app *a, struct strbuf *sb)
{
	struct strbuf choices = STRBUF_INIT;
	char *done = NULL;
	int n = evidence_complete(sb_str(sb), &done, &choices), moved = strcmp(done, sb_str(sb)) != 0;
	if (n > 1)
		ui_app_msg(a, 0, "%s", sb_str(&choices));
	sb_reset(sb);
	sb_adds(sb, done);
	free(done);
	sb_release(&choices);
	return moved;
}

static int item_key(struct app *a, void *ctx, int kind, wint_t ch)
{
	static const struct ui_prompt_ops ops = { save_accept, NULL, save_cancel, NULL, save_complete };
	struct ev_ctx *c = ctx;
	if (kind == OK && (ch == 'q' || ch == 'h' || ch == 27)) {
		char *task = xstrdup(c->task);
		open_list(a, task);     /* frees C */
		free(task);
		return 1;
	}
	if (kind == OK && ch == 'w') {
		struct strbuf label = STRBUF_INIT, init = STRBUF_INIT;
		if (!c->file_name[0]) {
			ui_app_msg(a, 1, "this item is not a file: there is nothing to save");
			return 1;
		}
		free(saving);
		saving = xstrdup(c->id);
		sb_addf(&label, "save %s to: ", c->file_name);
		sb_addf(&init, "~/%s", c->file_name);
		ui_prompt_start(a, sb_str(&label), sb_str(&init), &ops);
		sb_release(&label);
		sb_release(&init);
		return 1;
	}
	return 0;
}
