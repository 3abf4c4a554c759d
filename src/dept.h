/* Departments: the alias table in data/departments.tsv (canonical names, short
 * forms, predecessors) and how a written name becomes a match key. Resolution
 * against stored departments happens in store/; this module only reads the
 * table and computes keys. */
#ifndef DUBAN_DEPT_H
#define DUBAN_DEPT_H

#include <stddef.h>

#include "src/err.h"

enum dept_alias_kind { ALIAS_NAME, ALIAS_SHORT, ALIAS_PREDECESSOR, ALIAS_WRITTEN };

struct dept_alias {
	char *dept;      /* canonical name of the department */
	char *alias;     /* the spelling, as in the table or the document */
	char *key;       /* text_match_key(alias) */
	enum dept_alias_kind kind;
};

struct dept_entry {
	char *name;      /* canonical */
	char *kind;      /* "central", "pseudo" or "local" */
};

struct dept_table {
	struct dept_entry *depts; size_t ndepts;
	struct dept_alias *aliases; size_t naliases;
};

/* Read the table at PATH into T (release with dept_table_release). Each
 * canonical name is also an alias of itself (ALIAS_NAME). Returns 0, or
 * -ERR_IO/-ERR_INPUT naming PATH and the line. */
int dept_table_load(const char *path, struct dept_table *t, struct err *e);
void dept_table_release(struct dept_table *t);

/* The name under which a department first seen as WRITTEN is created:
 * NFC, traditional -> simplified. Caller frees. */
char *dept_canonical_for_new(const char *written);

const char *dept_alias_kind_name(enum dept_alias_kind k);

#endif
