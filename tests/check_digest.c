/*
 * check_digest — the service's SHA-256 against the published test vectors (FIPS 180-2 and the
 * NIST "million a" message), also when called many times in one process: the implementation
 * is fetched once and reused, and a reused one must not carry state from the last digest.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/digest.h"

static const struct vector {
	const char *message;	/* NULL: one million 'a' */
	const char *sha256;
} vectors[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ NULL, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
};

START_TEST(each_vector_digests_as_published)
{
	const struct vector *v = &vectors[_i];
	const struct vector *other = &vectors[(_i + 1) % 3];	/* published, never the million */
	char hex[65], *million = NULL;
	const char *msg = v->message;
	size_t len;
	int round;

	if (msg == NULL) {
		million = malloc(1000000);
		ck_assert_ptr_nonnull(million);
		memset(million, 'a', 1000000);
		msg = million;
		len = 1000000;
	} else
		len = strlen(msg);
	/* twice, with another message between: nothing of one digest leaks into the next */
	for (round = 0; round < 2; round++) {
		memset(hex, 'x', sizeof(hex));
		ck_assert_int_eq(bc_sha256_hex(msg, len, hex), 0);
		ck_assert_str_eq(hex, v->sha256);
		ck_assert_int_eq(bc_sha256_hex(other->message, strlen(other->message), hex), 0);
		ck_assert_str_eq(hex, other->sha256);
	}
	free(million);
}
END_TEST

START_TEST(hex_is_lower_case_two_digits_a_byte)
{
	const unsigned char in[] = { 0x00, 0x0f, 0xa0, 0xff };
	char out[9];

	bc_hex(out, in, sizeof(in));
	ck_assert_str_eq(out, "000fa0ff");
}
END_TEST

Suite *
suite_digest(void)
{
	Suite *s = suite_create("digest");
	TCase *tc = tcase_create("sha256");

	tcase_add_loop_test(tc, each_vector_digests_as_published, 0,
	    sizeof(vectors) / sizeof(vectors[0]));
	tcase_add_test(tc, hex_is_lower_case_two_digits_a_byte);
	suite_add_tcase(s, tc);
	return s;
}
