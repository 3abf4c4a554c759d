/* Change files between sites (sync.h): the header, the zlib payload, SHA-256
 * and Ed25519 signatures (nettle's hogweed), around the store's changeset.
 * Ed25519 because a signature and a key are short enough to print and
 * check by eye (32-byte keys), it has no parameters to get wrong, and nettle,
 * which duban already links for SHA-256, has it in its public-key half
 * (libhogweed, the same Debian package): no OpenSSL, no new dependency. */
#include <errno.h>
#include <limits.h>
#include <sys/random.h>
#include <time.h>
#include <nettle/eddsa.h>
#include <zlib.h>

#include "src/sync.h"
#include "src/sha256.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "src/banned.h"

#define MAGIC "duban sync 1\n"
#define KEY_MAGIC "duban sync key 1\n"
#define HEADER_MAX 4096

/* ---- hex and keys ---- */

static void to_hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* N bytes from 2N lowercase hex digits H (exactly); 0, or -1. */
static int from_hex(const char *h, unsigned char *b, size_t n)
{
	for (size_t i = 0; i < 2 * n; i++) {
		int c = h[i], v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (v < 0)
			return -1;
		if (i % 2)
			b[i / 2] = (unsigned char)(b[i / 2] | v);
		else
			b[i / 2] = (unsigned char)(v << 4);
	}
	return h[2 * n] == '\0' ? 0 : -1;
}

int sync_keygen(char secret_hex[65], char public_hex[65], struct err *e)
{
	unsigned char secret[ED25519_KEY_SIZE];
	size_t got = 0;
	while (got < sizeof secret) {
		ssize_t n = getrandom(secret + got, sizeof secret - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_set(e, ERR_INTERNAL, "cannot read random bytes for a key: %s", strerror(errno));
		got += (size_t)n;
	}
	to_hex(secret, sizeof secret, secret_hex);
	sync_public_of(secret_hex, public_hex);
	memset(secret, 0, sizeof secret);
	return 0;
}

void sync_public_of(const char *secret_hex, char public_hex[65])
{
	unsigned char secret[ED25519_KEY_SIZE], pub[ED25519_KEY_SIZE];
	if (from_hex(secret_hex, secret, sizeof secret)) {
		public_hex[0] = '\0';
		return;
	}
	ed25519_sha512_public_key(pub, secret);
	to_hex(pub, sizeof pub, public_hex);
	memset(secret, 0, sizeof secret);
}

void sync_pubkey_format(struct strbuf *out, const char *id, const char *name, const char *public_hex)
{
	sb_adds(out, KEY_MAGIC);
	sb_addf(out, "site %s %s\n", id, name);
	sb_addf(out, "key %s\n", public_hex);
}

/* The line of TEXT at *POS into LINE (NUL-terminated, without its newline);
 * -1 when there is none or it is longer than N - 1. */
static int next_line(const char *text, size_t len, size_t *pos, char *line, size_t n)
{
	size_t start = *pos, end = start;
	while (end < len && text[end] != '\n')
		end++;
	if (end >= len || end - start >= n)
		return -1;
	memcpy(line, text + start, end - start);
	line[end - start] = '\0';
	*pos = end + 1;
	return 0;
}

static int hex32(const char *s)
{
	unsigned char b[16];
	return from_hex(s, b, sizeof b) == 0;
}

/* "ID NAME" into ID and NAME. */
static int site_words(const char *s, char id[33], char name[65])
{
	if (strlen(s) < 34 || s[32] != ' ' || strlen(s + 33) > 64)
		return -1;
	memcpy(id, s, 32);
	id[32] = '\0';
	memcpy(name, s + 33, strlen(s + 33) + 1);
	return hex32(id) && store_sync_name_valid(name) ? 0 : -1;
}

int sync_pubkey_parse(const char *text, size_t len, const char *file, struct sync_pubkey *out,
		      struct err *e)
{
	char line[256];
	size_t pos = strlen(KEY_MAGIC);
	unsigned char key[ED25519_KEY_SIZE];
	memset(out, 0, sizeof *out);
	if (len < pos || memcmp(text, KEY_MAGIC, pos))
		goto bad;
	if (next_line(text, len, &pos, line, sizeof line) || strncmp(line, "site ", 5) || strlen(line) < 5 + 32 + 2 ||
	    line[5 + 32] != ' ')
		goto bad;
	if (site_words(line + 5, out->id, out->name))
		goto bad;
	if (next_line(text, len, &pos, line, sizeof line) || strncmp(line, "key ", 4) ||
	    from_hex(line + 4, key, sizeof key) || pos != len)
		goto bad;
	memcpy(out->key, line + 4, 64);
	out->key[64] = '\0';
	return 0;
bad:
	return err_set(e, ERR_INPUT, "'%s' is not a site's public key as 'duban sync keygen' writes it "
		       "(three lines: 'duban sync key 1', 'site ID NAME', 'key HEX'); ask the site for "
		       "its .pub file again", file);
}

/* ---- the header ---- */

static void now_text(char out[32])
{
	struct timespec ts;
	struct tm tm;
	util_now(&ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The header of H for a payload of ZSIZE bytes (RAW before compression)
 * with SHA-256 SHA, signed with SECRET_HEX, into OUT. */
static void header_write(struct strbuf *out, const struct store_sync_head *h, size_t zsize, size_t raw,
			 const char *sha, const char *secret_hex)
{
	unsigned char secret[ED25519_KEY_SIZE], pub[ED25519_KEY_SIZE], sig[ED25519_SIGNATURE_SIZE];
	char made[32], pub_hex[65], sig_hex[2 * ED25519_SIGNATURE_SIZE + 1];
	size_t start = out->len;
	now_text(made);
	sync_public_of(secret_hex, pub_hex);
	sb_adds(out, MAGIC);
	sb_addf(out, "kind %s\n", h->receipt ? "receipt" : "changes");
	sb_addf(out, "from %s %s\n", h->from, h->from_name);
	sb_addf(out, "to %s %s\n", h->to, h->to_name);
	sb_addf(out, "serial %lld\n", h->serial);
	sb_addf(out, "range %lld %lld\n", h->first, h->last);
	sb_addf(out, "ack %lld\n", h->ack);
	sb_addf(out, "rows %lld\n", h->rows);
	sb_addf(out, "made %s\n", made);
	sb_addf(out, "payload %s %zu %zu\n", zsize ? "zlib" : "none", zsize, raw);
	sb_addf(out, "sha256 %s\n", sha);
	sb_addf(out, "key %s\n", pub_hex);
	from_hex(secret_hex, secret, sizeof secret);
	from_hex(pub_hex, pub, sizeof pub);
	ed25519_sha512_sign(pub, secret, out->len - start, (const uint8_t *)out->buf + start, sig);
	memset(secret, 0, sizeof secret);
	to_hex(sig, sizeof sig, sig_hex);
	sb_addf(out, "signature %s\n\n", sig_hex);
}

/* A file's header as read. */
struct sync_file {
	struct store_sync_head h;
	char method[8];
	size_t zsize, raw;
	char sha[65], key[65], sig[129];
	size_t signed_len, payload;    /* bytes signed (from the start); where the payload starts */
};

static int num(const char *s, long long *v)
{
	char *end;
	if (*s < '0' || *s > '9' || strlen(s) > 18)
		return -1;
	*v = strtoll(s, &end, 10);
	return *end ? -1 : 0;
}

static int file_parse(const char *buf, size_t len, const char *file, struct sync_file *f, struct err *e)
{
	static const char *const names[] = { "kind", "from", "to", "serial", "range", "ack", "rows", "made",
					     "payload", "sha256", "key", "signature" };
	char line[512];
	size_t pos = strlen(MAGIC);
	long long zs = 0, raw = 0;

	memset(f, 0, sizeof *f);
	if (len < pos || memcmp(buf, MAGIC, pos))
		return err_set(e, ERR_INPUT, "'%s' is not a duban change file (it does not start '%.12s'); "
			       "name a file 'duban sync export' or 'duban sync apply' wrote", file, MAGIC);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		size_t n = strlen(names[i]);
		const char *v = line + n + 1;
		int bad = 0;
		if (!strcmp(names[i], "signature"))
			f->signed_len = pos;
		if (next_line(buf, len < HEADER_MAX ? len : HEADER_MAX, &pos, line, sizeof line) ||
		    strncmp(line, names[i], n) || line[n] != ' ')
			return err_set(e, ERR_INPUT, "'%s' is damaged: its header's line %zu is not '%s …'; "
				       "ask for the file again", file, i + 2, names[i]);
		switch (i) {
		case 0:
			f->h.receipt = !strcmp(v, "receipt");
			bad = !f->h.receipt && strcmp(v, "changes");
			break;
		case 1: bad = site_words(v, f->h.from, f->h.from_name); break;
		case 2: bad = site_words(v, f->h.to, f->h.to_name); break;
		case 3: bad = num(v, &f->h.serial); break;
		case 4: {
			char a[24], b[24];
			bad = sscanf(v, "%23s %23s", a, b) != 2 || num(a, &f->h.first) || num(b, &f->h.last);
			break;
		}
		case 5: bad = num(v, &f->h.ack); break;
		case 6: bad = num(v, &f->h.rows); break;
		case 7: bad = strlen(v) != 20 || v[4] != '-' || v[10] != 'T' || v[19] != 'Z'; break;
		case 8: {
			char a[24], b[24];
			bad = sscanf(v, "%7s %23s %23s", f->method, a, b) != 3 || num(a, &zs) || num(b, &raw) ||
			      (strcmp(f->method, "zlib") && strcmp(f->method, "none"));
			break;
		}
		case 9: bad = strlen(v) != 64 || snprintf(f->sha, sizeof f->sha, "%s", v) < 0; break;
		case 10: bad = strlen(v) != 64 || snprintf(f->key, sizeof f->key, "%s", v) < 0; break;
		default: bad = strlen(v) != 128 || snprintf(f->sig, sizeof f->sig, "%s", v) < 0; break;
		}
		if (bad)
			return err_set(e, ERR_INPUT, "'%s' is damaged: its header's line '%s …' cannot be read; "
				       "ask for the file again", file, names[i]);
	}
	if (pos >= len || buf[pos] != '\n')
		return err_set(e, ERR_INPUT, "'%s' is damaged: its header does not end with an empty line", file);
	f->payload = pos + 1;
	f->zsize = (size_t)zs;
	f->raw = (size_t)raw;
	return 0;
}

/* ---- compression ---- */

struct deflater {
	z_stream z;
	struct strbuf *out;
	size_t raw;
	int failed;
};

static int deflate_some(struct deflater *d, int flush)
{
	unsigned char chunk[65536];
	int ret;
	do {
		d->z.next_out = chunk;
		d->z.avail_out = sizeof chunk;
		ret = deflate(&d->z, flush);
		if (ret == Z_STREAM_ERROR)
			return -1;
		sb_add(d->out, (const char *)chunk, sizeof chunk - d->z.avail_out);
	} while (d->z.avail_out == 0);
	return flush == Z_FINISH && ret != Z_STREAM_END ? -1 : 0;
}

static int deflate_write(void *ctx, const void *data, int n)
{
	struct deflater *d = ctx;
	d->z.next_in = (Bytef *)(uintptr_t)data;
	d->z.avail_in = (uInt)n;
	d->raw += (size_t)n;
	if (d->raw > SYNC_FILE_MAX || deflate_some(d, Z_NO_FLUSH)) {
		d->failed = 1;
		return 1;
	}
	return 0;
}

struct inflater {
	z_stream z;
	const unsigned char *in;
	size_t left;          /* compressed bytes not yet given to zlib */
	size_t raw, want;     /* bytes given out; bytes the header says */
	int ended, bad;
};

/* sqlite3changeset_start_strm's reader: up to *N bytes into BUF. */
static int inflate_read(void *ctx, void *buf, int *n)
{
	struct inflater *x = ctx;
	int ret = Z_OK;
	x->z.next_out = buf;
	x->z.avail_out = (uInt)*n;
	while (x->z.avail_out && !x->ended) {
		if (!x->z.avail_in && x->left) {
			uInt take = x->left > UINT_MAX ? UINT_MAX : (uInt)x->left;
			x->z.next_in = (Bytef *)(uintptr_t)x->in;
			x->z.avail_in = take;
			x->in += take;
			x->left -= take;
		}
		ret = inflate(&x->z, Z_NO_FLUSH);
		if (ret == Z_STREAM_END)
			x->ended = 1;
		else if (ret != Z_OK || (!x->z.avail_in && !x->left && x->z.avail_out))
			break;
	}
	*n -= (int)x->z.avail_out;
	x->raw += (size_t)*n;
	/* the end: the stream whole, and as long as the header says */
	if ((ret != Z_OK && ret != Z_STREAM_END) || x->raw > x->want ||
	    (!*n && (!x->ended || x->raw != x->want))) {
		x->bad = 1;
		return 1;
	}
	return 0;
}

/* An uncompressed payload's reader. */
static int plain_read(void *ctx, void *buf, int *n)
{
	struct inflater *x = ctx;
	size_t take = x->left < (size_t)*n ? x->left : (size_t)*n;
	memcpy(buf, x->in, take);
	x->in += take;
	x->left -= take;
	x->raw += take;
	*n = (int)take;
	return 0;
}

/* ---- export and receipts ---- */

struct export_ctx {
	struct deflater d;
	struct strbuf payload;
	struct strbuf *out;
	char secret[65];
};

static int export_finish(void *ctx, const struct store_sync_head *h, struct err *e)
{
	struct export_ctx *x = ctx;
	char sha[65];
	if (x->d.failed || deflate_some(&x->d, Z_FINISH))
		return err_set(e, ERR_IO, "cannot compress the change file (over %zu MB?)", SYNC_FILE_MAX >> 20);
	if (!x->d.raw)
		sb_reset(&x->payload);
	sha256_hex(x->payload.buf ? x->payload.buf : "", x->payload.len, sha);
	header_write(x->out, h, x->payload.len, x->d.raw, sha, x->secret);
	sb_add(x->out, x->payload.buf ? x->payload.buf : "", x->payload.len);
	return 0;
}

int sync_export(struct store *s, const char *login, const char *to, struct strbuf *out,
		struct store_sync_head *h, struct err *e)
{
	struct export_ctx x;
	struct store_sync_sink sink = { deflate_write, export_finish, &x };
	int rc;
	memset(&x, 0, sizeof x);
	x.out = out;
	x.d.out = &x.payload;
	if ((rc = store_sync_secret(s, login, x.secret, e)))
		return rc;
	if (deflateInit(&x.d.z, Z_DEFAULT_COMPRESSION) != Z_OK)
		return err_set(e, ERR_INTERNAL, "cannot start zlib");
	rc = store_sync_export(s, login, to, &sink, h, e);
	deflateEnd(&x.d.z);
	sb_release(&x.payload);
	memset(x.secret, 0, sizeof x.secret);
	return rc;
}

int sync_receipt(struct store *s, const char *login, const char *peer, struct strbuf *out,
		 struct store_sync_head *h, struct err *e)
{
	struct store_sync_site site;
	struct store_sync_peer p;
	char secret[65], sha[65];
	int rc;
	memset(h, 0, sizeof *h);
	if ((rc = store_sync_secret(s, login, secret, e)))
		return rc;
	if ((rc = store_sync_site_get(s, &site, e)))
		return rc;
	if ((rc = store_sync_peer_get(s, peer, 0, &p, e))) {
		store_sync_site_release(&site);
		return rc;
	}
	h->receipt = 1;
	snprintf(h->from, sizeof h->from, "%s", site.id);
	snprintf(h->from_name, sizeof h->from_name, "%s", site.name);
	snprintf(h->to, sizeof h->to, "%s", p.id);
	snprintf(h->to_name, sizeof h->to_name, "%s", p.name);
	h->serial = site.serial;
	h->ack = p.received;
	sha256_hex("", 0, sha);
	header_write(out, h, 0, 0, sha, secret);
	memset(secret, 0, sizeof secret);
	store_sync_site_release(&site);
	store_sync_peer_release(&p);
	return 0;
}

/* ---- apply ---- */

/* Prefix the store's reason with the file's name. */
static int refuse(struct err *e, const char *file)
{
	char why[sizeof e->msg];
	snprintf(why, sizeof why, "%s", e->msg);
	return err_set(e, e->code ? e->code : ERR_INPUT, "refused '%s': %s; nothing of it was applied", file, why);
}

int sync_apply(struct store *s, const char *login, const char *file, const char *buf, size_t len,
	       int dry_run, struct store_sync_head *h, struct store_sync_result *r, struct err *e)
{
	struct sync_file f;
	struct store_sync_peer p;
	struct inflater x;
	struct store_sync_in in;
	unsigned char key[ED25519_KEY_SIZE], sig[ED25519_SIGNATURE_SIZE];
	char sha[65];
	int rc;

	memset(r, 0, sizeof *r);
	memset(h, 0, sizeof *h);
	if ((rc = file_parse(buf, len, file, &f, e)))
		return rc;
	*h = f.h;
	rc = store_sync_peer_get(s, f.h.from, 0, &p, e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_DENIED, "refused '%s': it is signed as the site '%s' (id %s, key %.16s…), "
			       "which this site does not trust; nothing of it was applied (trust the site's "
			       "key with 'duban sync trust FILE.pub' if it is one of yours)", file, f.h.from_name,
			       f.h.from, f.key);
	if (rc)
		return rc;
	rc = from_hex(p.key_hex, key, sizeof key) || from_hex(f.sig, sig, sizeof sig) ||
	     !ed25519_sha512_verify(key, f.signed_len, (const uint8_t *)buf, sig);
	if (rc && strcmp(f.key, p.key_hex))
		rc = err_set(e, ERR_DENIED, "refused '%s': it is signed with the key %.16s…, not with the "
			     "key this site trusts for '%s' (%.16s…): a key this site does not trust (if "
			     "'%s' made a new key, trust its new .pub file); nothing of it was applied", file,
			     f.key, p.name, p.key_hex, p.name);
	else if (rc)
		rc = err_set(e, ERR_DENIED, "refused '%s': its signature does not verify with the key trusted "
			     "for '%s': it was changed after it was signed (damaged or tampered with); "
			     "nothing of it was applied; ask for it again", file, p.name);
	store_sync_peer_release(&p);
	if (rc)
		return rc;
	if (len - f.payload != f.zsize)
		return err_set(e, ERR_INPUT, "refused '%s': it is damaged (%zu bytes of content, not the %zu "
			       "its header says: cut short?); nothing of it was applied", file, len - f.payload,
			       f.zsize);
	sha256_hex(buf + f.payload, f.zsize, sha);
	if (strcmp(sha, f.sha))
		return err_set(e, ERR_INPUT, "refused '%s': it is damaged (its content does not have the "
			       "SHA-256 it was signed with); nothing of it was applied; ask for it again", file);
	memset(&x, 0, sizeof x);
	x.in = (const unsigned char *)buf + f.payload;
	x.left = f.zsize;
	x.want = f.raw;
	in.head = &f.h;
	in.sha256 = sha;
	in.ctx = &x;
	in.read = strcmp(f.method, "zlib") ? plain_read : inflate_read;
	if (in.read == inflate_read && inflateInit(&x.z) != Z_OK)
		return err_set(e, ERR_INTERNAL, "cannot start zlib");
	rc = store_sync_apply(s, login, &in, dry_run, r, e);
	if (in.read == inflate_read)
		inflateEnd(&x.z);
	if (rc && rc != -ERR_DB)
		refuse(e, file);
	return rc;
}
