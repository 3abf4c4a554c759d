/* libFuzzer target: reading a filled-in checklist CSV (decoding, RFC 4180
 * splitting, header and column checks, fill-in rows) and appending its
 * records on an in-memory database holding the 2024 plan, with the same
 * role checks as duban checklist import (alternately dry-run and for real). */
#include <stdint.h>

#include "src/checklist.h"
#include "src/import.h"
#include "src/text.h"
#include "store/store.h"
#include "store/store_report.h"

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
	struct checklist_file f;
	struct err e = { 0, "" };
	struct progress_in *in;
	struct err *row_errs;
	char **notes;
	size_t nbad = 0;
	char *dept = NULL;

	if (!db)
		setup();
	if (checklist_read_csv((const char *)data, size, "fuzz.csv", &f, &e)) {
		if (!e.msg[0])
			__builtin_trap();
		return 0;
	}
	in = xcalloc(f.nrows + 1, sizeof *in);
	notes = xcalloc(f.nrows + 1, sizeof *notes);
	row_errs = xcalloc(f.nrows + 1, sizeof *row_errs);
	/* the department as the CLI resolves it: any spelling */
	if (f.dept) {
		char *key = text_match_key(f.dept);
		if (store_dept_lookup(db, key, &dept, NULL, &e))
			dept = xstrdup(f.dept);
		free(key);
	}
	for (size_t i = 0; i < f.nrows; i++) {
		notes[i] = checklist_fill_note(&f.rows[i]);
		in[i].task = f.rows[i].task;
		in[i].dept = dept ? dept : "";
		in[i].period = f.period ? f.period : "";
		in[i].status = f.rows[i].status < 0 ? ST_COUNT : (enum status)f.rows[i].status;
		in[i].note = notes[i];
	}
	if (f.nrows)
		store_progress_append_many(db, "office", in, f.nrows, (calls++ & 1) || f.nproblems, NULL,
					   row_errs, &nbad, &e);
	for (size_t i = 0; i < f.nrows; i++)
		free(notes[i]);
	free(notes);
	free(in);
	free(row_errs);
	free(dept);
	checklist_file_release(&f);
	return 0;
}
