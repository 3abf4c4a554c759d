/* The checklist import: whose checklists the file holds and whether the user
 * may take them, then each filled-in row checked against its task, its
 * evidence cell split into 文号 and links (what is neither kept as lines of
 * the note), and the whole file handed to store_progress_append_many, which
 * writes it all or nothing and says which rows it had already. */
#include <strings.h>

#include "src/checklist.h"
#include "src/checklist_import.h"
#include "src/checklist_read.h"
#include "src/evidence.h"
#include "src/resolve.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "store/store_report.h"
#include "src/banned.h"

/* A filled-in row on its way to the store. */
struct take {
	size_t file;                   /* index in the book */
	const struct checklist_fill *fill;
	const char *dept;              /* canonical (the file's) */
	char *note;                    /* what is recorded */
	struct evidence_found *found;  /* its 文号 and links */
	size_t nfound;
	char **kept;                   /* its evidence pieces that are neither, kept in the note */
	size_t nkept;
	int refused;                   /* refused before the store */
	size_t row;                    /* its index in the store's rows, when it goes there */
};

/* A report line before sorting: its place in the file. */
struct line_at { size_t file, line, seq; struct checklist_report_line l; };

struct report {
	struct line_at *v;
	size_t n, cap;
};

static void say(struct report *rp, size_t file, size_t line, const char *where, int code,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void say(struct report *rp, size_t file, size_t line, const char *where, int code,
		const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct line_at *a;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	xgrow(&rp->v, &rp->cap, rp->n + 1, sizeof *rp->v);
	a = &rp->v[rp->n];
	a->file = file;
	a->line = line;
	a->seq = rp->n++;
	a->l.where = xstrdup(where);
	a->l.text = sb_detach(&sb);
	a->l.refused = code != 0;
	a->l.code = code;
}

static int line_cmp(const void *a, const void *b)
{
	const struct line_at *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* "NAME:LINE" or "NAME[SHEET]:LINE". */
static char *where_of(const char *name, const struct checklist_file *f, size_t line)
{
	struct strbuf sb = STRBUF_INIT;
	if (f->sheet)
		sb_addf(&sb, "%s[%s]:%zu", name, f->sheet, line);
	else
		sb_addf(&sb, "%s:%zu", name, line);
	return sb_detach(&sb);
}

/* S cut to about 40 characters for a message. */
static void shorten(struct strbuf *sb, const char *s)
{
	size_t n = 0, k = 0;
	while (s[k] && n < 40) {
		k++;
		while (((unsigned char)s[k] & 0xC0) == 0x80)
			k++;
		n++;
	}
	sb_add(sb, s, k);
	if (s[k])
		sb_adds(sb, "…");
}

/* Is the row's 任务内容 TEXT the text of task T? (by match keys: spacing,
 * full- or half-width and traditional characters do not count) */
static int same_text(const char *text, const struct task_row *t)
{
	char *k = text_match_key(text);
	int same = !strcmp(k, t->match_key);
	if (!same) {
		/* the checklist escaped control characters in it */
		struct strbuf esc = STRBUF_INIT;
		char *k2;
		text_escape(&esc, t->text, 1);
		k2 = text_match_key(sb_str(&esc));
		same = !strcmp(k, k2);
		free(k2);
		sb_release(&esc);
	}
	free(k);
	return same;
}

/* The task of DEPT in PLAN whose text is TEXT, for a hint; NULL if none. */
static char *task_with_text(struct store *s, const char *dept, const char *plan, const char *text)
{
	struct task_filter tf = { plan, dept, -1 };
	struct task_row *v = NULL;
	struct err e = { 0, "" };
	char *key = text_match_key(text), *id = NULL;
	size_t n = 0;
	if (!store_task_query(s, &tf, &v, &n, &e))
		for (size_t i = 0; i < n && !id; i++)
			if (!strcmp(v[i].match_key, key))
				id = xstrdup(v[i].id);
	store_task_rows_free(v, n);
	free(key);
	return id;
}

/* Check the id and the text of take T against the store: 0, or a refusal
 * said into RP. */
static int check_task(struct store *s, struct take *t, struct report *rp, const char *where)
{
	struct task_row task;
	struct err e = { 0, "" };
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char *other;

	if (!*t->fill->text || store_task_get(s, t->fill->task, &task, &e))
		return 0;   /* nothing to compare, or no such task: the store says so */
	if (same_text(t->fill->text, &task)) {
		store_task_row_release(&task);
		return 0;
	}
	shorten(&a, task.text);
	shorten(&b, t->fill->text);
	other = task_with_text(s, t->dept, task.plan, t->fill->text);
	say(rp, t->file, t->fill->line, where, ERR_INPUT,
	    "%s: the id and the text disagree: task %s is '%s' but the row's 任务内容 is '%s'%s%s%s; "
	    "put the row back as exported", t->fill->task, t->fill->task, sb_str(&a), sb_str(&b),
	    other ? " (the text of task " : "", other ? other : "", other ? ")" : "");
	free(other);
	sb_release(&a);
	sb_release(&b);
	store_task_row_release(&task);
	return -1;
}

/* The note of take T: the progress, then each evidence piece kept. */
static char *note_of(const struct take *t)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, t->fill->progress);
	for (size_t i = 0; i < t->nkept; i++)
		sb_addf(&sb, "%s佐证材料：%s", sb.len ? "\n" : "", t->kept[i]);
	return sb_detach(&sb);
}

/* Split take T's evidence cell. */
static void scan_evidence(struct take *t)
{
	struct strbuf rest = STRBUF_INIT;
	const char *p;
	t->nfound = evidence_scan(t->fill->evidence, &t->found, &rest);
	/* the same 文号 or link twice in the cell is one item */
	for (size_t i = 1, k; i < t->nfound;) {
		for (k = 0; k < i && (t->found[k].kind != t->found[i].kind ||
				      strcmp(t->found[k].value, t->found[i].value)); k++)
			;
		if (k == i) {
			i++;
			continue;
		}
		free(t->found[i].value);
		free(t->found[i].title);
		memmove(&t->found[i], &t->found[i + 1], (t->nfound - i - 1) * sizeof *t->found);
		t->nfound--;
	}
	for (p = sb_str(&rest); *p;) {
		size_t n = strcspn(p, "\n");
		t->kept = xrealloc(t->kept, (t->nkept + 1) * sizeof *t->kept);
		t->kept[t->nkept++] = xstrndup(p, n);
		p += n + (p[n] == '\n');
	}
	sb_release(&rest);
	t->note = note_of(t);
}

/* Takes in order of department, then task, then place: duplicates adjacent. */
static int take_cmp(const void *a, const void *b)
{
	const struct take *const *x = a, *const *y = b;
	int c = strcmp((*x)->dept, (*y)->dept);
	if (!c)
		c = strcmp((*x)->fill->task, (*y)->fill->task);
	if (!c)
		c = (*x)->file != (*y)->file ? ((*x)->file < (*y)->file ? -1 : 1)
					     : (*x)->fill->line < (*y)->fill->line ? -1 : 1;
	return c;
}

/* Refuse every row of a task that is on the sheet twice for the same department. */
static size_t refuse_duplicates(struct take *v, size_t n, const char *name,
				const struct checklist_book *book, struct report *rp)
{
	struct take **ord = xcalloc(n + 1, sizeof *ord);
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		ord[i] = &v[i];
	qsort(ord, n, sizeof *ord, take_cmp);
	for (size_t i = 1; i < n; i++) {
		struct take *first = ord[i - 1], *t = ord[i];
		char *w, *fw;
		size_t k;
		if (strcmp(first->dept, t->dept) || strcmp(first->fill->task, t->fill->task))
			continue;
		for (k = i - 1; k > 0 && !strcmp(ord[k - 1]->dept, t->dept) &&
				!strcmp(ord[k - 1]->fill->task, t->fill->task); k--)
			;
		first = ord[k];
		w = where_of(name, &book->files[t->file], t->fill->line);
		fw = where_of(name, &book->files[first->file], first->fill->line);
		say(rp, t->file, t->fill->line, w, ERR_INPUT, "%s: the task is on the checklist twice for "
		    "%s (also %s); keep one row per task", t->fill->task, t->dept, fw);
		if (!t->refused)
			bad++;
		t->refused = 1;
		free(w);
		free(fw);
	}
	free(ord);
	return bad;
}

/* Report what became of take T (in the store's row R). */
static void report_take(struct report *rp, const char *name, const struct checklist_book *book,
			const struct take *t, const struct progress_many_row *r,
			struct checklist_import_result *res)
{
	char *w = where_of(name, &book->files[t->file], t->fill->line);
	const struct checklist_fill *f = t->fill;
	struct strbuf extra = STRBUF_INIT;
	if (r->backfill)
		sb_adds(&extra, " (backfill)");
	if (r->outcome == PM_SAME)
		sb_addf(&extra, " (already recorded: record %.8s; nothing new)", r->id);
	else if (r->rec.note_only && r->outcome == PM_NEW)
		sb_adds(&extra, " (a note alone: the status stays as it was)");
	if (r->closed)
		sb_adds(&extra, " (its close-off was approved and stays closed; only the office reopens it)");
	if (r->outcome == PM_NONE)
		say(rp, t->file, f->line, w, 0, "%s %s %s: evidence only", f->task, t->dept, r->period);
	else
		say(rp, t->file, f->line, w, 0, "%s %s %s %s%s%s%s", f->task, t->dept, r->period,
		    r->rec.note_only ? "note" : status_name(r->rec.status), *t->note ? ": " : "", t->note,
		    sb_str(&extra));
	res->nrecords += r->outcome == PM_NEW;
	res->nnotes += r->outcome == PM_NEW && r->rec.note_only;
	res->nsame += r->outcome == PM_SAME;
	res->nclosed += r->closed != 0;
	for (size_t k = 0; k < r->nev; k++) {
		const struct progress_many_ev *ev = &r->ev[k];
		int titled = strcmp(ev->in.title, ev->in.value) != 0;
		say(rp, t->file, f->line, w, 0, "  evidence %s %s%s%s%s%s", ev->in.kind == EV_URL ? "link" : "文号",
		    ev->in.value, titled ? " 「" : "", titled ? ev->in.title : "", titled ? "」" : "",
		    ev->same ? " (attached before)" : "");
		res->nevidence += !ev->same;
		res->nev_same += ev->same != 0;
	}
	for (size_t k = 0; k < t->nkept; k++)
		say(rp, t->file, f->line, w, 0, "  kept in the note (neither a 文号 nor a link): %s", t->kept[k]);
	res->nkept += t->nkept;
	sb_release(&extra);
	free(w);
}

static void takes_free(struct take *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].note);
		evidence_found_free(v[i].found, v[i].nfound);
		for (size_t k = 0; k < v[i].nkept; k++)
			free(v[i].kept[k]);
		free(v[i].kept);
	}
	free(v);
}

/* "; passed over the sheet 备注, which holds no checklist" when B has such. */
static void passed_over(struct strbuf *sb, const struct checklist_book *b)
{
	if (!b->nothers)
		return;
	sb_addf(sb, "; passed over the sheet%s ", b->nothers == 1 ? "" : "s");
	for (size_t i = 0; i < b->nothers; i++)
		sb_addf(sb, "%s'%s'", i ? ", " : "", b->others[i]);
	sb_addf(sb, ", which hold%s no checklist", b->nothers == 1 ? "s" : "");
}

/* Append the N PARTS to SB as "a", "a and b", "a, b and c". */
static void add_list(struct strbuf *sb, char parts[][64], int n)
{
	for (int i = 0; i < n; i++)
		sb_addf(sb, "%s%s", i == 0 ? "" : i == n - 1 ? " and " : ", ", parts[i]);
}

/* Whose checklists were taken: "中央宣传部, 2024Q3", or "2 departments,
 * 2024Q3" for a workbook of several; the quarter, or "several quarters".
 * Only the sheets with something filled in count, unless none has. */
static void whose(struct strbuf *sb, const struct checklist_book *b, char **depts, const unsigned char *use)
{
	size_t n = 0, first = 0;
	int one_period = 1, any = 0;
	for (size_t i = 0; i < b->nfiles; i++)
		any |= use[i] && (b->files[i].nrows || b->files[i].ninds || b->files[i].nproblems);
	for (size_t i = 0; i < b->nfiles; i++) {
		if (!use[i])
			continue;
		if (any && !b->files[i].nrows && !b->files[i].ninds && !b->files[i].nproblems)
			continue;
		if (!n++)
			first = i;
		else if (strcmp(b->files[i].period, b->files[first].period))
			one_period = 0;
	}
	if (n == 1)
		sb_addf(sb, "%s, %s", depts[first], b->files[first].period);
	else
		sb_addf(sb, "%zu departments, %s", n, one_period ? b->files[first].period : "several quarters");
}

int checklist_import(struct store *s, const char *buf, size_t len, const char *name,
		     const struct checklist_import_opts *o, struct checklist_import_result *res,
		     struct err *e)
{
	struct checklist_book book;
	struct report rp = { NULL, 0, 0 };
	struct take *takes = NULL;
	struct progress_many m;
	struct progress_many_row *rows = NULL;
	struct ind_value_in *iin = NULL;
	struct actor a;
	struct strbuf sb = STRBUF_INIT;
	char **depts = NULL;
	unsigned char *use = NULL;
	size_t ntakes = 0, nrows = 0, ninds = 0, nuse = 0, npre = 0, k;
	size_t *ind_file = NULL, *ind_line = NULL;
	int rc, code = 0;

	memset(res, 0, sizeof *res);
	memset(&m, 0, sizeof m);
	memset(&a, 0, sizeof a);
	if ((rc = checklist_read(buf, len, name, &book, e)))
		return rc;
	depts = xcalloc(book.nfiles + 1, sizeof *depts);
	use = xcalloc(book.nfiles + 1, 1);
	if ((rc = store_actor_get(s, o->login, &a, e)))
		goto out;
	/* whose checklists, and which of them to take */
	for (size_t i = 0; i < book.nfiles; i++) {
		const struct checklist_file *f = &book.files[i];
		struct err de = { 0, "" };
		if (resolve_dept(s, f->dept, &depts[i], &de)) {
			rc = err_set(e, ERR_INPUT, "cannot import '%s'%s%s%s: its department '%s' is unknown here; "
				     "import checklists made by this duban", name, f->sheet ? " (sheet '" : "",
				     f->sheet ? f->sheet : "", f->sheet ? "')" : "", f->dept);
			goto out;
		}
		use[i] = !o->dept || !strcmp(o->dept, depts[i]);
		if (o->dept && !use[i] && book.nfiles == 1) {
			rc = err_set(e, ERR_INPUT, "'%s' is the checklist of %s, not of %s; import %s's own "
				     "checklist", name, depts[i], o->dept, o->dept);
			goto out;
		}
		if (use[i] && o->period && strcmp(o->period, f->period)) {
			rc = err_set(e, ERR_INPUT, "'%s'%s%s%s is the checklist of %s, not of %s; import the %s "
				     "checklist", name, f->sheet ? " (sheet '" : "", f->sheet ? f->sheet : "",
				     f->sheet ? "')" : "", f->period, o->period, o->period);
			goto out;
		}
		if (use[i] && a.role == UROLE_LIAISON && strcmp(a.dept, depts[i])) {
			if (f->nrows || f->nproblems || f->ninds || book.nfiles == 1) {
				rc = err_set(e, ERR_DENIED, "'%s'%s%s%s is the checklist of %s; user '%s' is the "
					     "liaison of %s and may import only its own", name,
					     f->sheet ? " (sheet '" : "", f->sheet ? f->sheet : "",
					     f->sheet ? "')" : "", depts[i], o->login, a.dept);
				goto out;
			}
			use[i] = 0;   /* another department's sheet, left empty */
		}
		nuse += use[i];
	}
	if (!nuse) {
		rc = err_set(e, ERR_INPUT, "'%s' holds no checklist of %s: its %zu sheets are other "
			     "departments'", name, o->dept ? o->dept : a.dept ? a.dept : "yours", book.nfiles);
		goto out;
	}
	for (size_t i = 0; i < book.nfiles; i++)
		if (use[i]) {
			res->nskipped += book.files[i].skipped;
			res->ndepts += book.files[i].nrows || book.files[i].ninds || book.files[i].nproblems;
			ntakes += book.files[i].nrows;
			ninds += book.files[i].ninds;
			npre += book.files[i].nproblems;
		}
	res->nfilled = ntakes + ninds + npre;
	if (!res->nfilled) {
		sb_addf(&sb, "nothing to import from '%s': no row of ", name);
		whose(&sb, &book, depts, use);
		sb_addf(&sb, " has its fill-in columns set (%zu rows left empty)", res->nskipped);
		passed_over(&sb, &book);
		res->summary = sb_detach(&sb);
		goto out;
	}
	/* the rows: problems the reader found, then each filled-in row */
	takes = xcalloc(ntakes + 1, sizeof *takes);
	ntakes = 0;
	for (size_t i = 0; i < book.nfiles; i++) {
		const struct checklist_file *f = &book.files[i];
		if (!use[i])
			continue;
		for (k = 0; k < f->nproblems; k++) {
			char *w = where_of(name, f, f->problems[k].line);
			say(&rp, i, f->problems[k].line, w, ERR_INPUT, "%s", f->problems[k].msg);
			free(w);
		}
		for (k = 0; k < f->nrows; k++) {
			struct take *t = &takes[ntakes++];
			char *w = where_of(name, f, f->rows[k].line);
			t->file = i;
			t->fill = &f->rows[k];
			t->dept = depts[i];
			scan_evidence(t);
			if (check_task(s, t, &rp, w)) {
				t->refused = 1;
				npre++;
			}
			free(w);
		}
	}
	npre += refuse_duplicates(takes, ntakes, name, &book, &rp);
	/* the rest to the store, in a dry run when some are refused already */
	rows = xcalloc(ntakes + 1, sizeof *rows);
	for (k = 0; k < ntakes; k++) {
		struct take *t = &takes[k];
		struct progress_many_row *r;
		if (t->refused)
			continue;
		t->row = nrows;
		r = &rows[nrows++];
		r->rec.task = t->fill->task;
		r->rec.dept = t->dept;
		r->rec.period = book.files[t->file].period;
		r->rec.status = t->fill->status >= 0 ? (enum status)t->fill->status : ST_NOT_STARTED;
		r->rec.note = t->note;
		r->rec.note_only = t->fill->status < 0;
		r->rec.backfill = o->backfill;
		r->no_record = t->fill->status < 0 && !*t->note;
		r->nev = t->nfound;
		r->ev = xcalloc(t->nfound + 1, sizeof *r->ev);
		for (size_t j = 0; j < t->nfound; j++) {
			r->ev[j].in.kind = t->found[j].kind;
			r->ev[j].in.value = t->found[j].value;
			r->ev[j].in.title = t->found[j].title;
		}
	}
	iin = xcalloc(ninds + 1, sizeof *iin);
	ind_file = xcalloc(ninds + 1, sizeof *ind_file);
	ind_line = xcalloc(ninds + 1, sizeof *ind_line);
	ninds = 0;
	for (size_t i = 0; i < book.nfiles; i++)
		for (k = 0; use[i] && k < book.files[i].ninds; k++) {
			const struct checklist_ind_fill *f = &book.files[i].inds[k];
			iin[ninds] = (struct ind_value_in){ f->indicator, f->period, f->value, depts[i], f->source,
							    NULL, 1 };
			ind_file[ninds] = i;
			ind_line[ninds++] = f->line;
		}
	m.rows = rows;
	m.nrows = nrows;
	m.inds = iin;
	m.ninds = ninds;
	m.ind_out = xcalloc(ninds + 1, sizeof *m.ind_out);
	m.row_errs = xcalloc(nrows + 1, sizeof *m.row_errs);
	m.ind_errs = xcalloc(ninds + 1, sizeof *m.ind_errs);
	m.dry_run = o->dry_run || npre;
	rc = store_progress_append_many(s, o->login, &m, e);
	if (rc && !m.nbad)
		goto out;   /* the database failed */
	if (m.nbad || npre) {
		for (k = 0; k < ntakes; k++) {
			const struct take *t = &takes[k];
			if (!t->refused && m.row_errs[t->row].code) {
				char *w = where_of(name, &book.files[t->file], t->fill->line);
				say(&rp, t->file, t->fill->line, w, m.row_errs[t->row].code, "%s",
				    m.row_errs[t->row].msg);
				free(w);
			}
		}
		for (k = 0; k < ninds; k++)
			if (m.ind_errs[k].code) {
				char *w = where_of(name, &book.files[ind_file[k]], ind_line[k]);
				say(&rp, ind_file[k], ind_line[k], w, m.ind_errs[k].code, "%s", m.ind_errs[k].msg);
				free(w);
			}
		qsort(rp.v, rp.n, sizeof *rp.v, line_cmp);
		for (k = 0; k < rp.n; k++)
			if (rp.v[k].l.refused) {
				res->nrefused++;
				if (!code)
					code = rp.v[k].l.code;
			}
		if (npre)
			code = ERR_INPUT;
		rc = err_set(e, (enum err_code)code, "%zu of %zu filled-in rows of '%s' cannot be taken; nothing was "
			     "recorded: correct them and import the file again", npre + m.nbad, res->nfilled, name);
		goto out;
	}
	/* taken: each row's outcome */
	for (k = 0; k < ntakes; k++)
		report_take(&rp, name, &book, &takes[k], &rows[takes[k].row], res);
	for (k = 0; k < ninds; k++) {
		const struct ind_record_result *ir = &m.ind_out[k];
		char *w = where_of(name, &book.files[ind_file[k]], ind_line[k]);
		say(&rp, ind_file[k], ind_line[k], w, 0, "%s %s %s = %s%s%s%s", iin[k].indicator, iin[k].dept,
		    ir->period, ir->value, *ir->previous && !ir->same ? " corrects " : "",
		    ir->same ? "" : ir->previous, ir->same ? " (already recorded; nothing new)" : "");
		res->ninds += !ir->same;
		res->ninds_same += ir->same != 0;
		free(w);
	}
	qsort(rp.v, rp.n, sizeof *rp.v, line_cmp);
	if (!res->nrecords && !res->nevidence && !res->ninds) {
		sb_addf(&sb, "nothing new from '%s' (", name);
		whose(&sb, &book, depts, use);
		sb_addf(&sb, "): its %zu filled-in row%s %s recorded before; importing it again changes nothing",
			res->nfilled, res->nfilled == 1 ? "" : "s", res->nfilled == 1 ? "was" : "were");
	} else {
		char parts[3][64];
		int np = 0;
		if (res->nrecords || (!res->nevidence && !res->ninds))
			snprintf(parts[np++], sizeof parts[0], "%zu record%s", res->nrecords,
				 res->nrecords == 1 ? "" : "s");
		if (res->nevidence)
			snprintf(parts[np++], sizeof parts[0], "%zu evidence", res->nevidence);
		if (res->ninds)
			snprintf(parts[np++], sizeof parts[0], "%zu indicator value%s", res->ninds,
				 res->ninds == 1 ? "" : "s");
		sb_adds(&sb, o->dry_run ? "dry run: " : "recorded ");
		add_list(&sb, parts, np);
		sb_adds(&sb, " for ");
		whose(&sb, &book, depts, use);
		sb_addf(&sb, " from '%s' (%s", name, book.files[0].encoding);
		if (book.nfiles > 1)
			sb_addf(&sb, ", %zu sheets", book.nfiles);
		sb_adds(&sb, ")");
		if (o->dry_run)
			sb_adds(&sb, " would be recorded; nothing written");
		if (res->nsame + res->nev_same + res->ninds_same) {
			char before[3][64];
			int nb = 0;
			if (res->nsame)
				snprintf(before[nb++], sizeof before[0], "%zu row%s", res->nsame,
					 res->nsame == 1 ? "" : "s");
			if (res->nev_same)
				snprintf(before[nb++], sizeof before[0], "%zu evidence", res->nev_same);
			if (res->ninds_same)
				snprintf(before[nb++], sizeof before[0], "%zu indicator value%s", res->ninds_same,
					 res->ninds_same == 1 ? "" : "s");
			sb_adds(&sb, "; ");
			add_list(&sb, before, nb);
			sb_addf(&sb, " recorded before, not again");
		}
		if (res->nkept)
			sb_addf(&sb, "; %zu evidence line%s neither a 文号 nor a link, kept in the notes",
				res->nkept, res->nkept == 1 ? " is" : "s are");
		sb_addf(&sb, "; %zu rows were left empty", res->nskipped);
	}
	passed_over(&sb, &book);
	res->summary = sb_detach(&sb);
	rc = 0;
out:
	if (rp.n) {
		res->lines = xcalloc(rp.n, sizeof *res->lines);
		for (k = 0; k < rp.n; k++)
			res->lines[k] = rp.v[k].l;
		res->nlines = rp.n;
	}
	free(rp.v);
	for (k = 0; k < nrows; k++)
		free(rows[k].ev);
	free(rows);
	takes_free(takes, ntakes);
	free(iin);
	free(ind_file);
	free(ind_line);
	free(m.ind_out);
	free(m.row_errs);
	free(m.ind_errs);
	for (k = 0; k < book.nfiles; k++)
		free(depts[k]);
	free(depts);
	free(use);
	sb_release(&sb);
	store_actor_release(&a);
	checklist_book_release(&book);
	return rc;
}

void checklist_import_result_release(struct checklist_import_result *r)
{
	for (size_t i = 0; i < r->nlines; i++) {
		free(r->lines[i].where);
		free(r->lines[i].text);
	}
	free(r->lines);
	free(r->summary);
	memset(r, 0, sizeof *r);
}
