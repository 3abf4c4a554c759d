/* libFuzzer target: THE escaping of text for a terminal (issue 18).
 * text_escape_n leaves nothing that acts on a terminal (no C0 control but
 * newline and tab, no DEL, no C1 control, no format character, no line or
 * paragraph separator) and valid UTF-8; the escaping stream standing in
 * for a terminal's stdout (out_stream) gives the same bytes however the
 * text is cut into writes. */
#include <stdint.h>
#include <stdio.h>
#include <unictype.h>
#include <unistr.h>

#include "src/output.h"
#include "src/text.h"
#include "src/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	const uint8_t *p, *end;
	char *mem = NULL;
	size_t memlen = 0, off = 0;
	FILE *m, *f;

	text_escape_n(&sb, (const char *)data, size, TEXT_KEEP_NL | TEXT_KEEP_TAB);
	if (sb.len && u8_check((const uint8_t *)sb.buf, sb.len))
		__builtin_trap();
	p = (const uint8_t *)sb_str(&sb);
	end = p + sb.len;
	while (p < end) {
		ucs4_t c;
		p += u8_mbtouc(&c, p, (size_t)(end - p));
		if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) || c == 0x2028 ||
		    c == 0x2029 || uc_is_general_category(c, UC_CATEGORY_Cf))
			__builtin_trap();
	}
	/* the stream, written in pieces of 1 to 8 bytes as the data says */
	if (!(m = open_memstream(&mem, &memlen)) || !(f = out_stream(m, 1, NULL)))
		__builtin_trap();
	while (off < size) {
		size_t n = (size_t)(data[off] % 8) + 1;
		if (n > size - off)
			n = size - off;
		fwrite(data + off, 1, n, f);
		if (data[off] & 0x40)
			fflush(f);
		off += n;
	}
	fclose(f);
	fclose(m);
	if (memlen != sb.len || (sb.len && memcmp(mem, sb.buf, sb.len)))
		__builtin_trap();
	free(mem);
	sb_release(&sb);
	return 0;
}
