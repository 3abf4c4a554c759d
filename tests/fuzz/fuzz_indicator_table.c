/* libFuzzer target: reading a table of indicators or of their values as
 * duban indicator import reads it, before any database: telling a CSV from a
 * workbook by its bytes (src/grid.c), the CSV's decoding and splitting or
 * the workbook's ZIP and XML, the header found in the first sheet that has
 * one, and every cell cleaned (full-width digits, thousands separators,
 * units typed after the number). Alternately named .csv and .xlsx, so both
 * the misnamed-file paths are taken. */
#include <stdint.h>
#include <string.h>

#include "src/indicator_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned calls;
	struct ind_table t;
	struct err e = { 0, "" };
	const char *name = calls++ & 1 ? "fuzz.xlsx" : "fuzz.csv";
	int rc;

	memset(&t, 0, sizeof t);
	rc = ind_table_read((const char *)data, size, name, "FYP14", &t, &e);
	if (rc && !e.msg[0])
		__builtin_trap();
	if (!rc) {
		/* every row read or refused names its line, from 1; a definition
		 * read but refused has line 0 and its reason among the problems */
		for (size_t i = 0; i < t.ndefs; i++)
			if ((t.defs[i].line < 1 && !t.nproblems) || !t.defs[i].name)
				__builtin_trap();
		for (size_t i = 0; i < t.nvalues; i++)
			if (t.values[i].line < 1 || !t.values[i].indicator)
				__builtin_trap();
		for (size_t i = 0; i < t.nproblems; i++)
			if (t.problems[i].line < 1)
				__builtin_trap();
	}
	ind_table_release(&t);
	return 0;
}
