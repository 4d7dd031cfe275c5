/*
 * nfc — one place for libunistring's normalisation into a bounded buffer, so that every text
 * the service keeps in NFC is normalised, and found too long, the same way.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>

#include "baocao/nfc.h"

int
bc_nfc(const char *in, char *out, size_t size)
{
	size_t len = size - 1;
	uint8_t *r;

	r = u8_normalize(UNINORM_NFC, (const uint8_t *)in, strlen(in), (uint8_t *)out, &len);
	if (r == NULL)
		return -1;
	if (r != (uint8_t *)out) {	/* did not fit: libunistring allocated */
		free(r);
		return -2;
	}
	out[len] = '\0';
	return 0;
}
