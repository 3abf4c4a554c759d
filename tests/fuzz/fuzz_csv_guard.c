/* libFuzzer target: a CSV line of the cells of the input (cut at NUL
 * bytes; cells that are not UTF-8 are left out) written through
 * out_csv_field, read back by csv_parse and unguarded by out_csv_unguard,
 * gives every cell back exactly (a CR as the LF the reader makes of it),
 * and no cell read back starts with a character a spreadsheet would run
 * (issue 18). */
#include <stdint.h>

#include "src/csvread.h"
#include "src/output.h"
#include "src/text.h"
#include "src/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf line = STRBUF_INIT;
	struct csv_doc d;
	struct err e = { 0, "" };
	char *cells[64];
	size_t n = 0, off = 0;

	/* a BOM first, as duban's CSV files have (or a header line): the reader
	 * drops one, which must not be the start of a cell */
	sb_adds(&line, "\xEF\xBB\xBF");
	while (off <= size && n < 64) {
		const uint8_t *z = memchr(data + off, 0, size - off);
		size_t len = z ? (size_t)(z - (data + off)) : size - off;
		if (text_valid_utf8((const char *)data + off, len)) {
			struct strbuf c = STRBUF_INIT;
			/* what the reader makes of line breaks */
			for (size_t i = 0; i < len; i++) {
				char ch = (char)data[off + i];
				if (ch == '\r' && i + 1 < len && data[off + i + 1] == '\n')
					continue;
				sb_addc(&c, ch == '\r' ? '\n' : ch);
			}
			char *raw = xstrndup((const char *)data + off, len);
			if (n)
				sb_addc(&line, ',');
			out_csv_field(&line, raw);
			free(raw);
			cells[n++] = sb_detach(&c);
			if (!cells[n - 1])
				cells[n - 1] = xstrdup("");
		}
		off += len + 1;
	}
	if (!n || (n == 1 && !*cells[0]))
		goto out;
	sb_adds(&line, "\r\n");
	if (csv_parse(line.buf, line.len, "fuzz.csv", &d, &e))
		__builtin_trap();
	if (d.nrows != 1 || d.rows[0].nfields != n)
		__builtin_trap();
	for (size_t i = 0; i < n; i++) {
		const char *f = d.rows[0].fields[i];
		if (*f && strchr("=+-@\t\r\n", *f))
			__builtin_trap();
		if (strcmp(out_csv_unguard(f), cells[i]))
			__builtin_trap();
	}
	csv_doc_release(&d);
out:
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	sb_release(&line);
	return 0;
}
