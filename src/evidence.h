/* Evidence (佐证材料) as users give it, for both faces: a file path, an
 * official document number (文号) or a link, checked and read here, then
 * attached through the store, which holds it to the role rules. */
#ifndef DUBAN_EVIDENCE_H
#define DUBAN_EVIDENCE_H

#include "src/err.h"
#include "src/util.h"
#include "src/model.h"
#include "src/util.h"
#include "store/store.h"

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

/* Evidence made ready for the store from A: IN filled (a file read into
 * DATA, its name from PATH; the title defaulted to the file's name, the
 * 文号 or the link). Owned: release with evidence_ready_release. */
struct evidence_ready {
	struct evidence_in in;
	char *path, *data;
};
/* Read and check A (as evidence_attach does, before any transaction) into
 * OUT. 0, or -ERR_IO / -ERR_INPUT / -ERR_USAGE with E naming the path. */
int evidence_prepare(struct store *s, const struct evidence_add *a, struct evidence_ready *out,
		     struct err *e);
void evidence_ready_release(struct evidence_ready *r);

/* Check what a user typed as evidence before taking it: its kind (as
 * evidence_guess), a file that exists and is a regular file (a missing path
 * is an error, never a 文号), a link that is http(s). 0 with *KIND, or a
 * negative code with E saying what to do. */
int evidence_validate(const char *typed, enum evidence_kind *kind, struct err *e);
/* TYPED with a leading "~/" (or "~" alone) made the home folder. Caller frees. */
char *evidence_expand(const char *typed);
/* The title a typed item gets when none is given: a file's name, the 文号
 * or the link. Caller frees. */
char *evidence_default_title(const char *typed, enum evidence_kind kind);

/* Complete the file path TYPED as a shell does: the longest extension its
 * last part shares with the names in its folder that start with it ("~/"
 * is the home folder, kept as typed), a '/' after a folder's name when it
 * is the only one. Returns how many names match; *OUT gets the completed
 * text (caller frees; TYPED itself when nothing matches); CHOICES, when
 * not NULL and more than one matches, the first names matched, "  "-joined,
 * in name order. Hidden names only when the part starts with '.'. */
int evidence_complete(const char *typed, char **out, struct strbuf *choices);

/* Write stored evidence ID (a file) to PATH ("~/" expanded), creating it:
 * an existing file or a link there is refused, the mode is 0666 less the
 * umask. 0, or a negative code with E naming the path. */
int evidence_save(struct store *s, const char *id, const char *path, struct err *e);
/* 1 when the LEN bytes of DATA read as text (UTF-8, no NUL): the UI shows
 * such a file in its pager. */
int evidence_is_text(const char *data, size_t len);

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
