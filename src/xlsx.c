/* Excel workbooks read through src/zipread.c (the container, with its zip-bomb
 * limits) and libxml2's streaming reader (each part, no DTD, no entities, no
 * network): workbook.xml and its relationships for the sheets, the shared
 * strings, the number formats that make a number a date, then each sheet's
 * rows. Merged cells: a range's first column carries its value down the rows
 * it spans; columns it spans to the right stay empty. */
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdint.h>
#include <strings.h>

#include "src/xlsx.h"
#include "src/util.h"
#include "src/zipread.h"
#include "src/banned.h"

#define XLSX_COLS_MAX 16384
#define XLSX_ROWS_MAX 1048576

struct xsheet_ref { char *name, *rid, *path; int hidden; };

struct xctx {
	const char *name;
	struct zipread *z;
	char **sst; size_t nsst, capsst;
	unsigned char *xf_date; size_t nxf;   /* per cell style: 1 a date, 2 a percentage */
	int date1904;
	size_t cells;
	struct err *e;
};

static void x_silent(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static int x_opts(void)
{
	return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
	       XML_PARSE_COMPACT;
}

/* The part PATH of the workbook, checked for a DOCTYPE. -ERR_NOTFOUND when absent. */
static int x_part(struct xctx *c, const char *path, char **buf, size_t *len)
{
	static const char dt[] = "<!DOCTYPE";
	int rc = zipread_get(c->z, path, buf, len, c->e);
	size_t i;

	if (rc)
		return rc;
	for (i = 0; i + sizeof dt - 1 <= *len; i++)
		if ((*buf)[i] == '<' && !memcmp(*buf + i, dt, sizeof dt - 1)) {
			free(*buf);
			*buf = NULL;
			return err_set(c->e, ERR_INPUT, "cannot read '%s': its part '%s' declares a DOCTYPE, "
				       "which no Excel file does; it is refused", c->name, path);
		}
	if (*len > INT32_MAX) {
		free(*buf);
		*buf = NULL;
		return err_set(c->e, ERR_INPUT, "cannot read '%s': its part '%s' is too large", c->name, path);
	}
	return 0;
}

static xmlTextReaderPtr x_reader(struct xctx *c, const char *buf, size_t len, const char *path)
{
	xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, NULL, NULL, x_opts());

	if (!r)
		err_set(c->e, ERR_INPUT, "cannot read '%s': its part '%s' is not XML", c->name, path);
	return r;
}

static int x_damaged(struct xctx *c, const char *path)
{
	return err_set(c->e, ERR_INPUT, "cannot read '%s': its part '%s' is damaged; open the workbook "
		       "in Excel or WPS and save it again", c->name, path);
}

static char *x_attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* An attribute by local name whatever its prefix (r:id, ns1:id). */
static char *x_attr_local(xmlTextReaderPtr r, const char *local)
{
	char *v = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		if (ln && !strcmp(ln, local)) {
			const char *val = (const char *)xmlTextReaderConstValue(r);
			v = xstrdup(val ? val : "");
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

/* ---- references and dates ----------------------------------------------- */

int xlsx_ref_col(const char *ref, int *row)
{
	int col = 0, n = 0;
	long r = 0;

	while ((*ref >= 'A' && *ref <= 'Z') || (*ref >= 'a' && *ref <= 'z')) {
		col = col * 26 + ((*ref & ~32) - 'A' + 1);
		if (++n > 3)
			return -1;
		ref++;
	}
	if (!n)
		return -1;
	while (*ref >= '0' && *ref <= '9' && r <= XLSX_ROWS_MAX) {
		r = r * 10 + (*ref - '0');
		ref++;
	}
	if (row)
		*row = r <= XLSX_ROWS_MAX ? (int)r : 0;
	return col - 1;
}

int xlsx_serial_date(double serial, char *out, size_t cap)
{
	long days, z, era, doe, yoe, y, doy, mp, d, m;

	if (!(serial >= 1 && serial < 2958466))   /* 9999-12-31 */
		return -1;
	days = (long)floor(serial);
	/* Excel counts a 29 February 1900 that never was */
	if (days < 60)
		days += 1;
	/* days since 1899-12-30 -> civil date (Howard Hinnant's algorithm) */
	z = days - 25569 + 719468;   /* 1899-12-30 is 25569 days before 1970-01-01 */
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, cap, "%04ld-%02ld-%02ld", y, m, d);
	return 0;
}

/* Does an Excel number format code show a date? Date letters outside quotes
 * and brackets ("[Red]", "[$-804]"), "General" not. */
static int x_code_is_date(const char *code)
{
	int q = 0, b = 0, date = 0;

	if (!strcasecmp(code, "general"))
		return 0;
	for (; *code; code++) {
		char ch = *code;
		if (ch == '"')
			q = !q;
		else if (!q && ch == '[')
			b = 1;
		else if (!q && ch == ']')
			b = 0;
		else if (!q && !b && ch == '\\')
			code += code[1] ? 1 : 0;
		else if (!q && !b && (ch == 'y' || ch == 'Y' || ch == 'd' || ch == 'D' || ch == 'e'))
			date = 1;
		else if (!q && !b && (ch == '0' || ch == '#'))
			return 0;
	}
	return date;
}

/* Does it show a percentage ("0.00%")? '%' outside quotes and brackets. */
static int x_code_is_percent(const char *code)
{
	int q = 0, b = 0;

	for (; *code; code++) {
		if (*code == '"')
			q = !q;
		else if (!q && *code == '[')
			b = 1;
		else if (!q && *code == ']')
			b = 0;
		else if (!q && !b && *code == '\\')
			code += code[1] ? 1 : 0;
		else if (!q && !b && *code == '%')
			return 1;
	}
	return 0;
}

static int x_builtin_date(int id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* ---- workbook parts ------------------------------------------------------- */

static int x_styles(struct xctx *c)
{
	struct fmt { int id; int date; } *fmts = NULL;
	size_t nf = 0, capf = 0, cap = 0;
	char *buf;
	size_t len;
	xmlTextReaderPtr r;
	int rc = x_part(c, "xl/styles.xml", &buf, &len), in_xfs = 0;

	if (rc == -ERR_NOTFOUND) {
		err_clear(c->e);
		return 0;
	}
	if (rc)
		return rc;
	if (!(r = x_reader(c, buf, len, "xl/styles.xml"))) {
		free(buf);
		return -ERR_INPUT;
	}
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_ELEMENT && !strcmp(ln, "numFmt")) {
			char *id = x_attr(r, "numFmtId"), *code = x_attr(r, "formatCode");
			if (id && code) {
				xgrow(&fmts, &capf, nf + 1, sizeof *fmts);
				fmts[nf].id = atoi(id);
				fmts[nf].date = x_code_is_date(code) ? 1 : x_code_is_percent(code) ? 2 : 0;
				nf++;
			}
			free(id);
			free(code);
		} else if (type == XML_READER_TYPE_ELEMENT && !strcmp(ln, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		} else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(ln, "cellXfs")) {
			in_xfs = 0;
		} else if (type == XML_READER_TYPE_ELEMENT && in_xfs && !strcmp(ln, "xf")) {
			char *id = x_attr(r, "numFmtId");
			int fid = id ? atoi(id) : 0, date = x_builtin_date(fid) ? 1 : fid == 9 || fid == 10 ? 2 : 0;
			size_t i;
			for (i = 0; i < nf; i++)
				if (fmts[i].id == fid)
					date = fmts[i].date;
			free(id);
			if (c->nxf >= 65536)
				continue;
			xgrow(&c->xf_date, &cap, c->nxf + 1, 1);
			c->xf_date[c->nxf++] = (unsigned char)date;
		}
	}
	xmlFreeTextReader(r);
	free(buf);
	free(fmts);
	return rc < 0 ? x_damaged(c, "xl/styles.xml") : 0;
}

static int x_shared(struct xctx *c)
{
	struct strbuf si = STRBUF_INIT;
	char *buf;
	size_t len;
	xmlTextReaderPtr r;
	int rc = x_part(c, "xl/sharedStrings.xml", &buf, &len), in_si = 0, in_t = 0, in_rph = 0;

	if (rc == -ERR_NOTFOUND) {
		err_clear(c->e);
		return 0;
	}
	if (rc)
		return rc;
	if (!(r = x_reader(c, buf, len, "xl/sharedStrings.xml"))) {
		free(buf);
		return -ERR_INPUT;
	}
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		int empty = xmlTextReaderIsEmptyElement(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (!strcmp(ln, "si")) {
				sb_reset(&si);
				in_si = 1;
				if (empty) {
					xgrow(&c->sst, &c->capsst, c->nsst + 1, sizeof *c->sst);
					c->sst[c->nsst++] = xstrdup("");
					in_si = 0;
				}
			} else if (!strcmp(ln, "rPh") && !empty) {
				in_rph = 1;   /* a phonetic guide, not the text */
			} else if (!strcmp(ln, "t") && in_si && !in_rph) {
				in_t = !empty;
			}
		} else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			if (in_t) {
				const char *v = (const char *)xmlTextReaderConstValue(r);
				if (v)
					sb_adds(&si, v);
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (!strcmp(ln, "t")) {
				in_t = 0;
			} else if (!strcmp(ln, "rPh")) {
				in_rph = 0;
			} else if (!strcmp(ln, "si") && in_si) {
				if (c->nsst >= XLSX_CELLS_MAX) {
					rc = -2;
					break;
				}
				xgrow(&c->sst, &c->capsst, c->nsst + 1, sizeof *c->sst);
				c->sst[c->nsst++] = xstrdup(sb_str(&si));
				in_si = 0;
			}
		}
	}
	xmlFreeTextReader(r);
	free(buf);
	sb_release(&si);
	if (rc == -2)
		return err_set(c->e, ERR_INPUT, "cannot read '%s': it holds more than %u strings",
			       c->name, XLSX_CELLS_MAX);
	return rc < 0 ? x_damaged(c, "xl/sharedStrings.xml") : 0;
}

/* The sheets of workbook.xml with their part paths from the relationships. */
static int x_workbook(struct xctx *c, struct xsheet_ref **out, size_t *n)
{
	size_t cap = 0, i;
	char *buf;
	size_t len;
	xmlTextReaderPtr r;
	int rc = x_part(c, "xl/workbook.xml", &buf, &len);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	if (!(r = x_reader(c, buf, len, "xl/workbook.xml"))) {
		free(buf);
		return -ERR_INPUT;
	}
	while ((rc = xmlTextReaderRead(r)) == 1) {
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (!strcmp(ln, "workbookPr")) {
			char *d = x_attr(r, "date1904");
			c->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
			free(d);
		} else if (!strcmp(ln, "sheet") && *n == XLSX_SHEETS_MAX) {
			rc = -3;
			break;
		} else if (!strcmp(ln, "sheet")) {
			char *state = x_attr(r, "state");
			xgrow(out, &cap, *n + 1, sizeof **out);
			(*out)[*n].name = x_attr(r, "name");
			(*out)[*n].rid = x_attr_local(r, "id");
			(*out)[*n].path = NULL;
			(*out)[*n].hidden = !state ? 0 : !strcmp(state, "hidden") ? 1 :
					    !strcmp(state, "veryHidden") ? 2 : 0;
			if (!(*out)[*n].name)
				(*out)[*n].name = xstrdup("");
			(*n)++;
			free(state);
		}
	}
	xmlFreeTextReader(r);
	free(buf);
	if (rc == -3)
		return err_set(c->e, ERR_INPUT, "cannot read '%s': it holds more than %d sheets, more than "
			       "duban reads; split the workbook", c->name, XLSX_SHEETS_MAX);
	if (rc < 0)
		return x_damaged(c, "xl/workbook.xml");
	rc = x_part(c, "xl/_rels/workbook.xml.rels", &buf, &len);
	if (rc)
		return rc;
	if (!(r = x_reader(c, buf, len, "xl/_rels/workbook.xml.rels"))) {
		free(buf);
		return -ERR_INPUT;
	}
	while ((rc = xmlTextReaderRead(r)) == 1) {
		char *id, *target;
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "Relationship"))
			continue;
		id = x_attr(r, "Id");
		target = x_attr(r, "Target");
		for (i = 0; id && target && i < *n; i++) {
			struct strbuf p = STRBUF_INIT;
			if (!(*out)[i].rid || strcmp((*out)[i].rid, id) || (*out)[i].path)
				continue;
			if (target[0] == '/')
				sb_adds(&p, target + 1);
			else
				sb_addf(&p, "xl/%s", target);
			(*out)[i].path = sb_detach(&p);
		}
		free(id);
		free(target);
	}
	xmlFreeTextReader(r);
	free(buf);
	return rc < 0 ? x_damaged(c, "xl/_rels/workbook.xml.rels") : 0;
}

/* ---- sheets ---------------------------------------------------------------- */

struct xmerge { int r0, c0, r1, c1; };

static void x_number(const char *v, int date, int date1904, struct strbuf *out)
{
	char *end;
	double d = strtod(v, &end);
	char buf[64];

	if (end == v || *end) {
		sb_adds(out, v);
		return;
	}
	if (date == 1 && xlsx_serial_date(d + (date1904 ? 1462 : 0), buf, sizeof buf) == 0) {
		sb_adds(out, buf);
		return;
	}
	if (date == 2 && fabs(d) < 1e13) {
		/* 0.8005 shown as 80.05% */
		snprintf(buf, sizeof buf, "%.15g%%", d * 100);
		sb_adds(out, buf);
		return;
	}
	if (fabs(d) < 1e15 && d == floor(d)) {
		snprintf(buf, sizeof buf, "%.0f", d);
		sb_adds(out, strcmp(buf, "-0") ? buf : "0");
		return;
	}
	snprintf(buf, sizeof buf, "%.15g", d);
	sb_adds(out, buf);
}

static void x_add_cell(struct xlsx_row *row, size_t *cap, int col, char *text, char *formula)
{
	xgrow(&row->cells, cap, row->ncells + 1, sizeof *row->cells);
	row->cells[row->ncells].col = col;
	row->cells[row->ncells].text = text;
	row->cells[row->ncells].formula = formula;
	row->ncells++;
}

static int x_sheet(struct xctx *c, const char *path, struct xlsx_sheet *sh)
{
	struct strbuf val = STRBUF_INIT, inl = STRBUF_INIT, fml = STRBUF_INIT;
	struct xmerge *mg = NULL;
	size_t nmg = 0, capmg = 0, caprows = 0, capcells = 0;
	char *buf, *type = NULL;
	size_t len;
	xmlTextReaderPtr r;
	struct xlsx_row *row = NULL;
	int rc = x_part(c, path, &buf, &len), in_v = 0, in_is = 0, in_t = 0, in_rph = 0;
	int in_f = 0, has_f = 0;
	int col = -1, style = 0, lastrow = 0;

	if (rc == -ERR_NOTFOUND)
		return err_set(c->e, ERR_INPUT, "cannot read '%s': its sheet '%s' is missing ('%s'); "
			       "open the workbook in Excel or WPS and save it again", c->name, sh->name, path);
	if (rc)
		return rc;
	if (!(r = x_reader(c, buf, len, path))) {
		free(buf);
		return -ERR_INPUT;
	}
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int nt = xmlTextReaderNodeType(r);
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		int empty = xmlTextReaderIsEmptyElement(r);

		if (nt == XML_READER_TYPE_ELEMENT) {
			if (!strcmp(ln, "col")) {
				char *mn = x_attr(r, "min"), *mx = x_attr(r, "max"), *hid = x_attr(r, "hidden");
				long a = mn ? strtol(mn, NULL, 10) : 0, b = mx ? strtol(mx, NULL, 10) : 0;
				if (hid && (!strcmp(hid, "1") || !strcmp(hid, "true")) && a >= 1 &&
				    b >= a && b <= XLSX_COLS_MAX) {
					if ((size_t)b > sh->ncols_hidden) {
						sh->col_hidden = xrealloc(sh->col_hidden, (size_t)b);
						memset(sh->col_hidden + sh->ncols_hidden, 0,
						       (size_t)b - sh->ncols_hidden);
						sh->ncols_hidden = (size_t)b;
					}
					memset(sh->col_hidden + a - 1, 1, (size_t)(b - a + 1));
				}
				free(mn);
				free(mx);
				free(hid);
			} else if (!strcmp(ln, "row")) {
				char *rn = x_attr(r, "r");
				int n = rn ? atoi(rn) : lastrow + 1;
				free(rn);
				if (n <= lastrow || n > XLSX_ROWS_MAX)
					n = lastrow + 1;
				if (n > XLSX_ROWS_MAX) {
					rc = -3;
					break;
				}
				lastrow = n;
				xgrow(&sh->rows, &caprows, sh->nrows + 1, sizeof *sh->rows);
				row = &sh->rows[sh->nrows++];
				memset(row, 0, sizeof *row);
				row->row = n;
				capcells = 0;
				col = -1;
				if (empty)
					row = NULL;
			} else if (!strcmp(ln, "c") && row) {
				char *ref = x_attr(r, "r"), *s = x_attr(r, "s");
				int k = ref ? xlsx_ref_col(ref, NULL) : -1;
				col = k >= 0 ? k : col + 1;
				if (col >= XLSX_COLS_MAX)
					col = XLSX_COLS_MAX - 1;
				style = s ? atoi(s) : 0;
				free(ref);
				free(s);
				free(type);
				type = x_attr(r, "t");
				sb_reset(&val);
				sb_reset(&inl);
				sb_reset(&fml);
				has_f = 0;
				if (empty)
					continue;
			} else if (!strcmp(ln, "f") && row) {
				has_f = 1;
				in_f = !empty;
			} else if (!strcmp(ln, "v") && row) {
				in_v = !empty;
			} else if (!strcmp(ln, "is") && row) {
				in_is = !empty;
			} else if (!strcmp(ln, "rPh")) {
				in_rph = !empty;
			} else if (!strcmp(ln, "t") && in_is && !in_rph) {
				in_t = !empty;
			} else if (!strcmp(ln, "mergeCell")) {
				char *ref = x_attr(r, "ref");
				const char *colon = ref ? strchr(ref, ':') : NULL;
				if (colon && nmg < 100000) {
					struct xmerge m;
					m.c0 = xlsx_ref_col(ref, &m.r0);
					m.c1 = xlsx_ref_col(colon + 1, &m.r1);
					if (m.c0 >= 0 && m.c1 >= m.c0 && m.r0 >= 1 && m.r1 >= m.r0) {
						xgrow(&mg, &capmg, nmg + 1, sizeof *mg);
						mg[nmg++] = m;
					}
				}
				free(ref);
			}
			continue;
		}
		if (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			if (v && in_v)
				sb_adds(&val, v);
			else if (v && in_f)
				sb_adds(&fml, v);
			else if (v && in_t)
				sb_adds(&inl, v);
			continue;
		}
		if (nt != XML_READER_TYPE_END_ELEMENT)
			continue;
		if (!strcmp(ln, "v")) {
			in_v = 0;
		} else if (!strcmp(ln, "f")) {
			in_f = 0;
		} else if (!strcmp(ln, "t")) {
			in_t = 0;
		} else if (!strcmp(ln, "rPh")) {
			in_rph = 0;
		} else if (!strcmp(ln, "is")) {
			in_is = 0;
		} else if (!strcmp(ln, "row")) {
			/* cells in column order, as xlsx_cell_text expects */
			for (size_t a = 1; row && a < row->ncells; a++)
				for (size_t b2 = a; b2 > 0 && row->cells[b2 - 1].col > row->cells[b2].col; b2--) {
					struct xlsx_cell t = row->cells[b2];
					row->cells[b2] = row->cells[b2 - 1];
					row->cells[b2 - 1] = t;
				}
			row = NULL;
		} else if (!strcmp(ln, "c") && row) {
			struct strbuf out = STRBUF_INIT;
			const char *t = type ? type : "n";
			if (!strcmp(t, "s")) {
				char *end;
				long k = strtol(sb_str(&val), &end, 10);
				if (val.len && !*end && k >= 0 && (size_t)k < c->nsst)
					sb_adds(&out, c->sst[k]);
			} else if (!strcmp(t, "inlineStr")) {
				sb_adds(&out, sb_str(&inl));
			} else if (!strcmp(t, "b")) {
				sb_adds(&out, !strcmp(sb_str(&val), "1") ? "TRUE" : val.len ? "FALSE" : "");
			} else if (!strcmp(t, "str") || !strcmp(t, "e")) {
				sb_adds(&out, sb_str(&val));
			} else if (val.len) {
				x_number(sb_str(&val), style >= 0 && (size_t)style < c->nxf ?
					 c->xf_date[style] : 0, c->date1904, &out);
			}
			if (++c->cells > XLSX_CELLS_MAX) {
				sb_release(&out);
				rc = -3;
				break;
			}
			if (out.len || has_f)
				x_add_cell(row, &capcells, col, out.len ? sb_detach(&out) : xstrdup(""),
					   has_f ? xstrdup(sb_str(&fml)) : NULL);
			sb_release(&out);
		}
	}
	xmlFreeTextReader(r);
	free(buf);
	free(type);
	sb_release(&val);
	sb_release(&inl);
	sb_release(&fml);
	if (rc == -3) {
		free(mg);
		return err_set(c->e, ERR_INPUT, "cannot read '%s': its sheet '%s' holds more than %u cells "
			       "or %d rows", c->name, sh->name, XLSX_CELLS_MAX, XLSX_ROWS_MAX);
	}
	if (rc < 0) {
		free(mg);
		return x_damaged(c, path);
	}
	/* merged ranges: the first column's value down the rows below */
	for (size_t m = 0; m < nmg; m++) {
		const char *top = NULL;
		size_t i;
		for (i = 0; i < sh->nrows && !top; i++)
			if (sh->rows[i].row == mg[m].r0)
				top = xlsx_cell_text(&sh->rows[i], mg[m].c0);
		if (!top || !*top || mg[m].r1 == mg[m].r0)
			continue;
		for (i = 0; i < sh->nrows; i++) {
			struct xlsx_row *rw = &sh->rows[i];
			size_t cap = rw->ncells, j;
			if (rw->row <= mg[m].r0 || rw->row > mg[m].r1 || *xlsx_cell_text(rw, mg[m].c0))
				continue;
			if (++c->cells > XLSX_CELLS_MAX)
				break;
			x_add_cell(rw, &cap, mg[m].c0, xstrdup(top), NULL);
			/* keep column order */
			for (j = rw->ncells - 1; j > 0 && rw->cells[j - 1].col > rw->cells[j].col; j--) {
				struct xlsx_cell t = rw->cells[j];
				rw->cells[j] = rw->cells[j - 1];
				rw->cells[j - 1] = t;
			}
		}
	}
	free(mg);
	return 0;
}

/* ---- the whole ------------------------------------------------------------ */

int xlsx_read(const char *buf, size_t len, const char *name, struct xlsx_book *book,
	      struct err *e)
{
	struct xctx c;
	struct xsheet_ref *refs = NULL;
	size_t nrefs = 0, i;
	int rc;

	memset(book, 0, sizeof *book);
	memset(&c, 0, sizeof c);
	c.name = name;
	c.e = e;
	xmlSetStructuredErrorFunc(NULL, x_silent);
	if (!zipread_is_zip(buf, len))
		return err_set(e, ERR_INPUT, "cannot read '%s': it is not an Excel workbook (.xlsx); save "
			       "it from Excel or WPS as .xlsx, or as CSV", name);
	if ((rc = zipread_open(buf, len, name, &c.z, e)))
		return rc;
	if (!zipread_has(c.z, "xl/workbook.xml")) {
		rc = err_set(e, ERR_INPUT, "cannot read '%s': it is a ZIP archive but not an Excel "
			     "workbook; save it from Excel or WPS as .xlsx", name);
		goto out;
	}
	if ((rc = x_workbook(&c, &refs, &nrefs)) || (rc = x_styles(&c)) || (rc = x_shared(&c)))
		goto out;
	book->sheets = xcalloc(nrefs ? nrefs : 1, sizeof *book->sheets);
	for (i = 0; i < nrefs; i++) {
		struct xlsx_sheet *sh = &book->sheets[book->nsheets++];
		sh->name = xstrdup(refs[i].name);
		sh->hidden = refs[i].hidden;
		if (!refs[i].path) {
			rc = err_set(e, ERR_INPUT, "cannot read '%s': its sheet '%s' has no part; open the "
				     "workbook in Excel or WPS and save it again", name, refs[i].name);
			goto out;
		}
		if ((rc = x_sheet(&c, refs[i].path, sh)))
			goto out;
	}
out:
	for (i = 0; i < nrefs; i++) {
		free(refs[i].name);
		free(refs[i].rid);
		free(refs[i].path);
	}
	free(refs);
	for (i = 0; i < c.nsst; i++)
		free(c.sst[i]);
	free(c.sst);
	free(c.xf_date);
	zipread_close(c.z);
	if (rc)
		xlsx_book_release(book);
	return rc;
}

void xlsx_book_release(struct xlsx_book *b)
{
	size_t i, j, k;

	if (!b)
		return;
	for (i = 0; i < b->nsheets; i++) {
		struct xlsx_sheet *s = &b->sheets[i];
		for (j = 0; j < s->nrows; j++) {
			for (k = 0; k < s->rows[j].ncells; k++) {
				free(s->rows[j].cells[k].text);
				free(s->rows[j].cells[k].formula);
			}
			free(s->rows[j].cells);
		}
		free(s->rows);
		free(s->name);
		free(s->col_hidden);
	}
	free(b->sheets);
	memset(b, 0, sizeof *b);
}

const char *xlsx_cell_text(const struct xlsx_row *row, int col)
{
	size_t lo = 0, hi = row->ncells;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (row->cells[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < row->ncells && row->cells[lo].col == col ? row->cells[lo].text : "";
}

int xlsx_col_is_hidden(const struct xlsx_sheet *s, int col)
{
	return col >= 0 && (size_t)col < s->ncols_hidden && s->col_hidden[col];
}
