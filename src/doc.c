/* Documents of every format: finding the format from the bytes, calling its
 * reader, taking the metadata (标题, 发文字号, 成文日期) from label cells or
 * label paragraphs, and flattening the document into lines for plan_parse. */
#include <stdint.h>
#include <unistr.h>

#include "src/doc.h"
#include "src/doc_readers.h"
#include "src/zipread.h"
#include "src/banned.h"

const char *doc_format_name(enum doc_format fmt)
{
	switch (fmt) {
	case DOC_HTML: return "web page";
	case DOC_DOCX: return "Word file";
	case DOC_PDF: return "PDF";
	case DOC_XLSX: return "Excel workbook";
	case DOC_CSV: return "CSV table";
	default: return "text";
	}
}

/* ---- sniffing --------------------------------------------------------- */

static int doc_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive search for ASCII NEEDLE in the first N bytes of S. */
static int doc_has_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle), i, j;

	for (i = 0; i + m <= n; i++) {
		for (j = 0; j < m && doc_lower((unsigned char)s[i + j]) == needle[j]; j++)
			;
		if (j == m)
			return 1;
	}
	return 0;
}

static int doc_looks_html(const char *buf, size_t len)
{
	static const char *const tags[] = { "<html", "<!doctype html", "<body", "<head", "<meta",
					    "<div", "<p>", "<p ", "<table", "<span", "<br", "<title",
					    "<h1", "<h2", "<ul", "<font", "<center" };
	size_t i = 0, n = len < 4096 ? len : 4096, k;

	if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i >= n || buf[i] != '<')
		return 0;
	for (k = 0; k < sizeof tags / sizeof tags[0]; k++)
		if (doc_has_ci(buf + i, n - i, tags[k]))
			return 1;
	return 0;
}

/* A CSV table: its first line is short fields between ASCII commas (a
 * header or a title row), with no Chinese full stop, and most of the first
 * lines hold commas. Text that uses ASCII punctuation has long stretches
 * between its commas. */
static int doc_looks_csv(const char *buf, size_t len)
{
	size_t i = 0, lines = 0, with = 0, n = len < 16384 ? len : 16384;

	if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && lines < 10) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - buf) : n, j, commas = 0, field = 0, longest = 0;
		int blank = 1, quoted = 0;
		for (j = i; j < end; j++) {
			if (buf[j] == '"')
				quoted = !quoted;
			if (buf[j] == ',' && !quoted) {
				commas++;
				field = 0;
			} else if (++field > longest) {
				longest = field;
			}
			if (buf[j] != ' ' && buf[j] != '\r' && buf[j] != '\t' && buf[j] != ',')
				blank = 0;
		}
		if (!blank || commas) {
			if (lines == 0 && (!commas || longest > 120 ||
					   doc_has_ci(buf + i, end - i, "\xE3\x80\x82")))
				return 0;
			lines++;
			with += commas >= 1;
		}
		i = end + 1;
	}
	return lines && with * 10 >= lines * 6;
}

int doc_sniff(const char *buf, size_t len, const char *name, enum doc_format *fmt, struct err *e)
{
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
	size_t n = len < 1024 ? len : 1024;

	*fmt = DOC_TEXT;
	if (!len)
		return 0;
	if (len >= 8 && !memcmp(buf, ole, 8))
		return err_set(e, ERR_INPUT,
			       "cannot import '%s': it is an old Word, Excel or WPS file (.doc, .xls, .wps, .et), "
			       "which duban does not read; open it in Word or WPS and save it as .docx (or .xlsx), "
			       "or convert it with LibreOffice: soffice --headless --convert-to docx '%s'",
			       name, name);
	if (len >= 5 && !memcmp(buf, "{\\rtf", 5))
		return err_set(e, ERR_INPUT,
			       "cannot import '%s': it is an RTF file; open it in Word or WPS and save it as .docx, "
			       "or convert it with LibreOffice: soffice --headless --convert-to docx '%s'",
			       name, name);
	if (doc_has_ci(buf, n, "%pdf-")) {
		*fmt = DOC_PDF;
		return 0;
	}
	if (zipread_is_zip(buf, len)) {
		struct zipread *z;
		int rc = zipread_open(buf, len, name, &z, e);
		if (rc)
			return rc;
		if (zipread_has(z, "word/document.xml"))
			*fmt = DOC_DOCX;
		else if (zipread_has(z, "xl/workbook.xml"))
			*fmt = DOC_XLSX;
		else if (zipread_has(z, "content.xml") && zipread_has(z, "mimetype"))
			rc = err_set(e, ERR_INPUT,
				     "cannot import '%s': it is an OpenDocument file (.odt, .ods); save it as .docx "
				     "(or .xlsx) from LibreOffice or WPS and import that", name);
		else
			rc = err_set(e, ERR_INPUT,
				     "cannot import '%s': it is a ZIP archive but not a Word (.docx) or Excel (.xlsx) "
				     "file; unpack it and import the plan document inside", name);
		zipread_close(z);
		return rc;
	}
	if (doc_has_ci(buf, n, "mime-version:") && doc_has_ci(buf, len < 8192 ? len : 8192,
								 "multipart/related"))
		return err_set(e, ERR_INPUT,
			       "cannot import '%s': it is a web archive (.mht, .mhtml); save the page again as "
			       "\"Webpage, HTML only\" (or \"complete\") and import the .html file", name);
	if (doc_looks_html(buf, len))
		*fmt = DOC_HTML;
	else if (doc_looks_csv(buf, len))
		*fmt = DOC_CSV;
	return 0;
}

/* ---- dates ------------------------------------------------------------- */

static int doc_zh_digit(ucs4_t c)
{
	switch (c) {
	case 0x3007: case 0x25CB: case 0x96F6: case 0x039F: case 0x004F: case 0xFF2F:
		return 0;   /* 〇 ○ 零, and the O that OCR reads for them */
	case 0x4E00: return 1;
	case 0x4E8C: return 2;
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	case 0x5341: return 10;   /* 十 */
	default: return -1;
	}
}

/* A number at S written in digits (ASCII or full-width) or Chinese numerals
 * ("二〇一八", "十二", "二十九"); its end in *END, -1 when none. */
static int doc_number(const uint8_t *s, size_t n, size_t *end)
{
	size_t i = 0;
	int v = 0, nd = 0, zh = 0, tens = -1;

	while (i < n && nd < 5) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, n - i), d;
		if (k <= 0)
			break;
		if (c >= '0' && c <= '9')
			d = (int)(c - '0');
		else if (c >= 0xFF10 && c <= 0xFF19)
			d = (int)(c - 0xFF10);
		else if ((d = doc_zh_digit(c)) >= 0)
			zh = 1;
		else
			break;
		if (zh && d == 10) {
			tens = v ? v : 1;  /* 十 multiplies what came before */
			v = 0;
		} else {
			v = v * 10 + d;
		}
		nd++;
		i += (size_t)k;
	}
	if (!nd)
		return -1;
	if (tens >= 0)
		v = tens * 10 + v;
	*end = i;
	return v;
}

char *doc_date_iso(const char *str)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t n = strlen(str), i;

	for (i = 0; i < n; i++) {
		size_t e1, e2, e3, p;
		int y, m, d;
		ucs4_t c;
		int k;
		struct strbuf sb = STRBUF_INIT;

		if ((s[i] & 0xC0) == 0x80 || (i && s[i - 1] >= '0' && s[i - 1] <= '9'))
			continue;
		y = doc_number(s + i, n - i, &e1);
		if (y < 1949 || y > 2100)
			continue;
		p = i + e1;
		k = u8_mbtouc(&c, s + p, n - p);
		if (k <= 0 || !(c == 0x5E74 || c == '-' || c == '/' || c == '.' || c == 0xFF0D))
			continue;
		p += (size_t)k;
		m = doc_number(s + p, n - p, &e2);
		if (m < 1 || m > 12)
			continue;
		p += e2;
		k = u8_mbtouc(&c, s + p, n - p);
		if (k <= 0 || !(c == 0x6708 || c == '-' || c == '/' || c == '.' || c == 0xFF0D))
			continue;
		p += (size_t)k;
		d = doc_number(s + p, n - p, &e3);
		if (d < 1 || d > 31)
			continue;
		sb_addf(&sb, "%04d-%02d-%02d", y, m, d);
		return sb_detach(&sb);
	}
	return NULL;
}

/* ---- metadata ------------------------------------------------------------ */

enum meta_field { META_NONE, META_TITLE, META_DOCNO, META_DATE, META_PUBDATE, META_OTHER };

/* The field a label cell or paragraph start names ("标　　题：" -> META_TITLE),
 * META_NONE when S is no label. S[0, n) with white space anywhere and a final
 * colon. */
static enum meta_field doc_label(const char *s, size_t n)
{
	static const struct { const char *label; enum meta_field f; } labels[] = {
		{ "标题", META_TITLE }, { "標題", META_TITLE }, { "名称", META_TITLE },
		{ "名稱", META_TITLE }, { "文件名称", META_TITLE }, { "文件标题", META_TITLE },
		{ "发文字号", META_DOCNO }, { "發文字號", META_DOCNO }, { "文号", META_DOCNO },
		{ "文號", META_DOCNO }, { "发文号", META_DOCNO },
		{ "成文日期", META_DATE }, { "发文日期", META_DATE }, { "印发日期", META_DATE },
		{ "發文日期", META_DATE },
		{ "发布日期", META_PUBDATE }, { "發布日期", META_PUBDATE }, { "发布时间", META_PUBDATE },
		{ "索引号", META_OTHER }, { "索引號", META_OTHER }, { "主题分类", META_OTHER },
		{ "主題分類", META_OTHER }, { "发文机关", META_OTHER }, { "發文機關", META_OTHER },
		{ "发布机构", META_OTHER }, { "主题词", META_OTHER }, { "主題詞", META_OTHER },
		{ "有效性", META_OTHER }, { "信息分类", META_OTHER }, { "组配分类", META_OTHER },
		{ "分类", META_OTHER }, { "公开方式", META_OTHER }, { "政策咨询机关", META_OTHER },
		{ "政策咨询电话", META_OTHER }, { "来源", META_OTHER }, { "信息来源", META_OTHER },
		{ "统一编号", META_OTHER }, { "体裁分类", META_OTHER }, { "实施日期", META_OTHER },
	};
	char key[64];
	size_t i = 0, o = 0, j;

	while (i < n && o < sizeof key - 1) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (k <= 0)
			return META_NONE;
		if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000 ||
		      c == ':' || c == 0xFF1A || c == '|' || c == 0x2002 || c == 0x2003)) {
			if (o + (size_t)k >= sizeof key)
				return META_NONE;
			memcpy(key + o, s + i, (size_t)k);
			o += (size_t)k;
		} else if ((c == ':' || c == 0xFF1A) && i + (size_t)k < n) {
			/* a colon ends a label; something after it is no label cell */
			size_t r = i + (size_t)k;
			if (!doc_blank(s + r, n - r))
				return META_NONE;
		}
		i += (size_t)k;
	}
	if (i < n)
		return META_NONE;
	key[o] = '\0';
	for (j = 0; j < sizeof labels / sizeof labels[0]; j++)
		if (!strcmp(key, labels[j].label))
			return labels[j].f;
	return META_NONE;
}

static void doc_trimmed(const char *s, size_t *a, size_t *b)
{
	while (*a < *b) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + *a, *b - *a);
		if (k <= 0 || !doc_blank(s + *a, (size_t)k))
			break;
		*a += (size_t)k;
	}
	while (*b > *a) {
		size_t st = *b;
		do
			st--;
		while (st > *a && ((unsigned char)s[st] & 0xC0) == 0x80);
		if (!doc_blank(s + st, *b - st))
			break;
		*b = st;
	}
}

static void doc_meta_set(struct doc *d, enum meta_field f, const char *v, size_t n, char **pubdate)
{
	size_t a = 0, b = n;
	char *val;

	doc_trimmed(v, &a, &b);
	if (a == b)
		return;
	val = xstrndup(v + a, b - a);
	if (f == META_TITLE && !d->title) {
		d->title = val;
		return;
	}
	if (f == META_DOCNO && !d->docno && strcmp(val, "无") && strcmp(val, "無")) {
		d->docno = val;
		return;
	}
	if (f == META_DATE && !d->date) {
		d->date = doc_date_iso(val);
	} else if (f == META_PUBDATE && !*pubdate) {
		*pubdate = doc_date_iso(val);
	}
	free(val);
}

/* Label cells followed by their value, and paragraphs "标题：…" near the top. */
static void doc_meta(struct doc *d)
{
	char *pubdate = NULL;
	size_t i, j, paras = 0;

	for (i = 0; i < d->nblocks; i++) {
		struct doc_block *b = &d->blocks[i];
		if (b->kind == DOC_ROW) {
			int pairs = 0;
			for (j = 0; j + 1 < b->ncells; j++) {
				enum meta_field f = doc_label(b->cells[j], strlen(b->cells[j]));
				if (f == META_NONE)
					continue;
				doc_meta_set(d, f, b->cells[j + 1], strlen(b->cells[j + 1]), &pubdate);
				pairs++;
				j++;
			}
			if (pairs)
				b->meta = 1;
			continue;
		}
		if (paras++ > 60)
			continue;
		{
			/* "发文字号：国办发〔2018〕128号" */
			const char *s = b->text;
			size_t n = strlen(s), k = 0;
			while (k < n && k < 40 && s[k] != ':' &&
			       (n - k < 3 || memcmp(s + k, "\xEF\xBC\x9A", 3)))
				k++;
			if (k < n && k < 40 && n < 400) {
				size_t after = k + (s[k] == ':' ? 1 : 3);
				enum meta_field f = doc_label(s, k);
				if (f != META_NONE) {
					doc_meta_set(d, f, s + after, n - after, &pubdate);
					b->meta = 1;
				}
			}
		}
	}
	if (!d->date && pubdate)
		d->date = pubdate;
	else
		free(pubdate);
}

/* ---- reading and flattening --------------------------------------------- */

int doc_read(const char *buf, size_t len, const char *name, enum doc_format fmt, struct doc *d,
	     struct err *e)
{
	int rc;

	memset(d, 0, sizeof *d);
	d->format = fmt;
	if (len > DOC_MAX_BYTES)
		return err_set(e, ERR_INPUT, "cannot import '%s': it is %zu bytes, over the %u-byte limit "
			       "for a document", name, len, DOC_MAX_BYTES);
	switch (fmt) {
	case DOC_HTML: rc = doc_html_read(buf, len, name, d, e); break;
	case DOC_DOCX: rc = doc_docx_read(buf, len, name, d, e); break;
	case DOC_PDF: rc = doc_pdf_read(buf, len, name, d, e); break;
	case DOC_XLSX: rc = doc_xlsx_read(buf, len, name, d, e); break;
	case DOC_CSV: rc = doc_csv_read(buf, len, name, d, e); break;
	default:
		rc = err_set(e, ERR_INTERNAL, "internal error: no reader for plain text");
	}
	if (rc) {
		doc_release(d);
		return rc;
	}
	d->format = fmt;
	doc_meta(d);
	return 0;
}

void doc_to_text(const struct doc *d, struct strbuf *out)
{
	size_t i, j;

	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		int any = 0;
		if (b->meta)
			continue;
		if (b->kind == DOC_PARA) {
			sb_adds(out, b->text);
			sb_addc(out, '\n');
			continue;
		}
		for (j = 0; j < b->ncells; j++) {
			const char *c = b->cells[j];
			size_t k = 0;
			if (!c[0] || (j && !strcmp(c, b->cells[j - 1])))
				continue;
			if (any)
				sb_addc(out, ' ');
			sb_adds(out, c);
			/* a row numbered in its first cell ("12 | 推进…") reads as "12." */
			while (c[k] >= '0' && c[k] <= '9')
				k++;
			if (!any && k && k <= 4 && !c[k] && j + 1 < b->ncells)
				sb_addc(out, '.');
			any = 1;
		}
		if (any)
			sb_addc(out, '\n');
	}
}
