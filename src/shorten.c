/* Short plan titles and task texts for the tree. */
#include <unistr.h>

#include "src/shorten.h"
#include "src/text.h"
#include "src/banned.h"

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && !memcmp(s + n - k, tail, k);
}

/* The last N characters of S. */
static const char *last_chars(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s + strlen(s);
	while (n-- > 0 && p > (const uint8_t *)s)
		p = u8_prev(&(ucs4_t){ 0 }, p, (const uint8_t *)s);
	return (const char *)p;
}

void shorten_plan(const char *title, int year, struct strbuf *out)
{
	char *simple = text_simplified(title);
	char lead[16];
	const char *p = title;
	if (strstr(simple, "五") && ends_with(simple, "规划")) {
		const char *fy = strstr(simple, "五”") ? strstr(simple, "五”") : strstr(simple, "五规划");
		/* “十四五”…规划: the ordinal and 规划 */
		const char *q = strstr(simple, "十");
		if (q && fy && q < fy && fy - q <= 9) {
			sb_add(out, q, (size_t)(fy - q) + strlen("五"));
			sb_adds(out, "规划");
			free(simple);
			return;
		}
	}
	if (ends_with(simple, "推进计划")) {
		sb_adds(out, last_chars(title, 4));
		free(simple);
		return;
	}
	free(simple);
	snprintf(lead, sizeof lead, "%d年", year);
	if (util_starts_with(p, lead))
		p += strlen(lead);
	for (; *p; p++) {
		if (util_starts_with(p, "“") || util_starts_with(p, "”")) {
			p += strlen("“") - 1;
			continue;
		}
		sb_addc(out, *p);
	}
}

void shorten_task(const char *text, struct strbuf *out)
{
	static const char *const prc[] = { "《中华人民共和国", "《中華人民共和國" };
	const char *p = text;
	while (*p) {
		int cut = 0;
		for (size_t i = 0; i < sizeof prc / sizeof prc[0]; i++) {
			size_t k = strlen(prc[i]);
			/* only before the law's own name: 《中华人民共和国》 stays */
			if (!strncmp(p, prc[i], k) && p[k] && !util_starts_with(p + k, "》")) {
				sb_adds(out, "《");
				p += k;
				cut = 1;
				break;
			}
		}
		if (!cut)
			sb_addc(out, *p++);
	}
}
