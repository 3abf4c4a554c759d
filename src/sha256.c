/* SHA-256 digests through nettle, for document and evidence identity. */
#include <nettle/sha2.h>

#include "src/sha256.h"
#include "src/util.h"
#include "src/banned.h"

void sha256_hex(const void *buf, size_t len, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, buf);
	sha256_digest(&ctx, sizeof d, d);
	/* by hand: 32 snprintf calls cost more than hashing a chain link */
	for (size_t i = 0; i < sizeof d; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * sizeof d] = '\0';
}
