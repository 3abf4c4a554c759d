/* libFuzzer target: the whole plan-document import (decoding, parsing,
 * department resolution, storing) on an in-memory database. Imports the same
 * input twice, so the re-import path (unchanged / corrected text) runs too. */
#include <stdint.h>

#include "src/import.h"
#include "src/text.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;
static struct dept_table depts;

static void setup(void)
{
	struct err e = { 0, "" };
	struct strbuf p = STRBUF_INIT;
	const char *src = getenv("DUBAN_SRC");
	if (store_open(":memory:", STORE_CREATE, &db, &e))
		util_die("fuzz setup: %s", e.msg);
	sb_addf(&p, "%s/data/departments.tsv", src ? src : ".");
	if (dept_table_load(sb_str(&p), &depts, &e))
		util_die("fuzz setup: %s", e.msg);
	sb_release(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o;
	struct err e = { 0, "" };
	if (!db)
		setup();
	static int seeded;
	memset(&o, 0, sizeof o);
	o.who = "fuzz";
	o.depts = seeded ? NULL : &depts;  /* the table is seeded by the first import */
	seeded = 1;
	o.key = "fz1";
	for (int round = 0; round < 2; round++) {
		struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT;
		int rc = import_buffer(db, "fuzz.txt", (const char *)data, size, &o, &out, &warn, &e);
		/* any failure must come with a message and leave no transaction open */
		if (rc && !e.msg[0])
			__builtin_trap();
		sb_release(&out);
		sb_release(&warn);
		err_clear(&e);
		o.replace = 1;
	}
	return 0;
}
