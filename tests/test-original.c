/* The returned original message's headers, from a part or an inline copy. */
#include "testutil.h"
#include "private.h"
#include <string.h>

static gssize
find(const char *t)
{
  return bn_original_find_inline(t, strlen(t));
}

START_TEST(test_find_inline)
{
  const char *t = "Hi. This is the qmail-send program.\n"
                  "\n"
                  "<a@example.jp>:\n"
                  "Sorry, no mailbox here by that name.\n"
                  "\n"
                  "--- Below this line is a copy of the message.\n"
                  "\n"
                  "Return-Path: <s@example.com>\n"
                  "Received: (qmail 1 invoked by uid 0); 1 Jul 2014 08:30:40 -0000\n"
                  "Subject: test\n"
                  "From: s@example.com\n"
                  "\n"
                  "body\n";
  gssize at = find(t);
  ck_assert_int_ge(at, 0);
  ck_assert(strncmp(t + at, "Return-Path:", 12) == 0);
}
END_TEST

START_TEST(test_report_fields_are_not_a_copy)
{
  /* DSN fields look like headers, but no message has them. */
  ck_assert_int_lt(find("\nReporting-MTA: dns; x\nArrival-Date: now\n\nFinal-Recipient: rfc822; a@b.c\n"
                        "Action: failed\nStatus: 5.1.1\n"),
                   0);
  /* One header line in prose is no copy either. */
  ck_assert_int_lt(find("\nSubject: the one you sent\nwas returned\n"), 0);
  ck_assert_int_lt(find(""), 0);
}
END_TEST

START_TEST(test_from_text)
{
  bounce_report *r = bn_report_new(NULL);
  const char *h = "\n\nFrom: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>\n"
                  "To: b@example.org\nSubject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\n"
                  "Message-ID: <m1@example.jp>\nDate: Mon, 1 Jan 2024 00:00:00 +0900\n\nbody\n";
  bn_original_from_text(r, h, strlen(h), NULL);
  ck_assert_str_eq(bounce_report_get_original_message_id(r), "m1@example.jp");
  ck_assert_str_eq(bounce_report_get_original_from(r), "山田 <yamada@example.jp>");
  ck_assert_str_eq(bounce_report_get_original_subject(r), "テスト");
  ck_assert_str_eq(bounce_report_get_original_date(r), "Mon, 1 Jan 2024 00:00:00 +0900");
  bounce_report_free(r);
}
END_TEST

int
main(void)
{
  bn_gmime_init();
  Suite *s = suite_create("original");
  TCase *tc = tcase_create("original");
  tcase_add_test(tc, test_find_inline);
  tcase_add_test(tc, test_report_fields_are_not_a_copy);
  tcase_add_test(tc, test_from_text);
  suite_add_tcase(s, tc);
  return test_run(s);
}
