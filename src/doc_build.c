/* Building a document (src/doc.h): the paragraphs, table rows and notes the
 * readers add. The readers call these and nothing else of doc.c's, so the
 * dispatch in doc.c stands above them. */
#include <stdarg.h>
#include <stdint.h>
#include <unistr.h>

#include "src/doc.h"
#include "src/util.h"
#include "src/banned.h"

static struct doc_block *doc_push(struct doc *d)
{
	struct doc_block *b;

	xgrow(&d->blocks, &d->cap, d->nblocks + 1, sizeof *d->blocks);
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	return b;
}

int doc_blank(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000 ||
		      c == 0xFEFF || (c >= 0x2000 && c <= 0x200B)))
			return 0;
		i += k > 0 ? (size_t)k : 1;
	}
	return 1;
}

void doc_add_para(struct doc *d, const char *s, size_t n, int level, int where)
{
	struct doc_block *b;

	if (doc_blank(s, n))
		return;
	b = doc_push(d);
	b->kind = DOC_PARA;
	b->text = xstrndup(s, n);
	b->level = level;
	b->where = where;
	b->table = -1;
}

void doc_add_row(struct doc *d, char **cells, size_t ncells, int table, int where)
{
	struct doc_block *b = doc_push(d);
	size_t i;

	b->kind = DOC_ROW;
	b->cells = xcalloc(ncells ? ncells : 1, sizeof *b->cells);
	for (i = 0; i < ncells; i++)
		b->cells[i] = xstrdup(cells[i] ? cells[i] : "");
	b->ncells = ncells;
	b->table = table;
	b->where = where;
	if (table + 1 > d->ntables)
		d->ntables = table + 1;
}

void doc_note(struct doc *d, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	xgrow(&d->notes, &d->capnotes, d->nnotes + 1, sizeof *d->notes);
	d->notes[d->nnotes++] = sb_detach(&sb);
}

void doc_release(struct doc *d)
{
	size_t i, j;

	if (!d)
		return;
	for (i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].text);
		for (j = 0; j < d->blocks[i].ncells; j++)
			free(d->blocks[i].cells[j]);
		free(d->blocks[i].cells);
	}
	for (i = 0; i < d->nnotes; i++)
		free(d->notes[i]);
	free(d->blocks);
	free(d->notes);
	free(d->title);
	free(d->docno);
	free(d->date);
	free(d->head_title);
	memset(d, 0, sizeof *d);
}

