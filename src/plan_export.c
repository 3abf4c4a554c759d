/* Plans written out as task tables (CSV and XLSX), in the columns the
 * importer reads back (src/plan_table.h). */
#include <errno.h>
#include <xlsxwriter.h>

#include "src/output.h"
#include "src/plan_export.h"
#include "src/plan_table.h"
#include "src/text.h"
#include "src/banned.h"

static const char *const headers[PE_NCOLS] = {
	PLAN_TABLE_ID, PLAN_TABLE_CHAPTER, PLAN_TABLE_SECTION, PLAN_TABLE_TASK, PLAN_TABLE_LEAD,
	PLAN_TABLE_PART, PLAN_TABLE_LISTS
};

int plan_export_build(struct store *s, const char *key, struct plan_export *x, struct err *e)
{
	struct plan_info p;
	struct task_filter f = { key, NULL, -1 };
	struct task_row *v = NULL;
	size_t n = 0, i, j;
	int rc;

	memset(x, 0, sizeof *x);
	if ((rc = store_plan_get(s, key, &p, e)))
		return rc;
	if ((rc = store_task_query(s, &f, &v, &n, e))) {
		store_plan_info_release(&p);
		return rc;
	}
	x->title = xstrdup(p.title);
	x->kind = xstrdup(p.kind);
	x->docno = xstrdup(p.docno);
	x->issued = xstrdup(p.issued);
	x->rows = xcalloc(n ? n : 1, sizeof *x->rows);
	for (i = 0; i < n; i++) {
		const struct task_row *t = &v[i];
		struct strbuf sb = STRBUF_INIT;
		char **row = x->rows[i];
		row[PE_ID] = xstrdup(t->id);
		if (t->chapter) {
			plan_numeral_add(&sb, t->chapter);
			sb_addf(&sb, "、%s", t->chapter_title);
		}
		row[PE_CHAPTER] = sb_detach(&sb);
		if (t->section) {
			sb_adds(&sb, "（");
			plan_numeral_add(&sb, t->section);
			sb_addf(&sb, "）%s", t->section_title);
		}
		row[PE_SECTION] = sb.buf ? sb_detach(&sb) : xstrdup("");
		row[PE_TASK] = xstrdup(t->text);
		/* the names as the document wrote them: the table reads back the same */
		sb_adds(&sb, t->ndepts ? t->depts[0].written : "");
		if (t->open && t->ndepts < 2)
			sb_adds(&sb, "等");
		row[PE_LEAD] = sb.buf ? sb_detach(&sb) : xstrdup("");
		for (j = 1; j < t->ndepts; j++)
			sb_addf(&sb, "%s%s", j > 1 ? "、" : "", t->depts[j].written);
		if (t->open && t->ndepts >= 2)
			sb_adds(&sb, "等");
		row[PE_PART] = sb.buf ? sb_detach(&sb) : xstrdup("");
		row[PE_LISTS] = xstrdup(t->lists ? t->lists : "");
	}
	x->nrows = n;
	store_task_rows_free(v, n);
	store_plan_info_release(&p);
	return 0;
}

void plan_export_release(struct plan_export *x)
{
	size_t i;
	int c;

	for (i = 0; i < x->nrows; i++)
		for (c = 0; c < PE_NCOLS; c++)
			free(x->rows[i][c]);
	free(x->rows);
	free(x->title);
	free(x->kind);
	free(x->docno);
	free(x->issued);
	memset(x, 0, sizeof *x);
}

static void csv_row(struct strbuf *sb, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ',');
		out_csv_field(sb, cells[i]);
	}
	sb_adds(sb, "\r\n");
}

void plan_export_csv(const struct plan_export *x, int bom, struct strbuf *sb)
{
	const char *meta[6] = { PLAN_TABLE_KIND, x->kind, "文号", x->docno, "成文日期", x->issued };
	size_t i;

	if (bom)
		sb_adds(sb, "\xEF\xBB\xBF");
	{
		/* the title in a row as wide as the table, as a spreadsheet writes it */
		const char *title[PE_NCOLS] = { x->title, "", "", "", "", "", "" };
		csv_row(sb, title, PE_NCOLS);
	}
	csv_row(sb, meta, 6);
	csv_row(sb, headers, PE_NCOLS);
	for (i = 0; i < x->nrows; i++)
		csv_row(sb, (const char *const *)x->rows[i], PE_NCOLS);
}

int plan_export_xlsx(const struct plan_export *x, const char *path, struct err *e)
{
	static const double width[PE_NCOLS] = { 12, 20, 20, 60, 18, 30, 30 };
	const char *meta[6] = { PLAN_TABLE_KIND, x->kind, "文号", x->docno, "成文日期", x->issued };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *wrap, *head;
	lxw_error le;
	FILE *probe;
	size_t i;
	int c;

	/* libxlsxwriter opens PATH only at the end: find out now if it can be written */
	if (!(probe = fopen(path, "ab")))
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       strerror(errno));
	fclose(probe);
	if (!(wb = workbook_new(path)))
		return err_set(e, ERR_IO, "cannot create the workbook '%s'", path);
	ws = workbook_add_worksheet(wb, "任务");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_font_size(bold, 14);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(wrap, LXW_BORDER_THIN);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_bg_color(head, 0xD9E1F2);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);  /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 2, 2);
	worksheet_freeze_panes(ws, 3, 0);
	worksheet_set_footer(ws, "&C&P / &N");
	worksheet_write_string(ws, 0, 0, x->title, bold);
	for (c = 0; c < 6; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, meta[c], c % 2 ? NULL : head);
	for (c = 0; c < PE_NCOLS; c++) {
		worksheet_write_string(ws, 2, (lxw_col_t)c, headers[c], head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
	}
	for (i = 0; i < x->nrows; i++)
		for (c = 0; c < PE_NCOLS; c++)
			worksheet_write_string(ws, (lxw_row_t)(3 + i), (lxw_col_t)c, x->rows[i][c], wrap);
	le = workbook_close(wb);
	if (le != LXW_NO_ERROR)
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       lxw_strerror(le));
	return 0;
}
