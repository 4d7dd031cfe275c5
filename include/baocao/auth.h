/*
 * auth — who is calling. A request carries either `Authorization: Bearer <token>` or, behind
 * an nginx that verified a TLS client certificate, the certificate's fingerprint
 * (SSL_CLIENT_VERIFY, SSL_CLIENT_FINGERPRINT). Either is reduced to a digest and looked up;
 * the secret itself is never stored, logged or echoed.
 */
#ifndef BAOCAO_AUTH_H
#define BAOCAO_AUTH_H

#include "baocao/http.h"
#include "baocao/store.h"
#include "baocao/unit.h"

/* BC_OK with the caller's unit, BC_E_UNAUTHORIZED, or BC_E_DB. */
enum bc_err bc_auth_identify(struct bc_store *, const struct bc_request *, struct bc_unit *caller);

/* SHA-256 of a token as stored in credentials.digest (lower-case hex). */
void bc_auth_token_digest(const char *token, char digest[65]);

#endif
