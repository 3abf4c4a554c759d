/* libFuzzer target: plan_parse alone (decoding, line cleaning, structure,
 * department lists), every encoding mode, checking the result's invariants. */
#include <stdint.h>

#include "src/plan_parse.h"
#include "src/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum plan_encoding encs[] = { ENC_AUTO, ENC_UTF8, ENC_GB18030 };
	for (size_t k = 0; k < 3; k++) {
		struct plan_doc doc;
		struct err e = { 0, "" };
		int rc = plan_parse((const char *)data, size, "fuzz.txt", encs[k], &doc, &e);
		if (rc) {
			/* a refusal always says why and leaves nothing behind */
			if (!e.msg[0] || doc.ntasks || doc.tasks || doc.title)
				__builtin_trap();
			continue;
		}
		for (size_t i = 0; i < doc.ntasks; i++) {
			const struct plan_task *t = &doc.tasks[i];
			if (t->chapter >= (int)doc.nchapters || t->section >= (int)doc.nsections || !t->text || !t->label)
				__builtin_trap();
			for (size_t j = 0; j < t->ndepts; j++)
				if (!t->depts[j] || !*t->depts[j])
					__builtin_trap();
		}
		plan_doc_release(&doc);
	}
	return 0;
}
