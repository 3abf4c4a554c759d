/* The locale at start, and UTF-8 text written in the locale's codeset. */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <uniconv.h>

#include "src/charset.h"
#include "src/util.h"
#include "src/banned.h"

static const char *const default_utf8[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8", NULL };

/* The name the user's environment gives the locale, for messages. */
static const char *wanted_name(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG", NULL };
	for (const char *const *v = vars; *v; v++) {
		const char *s = getenv(*v);
		if (s && *s)
			return s;
	}
	return "POSIX";
}

enum charset_state charset_setup(struct strbuf *notice)
{
	return charset_setup_with(default_utf8, notice);
}

enum charset_state charset_setup_with(const char *const *utf8_locales, struct strbuf *notice)
{
	const char *had, *codeset;
	char *name;
	had = setlocale(LC_ALL, "");
	if (!had)
		had = setlocale(LC_ALL, NULL);
	if (MB_CUR_MAX > 1)
		return CHARSET_OK;
	/* one byte a character: no Chinese. The names of what was asked
	 * for and what was given, before the switch changes them */
	name = xstrdup(wanted_name());
	codeset = nl_langinfo(CODESET);
	for (const char *const *l = utf8_locales; *l; l++) {
		if (setlocale(LC_ALL, *l) && MB_CUR_MAX > 1) {
			sb_addf(notice, "the locale '%s' (%s) cannot show Chinese, so duban uses %s; to make it "
				"yours, set LANG=%s (e.g. in ~/.profile)", name, codeset ? codeset : "?", *l, *l);
			free(name);
			return CHARSET_SWITCHED;
		}
	}
	setlocale(LC_ALL, "");
	sb_addf(notice, "the locale '%s' cannot show Chinese and no UTF-8 locale is installed; install "
		"one (as root: apt-get install locales && dpkg-reconfigure locales, choosing zh_CN.UTF-8) "
		"and run duban with LANG=zh_CN.UTF-8", name);
	free(name);
	return CHARSET_NONE;
}

const char *charset_name(void)
{
	return locale_charset();
}

int charset_is_utf8(void)
{
	const char *c = locale_charset();
	return !strcmp(c, "UTF-8");
}

void charset_to_locale(struct strbuf *out, const char *s)
{
	size_t n = 0;
	char *conv;
	/* UTF-8 as it is, and in a one-byte codeset too (no UTF-8 locale to
	 * switch to: '?' for every Chinese character would say less) */
	if (MB_CUR_MAX == 1 || charset_is_utf8()) {
		sb_adds(out, s);
		return;
	}
	conv = u8_conv_to_encoding(locale_charset(), iconveh_question_mark, (const uint8_t *)s, strlen(s),
				   NULL, NULL, &n);
	if (!conv) {
		/* the codeset is unknown to iconv: the bytes as they are */
		sb_adds(out, s);
		return;
	}
	sb_add(out, conv, n);
	free(conv);
}

void charset_fputs(const char *s, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	charset_to_locale(&sb, s);
	fwrite(sb_str(&sb), 1, sb.len, f);
	sb_release(&sb);
}
