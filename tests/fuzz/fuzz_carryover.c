/* libFuzzer target: scoring two task texts for the carry-over (the input
 * cut at its first NUL: the earlier text, then the later one). The score
 * stays in [0, 1.1]; every shared title and every shared word shown is in
 * both texts' match keys (so nothing shown is made up or cut across the
 * two); no read past an empty set (issue 18: bsearch(NULL, 0, ...)). */
#include <stdint.h>

#include "src/carryover.h"
#include "src/text.h"
#include "src/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every item of LIST (separated by SEP, each stripped of 《》) is in A and B. */
static void all_in(const char *list, const char *sep, const char *a, const char *b)
{
	char *copy = xstrdup(list), *p = copy;
	while (*p) {
		char *next = strstr(p, sep), *item = p;
		if (next)
			*next = '\0';
		if (util_starts_with(item, "《"))
			item += strlen("《");
		if (strlen(item) >= strlen("》") && !strcmp(item + strlen(item) - strlen("》"), "》"))
			item[strlen(item) - strlen("》")] = '\0';
		if (*item && (!strstr(a, item) || !strstr(b, item)))
			__builtin_trap();
		if (!next)
			break;
		p = next + strlen(sep);
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *z = memchr(data, 0, size);
	size_t na = z ? (size_t)(z - data) : size;
	char *a, *b, *ka, *kb;
	struct carry_score c;

	if (!text_valid_utf8((const char *)data, size) && !z)
		return 0;
	a = xstrndup((const char *)data, na);
	b = z ? xstrndup((const char *)z + 1, size - na - 1) : xstrdup("");
	if (!text_valid_utf8(a, strlen(a)) || !text_valid_utf8(b, strlen(b)))
		goto out;
	carryover_score(a, b, "甲", na % 2 ? "甲" : "乙", &c);
	if (!(c.score >= 0 && c.score <= 1.1 + 1e-9) || !(c.titles >= 0 && c.titles <= 1) ||
	    !(c.bigrams >= 0 && c.bigrams <= 1))
		__builtin_trap();
	ka = text_match_key(a);
	kb = text_match_key(b);
	all_in(c.shared_words, " ", ka, kb);
	all_in(c.shared_titles, "、", ka, kb);
	free(ka);
	free(kb);
	carryover_score_release(&c);
out:
	free(a);
	free(b);
	return 0;
}
