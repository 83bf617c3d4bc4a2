/* The multi-pattern matcher. */
#include "testutil.h"
#include "match.h"
#include <glib.h>
#include <string.h>

static const char *const pats[] = {
  "user unknown", "mailbox * full", "unknown", "full", "a*b*c", "spam",
};
#define N G_N_ELEMENTS(pats)

static bn_matcher *m;
static bool hits[N];

static void
scan(const char *text)
{
  bn_matcher_scan(m, text, strlen(text), hits);
}

static void
setup(void)
{
  m = bn_matcher_new(pats, N);
}

static void
teardown(void)
{
  bn_matcher_free(m);
}

START_TEST(test_plain)
{
  scan("550 User Unknown here");
  ck_assert(hits[0]);
  ck_assert(hits[2]);
  ck_assert(!hits[1]);
  ck_assert(!hits[5]);
  ck_assert_uint_eq(bn_matcher_size(m), N);
}
END_TEST

START_TEST(test_whitespace_and_case)
{
  scan("USER\n    UNKNOWN");
  ck_assert(hits[0]);
  scan("user\t\tunknown");
  ck_assert(hits[0]);
  scan("userunknown");
  ck_assert(!hits[0]);
  ck_assert(hits[2]);
}
END_TEST

START_TEST(test_gap)
{
  scan("the mailbox of this user is full");
  ck_assert(hits[1]);
  scan("mailbox full");
  ck_assert_msg(!hits[1], "'mailbox * full' needs a word between");
  ck_assert(hits[3]);
  scan("full mailbox");
  ck_assert(!hits[1]);
  GString *far = g_string_new("mailbox ");
  for (int i = 0; i < 40; i++)
    g_string_append(far, "word ");
  g_string_append(far, "full");
  scan(far->str);
  ck_assert_msg(!hits[1], "a gap longer than BN_MATCH_GAP does not match");
  g_string_free(far, TRUE);
}
END_TEST

START_TEST(test_chain_order)
{
  scan("xx a yy b zz c");
  ck_assert(hits[4]);
  scan("c b a");
  ck_assert(!hits[4]);
  scan("a c b");
  ck_assert(!hits[4]);
  scan("abc");
  ck_assert(hits[4]);
}
END_TEST

START_TEST(test_empty_and_binary)
{
  ck_assert(!bn_matcher_scan(m, "", 0, hits));
  ck_assert(!bn_matcher_scan(m, NULL, 0, hits));
  const char bin[] = {'\0', (char)0xff, 's', 'p', 'a', 'm', '\0'};
  ck_assert(bn_matcher_scan(m, bin, sizeof bin, hits));
  ck_assert(hits[5]);
}
END_TEST

START_TEST(test_many_patterns)
{
  /* More fragments than the scanner keeps on its stack. */
  GPtrArray *p = g_ptr_array_new_with_free_func(g_free);
  for (int i = 0; i < 600; i++)
    g_ptr_array_add(p, g_strdup_printf("word%d * end%d", i, i));
  bn_matcher *big = bn_matcher_new((const char *const *)p->pdata, p->len);
  bool *h = g_new0(bool, p->len);
  ck_assert(bn_matcher_scan(big, "xx word599 and end599", 21, h));
  ck_assert(h[599]);
  ck_assert(!h[59]);
  g_free(h);
  bn_matcher_free(big);
  g_ptr_array_free(p, TRUE);
}
END_TEST

int
main(void)
{
  Suite *s = suite_create("match");
  TCase *tc = tcase_create("match");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_plain);
  tcase_add_test(tc, test_whitespace_and_case);
  tcase_add_test(tc, test_gap);
  tcase_add_test(tc, test_chain_order);
  tcase_add_test(tc, test_empty_and_binary);
  tcase_add_test(tc, test_many_patterns);
  suite_add_tcase(s, tc);
  return test_run(s);
}
