/* libFuzzer target: the checklist import whole, as duban checklist import
 * runs it, on an in-memory database holding the 2024 plan (alternately
 * dry-run and for real): reading a filled-in CSV (decoding, RFC 4180
 * splitting) or workbook (a ZIP archive), the header and column checks, the
 * rows against their tasks, the evidence cells, and the write. */
#include <stdint.h>

#include "src/checklist_import.h"
#include "src/import.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;

static void setup(void)
{
	struct err e = { 0, "" };
	struct strbuf p = STRBUF_INIT, out = STRBUF_INIT, warn = STRBUF_INIT;
	struct dept_table t;
	struct import_opts o;
	const char *src = getenv("DUBAN_SRC");
	if (store_open(":memory:", STORE_CREATE, &db, &e))
		util_die("fuzz setup: %s", e.msg);
	sb_addf(&p, "%s/data/departments.tsv", src ? src : ".");
	if (dept_table_load(sb_str(&p), &t, &e))
		util_die("fuzz setup: %s", e.msg);
	sb_reset(&p);
	sb_addf(&p, "%s/data/plans/2024-national-plan.txt", src ? src : ".");
	memset(&o, 0, sizeof o);
	o.who = "office";
	o.depts = &t;
	if (import_file(db, sb_str(&p), &o, &out, &warn, &e))
		util_die("fuzz setup: %s", e.msg);
	dept_table_release(&t);
	sb_release(&p);
	sb_release(&out);
	sb_release(&warn);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned calls;
	struct checklist_import_opts o;
	struct checklist_import_result r;
	struct err e = { 0, "" };
	int rc;

	if (!db)
		setup();
	memset(&o, 0, sizeof o);
	o.login = "office";
	o.dry_run = calls++ & 1;
	/* a name that is not .xlsx: a workbook is known by its content */
	rc = checklist_import(db, (const char *)data, size, "fuzz.csv", &o, &r, &e);
	if (rc && !e.msg[0])
		__builtin_trap();
	if (!rc && !r.summary)
		__builtin_trap();
	checklist_import_result_release(&r);
	return 0;
}
