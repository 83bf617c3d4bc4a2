/* The multi-pattern matcher, and the phrase tables the build compiles
 * with it. */
#include "testutil.h"
#include "match-impl.h"
#include "reason.h"
#include "rhost/rhost.h"
#include <glib.h>
#include <glib/gstdio.h>
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

/* Two matchers are the same automaton, array for array. */
static void
assert_same_matcher(const bn_matcher *a, const bn_matcher *b)
{
  ck_assert_uint_eq(a->n_patterns, b->n_patterns);
  ck_assert_uint_eq(a->n_nodes, b->n_nodes);
  ck_assert_uint_eq(a->n_frags, b->n_frags);
  ck_assert_uint_eq(a->n_slots, b->n_slots);
  ck_assert_mem_eq(a->root_next, b->root_next, sizeof a->root_next);
  ck_assert_mem_eq(a->nodes, b->nodes, a->n_nodes * sizeof *a->nodes);
  if (a->n_nodes > 1) {
    ck_assert_mem_eq(a->edge_byte, b->edge_byte, a->n_nodes - 1);
    ck_assert_mem_eq(a->edge_to, b->edge_to, (a->n_nodes - 1) * sizeof *a->edge_to);
  }
  if (a->n_frags)
    ck_assert_mem_eq(a->out, b->out, a->n_frags * sizeof *a->out);
  for (guint32 i = 0; i < a->n_frags; i++) {
    ck_assert_uint_eq(a->frags[i].pattern, b->frags[i].pattern);
    ck_assert_uint_eq(a->frags[i].len, b->frags[i].len);
    ck_assert_uint_eq(a->frags[i].slot, b->frags[i].slot);
    ck_assert(a->frags[i].first == b->frags[i].first);
    ck_assert(a->frags[i].last == b->frags[i].last);
  }
}

START_TEST(test_compiled_causes)
{
  /* The table the build compiled is the one the phrases make now, and it
   * finds what they say. */
  const char **phrases = g_new(const char *, bn_cause_phrase_count);
  for (size_t i = 0; i < bn_cause_phrase_count; i++)
    phrases[i] = bn_cause_phrases[i].phrase;
  bn_phrase_set *built = bn_phrase_set_new(phrases, bn_cause_phrase_count);
  ck_assert_uint_gt(bn_matcher_size(&bn_compiled_causes), 500);
  assert_same_matcher(&bn_compiled_causes, built);
  bool *h = g_new0(bool, bn_cause_phrase_count);
  const char *text = "550 5.1.1 <a@b.example>: Recipient address rejected: User unknown";
  ck_assert(bn_phrase_set_scan(&bn_compiled_causes, text, strlen(text), h));
  size_t found = 0;
  for (size_t i = 0; i < bn_cause_phrase_count; i++)
    if (h[i] && strcmp(bn_cause_phrases[i].phrase, "user unknown") == 0)
      found++;
  ck_assert_uint_eq(found, 1);
  g_free(h);
  bn_phrase_set_free(built);
  g_free(phrases);
}
END_TEST

START_TEST(test_compiled_rhost)
{
  size_t n = 0;
  for (; bn_rhost_registry[n]; n++) {
    const bn_rhost *p = bn_rhost_registry[n];
    const char **phrases = g_new(const char *, p->n_rules + 1);
    size_t np = bn_rhost_phrases(p, phrases);
    bn_phrase_set *built = bn_phrase_set_new(phrases, np);
    ck_assert_ptr_nonnull(bn_compiled_rhost[n]);
    assert_same_matcher(bn_compiled_rhost[n], built);
    bn_phrase_set_free(built);
    g_free(phrases);
  }
  ck_assert_uint_gt(n, 10);
  ck_assert_ptr_null(bn_compiled_rhost[n]); /* one set per provider */
}
END_TEST

START_TEST(test_write_c)
{
  char *path = NULL;
  int fd = g_file_open_tmp("match-XXXXXX.c", &path, NULL);
  ck_assert_int_ge(fd, 0);
  FILE *out = fdopen(fd, "w");
  bn_matcher_write_c(m, "tiny", false, out);
  fclose(out);
  char *src = NULL;
  ck_assert(g_file_get_contents(path, &src, NULL, NULL));
  ck_assert_ptr_nonnull(strstr(src, "static const bn_matcher tiny = {"));
  char *want = g_strdup_printf(".n_patterns = %zu,", N);
  ck_assert_ptr_nonnull(strstr(src, want));
  g_free(want);
  g_free(src);
  g_unlink(path);
  g_free(path);
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
  tcase_add_test(tc, test_write_c);
  tcase_add_test(tc, test_compiled_causes);
  tcase_add_test(tc, test_compiled_rhost);
  suite_add_tcase(s, tc);
  return test_run(s);
}
