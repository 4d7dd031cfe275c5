/*
 * digest — SHA-256 (libcrypto) and lower-case hex, the one form in which the service stores
 * and compares digests: a document's sha256, a token's credentials.digest, a token itself.
 */
#ifndef BAOCAO_DIGEST_H
#define BAOCAO_DIGEST_H

#include <stddef.h>

/* 2n lower-case hex digits of in, and a NUL. */
void bc_hex(char *out, const unsigned char *in, size_t n);

/* SHA-256 of data as 64 lower-case hex digits and a NUL: 0, or -1 when libcrypto fails. */
int bc_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
