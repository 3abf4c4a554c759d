/* Grids of rows of cells out of a CSV or out of each sheet of a workbook,
 * and the choice between the two by the file's first bytes. */
#include <strings.h>

#include "src/grid.h"
#include "src/util.h"
#include "src/zipread.h"
#include "src/banned.h"

void grid_of_csv(const struct csv_doc *d, struct grid *g)
{
	memset(g, 0, sizeof *g);
	g->n = d->nrows;
	g->rows = xcalloc(d->nrows + 1, sizeof *g->rows);
	for (size_t i = 0; i < d->nrows; i++) {
		struct grid_row *r = &g->rows[i];
		r->line = d->rows[i].line;
		r->n = d->rows[i].nfields;
		r->cells = xcalloc(r->n + 1, sizeof *r->cells);
		for (size_t k = 0; k < r->n; k++)
			r->cells[k] = (struct grid_cell){ (int)k, d->rows[i].fields[k], NULL };
	}
}

void grid_of_sheet(const struct xlsx_sheet *sh, struct grid *g)
{
	memset(g, 0, sizeof *g);
	g->sheet = sh->name;
	g->hidden = sh->hidden;
	g->n = sh->nrows;
	g->rows = xcalloc(sh->nrows + 1, sizeof *g->rows);
	for (size_t i = 0; i < sh->nrows; i++) {
		struct grid_row *r = &g->rows[i];
		r->line = (size_t)sh->rows[i].row;
		r->n = sh->rows[i].ncells;
		r->cells = xcalloc(r->n + 1, sizeof *r->cells);
		for (size_t k = 0; k < r->n; k++)
			r->cells[k] = (struct grid_cell){ sh->rows[i].cells[k].col, sh->rows[i].cells[k].text,
							  sh->rows[i].cells[k].formula };
	}
}

void grid_release(struct grid *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->rows[i].cells);
	free(g->rows);
	memset(g, 0, sizeof *g);
}

const struct grid_cell *grid_cell_at(const struct grid_row *r, int col)
{
	size_t lo = 0, hi = r->n;
	if (col < 0)
		return NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->cells[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->cells[lo].col == col ? &r->cells[lo] : NULL;
}

const char *grid_text(const struct grid_row *r, int col)
{
	const struct grid_cell *c = grid_cell_at(r, col);
	return c ? c->text : "";
}

const char *grid_formula(const struct grid_row *r, int col)
{
	const struct grid_cell *c = grid_cell_at(r, col);
	return c ? c->formula : NULL;
}

/* 1 when NAME ends in one of the extensions EXTS (NULL-terminated). */
static int name_ends(const char *name, const char *const *exts)
{
	size_t n = strlen(name);
	for (; *exts; exts++) {
		size_t k = strlen(*exts);
		if (n > k && !strcasecmp(name + n - k, *exts))
			return 1;
	}
	return 0;
}

int grid_file_read(const char *buf, size_t len, const char *name, struct grid_file *f, struct err *e)
{
	static const char *const book_exts[] = { ".xlsx", ".xlsm", NULL };
	static const char *const text_exts[] = { ".csv", ".txt", NULL };
	int rc;

	memset(f, 0, sizeof *f);
	if (zipread_is_zip(buf, len)) {
		if ((rc = xlsx_read(buf, len, name, &f->book, e)))
			return rc;
		f->xlsx = 1;
		f->misnamed = name_ends(name, text_exts);
		f->encoding = "XLSX";
		f->n = f->book.nsheets;
		f->grids = xcalloc(f->n + 1, sizeof *f->grids);
		for (size_t i = 0; i < f->n; i++)
			grid_of_sheet(&f->book.sheets[i], &f->grids[i]);
		return 0;
	}
	if (len >= 8 && !memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return err_set(e, ERR_INPUT, "cannot read '%s': it is an old Excel 97-2003 workbook (.xls), "
			       "or a workbook with a password to open it; save it from Excel or WPS as .xlsx "
			       "(Excel 工作簿) without a password and import that", name);
	if (name_ends(name, book_exts))
		return err_set(e, ERR_INPUT, "cannot read '%s': it is not an Excel workbook, though named "
			       "like one (a workbook is a ZIP archive, this file %s); if it is a CSV table, "
			       "name it .csv; otherwise open it in Excel or WPS and save it as .xlsx", name,
			       !len ? "is empty" : memchr(buf, '\0', len) ? "is damaged or something else"
									: "is text");
	if ((rc = csv_parse(buf, len, name, &f->csv, e)))
		return rc;
	f->encoding = f->csv.encoding;
	f->n = 1;
	f->grids = xcalloc(1, sizeof *f->grids);
	grid_of_csv(&f->csv, &f->grids[0]);
	return 0;
}

void grid_file_release(struct grid_file *f)
{
	for (size_t i = 0; i < f->n; i++)
		grid_release(&f->grids[i]);
	free(f->grids);
	csv_doc_release(&f->csv);
	xlsx_book_release(&f->book);
	memset(f, 0, sizeof *f);
}
