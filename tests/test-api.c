/* The public API: versions, errors, options, names, entry points. */
#include "testutil.h"
#include <bounce-gmime.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

static const char simple_dsn[] =
  "From: MAILER-DAEMON@mx.example.org\r\n"
  "To: sender@example.com\r\n"
  "Subject: Delivery Status Notification (Failure)\r\n"
  "MIME-Version: 1.0\r\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n"
  "\r\n"
  "--b1\r\n"
  "Content-Type: text/plain\r\n"
  "\r\n"
  "Your message could not be delivered.\r\n"
  "--b1\r\n"
  "Content-Type: message/delivery-status\r\n"
  "\r\n"
  "Reporting-MTA: dns; mx.example.org\r\n"
  "\r\n"
  "Final-Recipient: rfc822; nobody@example.net\r\n"
  "Action: failed\r\n"
  "Status: 5.1.1\r\n"
  "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown\r\n"
  "--b1\r\n"
  "Content-Type: message/rfc822\r\n"
  "\r\n"
  "From: sender@example.com\r\n"
  "To: nobody@example.net\r\n"
  "Subject: hello\r\n"
  "Message-ID: <abc@example.com>\r\n"
  "X-Campaign: spring-7\r\n"
  "\r\n"
  "hi\r\n"
  "--b1--\r\n";

START_TEST(test_version)
{
  ck_assert_str_eq(bounce_version_string(), BOUNCE_VERSION_STRING);
  ck_assert_uint_eq(bounce_version(), BOUNCE_VERSION_HEX);
  ck_assert(BOUNCE_CHECK_VERSION(0, 0, 1));
  ck_assert(!BOUNCE_CHECK_VERSION(BOUNCE_VERSION_MAJOR + 1, 0, 0));
}
END_TEST

START_TEST(test_names)
{
  ck_assert_str_eq(bounce_kind_to_string(BOUNCE_KIND_FAILURE), "failure");
  ck_assert_str_eq(bounce_kind_to_string(BOUNCE_KIND_AUTOREPLY), "autoreply");
  ck_assert_str_eq(bounce_kind_to_string((bounce_kind)99), "");
  ck_assert_int_eq(bounce_kind_from_string("delay"), BOUNCE_KIND_DELAY);
  ck_assert_int_eq(bounce_kind_from_string("Delay"), -1);
  ck_assert_int_eq(bounce_kind_from_string(NULL), -1);
  ck_assert_str_eq(bounce_cause_to_string(BOUNCE_CAUSE_USERUNKNOWN), "userunknown");
  ck_assert_str_eq(bounce_cause_to_string(BOUNCE_CAUSE_VIRUSDETECTED), "virusdetected");
  ck_assert_int_eq(bounce_cause_from_string("mailboxfull"), BOUNCE_CAUSE_MAILBOXFULL);
  ck_assert_int_eq(bounce_cause_from_string("nonsense"), -1);
  /* Every cause round-trips and has a meaning. */
  for (int c = 0; c <= BOUNCE_CAUSE_VIRUSDETECTED; c++) {
    const char *n = bounce_cause_to_string((bounce_cause)c);
    ck_assert_int_eq(bounce_cause_from_string(n), c);
    ck_assert(strlen(bounce_cause_describe((bounce_cause)c)) > 10);
  }
  ck_assert_str_eq(bounce_source_to_string(BOUNCE_SOURCE_TEXT), "text");
}
END_TEST

START_TEST(test_describe_codes)
{
  ck_assert_str_eq(bounce_status_describe("5.1.1"), "Bad destination mailbox address");
  ck_assert_str_eq(bounce_status_describe("4.2.2"), "Mailbox full");
  /* an unregistered detail is described by its subject */
  ck_assert_str_eq(bounce_status_describe("5.7.509"), "Security or policy status");
  ck_assert_ptr_null(bounce_status_describe("5.9.1"));
  ck_assert_ptr_null(bounce_status_describe("hello"));
  ck_assert_ptr_null(bounce_status_describe(NULL));
  ck_assert_str_eq(bounce_reply_code_describe(502), "Command not implemented");
  ck_assert_str_eq(bounce_reply_code_describe(552),
                   "Requested mail action aborted: exceeded storage allocation");
  ck_assert_ptr_null(bounce_reply_code_describe(599));
}
END_TEST

START_TEST(test_errors)
{
  bounce_error *err = NULL;
  ck_assert_ptr_null(bounce_parse_bytes(NULL, 10, NULL, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_ARGUMENT);
  bounce_error_free(err);
  err = NULL;
  ck_assert_ptr_null(bounce_parse_bytes("", 0, NULL, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_EMPTY);
  ck_assert(strlen(bounce_error_get_message(err)) > 0);
  bounce_error_free(err);
  err = NULL;
  ck_assert_ptr_null(bounce_parse_bytes(" \r\n\n", 4, NULL, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_EMPTY);
  bounce_error_free(err);
  err = NULL;
  ck_assert_ptr_null(bounce_parse_file("/nonexistent/file.eml", NULL, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_IO);
  ck_assert(strstr(bounce_error_get_message(err), "/nonexistent/file.eml") != NULL);
  bounce_error_free(err);
  err = NULL;
  ck_assert_ptr_null(bounce_parse_fd(-1, NULL, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_ARGUMENT);
  bounce_error_free(err);
  /* NULL error pointers are allowed, and NULL objects answer "nothing". */
  ck_assert_ptr_null(bounce_parse_bytes("", 0, NULL, NULL));
  ck_assert_int_eq(bounce_error_get_code(NULL), BOUNCE_OK);
  ck_assert_str_eq(bounce_error_get_message(NULL), "");
  ck_assert_str_eq(bounce_strerror(BOUNCE_ERROR_TOO_LARGE), "message is larger than the size limit");
  ck_assert_str_eq(bounce_strerror((bounce_error_code)77), "unknown error");
  ck_assert_int_eq(bounce_report_get_kind(NULL), BOUNCE_KIND_NONE);
  ck_assert_uint_eq(bounce_report_get_recipient_count(NULL), 0);
  ck_assert_ptr_null(bounce_report_get_recipient(NULL, 0));
  ck_assert_str_eq(bounce_recipient_get_address(NULL), "");
  ck_assert_int_eq(bounce_recipient_get_reply_code(NULL), 0);
  bounce_report_free(NULL);
  bounce_error_free(NULL);
  bounce_options_free(NULL);
}
END_TEST

START_TEST(test_options)
{
  bounce_options *o = bounce_options_new();
  ck_assert_uint_eq(bounce_options_get_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE), 64u << 20);
  ck_assert_uint_eq(bounce_options_get_limit(NULL, BOUNCE_LIMIT_MIME_DEPTH), 32);
  ck_assert_int_eq(bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, 5), 0);
  ck_assert_uint_eq(bounce_options_get_limit(o, BOUNCE_LIMIT_RECIPIENTS), 5);
  ck_assert_int_eq(bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, 0), 0);
  ck_assert_uint_eq(bounce_options_get_limit(o, BOUNCE_LIMIT_RECIPIENTS), 10000);
  ck_assert_int_eq(bounce_options_set_limit(o, (bounce_limit)42, 5), -1);
  ck_assert_int_eq(bounce_options_set_limit(NULL, BOUNCE_LIMIT_RECIPIENTS, 5), -1);
  ck_assert_uint_eq(bounce_options_get_limit(o, (bounce_limit)42), 0);
  ck_assert_uint_eq(bounce_options_get_include(o), BOUNCE_INCLUDE_ALL);
  bounce_options_set_include(o, BOUNCE_INCLUDE_FEEDBACK);
  ck_assert_uint_eq(bounce_options_get_include(o), BOUNCE_INCLUDE_FEEDBACK);
  ck_assert_int_eq(bounce_options_add_original_header(o, ""), -1);
  ck_assert_int_eq(bounce_options_add_original_header(NULL, "X-A"), -1);
  ck_assert_int_eq(bounce_options_add_original_header(o, "X-A"), 0);
  bounce_options_free(o);
}
END_TEST

START_TEST(test_parse_bytes)
{
  bounce_report *r = test_parse_string(simple_dsn);
  ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_FAILURE);
  ck_assert_str_eq(bounce_report_get_mta(r), "rfc3464");
  ck_assert_str_eq(bounce_report_get_reporting_mta(r), "mx.example.org");
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  const bounce_recipient *rc = bounce_report_get_recipient(r, 0);
  ck_assert_str_eq(bounce_recipient_get_address(rc), "nobody@example.net");
  ck_assert_str_eq(bounce_recipient_get_status(rc), "5.1.1");
  ck_assert_int_eq(bounce_recipient_get_reply_code(rc), 550);
  ck_assert_int_eq(bounce_recipient_get_cause(rc), BOUNCE_CAUSE_USERUNKNOWN);
  ck_assert(bounce_recipient_is_hard(rc));
  ck_assert(bounce_recipient_is_permanent(rc));
  ck_assert_int_eq(bounce_recipient_get_source(rc, BOUNCE_FIELD_STATUS), BOUNCE_SOURCE_FIELD);
  ck_assert_int_eq(bounce_recipient_get_source(rc, BOUNCE_FIELD_REPLY_CODE), BOUNCE_SOURCE_TEXT);
  ck_assert_int_eq(bounce_recipient_get_source(rc, (bounce_field)99), BOUNCE_SOURCE_NONE);
  ck_assert_str_eq(bounce_report_get_original_message_id(r), "abc@example.com");
  ck_assert_str_eq(bounce_report_get_original_subject(r), "hello");
  ck_assert_str_eq(bounce_report_get_original_to(r), "nobody@example.net");
  /* not asked for: not returned */
  ck_assert_str_eq(bounce_report_get_original_header(r, "X-Campaign"), "");
  ck_assert_ptr_null(bounce_report_get_recipient(r, 1));
  bounce_report_free(r);
}
END_TEST

START_TEST(test_original_header_option)
{
  bounce_options *o = bounce_options_new();
  bounce_options_add_original_header(o, "x-campaign");
  bounce_report *r = bounce_parse_bytes(simple_dsn, strlen(simple_dsn), o, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_str_eq(bounce_report_get_original_header(r, "X-Campaign"), "spring-7");
  bounce_report_free(r);
  bounce_options_free(o);
}
END_TEST

START_TEST(test_size_limit)
{
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE, 100);
  bounce_error *err = NULL;
  ck_assert_ptr_null(bounce_parse_bytes(simple_dsn, strlen(simple_dsn), o, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_TOO_LARGE);
  bounce_error_free(err);
  bounce_options_free(o);
}
END_TEST

START_TEST(test_recipient_limit)
{
  GString *m = g_string_new("From: MAILER-DAEMON@x.example\nSubject: failure\n"
                            "Content-Type: multipart/report; report-type=delivery-status; "
                            "boundary=b\n\n--b\nContent-Type: message/delivery-status\n\n"
                            "Reporting-MTA: dns; x.example\n");
  for (int i = 0; i < 20; i++)
    g_string_append_printf(m, "\nFinal-Recipient: rfc822; u%d@example.net\nAction: failed\n"
                              "Status: 5.1.1\n", i);
  g_string_append(m, "--b--\n");
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, 5);
  bounce_report *r = bounce_parse_bytes(m->str, m->len, o, NULL);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 5);
  ck_assert(bounce_report_is_truncated(r));
  bounce_report_free(r);
  r = bounce_parse_bytes(m->str, m->len, NULL, NULL);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 20);
  ck_assert(!bounce_report_is_truncated(r));
  bounce_report_free(r);
  bounce_options_free(o);
  g_string_free(m, TRUE);
}
END_TEST

START_TEST(test_depth_limit)
{
  GString *m = g_string_new("From: a@example.com\nSubject: deep\n");
  for (int i = 0; i < 40; i++)
    g_string_append_printf(m, "Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n", i, i);
  g_string_append(m, "Content-Type: text/plain\n\nhello\n");
  for (int i = 39; i >= 0; i--)
    g_string_append_printf(m, "--b%d--\n", i);
  bounce_error *err = NULL;
  ck_assert_ptr_null(bounce_parse_bytes(m->str, m->len, NULL, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_TOO_DEEP);
  bounce_error_free(err);
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_MIME_DEPTH, 100);
  bounce_report *r = bounce_parse_bytes(m->str, m->len, o, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_NONE);
  bounce_report_free(r);
  bounce_options_free(o);
  g_string_free(m, TRUE);
}
END_TEST

START_TEST(test_include_flags)
{
  size_t len;
  char *data = test_data_read("rfc3464-delivered.eml", &len);
  bounce_report *r = bounce_parse_bytes(data, len, NULL, NULL);
  ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_DELIVERED);
  bounce_report_free(r);
  bounce_options *o = bounce_options_new();
  bounce_options_set_include(o, BOUNCE_INCLUDE_AUTOREPLY);
  r = bounce_parse_bytes(data, len, o, NULL);
  ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_NONE);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 0);
  bounce_report_free(r);
  bounce_options_free(o);
  g_free(data);
}
END_TEST

START_TEST(test_parse_fd_and_file)
{
  char *path = test_data_path("postfix-userunknown.eml");
  int fd = open(path, O_RDONLY);
  ck_assert_int_ge(fd, 0);
  bounce_report *a = bounce_parse_fd(fd, NULL, NULL);
  close(fd);
  bounce_report *b = bounce_parse_file(path, NULL, NULL);
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_nonnull(b);
  ck_assert_uint_eq(bounce_report_get_recipient_count(a), bounce_report_get_recipient_count(b));
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(a, 0)),
                   bounce_recipient_get_address(bounce_report_get_recipient(b, 0)));
  bounce_report_free(a);
  bounce_report_free(b);
  bounce_error *err = NULL;
  char *dir = test_data_path("");
  ck_assert_ptr_null(bounce_parse_file(dir, NULL, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_IO);
  bounce_error_free(err);
  g_free(dir);
  g_free(path);
}
END_TEST

START_TEST(test_gmime_entry)
{
  g_mime_init(); /* a GMime caller has done this before parsing */
  GMimeStream *s = g_mime_stream_mem_new_with_buffer(simple_dsn, strlen(simple_dsn));
  GMimeParser *p = g_mime_parser_new_with_stream(s);
  GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
  ck_assert_ptr_nonnull(m);
  bounce_report *r = bounce_parse_gmime_message(m, NULL, NULL);
  ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_FAILURE);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                   "nobody@example.net");
  /* the caller's message is untouched and still usable */
  ck_assert_str_eq(g_mime_message_get_subject(m), "Delivery Status Notification (Failure)");
  bounce_report_free(r);
  g_object_unref(m);
  g_object_unref(p);
  g_object_unref(s);
  bounce_error *err = NULL;
  ck_assert_ptr_null(bounce_parse_gmime_message(NULL, NULL, &err));
  ck_assert_int_eq(bounce_error_get_code(err), BOUNCE_ERROR_ARGUMENT);
  bounce_error_free(err);
}
END_TEST

/* A message without a final line end whose last line names a recipient
 * the notice gave whole before (the returned copy's To field): that
 * recipient is not cut and stays. */
START_TEST(test_unended_names_whole_recipient)
{
  static const char msg[] =
    "From: MAILER-DAEMON@mx.example.com\n"
    "Subject: failure notice\n"
    "\n"
    "Hi. This is the qmail-send program at mx.example.com.\n"
    "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
    "This is a permanent error; I've given up. Sorry it didn't work out.\n"
    "\n"
    "<a@example.org>:\n"
    "Sorry, no mailbox here by that name. (#5.1.1)\n"
    "\n"
    "<bob@example.org>:\n"
    "Sorry, no mailbox here by that name. (#5.1.1)\n"
    "\n"
    "--- Below this line is a copy of the message.\n"
    "\n"
    "From: s@example.com\n"
    "To: a@example.org, bob@example.org";
  bounce_report *r = bounce_parse_bytes(msg, strlen(msg), NULL, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 2);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 1)),
                   "bob@example.org");
  bounce_report_free(r);
}
END_TEST

/* A DSN kept to its first N bytes, stopping on a field name of the
 * returned copy with no colon and no line end. The message is given with
 * each line ending (LF, CRLF, lone CR), and with its boundary on a line
 * that lost its indent (which the prescan mends in a copy of its own): in
 * each, the copy's header block and the delivery status are read whole. */
static void
check_cut_in_field_name(const char *eol, gboolean lost_indent)
{
  static const char *const lines[] = {
    "From: MAILER-DAEMON@mx.example.org",
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    "Content-Type: multipart/report; report-type=delivery-status;",
    "@boundary=\"b1\"", /* '@': the line's indent, or none */
    "",
    "--b1",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.org",
    "",
    "Final-Recipient: rfc822; carol@example.net",
    "Action: failed",
    "Status: 5.1.1",
    "Diagnostic-Code: smtp; 550 5.1.1 <carol@example.net>: User unknown",
    "",
    "--b1",
    "Content-Type: message/rfc822",
    "",
    "From: sender@example.com",
    "To: carol@example.net",
    "Subject: Spring catalogue",
    "Message-ID: <cat-7@example.com>",
  };
  GString *m = g_string_new(NULL);
  for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
    const char *l = lines[i];
    if (*l == '@' && !lost_indent)
      g_string_append_c(m, '\t');
    g_string_append(m, *l == '@' ? l + 1 : l);
    g_string_append(m, eol);
  }
  g_string_append(m, "X-Mail"); /* the cut: no colon, no line end */
  bounce_report *r = bounce_parse_bytes(m->str, m->len, NULL, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_FAILURE);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  const bounce_recipient *rc = bounce_report_get_recipient(r, 0);
  ck_assert_str_eq(bounce_recipient_get_address(rc), "carol@example.net");
  ck_assert_str_eq(bounce_recipient_get_status(rc), "5.1.1");
  ck_assert_str_eq(bounce_report_get_original_message_id(r), "cat-7@example.com");
  ck_assert_str_eq(bounce_report_get_original_subject(r), "Spring catalogue");
  bounce_report_free(r);
  g_string_free(m, TRUE);
}

START_TEST(test_unended_cut_in_field_name)
{
  check_cut_in_field_name("\n", FALSE);
  check_cut_in_field_name("\r\n", FALSE);
  check_cut_in_field_name("\r", FALSE);
  check_cut_in_field_name("\n", TRUE);
  check_cut_in_field_name("\r\n", TRUE);
}
END_TEST

/* A message cut inside its only recipient's address: that address is all
 * the message gives, so it stays, with a warning that it may be cut. */
START_TEST(test_cut_sole_address)
{
  static const char msg[] =
    "From: MAILER-DAEMON@a.example\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n"
    "\n"
    "--x\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; a.example\n"
    "\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Final-Recipient: rfc822; solo@exam";
  bounce_report *r = bounce_parse_bytes(msg, strlen(msg), NULL, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)), "solo@exam");
  gboolean warned = FALSE;
  for (size_t i = 0; i < bounce_report_get_warning_count(r); i++)
    warned |= strstr(bounce_report_get_warning(r, i), "solo@exam: it may be cut") != NULL;
  ck_assert(warned);
  bounce_report_free(r);
}
END_TEST

START_TEST(test_not_a_bounce)
{
  bounce_report *r = test_parse_string("From: friend@example.com\nTo: me@example.org\n"
                                       "Subject: lunch?\n\nAre you free at noon?\n");
  ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_NONE);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 0);
  ck_assert_str_eq(bounce_report_get_mta(r), "");
  bounce_report_free(r);
}
END_TEST

static gpointer
parse_in_thread(gpointer data)
{
  int ok = 0;
  for (int i = 0; i < 50; i++) {
    bounce_report *r = bounce_parse_bytes(simple_dsn, strlen(simple_dsn), NULL, NULL);
    if (r && bounce_report_get_recipient_count(r) == 1 &&
        bounce_recipient_get_cause(bounce_report_get_recipient(r, 0)) == BOUNCE_CAUSE_USERUNKNOWN)
      ok++;
    bounce_report_free(r);
  }
  return GINT_TO_POINTER(ok);
}

START_TEST(test_threads)
{
  GThread *t[4];
  for (int i = 0; i < 4; i++)
    t[i] = g_thread_new("parse", parse_in_thread, NULL);
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq(GPOINTER_TO_INT(g_thread_join(t[i])), 50);
}
END_TEST

int
main(void)
{
  Suite *s = suite_create("api");
  TCase *tc = tcase_create("api");
  tcase_add_test(tc, test_version);
  tcase_add_test(tc, test_names);
  tcase_add_test(tc, test_describe_codes);
  tcase_add_test(tc, test_errors);
  tcase_add_test(tc, test_options);
  tcase_add_test(tc, test_parse_bytes);
  tcase_add_test(tc, test_original_header_option);
  tcase_add_test(tc, test_size_limit);
  tcase_add_test(tc, test_recipient_limit);
  tcase_add_test(tc, test_depth_limit);
  tcase_add_test(tc, test_include_flags);
  tcase_add_test(tc, test_parse_fd_and_file);
  tcase_add_test(tc, test_gmime_entry);
  tcase_add_test(tc, test_not_a_bounce);
  tcase_add_test(tc, test_cut_sole_address);
  tcase_add_test(tc, test_unended_names_whole_recipient);
  tcase_add_test(tc, test_unended_cut_in_field_name);
  tcase_add_test(tc, test_threads);
  suite_add_tcase(s, tc);
  return test_run(s);
}
