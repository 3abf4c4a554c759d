/* A filled-in checklist read back: the CSV (src/csvread.c) or each sheet of a
 * workbook (src/xlsx.c) seen as the same grid of rows of cells, then the
 * header lines found by their labels (the first cell of a row that is
 * written in, and the one after it), the column header by its labels in any
 * order, and each row's fill-in taken or listed as a problem. */
#include "src/checklist.h"
#include "src/checklist_read.h"
#include "src/output.h"
#include "src/csvread.h"
#include "src/status.h"
#include "src/util.h"
#include "src/grid.h"
#include "src/banned.h"

/* Cell text with white space around it (the TAB before a numeric id too)
 * and a leading "'" (our formula guard) gone. */
static char *clean(const char *s)
{
	const char *end;
	s = out_csv_unguard(s);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	/* the ideographic space too */
	while (end - s >= 3 && !memcmp(end - 3, "\xE3\x80\x80", 3))
		end -= 3;
	while (end - s >= 3 && !memcmp(s, "\xE3\x80\x80", 3))
		s += 3;
	return xstrndup(s, (size_t)(end - s));
}

/* 1 when CELL (cleaned) is the header LABEL, with or without its "（填写）". */
static int is_header(const char *cell, const char *label)
{
	const char *paren = strstr(label, "（");
	size_t n = paren ? (size_t)(paren - label) : strlen(label);
	return !strncmp(cell, label, n) && (cell[n] == '\0' || util_starts_with(cell + n, "（") ||
					    util_starts_with(cell + n, "("));
}

/* The column of ROW whose cell is the header LABEL, or -1. */
static int find_col(const struct grid_row *row, const char *label)
{
	for (size_t k = 0; k < row->n; k++) {
		char *t = clean(row->cells[k].text);
		int hit = is_header(t, label);
		free(t);
		if (hit)
			return row->cells[k].col;
	}
	return -1;
}

/* 1 when some cell of ROW starts with LABEL. */
static int row_has(const struct grid_row *row, const char *label)
{
	for (size_t k = 0; k < row->n; k++) {
		const char *t = row->cells[k].text;
		t += strspn(t, " \t");
		if (util_starts_with(t, label))
			return 1;
	}
	return 0;
}

/* "J12": the cell of column COL on LINE, for messages. */
static void cell_ref(char out[24], int col, size_t line)
{
	char letters[8];
	int n = 0;
	for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	for (int i = 0; i < n / 2; i++) {
		char t = letters[i];
		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	letters[n] = '\0';
	snprintf(out, 24, "%s%zu", letters, line);
}

/* A problem for each cell of ROW among the N columns COLS that holds a
 * formula: what the department says is what it typed. 1 when there was one. */
static int formula_problems(struct checklist_file *f, size_t *pcap, const struct grid_row *row,
			    const int *cols, int n)
{
	int found = 0;
	for (int i = 0; i < n; i++) {
		const char *fx = grid_formula(row, cols[i]);
		char ref[24];
		if (!fx)
			continue;
		cell_ref(ref, cols[i], row->line);
		row_problem_add(&f->problems, &f->nproblems, pcap, row->line, "cell %s holds a formula (=%.60s), which the import does "
			    "not take; type the value itself", ref, fx);
		found = 1;
	}
	return found;
}

/* The indicator rows of G after their header at row H. */
static void read_indicators(const struct grid *g, size_t h, struct checklist_file *out, size_t *pcap)
{
	static const int want[4] = { CKI_ID, CKI_FILL_PERIOD, CKI_FILL_VALUE, CKI_FILL_SOURCE };
	int col[4];
	size_t cap = 0;
	for (int c = 0; c < 4; c++)
		col[c] = find_col(&g->rows[h], checklist_ind_col_names[want[c]]);
	for (size_t i = h + 1; i < g->n; i++) {
		const struct grid_row *r = &g->rows[i];
		char *id = clean(grid_text(r, col[0])), *per = clean(grid_text(r, col[1]));
		char *val = clean(grid_text(r, col[2])), *src = clean(grid_text(r, col[3]));
		if (col[1] < 0 || col[2] < 0) {
			if (*id)
				row_problem_add(&out->problems, &out->nproblems, pcap, r->line, "%.60s: the columns '%s' and '%s' are missing; keep "
					    "the columns of the exported checklist", id,
					    checklist_ind_col_names[CKI_FILL_PERIOD],
					    checklist_ind_col_names[CKI_FILL_VALUE]);
		} else if (!*per && !*val && !*src) {
			out->skipped += *id != 0;
		} else if (formula_problems(out, pcap, r, col, 4)) {
			;
		} else if (!*id) {
			row_problem_add(&out->problems, &out->nproblems, pcap, r->line, "the row has no %s", checklist_ind_col_names[CKI_ID]);
		} else if (!*val) {
			row_problem_add(&out->problems, &out->nproblems, pcap, r->line, "%.60s: the period or the source is filled in but not the "
				    "value (本期数值)", id);
		} else if (!*per) {
			row_problem_add(&out->problems, &out->nproblems, pcap, r->line, "%.60s: the value %.60s needs its period (统计期): a year like "
				    "2024 or a quarter like 2024Q3", id, val);
		} else {
			struct checklist_ind_fill *f;
			xgrow(&out->inds, &cap, out->ninds + 1, sizeof *out->inds);
			f = &out->inds[out->ninds++];
			f->line = r->line;
			f->indicator = id;
			f->period = per;
			f->value = val;
			f->source = src;
			id = per = val = src = NULL;
		}
		free(id);
		free(per);
		free(val);
		free(src);
	}
}

/* The header lines of G before row END: a row whose first cell written in
 * is 单位, 季度 or 计划 gives the cell after it. */
static void read_head(const struct grid *g, size_t end, struct checklist_file *out)
{
	for (size_t i = 0; i < end; i++) {
		const struct grid_row *r = &g->rows[i];
		size_t k = 0;
		char *label, **slot = NULL;
		while (k < r->n && !*r->cells[k].text)
			k++;
		if (k == r->n)
			continue;
		label = clean(r->cells[k].text);
		if (!strcmp(label, CHECKLIST_L_DEPT))
			slot = &out->dept;
		else if (!strcmp(label, CHECKLIST_L_PERIOD))
			slot = &out->period;
		else if (!strcmp(label, CHECKLIST_L_PLAN))
			slot = &out->plans;
		free(label);
		if (!slot)
			continue;
		for (k++; k < r->n && !*r->cells[k].text; k++)
			;
		free(*slot);
		*slot = clean(k < r->n ? r->cells[k].text : "");
	}
}

/* The index of G's column header row (a cell starting 任务编号), or G->n. */
static size_t find_header(const struct grid *g)
{
	for (size_t i = 0; i < g->n; i++)
		if (find_col(&g->rows[i], checklist_col_names[CKC_TASK]) >= 0)
			return i;
	return g->n;
}

/* Read the checklist of grid G (from NAME, sheet SHEET or NULL) into OUT. */
static int read_grid(const struct grid *g, const char *name, const char *sheet,
		     struct checklist_file *out, struct err *e)
{
	static const int fields[] = { CKC_TASK, CKC_TEXT, CKC_FILL_STATUS, CKC_FILL_PROGRESS,
				      CKC_FILL_EVIDENCE };
	struct strbuf where = STRBUF_INIT;
	size_t hrow = find_header(g), rcap = 0, pcap = 0;
	int col[5], rc = 0;

	if (sheet)
		sb_addf(&where, "'%s' sheet '%s'", name, sheet);
	else
		sb_addf(&where, "'%s'", name);
	read_head(g, hrow, out);
	if (hrow == g->n) {
		rc = err_set(e, ERR_INPUT, "cannot read %s: no column header starting with '%s'; "
			     "import a checklist made by 'duban checklist', filled in and saved as XLSX or CSV, "
			     "with its rows and columns kept", sb_str(&where), checklist_col_names[CKC_TASK]);
		goto out;
	}
	if (!out->dept || !*out->dept || !out->period || !*out->period) {
		rc = err_set(e, ERR_INPUT, "cannot read %s: the header lines '%s' and '%s' above line %zu "
			     "are missing; they say whose checklist it is: keep them when filling it in",
			     sb_str(&where), CHECKLIST_L_DEPT, CHECKLIST_L_PERIOD, g->rows[hrow].line);
		goto out;
	}
	if (!period_valid(out->period)) {
		rc = err_set(e, ERR_INPUT, "cannot read %s: the quarter '%s' in its header is not a "
			     "quarter like 2024Q3", sb_str(&where), out->period);
		goto out;
	}
	for (int c = 0; c < 5; c++) {
		col[c] = find_col(&g->rows[hrow], checklist_col_names[fields[c]]);
		if (col[c] < 0 && fields[c] != CKC_TEXT) {
			rc = err_set(e, ERR_INPUT, "cannot read %s line %zu: the column '%s' is missing; "
				     "keep the columns of the exported checklist", sb_str(&where),
				     g->rows[hrow].line, checklist_col_names[fields[c]]);
			goto out;
		}
	}
	for (size_t i = hrow + 1; i < g->n; i++) {
		const struct grid_row *r = &g->rows[i];
		char *task, *text, *st, *prog, *ev;
		int sv;
		if (row_has(r, checklist_ind_col_names[CKI_ID])) {
			/* the indicators' header: the rest is theirs */
			read_indicators(g, i, out, &pcap);
			break;
		}
		task = clean(grid_text(r, col[0]));
		text = clean(grid_text(r, col[1]));
		st = clean(grid_text(r, col[2]));
		prog = clean(grid_text(r, col[3]));
		ev = clean(grid_text(r, col[4]));
		sv = *st ? status_parse(st) : -1;
		if (!*st && !*prog && !*ev && !grid_formula(r, col[2]) && !grid_formula(r, col[3]) &&
		    !grid_formula(r, col[4])) {
			out->skipped += *task != 0;
		} else if (formula_problems(out, &pcap, r, col, 5)) {
			;
		} else if (!*task) {
			row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "the row has no %s", checklist_col_names[CKC_TASK]);
		} else if (*st && sv < 0) {
			row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%.60s: unknown status '%.60s'; use 未启动 推进中 滞后 "
				    "已完成 持续推进 (or not-started in-progress behind done ongoing)", task, st);
		} else if (status_note_missing(sv, prog)) {
			row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%.60s: a task reported behind needs its progress "
				    "column to say why", task);
		} else {
			struct checklist_fill *f;
			xgrow(&out->rows, &rcap, out->nrows + 1, sizeof *out->rows);
			f = &out->rows[out->nrows++];
			f->line = r->line;
			f->task = task;
			f->text = text;
			f->status = sv;
			f->progress = prog;
			f->evidence = ev;
			task = text = prog = ev = NULL;
		}
		free(task);
		free(text);
		free(st);
		free(prog);
		free(ev);
	}
out:
	sb_release(&where);
	return rc;
}

int checklist_read_csv(const char *buf, size_t len, const char *name, struct checklist_file *out,
		       struct err *e)
{
	struct csv_doc d;
	struct grid g;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = csv_parse(buf, len, name, &d, e)))
		return rc;
	out->encoding = d.encoding;
	grid_of_csv(&d, &g);
	rc = read_grid(&g, name, NULL, out, e);
	grid_release(&g);
	csv_doc_release(&d);
	if (rc)
		checklist_file_release(out);
	return rc;
}

void checklist_file_release(struct checklist_file *f)
{
	for (size_t i = 0; i < f->nrows; i++) {
		free(f->rows[i].task);
		free(f->rows[i].text);
		free(f->rows[i].progress);
		free(f->rows[i].evidence);
	}
	row_problems_free(f->problems, f->nproblems);
	for (size_t i = 0; i < f->ninds; i++) {
		free(f->inds[i].indicator);
		free(f->inds[i].period);
		free(f->inds[i].value);
		free(f->inds[i].source);
	}
	free(f->inds);
	free(f->rows);
	free(f->sheet);
	free(f->dept);
	free(f->period);
	free(f->plans);
	memset(f, 0, sizeof *f);
}

/* 1 when grid G's header lines say whose checklist it is. */
static int says_whose(const struct grid *g)
{
	struct checklist_file probe;
	int yes;
	memset(&probe, 0, sizeof probe);
	read_head(g, g->n, &probe);
	yes = probe.dept && *probe.dept && probe.period && *probe.period;
	checklist_file_release(&probe);
	return yes;
}

/* The checklists of the workbook F: every sheet whose header lines say whose
 * checklist it is, the others listed. */
static int read_workbook(const struct grid_file *f, const char *name, struct checklist_book *out,
			 struct err *e)
{
	size_t cap = 0, ocap = 0;
	int rc = 0;

	out->xlsx = 1;
	for (size_t i = 0; i < f->n && !rc; i++) {
		const struct grid *g = &f->grids[i];
		struct checklist_file cf;
		memset(&cf, 0, sizeof cf);
		if (find_header(g) == g->n && !says_whose(g)) {
			/* an extra sheet (notes, a list of contacts): not ours */
			xgrow(&out->others, &ocap, out->nothers + 1, sizeof *out->others);
			out->others[out->nothers++] = xstrdup(g->sheet);
		} else if (!(rc = read_grid(g, name, g->sheet, &cf, e))) {
			cf.sheet = xstrdup(g->sheet);
			cf.encoding = "XLSX";
			xgrow(&out->files, &cap, out->nfiles + 1, sizeof *out->files);
			out->files[out->nfiles++] = cf;
		} else {
			checklist_file_release(&cf);
		}
	}
	if (!rc && !out->nfiles)
		rc = err_set(e, ERR_INPUT, "cannot read '%s': none of its %zu sheets is a checklist (no "
			     "header lines '%s' and '%s', no column header '%s'); import a checklist made "
			     "by 'duban checklist --format xlsx' and filled in", name, f->n,
			     CHECKLIST_L_DEPT, CHECKLIST_L_PERIOD, checklist_col_names[CKC_TASK]);
	return rc;
}

int checklist_read(const char *buf, size_t len, const char *name, struct checklist_book *out,
		   struct err *e)
{
	struct grid_file f;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = grid_file_read(buf, len, name, &f, e)))
		return rc;
	if (f.xlsx) {
		rc = read_workbook(&f, name, out, e);
	} else {
		out->files = xcalloc(1, sizeof *out->files);
		out->files[0].encoding = f.encoding;
		rc = read_grid(&f.grids[0], name, NULL, &out->files[0], e);
		out->nfiles = 1;
	}
	grid_file_release(&f);
	if (rc)
		checklist_book_release(out);
	return rc;
}

void checklist_book_release(struct checklist_book *b)
{
	for (size_t i = 0; i < b->nfiles; i++)
		checklist_file_release(&b->files[i]);
	free(b->files);
	for (size_t i = 0; i < b->nothers; i++)
		free(b->others[i]);
	free(b->others);
	memset(b, 0, sizeof *b);
}
