/* Splits usage strings into forms and words; see src/cli/usage.h. */
#include <ctype.h>

#include "src/cli/usage.h"
#include "src/util.h"
#include "src/banned.h"

int usage_is(const struct usage_word *w, const char *s)
{
	return strlen(s) == w->len && !memcmp(w->s, s, w->len);
}

static enum usage_kind word_kind(const char *s, size_t n)
{
	int upper = 0;
	if (s[0] == '-')
		return USAGE_OPT;
	for (size_t i = 0; i < n; i++) {
		if (islower((unsigned char)s[i]))
			return USAGE_LIT;
		upper |= isupper((unsigned char)s[i]);
	}
	return upper ? USAGE_ARG : USAGE_LIT;
}

/* Split all of USAGE into W; returns the count. */
static size_t split(const char *usage, struct usage_word *w, size_t max)
{
	static const char singles[] = "[]()|";
	static const enum usage_kind single_kinds[] = { USAGE_OPEN, USAGE_CLOSE, USAGE_GROUP,
							USAGE_UNGROUP, USAGE_OR };
	size_t n = 0;
	for (const char *p = usage; *p && n < max; ) {
		const char *q;
		if (*p == ' ') {
			p++;
			continue;
		}
		if ((q = strchr(singles, *p)) != NULL) {
			w[n++] = (struct usage_word){ single_kinds[q - singles], p, 1 };
			p++;
			continue;
		}
		if (!strncmp(p, "...", 3)) {
			w[n++] = (struct usage_word){ USAGE_MORE, p, 3 };
			p += 3;
			continue;
		}
		q = p;
		while (*q && *q != ' ' && !strchr(singles, *q) && strncmp(q, "...", 3))
			q++;
		w[n++] = (struct usage_word){ word_kind(p, (size_t)(q - p)), p, (size_t)(q - p) };
		p = q;
	}
	return n;
}

size_t usage_form(const char *usage, const char *name, int form, struct usage_word *w)
{
	struct usage_word all[USAGE_MAX_WORDS * 4];
	size_t n = split(usage, all, sizeof all / sizeof *all), start = 0, k = 0;
	int depth = 0, at = 0;
	for (size_t i = 0; i <= n; i++) {
		int ends = i == n || (depth == 0 && all[i].kind == USAGE_OR && i + 1 < n &&
				      usage_is(&all[i + 1], name));
		if (i < n && (all[i].kind == USAGE_OPEN || all[i].kind == USAGE_GROUP))
			depth++;
		else if (i < n && (all[i].kind == USAGE_CLOSE || all[i].kind == USAGE_UNGROUP))
			depth--;
		if (!ends)
			continue;
		if (at++ == form) {
			for (size_t j = start; j < i && k < USAGE_MAX_WORDS; j++)
				w[k++] = all[j];
			return k;
		}
		start = i + 1;
	}
	return 0;
}
