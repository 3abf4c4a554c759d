/* PDFs through poppler-glib: each page's text in reading order (what
 * pdftotext prints). Lines that run to the right margin go on in the next
 * line unless it starts with a number (1. 一、 （一）): the paragraphs come
 * out whole, as a Word file's do, and plan_parse's handling of page breaks,
 * running heads and page numbers applies to them as to text. Encrypted files
 * and files with no text layer (scans) are refused with what to do.
 *
 * poppler-glib is loaded (dlopen) the first time a PDF is read, not linked:
 * it brings some sixty libraries (cairo, fonts, glib) whose loading would
 * cost every duban command, the terminal interface's start included, 7 ms. */
#include <dlfcn.h>
#include <poppler.h>
#include <stdint.h>
#include <unistr.h>

#include "src/doc_readers.h"
#include "src/banned.h"

#define PDF_PAGES_MAX 5000
#define PDF_LIB "libpoppler-glib.so.8"

/* The functions of poppler-glib (and of the glib it brings) duban calls. */
static struct {
	int tried;
	void *lib;
	PopplerDocument *(*doc_new)(GBytes *, const char *, GError **);
	int (*n_pages)(PopplerDocument *);
	PopplerPage *(*get_page)(PopplerDocument *, int);
	char *(*get_text)(PopplerPage *);
	gboolean (*get_layout)(PopplerPage *, PopplerRectangle **, guint *);
	GQuark (*error_quark)(void);
	GBytes *(*bytes_new_static)(gconstpointer, gsize);
	void (*bytes_unref)(GBytes *);
	void (*object_unref)(gpointer);
	void (*free)(gpointer);
	void (*error_free)(GError *);
} pp;

static int pdf_load(void)
{
	if (pp.tried)
		return pp.lib != NULL;
	pp.tried = 1;
	pp.lib = dlopen(PDF_LIB, RTLD_NOW | RTLD_LOCAL);
	if (!pp.lib)
		pp.lib = dlopen("libpoppler-glib.so", RTLD_NOW | RTLD_LOCAL);
	if (!pp.lib)
		return 0;
#define SYM(field, name) *(void **)&pp.field = dlsym(pp.lib, name)
	SYM(doc_new, "poppler_document_new_from_bytes");
	SYM(n_pages, "poppler_document_get_n_pages");
	SYM(get_page, "poppler_document_get_page");
	SYM(get_text, "poppler_page_get_text");
	SYM(get_layout, "poppler_page_get_text_layout");
	SYM(error_quark, "poppler_error_quark");
	SYM(bytes_new_static, "g_bytes_new_static");
	SYM(bytes_unref, "g_bytes_unref");
	SYM(object_unref, "g_object_unref");
	SYM(free, "g_free");
	SYM(error_free, "g_error_free");
#undef SYM
	if (!pp.doc_new || !pp.n_pages || !pp.get_page || !pp.get_text || !pp.get_layout ||
	    !pp.error_quark || !pp.bytes_new_static || !pp.bytes_unref || !pp.object_unref ||
	    !pp.free || !pp.error_free) {
		dlclose(pp.lib);
		pp.lib = NULL;
	}
	return pp.lib != NULL;
}

struct pdf_line {
	size_t a, b;       /* bytes of the page's text */
	double x0;         /* left edge of its first character */
	double x1;         /* right edge of its last character */
	double w;          /* width of one character, about */
};

static int pdf_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int pdf_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t m = strlen(w);

	return i + m <= n && !memcmp(s + i, w, m);
}

/* Does S[0, n) start with a numbering mark (1. 一、 （一） ①)? */
static int pdf_starts_mark(const char *s, size_t n)
{
	static const char numerals[] = "一二三四五六七八九十";
	ucs4_t c;
	size_t i = 0;
	int k = u8_mbtouc(&c, (const uint8_t *)s, n);

	if (k <= 0)
		return 0;
	if (c >= 0x2460 && c <= 0x2473)
		return 1;
	if (c == '(' || c == 0xFF08) {
		/* （一） (12): a numeral or digits, then the closing parenthesis */
		size_t j = (size_t)k, start = j;
		while (j < n && j - start < 12) {
			size_t m;
			int numeral = 0;
			if (pdf_at(s, n, j, ")") || pdf_at(s, n, j, "）"))
				return j > start;
			if ((unsigned char)s[j] >= '0' && (unsigned char)s[j] <= '9') {
				j++;
				continue;
			}
			for (m = 0; m + 3 <= sizeof numerals - 1 && !numeral; m += 3)
				numeral = j + 3 <= n && !memcmp(s + j, numerals + m, 3);
			if (!numeral)
				return 0;
			j += 3;
		}
		return 0;
	}
	while (i < n && (unsigned char)s[i] >= '0' && (unsigned char)s[i] <= '9')
		i++;
	if (i)
		return pdf_at(s, n, i, ".") || pdf_at(s, n, i, "．") || pdf_at(s, n, i, "、");
	/* 一、 … 九十九、 */
	while (i < 12 && i + 3 <= n) {
		size_t j;
		int numeral = 0;
		if (pdf_at(s, n, i, "、"))
			return i > 0;
		for (j = 0; j + 3 <= sizeof numerals - 1 && !numeral; j += 3)
			numeral = !memcmp(s + i, numerals + j, 3);
		if (!numeral)
			return 0;
		i += 3;
	}
	return 0;
}

/* Add page PAGE's TEXT to DOC, lines joined into paragraphs by RECTS (one
 * per character of TEXT). */
static void pdf_page(struct doc *doc, const char *t, const PopplerRectangle *rects, guint nrects,
		     int page)
{
	struct pdf_line *lines = NULL;
	size_t nlines = 0, cap = 0, i = 0, ch = 0, n = strlen(t);
	double margin = 0, left = 1e9, *edges;
	struct strbuf para = STRBUF_INIT;

	while (i <= n) {
		size_t a = i;
		double x0 = -1, x1 = 0, w = 0;
		int chars = 0;
		while (i < n && t[i] != '\n') {
			ucs4_t c;
			int k = u8_mbtouc(&c, (const uint8_t *)t + i, n - i);
			if (ch < nrects && c != ' ') {
				if (x0 < 0)
					x0 = rects[ch].x1;
				x1 = rects[ch].x2;
				w += rects[ch].x2 - rects[ch].x1;
				chars++;
			}
			i += k > 0 ? (size_t)k : 1;
			ch++;
		}
		xgrow(&lines, &cap, nlines + 1, sizeof *lines);
		lines[nlines].a = a;
		lines[nlines].b = i;
		lines[nlines].x0 = x0;
		lines[nlines].x1 = x1;
		lines[nlines].w = chars ? w / chars : 0;
		if (chars && x0 < left)
			left = x0;
		nlines++;
		i++;
		ch++;   /* the newline has its rectangle too */
	}
	/* the right margin: the median right edge of the page's long lines
	 * (punctuation may hang past it, short lines end before it) */
	edges = xcalloc(nlines + 1, sizeof *edges);
	for (i = 0, ch = 0; i < nlines; i++)
		if (lines[i].w > 0 && lines[i].x1 - lines[i].x0 > 20 * lines[i].w)
			edges[ch++] = lines[i].x1;
	if (ch) {
		qsort(edges, ch, sizeof *edges, pdf_cmp);
		margin = edges[ch / 2];
	}
	free(edges);
	for (i = 0; i < nlines; i++) {
		const struct pdf_line *l = &lines[i], *next = i + 1 < nlines ? &lines[i + 1] : NULL;
		/* a line that runs to the margin goes on in the next, unless that
		 * one is indented (a new paragraph) or starts with a number */
		int full = nrects && margin > 0 && l->w > 0 && l->x1 >= margin - l->w;
		size_t b = l->b;
		sb_add(&para, t + l->a, l->b - l->a);
		/* a list's closing parenthesis ends a paragraph */
		while (b > l->a && (t[b - 1] == ' ' || t[b - 1] == '\r'))
			b--;
		if ((b > l->a && t[b - 1] == ')') || (b >= l->a + 3 && !memcmp(t + b - 3, "\xEF\xBC\x89", 3)))
			full = 0;
		if (full && next && next->b > next->a && next->x0 <= left + next->w &&
		    !pdf_starts_mark(t + next->a, next->b - next->a))
			continue;
		doc_add_para(doc, para.buf ? para.buf : "", para.len, 0, page);
		sb_reset(&para);
	}
	sb_release(&para);
	free(lines);
}

/* Characters on a page other than white space. */
static size_t pdf_visible(const char *t)
{
	size_t n = 0;

	for (; *t; t++)
		if (*t != ' ' && *t != '\n' && *t != '\r' && *t != '\t' && *t != '\f' &&
		    ((unsigned char)*t & 0xC0) != 0x80)
			n++;
	return n;
}

int doc_pdf_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e)
{
	GBytes *bytes;
	GError *ge = NULL;
	PopplerDocument *pd;
	struct strbuf empty = STRBUF_INIT;
	size_t visible = 0;
	int n, i, nempty = 0, rc = 0;

	if (!pdf_load())
		return err_set(e, ERR_INPUT, "cannot import '%s': reading PDFs needs poppler-glib (%s), "
			       "which is not installed; install it (apt-get install libpoppler-glib8) or "
			       "import the plan's text", name, PDF_LIB);
	bytes = pp.bytes_new_static(buf, len);
	pd = pp.doc_new(bytes, NULL, &ge);
	if (!pd) {
		if (ge && ge->domain == pp.error_quark() && ge->code == POPPLER_ERROR_ENCRYPTED)
			rc = err_set(e, ERR_INPUT, "cannot import '%s': the PDF is encrypted (it needs a "
				     "password to open); ask for an unprotected copy, or open it and print it "
				     "to a new PDF", name);
		else
			rc = err_set(e, ERR_INPUT, "cannot import '%s': the PDF is damaged (%s); ask for "
				     "another copy, or open it and save it again", name,
				     ge && ge->message ? ge->message : "unreadable");
		if (ge)
			pp.error_free(ge);
		pp.bytes_unref(bytes);
		return rc;
	}
	n = pp.n_pages(pd);
	if (n > PDF_PAGES_MAX) {
		rc = err_set(e, ERR_INPUT, "cannot import '%s': the PDF has %d pages, more than a plan "
			     "has (at most %d)", name, n, PDF_PAGES_MAX);
		goto out;
	}
	for (i = 0; i < n; i++) {
		PopplerPage *pg = pp.get_page(pd, i);
		char *t = pg ? pp.get_text(pg) : NULL;
		size_t v = t ? pdf_visible(t) : 0;
		PopplerRectangle *rects = NULL;
		guint nrects = 0;

		visible += v;
		if (!v) {
			nempty++;
			if (empty.len < 200)
				sb_addf(&empty, "%s%d", empty.len ? ", " : "", i + 1);
		}
		if (t && v && !pp.get_layout(pg, &rects, &nrects))
			nrects = 0;
		if (t && v)
			pdf_page(doc, t, rects, nrects, i + 1);
		pp.free(rects);
		pp.free(t);
		if (pg)
			pp.object_unref(pg);
	}
	if (!visible)
		rc = err_set(e, ERR_INPUT, "cannot import '%s': the PDF has no text layer (%d page%s of "
			     "pictures: a scan); run OCR on it first (e.g. ocrmypdf -l chi_sim '%s' out.pdf) "
			     "and import the result, or import the plan's text", name, n,
			     n == 1 ? "" : "s", name);
	else if (nempty)
		doc_note(doc, "page%s %s of the PDF hold%s no text (scanned?); what they show is not imported",
			 nempty > 1 ? "s" : "", sb_str(&empty), nempty > 1 ? "" : "s");
out:
	sb_release(&empty);
	pp.object_unref(pd);
	pp.bytes_unref(bytes);
	return rc;
}
