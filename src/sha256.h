/* SHA-256 of a buffer as 64 lowercase hex digits (nettle). */
#ifndef DUBAN_SHA256_H
#define DUBAN_SHA256_H

#include <stddef.h>

/* Write the hex digest of BUF[0..LEN) into HEX (65 bytes, NUL-terminated). */
void sha256_hex(const void *buf, size_t len, char hex[65]);

#endif
