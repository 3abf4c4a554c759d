/* Spreadsheets as documents: every visible sheet of a workbook becomes a
 * table of rows (hidden sheets and hidden columns are left out, and said so),
 * a CSV file one table; the plan importer finds the task table among them. */
#include "src/csvread.h"
#include "src/doc_readers.h"
#include "src/xlsx.h"
#include "src/banned.h"

int doc_xlsx_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e)
{
	struct xlsx_book b;
	size_t i, j;
	int rc = xlsx_read(buf, len, name, &b, e), table = 0, hidden_cols = 0;

	if (rc)
		return rc;
	for (i = 0; i < b.nsheets; i++) {
		const struct xlsx_sheet *s = &b.sheets[i];
		if (s->hidden) {
			if (s->nrows)
				doc_note(doc, "sheet '%s' is hidden and was not read", s->name);
			continue;
		}
		for (j = 0; j < s->nrows; j++) {
			const struct xlsx_row *r = &s->rows[j];
			int ncols = r->ncells ? r->cells[r->ncells - 1].col + 1 : 0, c;
			char **cells;
			size_t n = 0;
			if (ncols > 4096)
				ncols = 4096;
			cells = xcalloc((size_t)ncols + 1, sizeof *cells);
			for (c = 0; c < ncols; c++) {
				if (xlsx_col_is_hidden(s, c)) {
					hidden_cols |= *xlsx_cell_text(r, c) != '\0';
					continue;
				}
				cells[n++] = (char *)xlsx_cell_text(r, c);
			}
			doc_add_row(doc, cells, n, table, r->row);
			free(cells);
		}
		if (hidden_cols)
			doc_note(doc, "sheet '%s' has hidden columns; what they hold was not read", s->name);
		hidden_cols = 0;
		table++;
	}
	xlsx_book_release(&b);
	if (!doc->nblocks)
		return err_set(e, ERR_INPUT, "cannot import '%s': the workbook's visible sheets are empty",
			       name);
	return 0;
}

int doc_csv_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e)
{
	struct csv_doc c;
	size_t i;
	int rc = csv_parse(buf, len, name, &c, e);

	if (rc)
		return rc;
	for (i = 0; i < c.nrows; i++) {
		size_t j;
		/* a cell duban wrote guarded against formulas ('=…) comes back as it was */
		for (j = 0; j < c.rows[i].nfields; j++) {
			char *f = c.rows[i].fields[j];
			if (f[0] == '\'' && strchr("=+-@\t\r", f[1]) && f[1])
				memmove(f, f + 1, strlen(f));
		}
		doc_add_row(doc, c.rows[i].fields, c.rows[i].nfields, 0, (int)c.rows[i].line);
	}
	csv_doc_release(&c);
	if (!doc->nblocks)
		return err_set(e, ERR_INPUT, "cannot import '%s': the CSV file holds no rows", name);
	return 0;
}
