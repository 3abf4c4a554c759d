/* Change files between sites (issue 17): the file around SQLite's changeset
 * of what a peer lacks. A file is a header of text lines (the sender and the
 * receiver, the range of the sender's links it covers, what it acknowledges,
 * the SHA-256 of its payload and an Ed25519 signature over the header)
 * followed by the payload: the changeset, compressed with zlib. man/duban.1
 * (FILES) describes it line by line. Keys are Ed25519 (nettle's hogweed);
 * what travels and how it is applied is store/store_sync.c's. */
#ifndef DUBAN_SYNC_H
#define DUBAN_SYNC_H

#include <stddef.h>

#include "src/err.h"
#include "src/util.h"
#include "store/store_sync.h"

struct store;

/* The largest change file read or written: 2 GiB. */
#define SYNC_FILE_MAX ((size_t)2 << 30)

/* A new Ed25519 key pair, as 64 hex digits each (65 bytes). 0, or
 * -ERR_INTERNAL when no random bytes can be had. */
int sync_keygen(char secret_hex[65], char public_hex[65], struct err *e);
/* The public key of SECRET_HEX into PUBLIC_HEX. */
void sync_public_of(const char *secret_hex, char public_hex[65]);

/* A site's public key file: its id, name and key, three lines. */
struct sync_pubkey { char id[33], name[65], key[65]; };
void sync_pubkey_format(struct strbuf *out, const char *id, const char *name, const char *public_hex);
/* Read the key file TEXT (LEN bytes) named FILE into *OUT; -ERR_INPUT
 * saying what is wrong. */
int sync_pubkey_parse(const char *text, size_t len, const char *file, struct sync_pubkey *out,
		      struct err *e);

/* Export for site TO (a name or id) what it has not acknowledged, signed: the whole file into OUT, what it
 * carries into *H. Recorded as sent once made (store_sync_export). */
int sync_export(struct store *s, const char *login, const char *to, struct strbuf *out,
		struct store_sync_head *h, struct err *e);

/* A receipt for site PEER (a name or id): which of its links this site
 * holds, signed, into OUT. Nothing is written to the database. */
int sync_receipt(struct store *s, const char *login, const char *peer, struct strbuf *out,
		 struct store_sync_head *h, struct err *e);

/* Apply the change file or receipt BUF (LEN bytes): read its header, check
 * its signature with the key trusted for its sender, its payload's SHA-256,
 * then store_sync_apply. *H gets its header. Refusals name the file
 * (FILE) and say why; nothing is written then. */
int sync_apply(struct store *s, const char *login, const char *file, const char *buf, size_t len,
	       int dry_run, struct store_sync_head *h, struct store_sync_result *r, struct err *e);

#endif
