/* Reading RFC 3464 / RFC 6533 delivery-status fields. */
#include "testutil.h"
#include "private.h"
#include <string.h>

static bounce_report *
read_dsn(const char *text, bool prose)
{
  bounce_report *r = bn_report_new(NULL);
  bn_dsn_read(text, strlen(text), r, prose);
  return r;
}

START_TEST(test_blocks)
{
  bounce_report *r = read_dsn("Reporting-MTA: dns; mx.example.org\n"
                              "Arrival-Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
                              "\n"
                              "Original-Recipient: rfc822;a@example.net\n"
                              "Final-Recipient: rfc822; a@example.net\n"
                              "Action: failed\n"
                              "Status: 5.1.1\n"
                              "Remote-MTA: dns; mx1.example.net.\n"
                              "Diagnostic-Code: smtp; 550 5.1.1 no such user\n"
                              "Last-Attempt-Date: Mon, 1 Jan 2024 00:00:01 +0000\n"
                              "\n"
                              "Final-Recipient: rfc822; b@example.net\n"
                              "Action: delayed\n"
                              "Status: 4.4.1\n"
                              "Will-Retry-Until: Tue, 2 Jan 2024 00:00:00 +0000\n",
                              false);
  ck_assert_str_eq(bounce_report_get_reporting_mta(r), "mx.example.org");
  ck_assert_str_eq(bounce_report_get_arrival_date(r), "Mon, 1 Jan 2024 00:00:00 +0000");
  ck_assert_uint_eq(bn_report_count(r), 2);
  bounce_recipient *a = bn_report_rcpt(r, 0), *b = bn_report_rcpt(r, 1);
  ck_assert_str_eq(a->address, "a@example.net");
  ck_assert_str_eq(a->original_recipient, "a@example.net");
  ck_assert_str_eq(a->action, "failed");
  ck_assert_str_eq(a->status, "5.1.1");
  ck_assert_str_eq(a->remote_mta, "mx1.example.net");
  ck_assert_str_eq(a->diagnostic, "550 5.1.1 no such user");
  ck_assert_str_eq(a->last_attempt_date, "Mon, 1 Jan 2024 00:00:01 +0000");
  ck_assert_str_eq(b->address, "b@example.net");
  ck_assert_str_eq(b->action, "delayed");
  ck_assert_str_eq(b->will_retry_until, "Tue, 2 Jan 2024 00:00:00 +0000");
  ck_assert_int_eq(a->source[BOUNCE_FIELD_STATUS], BOUNCE_SOURCE_FIELD);
  bounce_report_free(r);
}
END_TEST

START_TEST(test_folded_and_mixed_case)
{
  bounce_report *r = read_dsn("final-recipient: RFC822;\n"
                              "    c@example.net\n"
                              "ACTION: Failed\n"
                              "status: 5.2.2 (mailbox full)\n"
                              "diagnostic-code: SMTP; 552-5.2.2 The email account that you\n"
                              "    tried to reach is over quota.\n",
                              false);
  ck_assert_uint_eq(bn_report_count(r), 1);
  bounce_recipient *c = bn_report_rcpt(r, 0);
  ck_assert_str_eq(c->address, "c@example.net");
  ck_assert_str_eq(c->action, "failed");
  ck_assert_str_eq(c->status, "5.2.2");
  ck_assert_str_eq(c->diagnostic,
                   "552-5.2.2 The email account that you tried to reach is over quota.");
  bounce_report_free(r);
}
END_TEST

START_TEST(test_no_blank_lines)
{
  /* Some MTAs run the records together. */
  bounce_report *r = read_dsn("Final-Recipient: rfc822; a@example.net\n"
                              "Action: failed\n"
                              "Status: 5.1.1\n"
                              "Final-Recipient: rfc822; b@example.net\n"
                              "Action: failed\n"
                              "Status: 5.2.1\n",
                              false);
  ck_assert_uint_eq(bn_report_count(r), 2);
  ck_assert_str_eq(bn_report_rcpt(r, 0)->status, "5.1.1");
  ck_assert_str_eq(bn_report_rcpt(r, 1)->status, "5.2.1");
  bounce_report_free(r);
}
END_TEST

START_TEST(test_fields_before_recipient)
{
  bounce_report *r = read_dsn("Reporting-MTA: dns; x.example\n"
                              "\n"
                              "Action: failed\n"
                              "Status: 5.1.1\n"
                              "Final-Recipient: rfc822; a@example.net\n"
                              "\n"
                              "Status: 4.2.2\n"
                              "Final-Recipient: rfc822; b@example.net\n"
                              "Action: delayed\n",
                              false);
  ck_assert_uint_eq(bn_report_count(r), 2);
  ck_assert_str_eq(bn_report_rcpt(r, 0)->action, "failed");
  ck_assert_str_eq(bn_report_rcpt(r, 0)->status, "5.1.1");
  ck_assert_str_eq(bn_report_rcpt(r, 1)->status, "4.2.2");
  ck_assert_str_eq(bn_report_rcpt(r, 1)->action, "delayed");
  bounce_report_free(r);
}
END_TEST

START_TEST(test_encoded_and_utf8)
{
  bounce_report *r = read_dsn("Final-Recipient: utf-8; \\x{3042}@example.jp\n"
                              "Original-Recipient: rfc822; user+2Bx@example.jp\n"
                              "Action: failed\n"
                              "Status: 5.1.1\n"
                              "Diagnostic-Code: smtp; =?UTF-8?B?5a6b5YWI5LiN5piO?=\n",
                              false);
  ck_assert_uint_eq(bn_report_count(r), 1);
  bounce_recipient *a = bn_report_rcpt(r, 0);
  ck_assert_str_eq(a->address, "あ@example.jp");
  ck_assert_str_eq(a->original_recipient, "user+x@example.jp");
  ck_assert_str_eq(a->diagnostic, "宛先不明");
  bounce_report_free(r);
}
END_TEST

START_TEST(test_duplicates_and_junk)
{
  bounce_report *r = read_dsn("Final-Recipient: rfc822; a@example.net\n"
                              "Action: failed\n"
                              "\n"
                              "Final-Recipient: rfc822; a@example.net\n"
                              "Status: 5.1.1\n"
                              "\n"
                              "Final-Recipient: x400; /C=US/\n"
                              "Action: failed\n"
                              "\n"
                              "Just some prose: with a colon\n",
                              false);
  ck_assert_uint_eq(bn_report_count(r), 1);
  ck_assert_str_eq(bn_report_rcpt(r, 0)->status, "5.1.1");
  bounce_report_free(r);
}
END_TEST

START_TEST(test_one_final_two_originals)
{
  /* Two aliases the sender wrote expanded to one mailbox: two recipients,
   * whichever of the two fields comes first; blocks that agree are one. */
  const char *orders[] = {
    "Final-Recipient: rfc822; a@example.net\nOriginal-Recipient: rfc822;x@example.org\n"
    "Action: failed\nStatus: 5.1.1\n\n"
    "Final-Recipient: rfc822; a@example.net\nOriginal-Recipient: rfc822;y@example.org\n"
    "Action: failed\nStatus: 5.2.2\n\n"
    "Final-Recipient: rfc822; a@example.net\nOriginal-Recipient: rfc822;x@example.org\n"
    "Action: failed\nStatus: 5.1.1\n",
    "Original-Recipient: rfc822;x@example.org\nFinal-Recipient: rfc822; a@example.net\n"
    "Action: failed\nStatus: 5.1.1\n\n"
    "Original-Recipient: rfc822;y@example.org\nFinal-Recipient: rfc822; a@example.net\n"
    "Action: failed\nStatus: 5.2.2\n\n"
    "Original-Recipient: rfc822;x@example.org\nFinal-Recipient: rfc822; a@example.net\n"
    "Action: failed\nStatus: 5.1.1\n",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(orders); i++) {
    bounce_report *r = read_dsn(orders[i], false);
    ck_assert_uint_eq(bn_report_count(r), 2);
    ck_assert_str_eq(bn_report_rcpt(r, 0)->address, "a@example.net");
    ck_assert_str_eq(bn_report_rcpt(r, 0)->original_recipient, "x@example.org");
    ck_assert_str_eq(bn_report_rcpt(r, 0)->status, "5.1.1");
    ck_assert_str_eq(bn_report_rcpt(r, 1)->address, "a@example.net");
    ck_assert_str_eq(bn_report_rcpt(r, 1)->original_recipient, "y@example.org");
    ck_assert_str_eq(bn_report_rcpt(r, 1)->status, "5.2.2");
    bounce_report_free(r);
  }
}
END_TEST

START_TEST(test_prose_mode)
{
  /* Fields pasted into a text part, indented, among prose. */
  bounce_report *r = read_dsn("Your message could not be delivered.\n"
                              "   Final-Recipient: rfc822; a@example.net\n"
                              "   Action: failed\n"
                              "   Status: 5.1.1\n"
                              "Regards: the mail system\n",
                              true);
  ck_assert_uint_eq(bn_report_count(r), 1);
  ck_assert_str_eq(bn_report_rcpt(r, 0)->status, "5.1.1");
  ck_assert_int_eq(bn_report_rcpt(r, 0)->source[BOUNCE_FIELD_STATUS], BOUNCE_SOURCE_TEXT);
  bounce_report_free(r);
}
END_TEST

START_TEST(test_report_index)
{
  bounce_report *r = bn_report_new(NULL);
  bounce_recipient *a = bn_report_add(r, "A@Example.net", BOUNCE_SOURCE_TEXT);
  bounce_recipient *b = bn_report_add(r, NULL, BOUNCE_SOURCE_NONE);
  ck_assert_ptr_eq(bn_report_find(r, "a@example.NET"), a);
  ck_assert_ptr_null(bn_report_find(r, "b@example.net"));
  bn_rcpt_set(b, BOUNCE_FIELD_ADDRESS, "b@example.net", BOUNCE_SOURCE_TEXT);
  ck_assert_ptr_eq(bn_report_find(r, "b@example.net"), b);
  /* a recipient that changes address is found under the new one only */
  bn_rcpt_set(a, BOUNCE_FIELD_ADDRESS, "c@example.net", BOUNCE_SOURCE_TEXT);
  ck_assert_ptr_null(bn_report_find(r, "a@example.net"));
  ck_assert_ptr_eq(bn_report_find(r, "c@example.net"), a);
  /* a second recipient with an address already there is not the one found */
  bounce_recipient *d = bn_report_add(r, "b@example.net", BOUNCE_SOURCE_TEXT);
  ck_assert_ptr_eq(bn_report_find(r, "b@example.net"), b);
  bn_report_remove(r, 1); /* b */
  ck_assert_ptr_eq(bn_report_find(r, "b@example.net"), d);
  bn_report_clear(r);
  ck_assert_ptr_null(bn_report_find(r, "c@example.net"));
  bounce_report_free(r);
}
END_TEST

START_TEST(test_report_made_valid)
{
  bounce_report *r = bn_report_new(NULL);
  bounce_recipient *a = bn_report_add(r, "a\xFF@example.net", BOUNCE_SOURCE_TEXT);
  /* a diagnostic cut inside a character, a warning of raw bytes */
  bn_rcpt_set(a, BOUNCE_FIELD_DIAGNOSTIC, "550 \xE5\xAE\x9B\xE5\x85", BOUNCE_SOURCE_TEXT);
  bn_report_warn(r, "%s", "bad \xC3");
  bn_report_make_valid(r);
  ck_assert(g_utf8_validate(a->diagnostic, -1, NULL));
  ck_assert(g_str_has_prefix(a->diagnostic, "550 \xE5\xAE\x9B"));
  ck_assert(g_utf8_validate(a->address, -1, NULL));
  ck_assert(g_utf8_validate(bounce_report_get_warning(r, 0), -1, NULL));
  /* the mended address is the one found */
  ck_assert_ptr_eq(bn_report_find(r, a->address), a);
  bounce_report_free(r);
}
END_TEST

int
main(void)
{
  bn_gmime_init();
  Suite *s = suite_create("dsn");
  TCase *tc = tcase_create("dsn");
  tcase_add_test(tc, test_blocks);
  tcase_add_test(tc, test_folded_and_mixed_case);
  tcase_add_test(tc, test_no_blank_lines);
  tcase_add_test(tc, test_fields_before_recipient);
  tcase_add_test(tc, test_encoded_and_utf8);
  tcase_add_test(tc, test_duplicates_and_junk);
  tcase_add_test(tc, test_one_final_two_originals);
  tcase_add_test(tc, test_prose_mode);
  tcase_add_test(tc, test_report_index);
  tcase_add_test(tc, test_report_made_valid);
  suite_add_tcase(s, tc);
  return test_run(s);
}
