/* PDFs through poppler-glib: each page's text in reading order (what
 * pdftotext prints), one paragraph per line, so that plan_parse's handling of
 * page breaks, running heads and page numbers applies as it does to text.
 * Encrypted files and files with no text layer (scans) are refused with what
 * to do. */
#include <poppler.h>
#include <stdint.h>

#include "src/doc_readers.h"

#define PDF_PAGES_MAX 5000

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
	GBytes *bytes = g_bytes_new_static(buf, len);
	GError *ge = NULL;
	PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &ge);
	struct strbuf empty = STRBUF_INIT;
	size_t visible = 0;
	int n, i, nempty = 0, rc = 0;

	if (!pd) {
		if (ge && g_error_matches(ge, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
			rc = err_set(e, ERR_INPUT, "cannot import '%s': the PDF is encrypted (it needs a "
				     "password to open); ask for an unprotected copy, or open it and print it "
				     "to a new PDF", name);
		else
			rc = err_set(e, ERR_INPUT, "cannot import '%s': the PDF is damaged (%s); ask for "
				     "another copy, or open it and save it again", name,
				     ge && ge->message ? ge->message : "unreadable");
		if (ge)
			g_error_free(ge);
		g_bytes_unref(bytes);
		return rc;
	}
	n = poppler_document_get_n_pages(pd);
	if (n > PDF_PAGES_MAX) {
		rc = err_set(e, ERR_INPUT, "cannot import '%s': the PDF has %d pages, more than a plan "
			     "has (at most %d)", name, n, PDF_PAGES_MAX);
		goto out;
	}
	for (i = 0; i < n; i++) {
		PopplerPage *pg = poppler_document_get_page(pd, i);
		char *t = pg ? poppler_page_get_text(pg) : NULL;
		size_t v = t ? pdf_visible(t) : 0;
		const char *p = t;

		visible += v;
		if (!v) {
			nempty++;
			if (empty.len < 200)
				sb_addf(&empty, "%s%d", empty.len ? ", " : "", i + 1);
		}
		while (p && *p) {
			const char *nl = strchr(p, '\n');
			size_t k = nl ? (size_t)(nl - p) : strlen(p);
			doc_add_para(doc, p, k, 0, i + 1);
			p += k + (nl ? 1 : 0);
		}
		g_free(t);
		if (pg)
			g_object_unref(pg);
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
	g_object_unref(pd);
	g_bytes_unref(bytes);
	return rc;
}
