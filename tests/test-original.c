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

START_TEST(test_find_inline_after_framed_title)
{
  /* a title between rules, the copy on the next line */
  const char *t = "Your message could not be delivered.\n"
                  "\n"
                  "------ Original message follows ------\n"
                  "From: s@example.com\n"
                  "To: a@example.jp\n"
                  "Subject: test\n"
                  "Message-ID: <m1@example.com>\n"
                  "\n"
                  "body\n";
  gssize at = find(t);
  ck_assert_int_ge(at, 0);
  ck_assert(strncmp(t + at, "From:", 5) == 0);
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

/* A header block read from text gives what a returned message part gives:
 * a leading mbox "From " line is skipped, Content-* headers belong to the
 * body (not returned), and the body is not needed. */
START_TEST(test_from_text_as_message)
{
  bounce_options *o = bounce_options_new();
  bounce_options_add_original_header(o, "Content-Type");
  bounce_options_add_original_header(o, "X-Campaign");
  bounce_report *r = bn_report_new(o);
  const char *h = "From sender@example.jp Mon Jan  1 00:00:00 2024\n"
                  "From: sender@example.jp\nContent-Type: text/plain\nX-Campaign: c-9\n\nbody\n";
  bn_original_from_text(r, h, strlen(h), o);
  ck_assert_str_eq(bounce_report_get_original_from(r), "sender@example.jp");
  ck_assert_str_eq(bounce_report_get_original_header(r, "X-Campaign"), "c-9");
  ck_assert_str_eq(bounce_report_get_original_header(r, "Content-Type"), "");
  bounce_report_free(r);

  r = bn_report_new(o);
  h = "Message-ID: <x@example.jp>\nContent-Type: text/plain\nX-Campaign: c-10\n"
      "Subject: no body follows";
  bn_original_from_text(r, h, strlen(h), o);
  ck_assert_str_eq(bounce_report_get_original_message_id(r), "x@example.jp");
  ck_assert_str_eq(bounce_report_get_original_subject(r), "no body follows");
  ck_assert_str_eq(bounce_report_get_original_header(r, "X-Campaign"), "c-10");
  ck_assert_str_eq(bounce_report_get_original_header(r, "Content-Type"), "");
  bounce_report_free(r);
  bounce_options_free(o);
}
END_TEST

/* Fields nobody asked for are left out before GMime reads the block; what
 * is asked for, folded or not, and what GMime would refuse, stay as they
 * were. */
START_TEST(test_from_text_unwanted_fields)
{
  bounce_options *o = bounce_options_new();
  bounce_options_add_original_header(o, "X-Campaign");
  bounce_report *r = bn_report_new(o);
  const char *h = "Received: from a.example (a.example [192.0.2.1])\n"
                  "\tby b.example; Mon, 1 Jan 2024 00:00:00 +0900\n"
                  "DKIM-Signature: v=1; a=rsa-sha256;\n b=AAAA\n"
                  "Subject: =?UTF-8?B?5bGx55Sw?=\n =?UTF-8?B?5bGx55Sw?=\n"
                  "not a field at all\n"
                  "X-Campaign: c-1\n"
                  "x-campaign: c-2\n"
                  "From:  sender@example.jp\n\nbody\n";
  bn_original_from_text(r, h, strlen(h), o);
  ck_assert_str_eq(bounce_report_get_original_subject(r), "山田山田");
  ck_assert_str_eq(bounce_report_get_original_header(r, "X-Campaign"), "c-1");
  ck_assert_str_eq(bounce_report_get_original_from(r), "sender@example.jp");
  bounce_report_free(r);

  /* A block whose first line is no field is no header block. */
  r = bn_report_new(o);
  h = "Hello,\nSubject: quoted in a letter\nFrom: a@example.jp\n\n";
  bn_original_from_text(r, h, strlen(h), o);
  ck_assert_str_eq(bounce_report_get_original_subject(r), "");
  ck_assert_str_eq(bounce_report_get_original_from(r), "");
  bounce_report_free(r);
  /* ... but one whose first field nobody asked for still is. */
  r = bn_report_new(o);
  h = "Received: by a.example\nHello,\nFrom: a@example.jp\n\n";
  bn_original_from_text(r, h, strlen(h), o);
  ck_assert_str_eq(bounce_report_get_original_from(r), "a@example.jp");
  bounce_report_free(r);
  bounce_options_free(o);
}
END_TEST

/* A header block is read as GMime reads one: a blank before the colon,
 * 8-bit Latin-1, folded values, the first of two fields, a line that is
 * no field skipped with its folded lines; no field at all when the first
 * line is none. */
START_TEST(test_from_text_as_gmime_reads)
{
  bounce_report *r = bn_report_new(NULL);
  const char *h = "Subject : caf\xe9\n"
                  "X y: not a field\n folded, skipped\n"
                  "To:\n\tfolded@example.jp\n"
                  "Message-ID: <first@example.jp>\n"
                  "Message-ID: <second@example.jp>\n\n";
  bn_original_from_text(r, h, strlen(h), NULL);
  ck_assert_str_eq(bounce_report_get_original_subject(r), "café");
  ck_assert_str_eq(bounce_report_get_original_to(r), "folded@example.jp");
  ck_assert_str_eq(bounce_report_get_original_message_id(r), "first@example.jp");
  bounce_report_free(r);
  r = bn_report_new(NULL);
  h = " folded first\nSubject: s\n\n";
  bn_original_from_text(r, h, strlen(h), NULL);
  /* (blanks before the block are skipped: "folded first" is its first line,
   * and no field) */
  ck_assert_str_eq(bounce_report_get_original_subject(r), "");
  bounce_report_free(r);
  r = bn_report_new(NULL);
  h = "Subject: s\n\tfolded\r\nFrom: a@example.jp\r\n\r\n";
  bn_original_from_text(r, h, strlen(h), NULL);
  ck_assert_str_eq(bounce_report_get_original_subject(r), "s folded");
  ck_assert_str_eq(bounce_report_get_original_from(r), "a@example.jp");
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
  tcase_add_test(tc, test_find_inline_after_framed_title);
  tcase_add_test(tc, test_report_fields_are_not_a_copy);
  tcase_add_test(tc, test_from_text);
  tcase_add_test(tc, test_from_text_as_message);
  tcase_add_test(tc, test_from_text_unwanted_fields);
  tcase_add_test(tc, test_from_text_as_gmime_reads);
  suite_add_tcase(s, tc);
  return test_run(s);
}
