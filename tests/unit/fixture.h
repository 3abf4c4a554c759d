/* The database most unit tests start from: a new file holding the bundled
 * departments and the 2024 national plan, imported as the office would. */
#ifndef DUBAN_TEST_FIXTURE_H
#define DUBAN_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/import.h"
#include "src/util.h"
#include "store/store.h"

/* The source tree ($DUBAN_SRC, else the current folder). */
static inline const char *fixture_src(void)
{
	const char *d = getenv("DUBAN_SRC");
	return d ? d : ".";
}

/* Create PATH and import the 2024 plan into it; NULL (having said why) when
 * that fails. */
static inline struct store *fixture_plan_db(const char *path)
{
	struct store *s = NULL;
	struct err e = { 0, "" };
	struct dept_table t;
	struct import_opts o;
	struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT, file = STRBUF_INIT;
	int ok = 0;
	if (store_open(path, STORE_CREATE, &s, &e)) {
		printf("  open %s: %s\n", path, e.msg);
		return NULL;
	}
	sb_addf(&file, "%s/data/departments.tsv", fixture_src());
	if (dept_table_load(sb_str(&file), &t, &e)) {
		printf("  departments: %s\n", e.msg);
	} else {
		sb_reset(&file);
		sb_addf(&file, "%s/data/plans/2024-national-plan.txt", fixture_src());
		memset(&o, 0, sizeof o);
		o.who = "office";
		o.depts = &t;
		if (import_file(s, sb_str(&file), &o, &out, &warn, &e))
			printf("  import: %s\n", e.msg);
		else
			ok = 1;
		dept_table_release(&t);
	}
	sb_release(&out);
	sb_release(&warn);
	sb_release(&file);
	if (!ok) {
		store_close(s);
		return NULL;
	}
	return s;
}

/* Remove the folder DIR a test made, with everything in it. */
static inline void fixture_rmdir(const char *dir)
{
	struct strbuf cmd = STRBUF_INIT;
	sb_addf(&cmd, "rm -rf '%s'", dir);
	if (system(sb_str(&cmd)) != 0)
		printf("  could not remove %s\n", dir);
	sb_release(&cmd);
}

#endif
