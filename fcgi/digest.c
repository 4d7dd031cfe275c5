/*
 * digest — SHA-256 from libcrypto, written as lower-case hex by a table rather than by
 * snprintf: the body of every filing and every request's token pass through here, and 32
 * calls of snprintf cost more than the hash of a token.
 */
#include <openssl/evp.h>

#include "baocao/digest.h"

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

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32) {
		hex[0] = '\0';
		return -1;
	}
	bc_hex(hex, md, n);
	return 0;
}
