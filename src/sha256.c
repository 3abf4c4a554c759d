/* SHA-256 digests through nettle, for document and evidence identity. */
#include <nettle/sha2.h>

#include "src/sha256.h"
#include "src/util.h"
#include "src/banned.h"

void sha256_hex(const void *buf, size_t len, char hex[65])
{
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, buf);
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}
