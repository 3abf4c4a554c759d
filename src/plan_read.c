/* Plans from every format: the one entry the importer calls. */
#include "src/plan_read.h"
#include "src/plan_table.h"
#include "src/banned.h"

int plan_read(const char *buf, size_t len, const char *name, enum plan_encoding enc,
	      struct plan_doc *p, enum doc_format *fmtp, struct err *e)
{
	enum doc_format fmt = DOC_TEXT;
	struct doc d;
	struct strbuf text = STRBUF_INIT;
	size_t i;
	int rc;

	memset(p, 0, sizeof *p);
	rc = doc_sniff(buf, len, name, &fmt, e);
	if (fmtp)
		*fmtp = fmt;
	if (rc)
		return rc;
	if (fmt == DOC_TEXT)
		return plan_parse(buf, len, name, enc, p, e);
	if ((rc = doc_read(buf, len, name, fmt, &d, e)))
		return rc;
	rc = plan_table_read(&d, name, p, e);
	if (rc < 0)
		goto out;
	if (rc == 0) {
		if (fmt == DOC_XLSX || fmt == DOC_CSV) {
			rc = plan_table_refuse(&d, name, e);
			goto out;
		}
		doc_to_text(&d, &text);
		if (text.len > PLAN_MAX_BYTES) {
			rc = err_set(e, ERR_INPUT, "cannot import '%s': its text is %zu bytes, over the %u-byte "
				     "limit for a plan", name, text.len, PLAN_MAX_BYTES);
			goto out;
		}
		rc = plan_parse(text.buf ? text.buf : "", text.len, name, ENC_UTF8, p, e);
		if (rc)
			goto out;
		/* what the document says of itself wins over what the text shows */
		if (d.title && *d.title) {
			free(p->title);
			p->title = plan_clean(d.title, strlen(d.title), NULL);
			plan_doc_unwarn(p, "no plan title found");
		} else if (!*p->title && d.head_title && *d.head_title) {
			/* no title in the text or the metadata: the page's own */
			free(p->title);
			p->title = plan_clean(d.head_title, strlen(d.head_title), NULL);
			plan_doc_unwarn(p, "no plan title found");
			plan_doc_warn(p, 0, "the title is the web page's: '%s'", p->title);
		}
		if (d.docno) {
			free(p->docno);
			p->docno = plan_clean(d.docno, strlen(d.docno), NULL);
		}
		if (d.date) {
			free(p->date);
			p->date = xstrdup(d.date);
		}
		plan_doc_finish(p);
	}
	for (i = 0; i < d.nnotes; i++)
		plan_doc_warn(p, 0, "%s", d.notes[i]);
	rc = 0;
out:
	sb_release(&text);
	doc_release(&d);
	if (rc)
		plan_doc_release(p);
	return rc;
}
