/* The locale duban runs in and the encoding of what it prints for people:
 * a locale that cannot show Chinese (POSIX/C, ASCII or another single-byte
 * codeset) is swapped for a UTF-8 one; a multibyte Chinese locale such as
 * zh_CN.GB18030 is kept. Text inside duban is UTF-8 always; the UI hands
 * curses wide characters, and the command line's tables are converted here. */
#ifndef DUBAN_CHARSET_H
#define DUBAN_CHARSET_H

#include <stdio.h>

#include "src/util.h"

enum charset_state {
	CHARSET_OK,        /* the user's locale can show Chinese: kept */
	CHARSET_SWITCHED,  /* it could not; a UTF-8 locale is used instead */
	CHARSET_NONE       /* it could not, and no UTF-8 locale is installed */
};

/* Set the locale from the environment (setlocale(LC_ALL, "")); call first.
 * When its codeset has one byte a character, switch to the first UTF-8
 * locale that exists (C.UTF-8, C.utf8, en_US.UTF-8): CHARSET_SWITCHED, with
 * NOTICE saying so and how to make it the user's own; none exists:
 * CHARSET_NONE, the user's locale kept, NOTICE giving the exact fix. */
enum charset_state charset_setup(struct strbuf *notice);
/* The same trying the UTF-8 locales UTF8_LOCALES (NULL-ended) in turn (for
 * the tests: glibc builds C.UTF-8 in, so only a list of missing ones shows
 * the refusal). */
enum charset_state charset_setup_with(const char *const *utf8_locales, struct strbuf *notice);

/* The codeset of the locale in use ("UTF-8", "GB18030"); static. */
const char *charset_name(void);
/* 1 when the locale's codeset is UTF-8. */
int charset_is_utf8(void);

/* Append S (UTF-8) to OUT in the locale's codeset when that is a
 * multibyte one other than UTF-8 (GB18030, GBK, Big5), a character it
 * cannot represent as '?'; else S as it is. */
void charset_to_locale(struct strbuf *out, const char *s);
/* Write S (UTF-8) to F in the locale's codeset (charset_to_locale). */
void charset_fputs(const char *s, FILE *f);

#endif
