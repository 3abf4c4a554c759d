/* A document as a reader hands it to the importer, whatever its format: its
 * paragraphs and table rows in reading order, and the metadata it carries
 * (title, 文号, date). The format is found from the content, never from the
 * file name; each format has its reader (src/read_html.c, src/read_docx.c,
 * src/read_pdf.c, src/xlsx.c, src/csvread.c) and nothing here knows plans. */
#ifndef DUBAN_DOC_H
#define DUBAN_DOC_H

#include <stddef.h>

#include "src/err.h"
#include "src/util.h"

enum doc_format {
	DOC_TEXT,   /* plain text, UTF-8 or GB18030: read by plan_parse itself */
	DOC_HTML,   /* a web page as a browser saves it */
	DOC_DOCX,   /* Word 2007+ (also WPS's .docx) */
	DOC_PDF,    /* a PDF with a text layer */
	DOC_XLSX,   /* Excel 2007+ workbook (also WPS's .xlsx) */
	DOC_CSV     /* a table as comma-separated text */
};

enum doc_block_kind { DOC_PARA, DOC_ROW };

struct doc_block {
	enum doc_block_kind kind;
	char *text;             /* DOC_PARA: the paragraph, UTF-8; '\n' where the format breaks a line */
	int level;              /* DOC_PARA: 1-6 when the format marks a heading, else 0 */
	char **cells;           /* DOC_ROW: each cell's text, merged cells repeated or empty */
	size_t ncells;
	int table;              /* DOC_ROW: which table of the document, from 0 */
	int where;              /* where it came from, for messages: page (PDF), row (sheets), else 0 */
	int meta;               /* 1 when the block was read as metadata (标题：…) and is no body text */
};

struct doc {
	enum doc_format format;
	struct doc_block *blocks;
	size_t nblocks, cap;
	int ntables;
	char *title;            /* the metadata's 标题 (a gov.cn page's table), or NULL */
	char *docno;            /* 发文字号, e.g. "国办发〔2018〕128号", or NULL */
	char *date;             /* 成文日期 as "2018-12-29", or NULL */
	char *head_title;       /* a web page's <title> without the site's name, or NULL:
				 * a title of last resort */
	char **notes;           /* what the reader wants said (pages without text, sheets ignored) */
	size_t nnotes, capnotes;
};

/* The most a binary document (PDF, Word, Excel) may weigh; text stays within
 * PLAN_MAX_BYTES. */
#define DOC_MAX_BYTES (64u * 1024 * 1024)

/* The format of the LEN bytes at BUF, from their content. Text that is neither
 * HTML nor a CSV task table is DOC_TEXT. Returns -1 and fills E (naming NAME
 * and what to do) for formats duban does not read: old .doc/.xls/.wps (OLE),
 * RTF, OpenDocument, other ZIP archives. */
int doc_sniff(const char *buf, size_t len, const char *name, enum doc_format *fmt, struct err *e);

/* Read BUF (LEN bytes, format FMT other than DOC_TEXT) into DOC with the
 * format's reader, then take the metadata (标题, 发文字号, 成文日期) from
 * label cells and label paragraphs. Returns 0, or -ERR_INPUT with E naming
 * NAME, what is wrong and what to do (DOC is then empty). Release DOC with
 * doc_release either way. */
int doc_read(const char *buf, size_t len, const char *name, enum doc_format fmt, struct doc *doc,
	     struct err *e);
void doc_release(struct doc *doc);

/* Builders for the readers. The text is copied; empty paragraphs (white space
 * only) are dropped. */
/* 1 if S[0..N) is only white space (ideographic and no-break spaces too). */
int doc_blank(const char *s, size_t n);
void doc_add_para(struct doc *doc, const char *s, size_t n, int level, int where);
void doc_add_row(struct doc *doc, char **cells, size_t ncells, int table, int where);
void doc_note(struct doc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The document as lines of text for plan_parse: each paragraph one line (its
 * inner line breaks kept), each row of a table one line of its non-empty
 * cells, metadata blocks left out. */
void doc_to_text(const struct doc *doc, struct strbuf *out);

/* "2018年12月29日", "2018-12-29", "2018/12/29", "2018.12.29" -> "2018-12-29"
 * (NULL when S holds no date). Caller frees. */
char *doc_date_iso(const char *s);

/* The name of FMT for messages: "web page", "Word file", ... */
const char *doc_format_name(enum doc_format fmt);

#endif
