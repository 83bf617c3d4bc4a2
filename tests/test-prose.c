/* The helpers recognizers use to read an MTA's prose (lib/mta/prose.c). */
#include "testutil.h"
#include "mta/mta.h"
#include "mta/fallback.h"
#include <string.h>

static char *
join(const char *s)
{
  return bn_prose_join_reply(s, strlen(s));
}

/* The reason in the paragraph under an address, past a heading and its
 * underline (fallback-reason.c): a line of NUL bytes is no underline, so
 * the heading announces nothing and the reply under it is not taken. */
static const char *
reason_after(const char *text, size_t len, bounce_report *r)
{
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, text, len);
  ck_assert(bn_lines_next(&it, &l)); /* the address's own line */
  bounce_recipient *rc = bn_report_add(r, "kijitora@example.jp", BOUNCE_SOURCE_TEXT);
  bn_fb_list_run run = {0};
  bn_fb_reason_after(rc, it, "kijitora@example.jp", NULL, &run, false);
  return rc->diagnostic;
}

START_TEST(test_reason_after_rule)
{
  static const char ruled[] = "Delivery to kijitora@example.jp failed.\n\nReason:\n---\n\n"
                              "550 5.1.1 user unknown\n";
  static const char nuls[] = "Delivery to kijitora@example.jp failed.\n\nReason:\n\0\0\0\n\n"
                             "550 5.1.1 user unknown\n";
  bounce_report *r = bn_report_new(NULL);
  const char *d = reason_after(ruled, sizeof ruled - 1, r);
  ck_assert_msg(d && strstr(d, "550 5.1.1 user unknown"), "%s", d ? d : "(null)");
  ck_assert_ptr_null(reason_after(nuls, sizeof nuls - 1, r));
  bounce_report_free(r);
}
END_TEST

START_TEST(test_join_reply)
{
  char *j = join("550-5.7.26 Unauthenticated email is not accepted due to\n"
                 "550-5.7.26 the domain's DMARC policy.\n"
                 "550 5.7.26  https://support.example/dmarc - gsmtp\n");
  ck_assert_str_eq(j, "550 5.7.26 Unauthenticated email is not accepted due to the domain's "
                      "DMARC policy. https://support.example/dmarc - gsmtp");
  g_free(j);
  /* lines without the code are kept as they are */
  j = join("    554 5.7.1 <a@example.ch>:\n    Recipient address rejected: Access denied\n");
  ck_assert_str_eq(j, "554 5.7.1 <a@example.ch>: Recipient address rejected: Access denied");
  g_free(j);
  /* without a status, only the code repeats */
  j = join("550-First line\n550-192.0.2.1 is listed\n550 Last line");
  ck_assert_str_eq(j, "550 First line 192.0.2.1 is listed Last line");
  g_free(j);
  /* a line with another code is not a continuation */
  j = join("451 4.7.1 Greylisted\n550 5.1.1 later");
  ck_assert_str_eq(j, "451 4.7.1 Greylisted 550 5.1.1 later");
  g_free(j);
  /* a reply written without its code (GMX) says its status once */
  j = join("5.7.1 [192.0.2.18] The IP you are using is not\n"
           "5.7.1 authorized to send email directly to our servers.\n");
  ck_assert_str_eq(j, "5.7.1 [192.0.2.18] The IP you are using is not authorized to send "
                      "email directly to our servers.");
  g_free(j);
  /* Gmail's lines as GMX passes them on: the link's line has two blanks
   * after the status; a longer status on a later line is another one */
  j = join("5.1.1 Learn more at\n5.1.1  https://support.example.com/?p=NoSuchUser\n"
           "5.1.10 Recipient address rejected");
  ck_assert_str_eq(j, "5.1.1 Learn more at https://support.example.com/?p=NoSuchUser "
                      "5.1.10 Recipient address rejected");
  g_free(j);
  /* another status starts another reply */
  j = join("4.2.2 Mailbox full\n5.1.1 User unknown");
  ck_assert_str_eq(j, "4.2.2 Mailbox full 5.1.1 User unknown");
  g_free(j);
  /* text that does not start with a code */
  j = join("mailbox is full: retry timeout exceeded");
  ck_assert_str_eq(j, "mailbox is full: retry timeout exceeded");
  g_free(j);
  j = join("");
  ck_assert_str_eq(j, "");
  g_free(j);
}
END_TEST

static char *
host(const char *s)
{
  return bn_prose_host(s, strlen(s));
}

START_TEST(test_host)
{
  char *h = host("mx.Example.jp [192.0.2.1]: 550 no");
  ck_assert_str_eq(h, "mx.example.jp");
  g_free(h);
  h = host("  mail.example.org[192.0.2.222] responded");
  ck_assert_str_eq(h, "mail.example.org");
  g_free(h);
  h = host("192.0.2.22 [192.0.2.22]");
  ck_assert_str_eq(h, "192.0.2.22");
  g_free(h);
  ck_assert_ptr_null(host("mx.example.jp said no"));
  ck_assert_ptr_null(host("[192.0.2.1]"));
  ck_assert_ptr_null(host("mx.example.jp [192.0.2.1"));
  ck_assert_ptr_null(host(""));
}
END_TEST

START_TEST(test_before_after_from)
{
  GString *t = g_string_new("one\nSTART here\nmiddle\nEND there\nSTART again\n");
  const char *const start[] = {"START", NULL};
  const char *const end[] = {"END", "nothing", NULL};
  ck_assert_int_eq(bn_prose_before_from(t, 0, start), 4);
  ck_assert_int_eq(bn_prose_after_from(t, 0, start), 15);
  ck_assert_int_eq(bn_prose_before_from(t, 15, end), 22);
  ck_assert_int_eq(bn_prose_before_from(t, 16, start), 32);
  ck_assert_int_eq(bn_prose_after_from(t, 40, end), -1);
  ck_assert_int_eq(bn_prose_before_from(t, 1000, start), -1);
  /* bn_prose_between: an end line above the start does not end the section */
  g_string_assign(t, "END early\nSTART here\nmiddle\nEND there\n");
  const char *const none[] = {"absent", NULL};
  bn_span sec;
  ck_assert(bn_prose_between(t, start, none, &sec));
  ck_assert_str_eq(sec.p, "middle\nEND there\n");
  ck_assert(bn_prose_between(t, start, end, &sec));
  ck_assert_int_eq(sec.len, strlen(sec.p));
  ck_assert(!bn_prose_between(t, none, end, &sec));
  g_string_assign(t, "START here\nmiddle\nEND there\n");
  ck_assert(bn_prose_between(t, start, end, &sec));
  ck_assert_int_eq(sec.len, 7);
  ck_assert(strncmp(sec.p, "middle\n", 7) == 0);
  g_string_free(t, TRUE);
}
END_TEST

START_TEST(test_wrapped_sentence)
{
  /* a sentence another version wraps elsewhere, or spaces otherwise */
  GString *t = g_string_new("Intro.\nA message that you sent has not yet been delivered to one\n"
                            "or more  of its\trecipients after 4 hours.\nThe address is:\n");
  const char *const sentence[] = {"has not yet been delivered to one or more of its", NULL};
  const char *const absent[] = {"delivered to two", NULL};
  ck_assert(bn_prose_has_any(t->str, t->len, sentence));
  ck_assert(!bn_prose_has_any(t->str, t->len, absent));
  /* before: the line where the sentence starts; after: past the line where it ends */
  ck_assert_int_eq(bn_prose_before(t, sentence), 7);
  ck_assert_int_eq(bn_prose_after(t, sentence), (gssize)(strstr(t->str, "The address") - t->str));
  /* a space of the sentence needs white space in the text */
  const char *const glued[] = {"one or", NULL};
  ck_assert(!bn_prose_has_any("oneor", 5, glued));
  ck_assert(bn_prose_has_any("ONE\n\n  OR", 10, glued));
  g_string_free(t, TRUE);
}
END_TEST

/* The definition: at some start, each byte of the needle matches the text
 * ignoring ASCII case, and a run of blanks in the needle matches a run of
 * one or more blanks in the text. The first such start, and in *last the
 * last byte matched that is not blank (-1 when none is); -1 when absent. */
static gssize
prose_reference_at(const char *hay, size_t len, const char *needle, gssize *last)
{
  size_t n = strlen(needle);
  for (size_t i = 0; i < len; i++) {
    size_t h = i, k = 0;
    *last = -1;
    while (k < n) {
      if (strchr(" \t\n\r", needle[k])) {
        if (h >= len || !strchr(" \t\n\r", hay[h]))
          break;
        while (h < len && strchr(" \t\n\r", hay[h]))
          h++;
        while (k < n && strchr(" \t\n\r", needle[k]))
          k++;
        continue;
      }
      if (h >= len || g_ascii_tolower(hay[h]) != g_ascii_tolower(needle[k]))
        break;
      *last = (gssize)h;
      h++;
      k++;
    }
    if (k == n)
      return (gssize)i;
  }
  return -1;
}

static bool
prose_reference(const char *hay, size_t len, const char *needle)
{
  gssize last;
  return prose_reference_at(hay, len, needle, &last) >= 0;
}

START_TEST(test_has_any_random)
{
  /* the search by the needle's longest and first words finds what the
   * definition finds */
  static const char bytes[] = "abAB \n";
  GRand *rnd = g_rand_new_with_seed(7);
  for (int round = 0; round < 20000; round++) {
    char text[40], needle[10];
    size_t len = (size_t)g_rand_int_range(rnd, 0, sizeof text);
    for (size_t i = 0; i < len; i++)
      text[i] = bytes[g_rand_int_range(rnd, 0, sizeof bytes - 1)];
    size_t n = (size_t)g_rand_int_range(rnd, 1, sizeof needle);
    for (size_t i = 0; i < n; i++)
      needle[i] = bytes[g_rand_int_range(rnd, 0, sizeof bytes - 1)];
    needle[n] = '\0';
    const char *const needles[] = {needle, NULL};
    ck_assert_msg(bn_prose_has_any(text, len, needles) == prose_reference(text, len, needle),
                  "round %d: \"%.*s\" in \"%.*s\"", round, (int)n, needle, (int)len, text);
  }
  g_rand_free(rnd);
}
END_TEST

/* The search starts from the needle's longest word and reads the words
 * before it backwards: the match it gives must still be the first one, and
 * end where the definition's ends. Newlines are frequent in the text, so
 * that the line a match starts on and the line it ends on tell where it is.
 * The needle is one buffer written over each round: what is remembered of
 * a needle by its address must not be used for the next. */
START_TEST(test_find_random)
{
  static const char bytes[] = "abcABC \n";
  GRand *rnd = g_rand_new_with_seed(11);
  GString *text = g_string_new(NULL);
  for (int round = 0; round < 20000; round++) {
    char needle[12];
    size_t len = (size_t)g_rand_int_range(rnd, 0, 48);
    g_string_truncate(text, 0);
    for (size_t i = 0; i < len; i++)
      g_string_append_c(text, bytes[g_rand_int_range(rnd, 0, sizeof bytes - 1)]);
    size_t n = (size_t)g_rand_int_range(rnd, 1, sizeof needle);
    for (size_t i = 0; i < n; i++)
      needle[i] = bytes[g_rand_int_range(rnd, 0, sizeof bytes - 1)];
    needle[n] = '\0';
    const char *const needles[] = {needle, NULL};
    gssize last;
    gssize at = prose_reference_at(text->str, len, needle, &last);
    gssize line = at, after = -1;
    while (line > 0 && text->str[line - 1] != '\n')
      line--;
    if (at >= 0) {
      const char *nl = last >= 0 ? memchr(text->str + last, '\n', len - (size_t)last) : NULL;
      after = nl ? nl + 1 - text->str : (gssize)len;
    }
    const char *found = bn_prose_find_line(text->str, len, needle);
    ck_assert_msg((found ? found - text->str : -1) == line, "round %d: \"%s\" in \"%s\"", round,
                  needle, text->str);
    if (at < 0 || last >= 0) /* (an all-blank needle has no last byte) */
      ck_assert_msg(bn_prose_after(text, needles) == after, "round %d: \"%s\" in \"%s\"", round,
                    needle, text->str);
  }
  g_string_free(text, TRUE);
  g_rand_free(rnd);
  /* the first match, though an earlier place has the longest word */
  GString *t = g_string_new("cannot deliver\nyou cannot  be\ncannot be");
  const char *const be[] = {"cannot be", NULL};
  ck_assert_ptr_eq(bn_prose_find_line(t->str, t->len, "cannot be"), t->str + 15);
  ck_assert_int_eq(bn_prose_after(t, be), 30);
  /* a needle opening with a blank starts where the text's blanks start */
  ck_assert_ptr_eq(bn_prose_find_line(t->str, t->len, " be"), t->str + 15);
  g_string_free(t, TRUE);
}
END_TEST

START_TEST(test_subject_untagged)
{
  ck_assert_str_eq(bn_subject_untagged("[EXTERNAL] Undelivered Mail"), "Undelivered Mail");
  ck_assert_str_eq(bn_subject_untagged(" ***SPAM*** {Spam?} Out of office"), "Out of office");
  ck_assert_str_eq(bn_subject_untagged("[list] [EXT] Returned mail"), "Returned mail");
  /* a whole subject in brackets, or a long bracketed text, is no tag */
  ck_assert_str_eq(bn_subject_untagged("[Returned mail]"), "[Returned mail]");
  ck_assert_str_eq(bn_subject_untagged("[] x"), "[] x");
  ck_assert_str_eq(bn_subject_untagged("[a very long bracketed phrase that is not a tag] x"),
                   "[a very long bracketed phrase that is not a tag] x");
}
END_TEST

/* A plain opening ("Out of office", "Vacation") stands before the words
 * responders put after it; other words make a person's subject. */
START_TEST(test_autoreply_plain_openings)
{
  static const char *const responders[] = {
    "Vacation responder", "Out of office autoresponder", "Vacation auto-responder",
    "Out of Office Automatic Response", "Out of Office Alert", "Out of office returning 6 January",
    "Out of Office Abwesenheitsnotiz", "Out of Office AW: Rechnung 4711",
    "Out of Office Re:Invoice 4711", "Out of office SV: Faktura 88", "不在通知", "不在通知：見積もり",
  };
  static const char *const persons[] = {
    "Out of office tomorrow?", "Vacation plans for summer", "Out of office party on Friday",
    "Vacation alerts", "不在通知の設定方法について", "不在のお知らせが届きません",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(responders); i++)
    ck_assert_msg(bn_autoreply_subject(responders[i]), "%s", responders[i]);
  for (size_t i = 0; i < G_N_ELEMENTS(persons); i++)
    ck_assert_msg(!bn_autoreply_subject(persons[i]), "%s", persons[i]);
}
END_TEST

START_TEST(test_reporting_mta)
{
  const char *text = "Hi. This is the qmail-send program at mx.example.com.\nMore.";
  bounce_report *r = bn_report_new(NULL);
  bn_prose_reporting_mta(r, text, strlen(text), "qmail-send program at ");
  ck_assert_str_eq(bounce_report_get_reporting_mta(r), "mx.example.com");
  /* an existing value is kept */
  const char *other = "qmail-send program at other.example.net.";
  bn_prose_reporting_mta(r, other, strlen(other), "qmail-send program at ");
  ck_assert_str_eq(bounce_report_get_reporting_mta(r), "mx.example.com");
  bounce_report_free(r);
  /* a bare word is no host name */
  r = bn_report_new(NULL);
  const char *word = "program at localhost.";
  bn_prose_reporting_mta(r, word, strlen(word), "program at ");
  ck_assert_str_eq(bounce_report_get_reporting_mta(r), "");
  bounce_report_free(r);
}
END_TEST

START_TEST(test_facts)
{
  static const bn_mta_fact facts[] = {
    {"mailbox is full", BOUNCE_CAUSE_MAILBOXFULL, NULL, false},
    {"retry timeout exceeded", BOUNCE_CAUSE_EXPIRED, "5.4.7", true},
  };
  const char *d = "mailbox is full: retry timeout exceeded";
  const bn_mta_fact *f = bn_prose_fact(facts, G_N_ELEMENTS(facts), d, strlen(d));
  ck_assert_ptr_eq(f, &facts[0]); /* the table's order decides */
  d = "Retry timeout exceeded";
  f = bn_prose_fact(facts, G_N_ELEMENTS(facts), d, strlen(d));
  ck_assert_ptr_eq(f, &facts[1]);
  ck_assert_ptr_null(bn_prose_fact(facts, G_N_ELEMENTS(facts), "550 no", 6));

  bounce_report *r = bn_report_new(NULL);
  bounce_recipient *rc = bn_prose_recipient(r, "a@example.com");
  bn_prose_set_action(rc, "failed");
  bn_prose_apply_fact(rc, f);
  ck_assert_int_eq(bounce_recipient_get_cause(rc), BOUNCE_CAUSE_EXPIRED);
  ck_assert_str_eq(bounce_recipient_get_status(rc), "5.4.7");
  ck_assert_str_eq(bounce_recipient_get_action(rc), "delayed");
  bn_prose_apply_fact(rc, NULL); /* nothing */
  ck_assert_str_eq(bounce_recipient_get_action(rc), "delayed");
  bounce_report_free(r);

  ck_assert_str_eq(bn_prose_warning_action(""), "delayed");
  ck_assert_str_eq(bn_prose_warning_action(NULL), "delayed");
  ck_assert_str_eq(bn_prose_warning_action("451 4.7.1 Greylisted"), "failed");
}
END_TEST

int
main(void)
{
  Suite *s = suite_create("prose");
  TCase *tc = tcase_create("prose");
  tcase_add_test(tc, test_join_reply);
  tcase_add_test(tc, test_host);
  tcase_add_test(tc, test_before_after_from);
  tcase_add_test(tc, test_reporting_mta);
  tcase_add_test(tc, test_wrapped_sentence);
  tcase_add_test(tc, test_has_any_random);
  tcase_add_test(tc, test_find_random);
  tcase_add_test(tc, test_subject_untagged);
  tcase_add_test(tc, test_autoreply_plain_openings);
  tcase_add_test(tc, test_facts);
  tcase_add_test(tc, test_reason_after_rule);
  suite_add_tcase(s, tc);
  return test_run(s);
}
