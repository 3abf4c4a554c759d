/* libFuzzer target: plan_read on any bytes, so every reader runs (the format
 * is found from the content): web pages (libxml2), Word and Excel (libzip +
 * libxml2), PDF (poppler), CSV, the task table and the family's shapes.
 * Checks the result's invariants, and that a refusal says why and leaves
 * nothing behind. Also reads the bytes as a workbook through the general
 * reader, which the checklist import shares. */
#include <stdint.h>

#include "src/plan_read.h"
#include "src/util.h"
#include "src/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan_doc doc;
	struct xlsx_book book;
	struct err e = { 0, "" };
	int rc = plan_read((const char *)data, size, "fuzz.bin", ENC_AUTO, &doc, NULL, &e);

	if (rc) {
		if (!e.msg[0] || doc.ntasks || doc.tasks || doc.title)
			__builtin_trap();
	} else {
		for (size_t i = 0; i < doc.ntasks; i++) {
			const struct plan_task *t = &doc.tasks[i];
			if (t->chapter >= (int)doc.nchapters || t->section >= (int)doc.nsections || !t->text ||
			    !t->label || !*t->label || !t->lists)
				__builtin_trap();
			for (size_t j = 0; j < t->ndepts; j++)
				if (!t->depts[j] || !*t->depts[j])
					__builtin_trap();
			for (size_t j = 0; j < i; j++)
				if (!strcmp(doc.tasks[j].label, t->label))
					__builtin_trap();   /* every task its own label */
		}
		for (size_t i = 0; i < doc.nuntracked; i++)
			if (!doc.untracked[i].label || !doc.untracked[i].text)
				__builtin_trap();
		plan_doc_release(&doc);
	}
	err_clear(&e);
	if (xlsx_read((const char *)data, size, "fuzz.xlsx", &book, &e) == 0) {
		for (size_t s = 0; s < book.nsheets; s++)
			for (size_t r = 0; r < book.sheets[s].nrows; r++)
				for (size_t c = 1; c < book.sheets[s].rows[r].ncells; c++)
					if (book.sheets[s].rows[r].cells[c].col < book.sheets[s].rows[r].cells[c - 1].col)
						__builtin_trap();   /* cells in column order */
		xlsx_book_release(&book);
	} else if (!e.msg[0]) {
		__builtin_trap();
	}
	return 0;
}
