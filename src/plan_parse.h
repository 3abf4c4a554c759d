/* Turns a plan document as it really comes (UTF-8 or GB18030, simplified or
 * traditional, with OCR, PDF and converter damage) into chapters, sections and
 * tasks with their department lists: the annual plans and every document of
 * the task-division family (重点工作分工, 任务分工方案, 若干措施, 实施方案),
 * whatever level its tasks are numbered at. Pure text work: no database, no
 * curses. */
#ifndef DUBAN_PLAN_PARSE_H
#define DUBAN_PLAN_PARSE_H

#include <stddef.h>

#include "src/err.h"
#include "src/util.h"

enum plan_kind {
	PLAN_ANNUAL,     /* a year's plan (…推进计划): numbered tasks "1." each with a department list */
	PLAN_FIVE_YEAR,  /* sections "(十三)", one task per paragraph, no task numbers */
	PLAN_SUMMARY,    /* chapters but no tasks and no departments: a news summary */
	PLAN_TASK_DIVISION /* any other document dividing work among departments
			    * (分工方案, 若干措施, 实施方案 …), tasks at any numbering level */
};

enum plan_encoding { ENC_AUTO, ENC_UTF8, ENC_GB18030 };

struct plan_warning {
	int line;        /* 1-based line in the input file, 0 if none */
	char *msg;       /* lowercase sentence, e.g. "dropped page number '- 3 -'" */
};

struct plan_chapter {
	int number;      /* 1 for "一、", 6 for "六、" */
	char *title;     /* "完善知识产权制度" (without "一、") */
	int line;
};

struct plan_section {
	int chapter;     /* index into doc->chapters, -1 when the document has no chapter headings */
	int number;      /* 1 for "（一）", 13 for "(十三)": as the document numbers it */
	char *title;     /* "完善知识产权法律法规规章" (without the mark, without a final "。") */
	int line;
};

struct plan_task {
	int chapter;     /* index into doc->chapters, -1 when the document has no chapter headings */
	int section;     /* index into doc->sections, -1 when the chapter has none */
	char *label;     /* annual: "105"; five-year: "13.1" (section number . paragraph) */
	int number;      /* annual: 105; five-year: paragraph ordinal within the whole doc (1..) */
	char *text;      /* full text, lines joined, without the department list */
	char **depts;    /* department names as written (NFC, spaces and pinyin removed), lead first:
			  * the union of the task's lists in order of first appearance */
	size_t ndepts;
	int lead_explicit; /* 1 when the text says "X牵头" */
	int open;        /* 1 when a list is open-ended: "等", "等有关部门", "会同有关部门" */
	char *lists;     /* each department list as written, one a line ("" when none) */
	int line;        /* line where the task starts */
};

/* A numbered item with no department list where none of its chapter's items
 * has one (a preamble's 指导思想, 基本原则 …): reported, not stored. */
struct plan_untracked {
	int line;
	char *label;     /* "一", "3" */
	char *text;      /* its first characters */
};

struct plan_doc {
	enum plan_kind kind;
	enum plan_kind shape; /* how its tasks are numbered: PLAN_ANNUAL "1.", PLAN_FIVE_YEAR
			       * paragraphs, PLAN_TASK_DIVISION items (一、 （一）); kind follows */
	char *title;     /* "2024年知识产权强国建设推进计划" (NFC, spaces inside removed) */
	int year;        /* 2024; for a five-year plan the first year (2021 for 十四五), 0 if unknown */
	char *key;       /* suggested plan key: "2024" for an annual plan, "FYP14" for 十四五 */
	char *docno;     /* 文号, "国办发〔2018〕128号", or NULL */
	char *date;      /* 成文日期 "2018-12-29", or NULL */
	enum plan_encoding encoding; /* what the input was decoded from */
	int traditional; /* 1 when the text is mostly traditional characters */
	struct plan_chapter *chapters; size_t nchapters;
	struct plan_section *sections; size_t nsections;
	struct plan_task *tasks; size_t ntasks;
	struct plan_warning *warnings; size_t nwarnings;
	struct plan_untracked *untracked; size_t nuntracked;
	int ids_given;   /* the labels are ids a table exported by duban gave: keep them */
	int kind_given;  /* the document states its kind (a table duban exported): keep it */
	int pinyin_removed;  /* how many converter pinyin readings were removed */
	int invisible_removed; /* default-ignorable characters (ZWJ, U+00AD …) removed */
};

/* Parse LEN bytes of BUF (need not be NUL-terminated) read from NAME (used in
 * messages only). ENC forces an encoding or ENC_AUTO detects it (BOM, valid
 * UTF-8, else GB18030). On success returns 0 and fills *DOC, which the caller
 * releases with plan_doc_release. On failure returns -ERR_INPUT with E naming
 * NAME, the line where it applies and what to do; *DOC is then empty.
 * Refused: empty input, binary data (NUL bytes), invalid UTF-8 in a UTF-8 file,
 * bytes that are neither UTF-8 nor GB18030, no plan structure, a truncated plan
 * (the text stops inside a task), more than PLAN_MAX_BYTES. */
int plan_parse(const char *buf, size_t len, const char *name, enum plan_encoding enc,
	       struct plan_doc *doc, struct err *e);

#define PLAN_MAX_BYTES (32u * 1024 * 1024)

/* Free everything DOC owns and zero it. Safe on a zeroed doc. */
void plan_doc_release(struct plan_doc *doc);

/* Work out DOC's year, kind and key again from its title, 文号 and date (after
 * a caller set them from a document's metadata): the year from the title,
 * else the 文号 (国发〔2019〕3号), else the date; an annual plan's key is its
 * year, a five-year plan's FYP14, a task-division document's its year, 'd'
 * and its 文号 number (2018d128). */
void plan_doc_finish(struct plan_doc *doc);

/* Add a warning to DOC (LINE 0: none), or drop those starting with PREFIX. */
void plan_doc_warn(struct plan_doc *doc, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void plan_doc_unwarn(struct plan_doc *doc, const char *prefix);

/* The numbering mark S[0, N) starts with: level 1 "一、", 2 "（一）", 3 "1.",
 * 4 "（1）"/"①"; returns the number, the level in *LEVEL and where the text
 * after it starts in *TOFF; 0 when none (or nothing follows the mark). */
int plan_mark(const char *s, size_t n, int *level, size_t *toff);

/* S[0, N) cleaned as plan_parse cleans a line: white space dropped next to
 * Chinese (one space kept between Latin words), line breaks joined, control
 * and invisible (default-ignorable) characters removed, NFC. *INVISIBLE (if
 * not NULL) is incremented for each invisible character removed. Caller
 * frees. */
char *plan_clean(const char *s, size_t n, int *invisible);

/* Append N (1 to 99) to SB as the documents number chapters: 一, 十二, 二十三
 * (other numbers in digits). */
void plan_numeral_add(struct strbuf *sb, int n);

/* The name of KIND as stored: "annual", "five-year", "task-division". */
const char *plan_kind_name(enum plan_kind kind);

#endif
