/* Evidence (佐证材料) as users give it, for both faces: a file path, an
 * official document number (文号) or a link, checked and read here, then
 * attached through the store, which holds it to the role rules. */
#ifndef DUBAN_EVIDENCE_H
#define DUBAN_EVIDENCE_H

#include "src/err.h"
#include "src/util.h"
#include "src/model.h"

struct store;

/* What TYPED most likely is: a link (http:// or https://), a file (a path with
 * a '/', starting with '~' or '.', an existing file, or a name ending in a
 * document's extension such as .pdf or .docx), else a 文号. A missing file
 * stays a file, so that attaching it fails instead of storing a path as a
 * document number. */
enum evidence_kind evidence_guess(const char *typed);

struct evidence_add {
	const char *task, *dept;     /* canonical */
	enum evidence_kind kind;
	const char *value;           /* the path (a leading ~/ is the home folder), 文号 or link */
	const char *title;           /* NULL or "": the file's name, the 文号 or the link */
	const char *progress;        /* NULL, or the progress record it documents */
};

/* One item of evidence found in what a user wrote in a checklist's cell. */
struct evidence_found {
	enum evidence_kind kind;     /* EV_DOCNO or EV_URL */
	char *value;                 /* the 文号 with 〔〕 as GB/T 9704 writes them, or the link */
	char *title;                 /* the words written beside it, else the value */
};

/* Find the evidence in TEXT, a cell of a filled-in checklist: its pieces
 * are separated by line breaks and semicolons (；;). A piece gives each 文号
 * it holds (an issuer's code, a year in brackets as typed: 〔〕 [] ［］ （）
 * () 【】, and a number with 号, like 国知发保字〔2024〕3号; or 第N号 after
 * 令, 公告 or 通告) and each http(s) link, titled by the rest of the piece
 * (its punctuation at the ends trimmed) or, when nothing else is written,
 * by itself. A piece that holds neither (a file's name or path, words) is
 * appended to REST as a line of its own, trimmed: a sheet never names a
 * file duban would read. Returns the number of items in *ITEMS (free with
 * evidence_found_free; NULL when none). */
size_t evidence_scan(const char *text, struct evidence_found **items, struct strbuf *rest);
void evidence_found_free(struct evidence_found *v, size_t n);

/* Attach A for LOGIN in one transaction: a file is read (refused when it is
 * missing, not a regular file, or over store_evidence_limit, before it is
 * read whole), a link must be http(s), a 文号 must not be empty. On success
 * ID_OUT holds the new evidence id and *TITLE_OUT (may be NULL; caller frees)
 * the title it was stored under. */
int evidence_attach(struct store *s, const char *login, const struct evidence_add *a,
		    char id_out[33], char **title_out, struct err *e);

#endif
