/*
 * auth — turns the credential a request carries into the unit it belongs to. Tokens are
 * hashed before they go anywhere; a certificate is trusted only when nginx says it verified
 * it. Whatever fails, the answer is the same 401, so a caller learns nothing about why.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "baocao/auth.h"
#include "baocao/digest.h"

void
bc_auth_token_digest(const char *token, char digest[65])
{
	bc_sha256_hex(token, strlen(token), digest);
}

/* The token of "Bearer <token>", or NULL. Tokens are printable ASCII without spaces. */
static const char *
bearer_token(const char *authorization, char *buf, size_t size)
{
	const char *t;
	size_t n;

	if (strncasecmp(authorization, "Bearer ", 7) != 0)
		return NULL;
	for (t = authorization + 7; *t == ' '; t++)
		;
	n = strcspn(t, " \t");
	if (n == 0 || n >= size || t[n] != '\0')
		return NULL;
	memcpy(buf, t, n);
	buf[n] = '\0';
	return buf;
}

/* nginx writes the fingerprint in lower-case hex; accept either case. */
static int
fingerprint_digest(const char *fp, char digest[65])
{
	size_t n = strlen(fp), i;

	if (n != 40 && n != 64)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)fp[i]))
			return -1;
		digest[i] = (char)tolower((unsigned char)fp[i]);
	}
	digest[n] = '\0';
	return 0;
}

enum bc_err
bc_auth_identify(struct bc_store *st, const struct bc_request *req, struct bc_unit *caller)
{
	char token[256], digest[65];
	enum bc_err e;

	if (bearer_token(req->authorization, token, sizeof(token)) != NULL)
		bc_auth_token_digest(token, digest);
	else if (strcmp(req->ssl_verify, "SUCCESS") != 0 ||
	    fingerprint_digest(req->ssl_fingerprint, digest) != 0)
		return BC_E_UNAUTHORIZED;
	memset(token, 0, sizeof(token));
	e = bc_store_credential(st, digest, caller);
	return e == BC_E_NOT_FOUND ? BC_E_UNAUTHORIZED : e;
}
