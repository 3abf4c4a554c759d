/* Reading a verb's usage string (struct cli_verb's usage): its forms and their
 * words, for the man page's synopsis (src/cli/help.c) and for completion
 * (src/cli/complete.c), so both follow the entries. */
#ifndef DUBAN_CLI_USAGE_H
#define DUBAN_CLI_USAGE_H

#include <stddef.h>

enum usage_kind {
	USAGE_LIT,      /* a word as it is typed: a verb, "approve", "utf-8" */
	USAGE_ARG,      /* a word in capitals that stands for one: TASK-ID, NAME, FILE */
	USAGE_OPT,      /* an option: --dept, -o */
	USAGE_OPEN,     /* [ */
	USAGE_CLOSE,    /* ] */
	USAGE_GROUP,    /* ( */
	USAGE_UNGROUP,  /* ) */
	USAGE_OR,       /* | */
	USAGE_MORE      /* ... */
};

struct usage_word {
	enum usage_kind kind;
	const char *s;  /* into the usage string, not NUL-ended */
	size_t len;
};

#define USAGE_MAX_WORDS 64

/* The words of the FORM-th form of USAGE (forms are joined by " | " followed
 * by NAME, the verb's name) into W (at most USAGE_MAX_WORDS). Returns the
 * number of words, 0 when there is no such form. The words point into USAGE. */
size_t usage_form(const char *usage, const char *name, int form, struct usage_word *w);

/* 1 if word W is the string S. */
int usage_is(const struct usage_word *w, const char *s);

#endif
