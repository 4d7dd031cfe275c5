/*
 * digest — SHA-256 from libcrypto, written as lower-case hex by a table rather than by
 * snprintf: the body of every filing and every request's token pass through here, and 32
 * calls of snprintf cost more than the hash of a token.
 *
 * The implementation is fetched from OpenSSL's provider once per process: EVP_sha256()
 * passed to EVP_Digest makes OpenSSL 3 look it up again on every call, which the profile of
 * a filing showed costing as much as the two hashes themselves.
 */
#include <pthread.h>

#include <openssl/evp.h>

#include "baocao/digest.h"

static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void
fetch_sha256(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

void
bc_hex(char *out, const unsigned char *in, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int
bc_sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	pthread_once(&sha256_once, fetch_sha256);
	if (sha256_md == NULL || EVP_Digest(data, len, md, &n, sha256_md, NULL) != 1 || n != 32) {
		hex[0] = '\0';
		return -1;
	}
	bc_hex(hex, md, n);
	return 0;
}
