/* Turns a plan document as it really comes (UTF-8 or GB18030, simplified or
 * traditional, with OCR, PDF and converter damage) into chapters, sections and
 * tasks with their department lists. Pure text work: no database, no curses. */
#ifndef DUBAN_PLAN_PARSE_H
#define DUBAN_PLAN_PARSE_H

#include <stddef.h>

#include "src/err.h"

enum plan_kind {
	PLAN_ANNUAL,     /* numbered tasks "1." ... each ending in a department list */
	PLAN_FIVE_YEAR,  /* sections "(十三)", one task per paragraph, no task numbers */
	PLAN_SUMMARY     /* chapters but no tasks and no departments: a news summary */
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
	char **depts;    /* department names as written (NFC, spaces and pinyin removed), lead first */
	size_t ndepts;
	int lead_explicit; /* 1 when the text says "X牵头" */
	int line;        /* line where the task starts */
};

struct plan_doc {
	enum plan_kind kind;
	char *title;     /* "2024年知识产权强国建设推进计划" (NFC, spaces inside removed) */
	int year;        /* 2024; for a five-year plan the first year (2021 for 十四五), 0 if unknown */
	char *key;       /* suggested plan key: "2024" for an annual plan, "FYP14" for 十四五 */
	enum plan_encoding encoding; /* what the input was decoded from */
	int traditional; /* 1 when the text is mostly traditional characters */
	struct plan_chapter *chapters; size_t nchapters;
	struct plan_section *sections; size_t nsections;
	struct plan_task *tasks; size_t ntasks;
	struct plan_warning *warnings; size_t nwarnings;
	int pinyin_removed;  /* how many converter pinyin readings were removed */
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

#endif
