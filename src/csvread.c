/* CSV input: encoding detection (BOM, UTF-8, GB18030 through iconv) and an
 * RFC 4180 splitter that keeps line numbers for error messages. */
#include <errno.h>
#include <iconv.h>

#include "src/csvread.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

static int gb18030_to_utf8(const char *buf, size_t len, char **out, size_t *bad_at)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = len * 2 + 16, inleft = len, outleft = cap;
	char *in = (char *)buf, *res, *o;
	if (cd == (iconv_t)-1)
		return -1;
	res = o = xmalloc(cap + 1);
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(o - res);
				cap *= 2;
				res = xrealloc(res, cap + 1);
				o = res + used;
				outleft = cap - used;
				continue;
			}
			*bad_at = (size_t)(in - buf);
			free(res);
			iconv_close(cd);
			return -1;
		}
	}
	*o = '\0';
	iconv_close(cd);
	*out = res;
	return 0;
}

/* The line (from 1) holding byte OFF of BUF. */
static size_t line_of(const char *buf, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

int csv_decode(const char *buf, size_t len, const char *name, char **out, const char **enc,
	       struct err *e)
{
	size_t bad = 0;
	*out = NULL;
	if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
			 ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)))
		return err_set(e, ERR_INPUT, "cannot read '%s': it is UTF-16 (Excel's \"Unicode text\"); "
			       "in Excel or WPS save it as \"CSV UTF-8 (comma delimited)\" and import that", name);
	if (memchr(buf, '\0', len))
		return err_set(e, ERR_INPUT, "cannot read '%s' line %zu: it holds NUL bytes, so it is not "
			       "a CSV text file; save the checklist as \"CSV UTF-8 (comma delimited)\"", name,
			       line_of(buf, (size_t)((const char *)memchr(buf, '\0', len) - buf)));
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		if (!text_valid_utf8(buf + 3, len - 3))
			return err_set(e, ERR_INPUT, "cannot read '%s': it starts with a UTF-8 mark but is not "
				       "UTF-8; save it again as \"CSV UTF-8 (comma delimited)\"", name);
		*out = xstrndup(buf + 3, len - 3);
		*enc = "UTF-8 with BOM";
		return 0;
	}
	if (text_valid_utf8(buf, len)) {
		*out = xstrndup(buf, len);
		*enc = "UTF-8";
		return 0;
	}
	if (gb18030_to_utf8(buf, len, out, &bad) == 0) {
		*enc = "GB18030";
		return 0;
	}
	return err_set(e, ERR_INPUT, "cannot read '%s' line %zu: the text is neither UTF-8 nor GB18030; "
		       "in Excel or WPS save it as \"CSV UTF-8 (comma delimited)\"", name, line_of(buf, bad));
}

static void add_field(struct csv_row *r, size_t *cap, struct strbuf *f)
{
	xgrow(&r->fields, cap, r->nfields + 1, sizeof *r->fields);
	r->fields[r->nfields++] = sb_detach(f);
	if (!r->fields[r->nfields - 1])
		r->fields[r->nfields - 1] = xstrdup("");
}

int csv_parse(const char *buf, size_t len, const char *name, struct csv_doc *out, struct err *e)
{
	struct strbuf f = STRBUF_INIT;
	struct csv_row row;
	size_t rcap = 0, fcap = 0, line = 1, i = 0, n, qline = 0;
	char *text;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = csv_decode(buf, len, name, &text, &out->encoding, e)))
		return rc;
	n = strlen(text);
	memset(&row, 0, sizeof row);
	row.line = 1;
	while (i < n) {
		char c = text[i];
		if (c == '"' && f.len == 0) {
			/* a quoted field */
			qline = line;
			i++;
			for (;;) {
				if (i >= n) {
					sb_release(&f);
					for (size_t k = 0; k < row.nfields; k++)
						free(row.fields[k]);
					free(row.fields);
					csv_doc_release(out);
					free(text);
					return err_set(e, ERR_INPUT, "cannot read '%s' line %zu: a quoted field is "
						       "never closed; check the quotes (\") on that line", name, qline);
				}
				c = text[i];
				if (c == '"') {
					if (i + 1 < n && text[i + 1] == '"') {
						sb_addc(&f, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (c == '\r') {
					sb_addc(&f, '\n');
					line++;
					i += (i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
					continue;
				}
				if (c == '\n')
					line++;
				sb_addc(&f, c);
				i++;
			}
			/* anything up to the separator after the closing quote is kept */
			while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
				sb_addc(&f, text[i++]);
			if (!f.buf)
				sb_adds(&f, "");
			continue;
		}
		if (c == ',') {
			add_field(&row, &fcap, &f);
			i++;
			continue;
		}
		if (c == '\n' || c == '\r') {
			add_field(&row, &fcap, &f);
			xgrow(&out->rows, &rcap, out->nrows + 1, sizeof *out->rows);
			out->rows[out->nrows++] = row;
			memset(&row, 0, sizeof row);
			fcap = 0;
			i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
			line++;
			row.line = line;
			continue;
		}
		sb_addc(&f, c);
		i++;
	}
	if (f.len || row.nfields || (f.buf && !f.len)) {
		add_field(&row, &fcap, &f);
		xgrow(&out->rows, &rcap, out->nrows + 1, sizeof *out->rows);
		out->rows[out->nrows++] = row;
	} else {
		free(row.fields);
	}
	sb_release(&f);
	free(text);
	return 0;
}

void csv_doc_release(struct csv_doc *d)
{
	for (size_t i = 0; i < d->nrows; i++) {
		for (size_t k = 0; k < d->rows[i].nfields; k++)
			free(d->rows[i].fields[k]);
		free(d->rows[i].fields);
	}
	free(d->rows);
	memset(d, 0, sizeof *d);
}

const char *csv_field(const struct csv_row *row, size_t i)
{
	return i < row->nfields ? row->fields[i] : "";
}

void row_problem_add(struct row_problem **v, size_t *n, size_t *cap, size_t line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[*n].line = line;
	(*v)[(*n)++].msg = sb_detach(&sb);
}

void row_problems_free(struct row_problem *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].msg);
	free(v);
}
