/* All measuring, wrapping, normalising and matching of text goes through here,
 * built on libunistring (widths, UAX #14 line breaks, normalisation) and OpenCC
 * (traditional -> simplified, for match keys only). Never strlen for columns. */
#ifndef DUBAN_TEXT_H
#define DUBAN_TEXT_H

#include <stddef.h>
#include <wchar.h>

#include "src/util.h"

/* Display width in terminal columns of the UTF-8 string S (wide CJK = 2).
 * Control characters count as the width of their escaped form (see
 * text_escape). Invalid UTF-8 bytes count 1 each. */
int text_width(const char *s);
int text_width_n(const char *s, size_t n);

/* A newly allocated NFC (resp. NFKC) form of S. Caller frees. */
char *text_nfc(const char *s);
char *text_nfkc(const char *s);

/* Traditional -> simplified (OpenCC t2s) of S; S itself if OpenCC's data is
 * missing. Caller frees. */
char *text_simplified(const char *s);

/* The key used to match names and search text: NFKC, traditional -> simplified,
 * ASCII lowercased, white space removed. Caller frees. */
char *text_match_key(const char *s);

/* The two fast paths text_match_key tries before libunistring and OpenCC,
 * for the test that holds them to the libraries (tests/unit/test_fastpath.c):
 * the NFKC of S, and the match key of S, each newly allocated, or NULL when S
 * has a character that path does not know. When not NULL they equal
 * u8_normalize's NFKC and the key made the whole way. Caller frees. */
char *text_nfkc_fast(const char *s);
char *text_match_key_fast(const char *s);

/* THE escaping of text that leaves for a terminal: append the N bytes of S
 * (which may hold NUL bytes and invalid UTF-8) to SB with every character
 * that could act on a terminal or hide what it shows replaced by a visible
 * form, so that nothing can move the cursor, retitle the window, set the
 * clipboard (OSC 52) or reorder what is read:
 * - C0 controls and DEL: "^[" for ESC, "^G" for BEL, "^?" for DEL;
 * - C1 controls (U+0080-U+009F), the format characters (Unicode category
 *   Cf: the bidi controls U+202A-U+202E, U+2066-U+2069, U+061C, LRM, RLM,
 *   zero-width characters, tag characters, ...) and U+2028, U+2029:
 *   "\u202e" style;
 * - an invalid byte: "?".
 * Newlines and tabs become a space unless KEEP says TEXT_KEEP_NL or
 * TEXT_KEEP_TAB; '\r' always becomes a space. Anything else is copied. */
enum { TEXT_KEEP_NL = 1, TEXT_KEEP_TAB = 2 };
void text_escape_n(struct strbuf *sb, const char *s, size_t n, int keep);
/* text_escape_n of the string S, keeping '\n' when KEEP_NL. */
void text_escape(struct strbuf *sb, const char *s, int keep_nl);

/* Append S to SB cut to at most WIDTH columns (a '~' marks a cut) and padded
 * with spaces to exactly WIDTH columns. ALIGN: 'l' left, 'r' right. */
void text_pad(struct strbuf *sb, const char *s, int width, char align);

/* Longest prefix of S (in bytes) that fits in WIDTH columns. */
size_t text_fit(const char *s, int width);

/* For a terminal library that takes wide characters: decode into OUT (room
 * for strlen(S) of them) the longest prefix of S that fits in WIDTH columns,
 * cut as text_fit cuts it, and into WIDTHS (the same room, or NULL) the
 * width of each. Returns how many characters, (size_t)-1 if S is not valid
 * UTF-8 or wchar_t is not UCS-4 (then OUT means nothing). *COLS gets their
 * width by text_width; *PLAIN is 1 if every one of them has that same
 * width, at least one column, by the C library's wcwidth() (which curses
 * goes by): then they fill exactly *COLS cells and none joins the cell
 * before. */
size_t text_fit_wide(const char *s, int width, wchar_t *out, unsigned char *widths, int *cols,
		     int *plain);

/* Wrap S into lines of at most WIDTH columns by UAX #14 line breaking (so no
 * line starts with a closing Chinese punctuation mark like '，' or '。').
 * Returns the number of lines; *LINES is an array of newly allocated strings
 * (free each and the array with text_lines_free). Explicit '\n' breaks a line. */
size_t text_wrap(const char *s, int width, char ***lines);
void text_lines_free(char **lines, size_t n);

/* 1 if S is valid UTF-8. */
int text_valid_utf8(const char *s, size_t n);

/* Edit distance between the code point sequences of A and B (for "did you mean"). */
int text_distance(const char *a, const char *b);

/* Length in code points of the longest run of characters A and B share. */
int text_common_run(const char *a, const char *b);

/* Release OpenCC. Safe to call more than once. */
void text_cleanup(void);

#endif
