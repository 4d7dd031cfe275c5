/*
 * nfc — Unicode NFC (libunistring) into a caller's buffer, the form in which the service
 * stores and compares text that people type: a preparer's name, a request's subject.
 */
#ifndef BAOCAO_NFC_H
#define BAOCAO_NFC_H

#include <stddef.h>

/* in, in NFC, into out (size bytes, NUL-terminated): 0; -1 when libunistring cannot normalise
 * it; -2 when it does not fit. */
int bc_nfc(const char *in, char *out, size_t size);

#endif
