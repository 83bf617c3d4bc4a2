/* Hostile and broken input: every case ends in an error that says why, a
 * report of kind none, or a correct report, within the limits, and (under
 * the sanitizers and valgrind in CI) without a leak. docs/limits.md says
 * what each limit does; each is checked here. */
#include "testutil.h"
#include "private.h"
#include <fcntl.h>
#include <pthread.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static const char head[] =
  "From: MAILER-DAEMON@mx.example.com\n"
  "To: sender@example.com\n"
  "Subject: Delivery Status Notification (Failure)\n"
  "MIME-Version: 1.0\n";

/* A delivery-status report with one recipient block per address. */
static GString *
dsn_with(size_t n_rcpts, const char *extra_part)
{
  GString *g = g_string_new(head);
  g_string_append(g, "Content-Type: multipart/report; report-type=delivery-status; "
                     "boundary=\"XX\"\n\n--XX\nContent-Type: text/plain\n\nNot delivered.\n");
  if (extra_part)
    g_string_append_printf(g, "--XX\n%s\n", extra_part);
  g_string_append(g, "--XX\nContent-Type: message/delivery-status\n\n"
                     "Reporting-MTA: dns; mx.example.com\n\n");
  for (size_t i = 0; i < n_rcpts; i++)
    g_string_append_printf(g, "Final-Recipient: rfc822; u%zu@example.org\nAction: failed\n"
                              "Status: 5.1.1\n\n", i);
  g_string_append(g, "--XX--\n");
  return g;
}

/* "To: a:a:...x@example.org;;..." with depth groups, each in the other. */
static GString *
nested_groups(size_t depth)
{
  GString *g = g_string_new("To: ");
  for (size_t i = 0; i < depth; i++)
    g_string_append(g, "a:");
  g_string_append(g, "x@example.org");
  for (size_t i = 0; i < depth; i++)
    g_string_append_c(g, ';');
  return g;
}

/* A DSN for u@example.org returning a message whose header block ends in
 * field (or, top set, whose own header does). */
static GString *
dsn_returning(const char *field, bool top)
{
  GString *g = g_string_new("From: MAILER-DAEMON@mx.example.com\n");
  if (top)
    g_string_append_printf(g, "%s\n", field);
  g_string_append(g, "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
                     "Content-Type: multipart/report; report-type=delivery-status; "
                     "boundary=\"XX\"\n\n--XX\nContent-Type: message/delivery-status\n\n"
                     "Reporting-MTA: dns; mx.example.com\n\n"
                     "Final-Recipient: rfc822; u@example.org\nAction: failed\nStatus: 5.1.1\n\n"
                     "--XX\nContent-Type: message/rfc822\n\nFrom: sender@example.net\n"
                     "Message-ID: <m1@example.net>\n");
  if (!top)
    g_string_append_printf(g, "%s\n", field);
  g_string_append(g, "Subject: hello\n\nbody\n--XX--\n");
  return g;
}

/* An unknown MTA's notice that lists a thousand addresses on one line:
 * each item reads the line again, so only the first 64 are taken. */
START_TEST(test_fallback_long_address_list)
{
  GString *g = g_string_new("From: MAILER-DAEMON@mx.example.com\nTo: sender@example.org\n"
                            "Subject: Undelivered Mail\nMIME-Version: 1.0\n"
                            "Content-Type: text/plain\n\n"
                            "Delivery to the following recipients failed.\n\nRecipients: ");
  for (int i = 0; i < 1000; i++)
    g_string_append_printf(g, "%su%d@example.org", i ? ", " : "", i);
  g_string_append(g, "\nReason: 550 5.1.1 User unknown\n");
  bounce_report *r = bounce_parse_bytes(g->str, g->len, NULL, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_int_eq(bounce_report_get_recipient_count(r), 64);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 63)),
                   "u63@example.org");
  ck_assert_int_eq(bounce_report_is_truncated(r), 1);
  bounce_report_free(r);
  g_string_free(g, TRUE);
}
END_TEST

typedef struct {
  const GString *msg;
  bounce_report *r;
} small_stack_job;

static void *
parse_on_small_stack(void *p)
{
  small_stack_job *j = p;
  j->r = bounce_parse_bytes(j->msg->str, j->msg->len, NULL, NULL);
  return NULL;
}

/* Parses msg in a thread with a 256 KiB stack, as an application's worker
 * may have: a crash there fails the test. */
static bounce_report *
parse_small_stack(const GString *msg)
{
  pthread_attr_t attr;
  pthread_t t;
  small_stack_job j = {msg, NULL};
  ck_assert_int_eq(pthread_attr_init(&attr), 0);
  ck_assert_int_eq(pthread_attr_setstacksize(&attr, 256 * 1024), 0);
  ck_assert_int_eq(pthread_create(&t, &attr, parse_on_small_stack, &j), 0);
  ck_assert_int_eq(pthread_join(t, NULL), 0);
  pthread_attr_destroy(&attr);
  ck_assert_ptr_nonnull(j.r);
  return j.r;
}

/* Parses len bytes; returns the report, or NULL with *code set. */
static bounce_report *
parse(const char *data, size_t len, const bounce_options *o, bounce_error_code *code)
{
  bounce_error *e = NULL;
  bounce_report *r = bounce_parse_bytes(data, len, o, &e);
  *code = bounce_error_get_code(e);
  if (r == NULL) {
    ck_assert_int_ne(*code, BOUNCE_OK);
    ck_assert(strlen(bounce_error_get_message(e)) > 0);
  } else {
    ck_assert_ptr_null(e);
  }
  bounce_error_free(e);
  return r;
}

/* The header fields of the unknown MTA's notices built below. */
#define NOTICE_HEADERS                                                   \
  "From: MAILER-DAEMON@out.example.net\nTo: sender@example.org\n"       \
  "Subject: Undelivered Mail\nMIME-Version: 1.0\n"

/* Parses g, which must give a report of n recipients. */
static bounce_report *
parse_recipients(const GString *g, const bounce_options *o, size_t n)
{
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), n);
  return r;
}

/* A parse with fields and text over the default caps (lines of 128 KiB,
 * 4 MiB of text), so that size reaches the code under test. */
static bounce_report *
parse_line_limit(const GString *g, guint line)
{
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_LINE_LENGTH, line);
  bounce_options_set_limit(o, BOUNCE_LIMIT_TEXT_SIZE, 4u << 20);
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, o, &code);
  bounce_options_free(o);
  return r;
}

static bounce_report *
parse_long_lines(const GString *g)
{
  return parse_line_limit(g, 128u << 10);
}

/* A report, or an error: either is fine; a report must be readable. */
static void
parse_any(const char *data, size_t len, const bounce_options *o)
{
  bounce_error_code code;
  bounce_report *r = parse(data, len, o, &code);
  if (r) {
    for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++)
      ck_assert_ptr_nonnull(bounce_recipient_get_address(bounce_report_get_recipient(r, i)));
    ck_assert_int_le(bounce_report_get_kind(r), BOUNCE_KIND_AUTOREPLY);
  }
  bounce_report_free(r);
}

static void
expect_error(const char *data, size_t len, const bounce_options *o, bounce_error_code want)
{
  bounce_error_code code;
  bounce_report *r = parse(data, len, o, &code);
  ck_assert_msg(r == NULL, "parsed; expected error %d", want);
  ck_assert_int_eq(code, want);
}

static void
expect_none(const char *data, size_t len)
{
  bounce_error_code code;
  bounce_report *r = parse(data, len, NULL, &code);
  ck_assert_msg(r != NULL, "error %d; expected kind none", code);
  ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_NONE);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 0);
  bounce_report_free(r);
}

/* The report of data must name address as its first recipient. */
static void
expect_recipient(const char *data, size_t len, const char *address, const char *status)
{
  bounce_error_code code;
  bounce_report *r = parse(data, len, NULL, &code);
  ck_assert_msg(r != NULL, "error %d; expected a report", code);
  ck_assert_uint_ge(bounce_report_get_recipient_count(r), 1);
  const bounce_recipient *rc = bounce_report_get_recipient(r, 0);
  ck_assert_str_eq(bounce_recipient_get_address(rc), address);
  if (status)
    ck_assert_str_eq(bounce_recipient_get_status(rc), status);
  bounce_report_free(r);
}

START_TEST(test_empty_and_tiny)
{
  expect_error("", 0, NULL, BOUNCE_ERROR_EMPTY);
  expect_error(" \r\n\t\n", 5, NULL, BOUNCE_ERROR_EMPTY);
  expect_error(NULL, 10, NULL, BOUNCE_ERROR_ARGUMENT);
  for (int c = 0; c < 256; c++) {
    char one = (char)c;
    parse_any(&one, 1, NULL);
  }
  parse_any("\n\n\n\nx", 5, NULL);
  parse_any("From ", 5, NULL);
  parse_any("From x\n", 7, NULL);
}
END_TEST

START_TEST(test_binary_and_nul)
{
  /* Every byte value, in a pseudo-random order, many times. */
  GRand *rand = g_rand_new_with_seed(6);
  for (int round = 0; round < 64; round++) {
    size_t len = (size_t)g_rand_int_range(rand, 1, 4096);
    char *b = g_malloc(len);
    for (size_t i = 0; i < len; i++)
      b[i] = (char)g_rand_int_range(rand, 0, 256);
    parse_any(b, len, NULL);
    g_free(b);
  }
  g_rand_free(rand);
  /* NUL bytes inside a real report: it is still read, past them. */
  static const char with_nul[] =
    "From: MAILER-DAEMON@mx.example.com\nSubject: failure\nMIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"n\"\n\n"
    "--n\nContent-Type: text/plain\n\nA NUL \0 here.\n"
    "--n\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.com\n\n"
    "Final-Recipient: rfc822; nul@example.org\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 \0 no such user\n--n--\n";
  expect_recipient(with_nul, sizeof with_nul - 1, "nul@example.org", "5.1.1");
}
END_TEST

/* The report cut at every line (and so at every part boundary): never a
 * crash; once the delivery-status block is whole, the recipient is read. */
START_TEST(test_truncated_everywhere)
{
  size_t len = 0;
  char *full = test_data_read("postfix-userunknown.eml", &len);
  const char *status_line = strstr(full, "Status: 5.1.1");
  ck_assert_ptr_nonnull(status_line);
  size_t complete = (size_t)(strchr(status_line, '\n') + 1 - full);
  int boundaries = 0;
  for (size_t at = 0; at <= len; at++) {
    if (at != len && (at == 0 || full[at - 1] != '\n'))
      continue;
    boundaries += at + 2 < len && full[at] == '-' && full[at + 1] == '-';
    bounce_error_code code;
    bounce_report *r = parse(full, at, NULL, &code);
    if (at >= complete) {
      ck_assert_msg(r != NULL, "cut at %zu: error %d", at, code);
      ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
      ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                       "tama@example.org");
    }
    bounce_report_free(r);
  }
  ck_assert_int_eq(boundaries, 4);
  /* And cut inside each boundary line. */
  for (const char *b = strstr(full, "\n--"); b; b = strstr(b + 1, "\n--"))
    for (size_t k = 1; k < 12; k++)
      parse_any(full, (size_t)(b - full) + k, NULL);
  g_free(full);
}
END_TEST

static GString *
nested_multiparts(size_t n, bool same_boundary)
{
  GString *g = g_string_new(head);
  g_string_append(g, "Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
  for (size_t i = 1; i < n; i++)
    g_string_append_printf(g, "--b%zu\nContent-Type: multipart/mixed; boundary=\"b%zu\"\n\n",
                           same_boundary ? 0 : i - 1, same_boundary ? 0 : i);
  g_string_append_printf(g, "--b%zu\nContent-Type: text/plain\n\n550 5.1.1 <x@example.org>\n",
                         same_boundary ? 0 : n - 1);
  for (size_t i = n; i-- > 0;)
    g_string_append_printf(g, "--b%zu--\n", same_boundary ? 0 : i);
  return g;
}

START_TEST(test_nested_multiparts)
{
  GString *g = nested_multiparts(10000, false);
  expect_error(g->str, g->len, NULL, BOUNCE_ERROR_TOO_DEEP);
  g_string_free(g, TRUE);
  /* The same boundary at every level, as a parser bomb writes it. */
  g = nested_multiparts(10000, true);
  parse_any(g->str, g->len, NULL);
  g_string_free(g, TRUE);
  /* Nested attached messages count as levels too. */
  g = g_string_new(NULL);
  for (int i = 0; i < 10000; i++)
    g_string_append(g, "From: a@example.com\nContent-Type: message/rfc822\n\n");
  g_string_append(g, "From: b@example.com\n\nhello\n");
  expect_error(g->str, g->len, NULL, BOUNCE_ERROR_TOO_DEEP);
  g_string_free(g, TRUE);
}
END_TEST

START_TEST(test_depth_limit)
{
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_MIME_DEPTH, 4);
  GString *g = nested_multiparts(3, false); /* the text part is at depth 4 */
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  bounce_report_free(r);
  g_string_free(g, TRUE);
  g = nested_multiparts(4, false);
  expect_error(g->str, g->len, o, BOUNCE_ERROR_TOO_DEEP);
  g_string_free(g, TRUE);
  bounce_options_free(o);
}
END_TEST

START_TEST(test_parts_limit)
{
  /* A million empty sibling parts: cut after the limit, marked truncated. */
  GString *g = g_string_new(head);
  g_string_append(g, "Content-Type: multipart/mixed; boundary=\"p\"\n\n");
  for (int i = 0; i < 1000000; i++)
    g_string_append(g, "--p\n\n");
  g_string_append(g, "--p--\n");
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, NULL, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert(bounce_report_is_truncated(r));
  ck_assert_uint_ge(bounce_report_get_warning_count(r), 1);
  bounce_report_free(r);
  g_string_free(g, TRUE);

  /* A report whose delivery-status part comes after the part limit. */
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_MIME_PARTS, 3);
  g = dsn_with(1, "Content-Type: text/plain\n\none\n--XX\nContent-Type: text/plain\n\ntwo\n"
                  "--XX\nContent-Type: text/plain\n\nthree");
  r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert(bounce_report_is_truncated(r));
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 0);
  bounce_report_free(r);
  /* Within the limit it is read. */
  bounce_options_set_limit(o, BOUNCE_LIMIT_MIME_PARTS, 10);
  r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert(!bounce_report_is_truncated(r));
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  bounce_report_free(r);
  g_string_free(g, TRUE);
  bounce_options_free(o);
}
END_TEST

/* 100 MB: over the default size limit an error, from bytes, a descriptor
 * and a file; with the limit raised, read in bounded time and memory, the
 * attachment not scanned past the text limit. */
START_TEST(test_hundred_megabytes)
{
  const char *text_part = "Content-Type: text/plain\n\n";
  GString *g = dsn_with(1, text_part);
  /* grow the text part to 100 MB */
  GString *big = g_string_sized_new(100u << 20);
  const char *at = strstr(g->str, text_part) + strlen(text_part);
  g_string_append_len(big, g->str, at - g->str);
  while (big->len < (100u << 20))
    g_string_append(big, "Your message was not delivered to anyone: 550 5.1.1 no such user.\n");
  g_string_append(big, at);
  g_string_free(g, TRUE);

  expect_error(big->str, big->len, NULL, BOUNCE_ERROR_TOO_LARGE);
  char *path = NULL;
  int fd = g_file_open_tmp("hostile-XXXXXX.eml", &path, NULL);
  ck_assert_int_ge(fd, 0);
  for (size_t done = 0; done < big->len;) {
    ssize_t n = write(fd, big->str + done, big->len - done);
    ck_assert_int_gt(n, 0);
    done += (size_t)n;
  }
  ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
  bounce_error *e = NULL;
  ck_assert_ptr_null(bounce_parse_file(path, NULL, &e));
  ck_assert_int_eq(bounce_error_get_code(e), BOUNCE_ERROR_TOO_LARGE);
  bounce_error_free(e);
  e = NULL;
  ck_assert_ptr_null(bounce_parse_fd(fd, NULL, &e));
  ck_assert_int_eq(bounce_error_get_code(e), BOUNCE_ERROR_TOO_LARGE);
  bounce_error_free(e);
  close(fd);
  g_unlink(path);
  g_free(path);

  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE, 200u << 20);
  bounce_error_code code;
  bounce_report *r = parse(big->str, big->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert(bounce_report_is_truncated(r)); /* the text part went over the text limit */
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                   "u0@example.org");
  bounce_report_free(r);
  bounce_options_free(o);
  g_string_free(big, TRUE);
}
END_TEST

/* An unknown MTA's notice of n recipients under one reply: an SMTP
 * transcript (">>> RCPT TO:<...>" / "<<< 250 OK" each, then DATA refused),
 * or a list of addresses alone on their lines over "Reason: 550 ...".
 * Each address read the rest of its paragraph again (the square of n:
 * 26 s for a list of 10,000, and a transcript of 3,000 7 s); no clock is
 * read, the suite's timeout stops a return of that. */
static bounce_report *
fallback_many(size_t n, bool transcript, bounce_options *o)
{
  GString *g = g_string_new(NOTICE_HEADERS
                            "Content-Type: text/plain\n\n");
  g_string_append(g, transcript ? "Your message could not be delivered. The server "
                                  "mx.example.com answered:\n\n"
                                : "Delivery to the following recipients failed permanently:\n\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, transcript ? ">>> RCPT TO:<u%zu@example.net>\n<<< 250 OK\n"
                                         : "    u%zu@example.net\n", i);
  g_string_append(g, transcript ? ">>> DATA\n<<< 554 5.7.1 rejected\n"
                                : "\nReason: 550 5.1.1 User unknown\n");
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, o, &code);
  g_string_free(g, TRUE);
  return r;
}

START_TEST(test_fallback_many_in_one_paragraph)
{
  const size_t n = 20000;
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, n);
  bounce_options_set_limit(o, BOUNCE_LIMIT_TEXT_SIZE, 4u << 20);
  bounce_options_set_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE, 8u << 20);
  bounce_report *r = fallback_many(n, false, o);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), n);
  /* the reason after the list is each one's, the first's too */
  for (size_t i = 0; i < n; i += n - 1) {
    const bounce_recipient *rc = bounce_report_get_recipient(r, i);
    ck_assert_str_eq(bounce_recipient_get_status(rc), "5.1.1");
    ck_assert_int_eq(bounce_recipient_get_reply_code(rc), 550);
  }
  bounce_report_free(r);
  r = fallback_many(n, true, o);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), n);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, n - 1)),
                   "u19999@example.net");
  bounce_report_free(r);
  bounce_options_free(o);
}
END_TEST

/* A list of addresses alone on their lines, then as many lines that name
 * none in the same paragraph (the reply under the list): each address
 * read all of those lines again (32 s for 10,000 of each); they are read
 * once for the list. No clock is read: the suite's timeout stops a
 * return of that. */
START_TEST(test_fallback_list_over_long_reply)
{
  const size_t n = 10000;
  GString *g = g_string_new(NOTICE_HEADERS
                            "Content-Type: text/plain\n\n"
                            "Delivery to the following recipients failed permanently:\n\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, "u%zu@example.net\n", i);
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, "550 5.1.1 mailbox unavailable, line %zu\n", i);
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, n);
  bounce_report *r = parse_recipients(g, o, n);
  /* the reply under the list is each one's */
  for (size_t i = 0; i < n; i += n - 1) {
    const bounce_recipient *rc = bounce_report_get_recipient(r, i);
    ck_assert_str_eq(bounce_recipient_get_status(rc), "5.1.1");
    ck_assert_int_eq(bounce_recipient_get_reply_code(rc), 550);
  }
  bounce_report_free(r);
  bounce_options_free(o);
  g_string_free(g, TRUE);
}
END_TEST

/* A transcript of n recipients, each accepted in a paragraph of its own
 * ("RCPT TO:<...> 250 OK"), then the message refused at DATA: the refusal
 * is each one's. Each read the text from its address to the refusal
 * again for DATA (4.5 s for 10,000); the last mention of DATA is found
 * once, and where each address is first named in one pass over the text
 * (each searched from the text's start: 0.3 s of 0.5 s for 10,000). No
 * clock is read: the suite's timeout stops a return of that. */
START_TEST(test_fallback_accepted_then_data_refused)
{
  const size_t n = 10000;
  GString *g = g_string_new(NOTICE_HEADERS
                            "Content-Type: text/plain\n\nDelivery failed.\n\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, "RCPT TO:<u%zu@example.net> 250 OK\n\n", i);
  g_string_append(g, "DATA\n554 5.7.1 rejected\n");
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, n);
  bounce_report *r = parse_recipients(g, o, n);
  for (size_t i = 0; i < n; i += n - 1) {
    const bounce_recipient *rc = bounce_report_get_recipient(r, i);
    ck_assert_str_eq(bounce_recipient_get_diagnostic(rc), "554 5.7.1 rejected");
    ck_assert_str_eq(bounce_recipient_get_status(rc), "5.7.1");
  }
  bounce_report_free(r);
  bounce_options_free(o);
  g_string_free(g, TRUE);
}
END_TEST

/* An old Postfix notice ("host x said:", no command named) whose
 * recipients' local parts are long runs of one letter, each over a reply
 * that is one long run of it: whether the reply names the local part is
 * tried where a word starts, not at each byte again over the local part
 * (0.1 s a recipient, 4.4 s for 40 of them in under 1 MB; here 3.6 MB
 * under a 4 MiB text cap). No clock is read: speed is the benchmark's;
 * this proves the answer at a size the old path took 18 s over. */
START_TEST(test_postfix_said_long_local_parts)
{
  const size_t n = 180, local = 4000, reply = 16000;
  GString *g = g_string_new("From: MAILER-DAEMON@mail.example.org (Mail Delivery System)\n"
                            "To: sender@example.org\n"
                            "Subject: Undelivered Mail Returned to Sender\n"
                            "MIME-Version: 1.0\nContent-Type: text/plain\n\n"
                            "This is the Postfix program at host mail.example.org.\n\n"
                            "\t\t\tThe Postfix program\n");
  for (size_t i = 0; i < n; i++) {
    g_string_append(g, "\n<");
    for (size_t k = 0; k < local; k++)
      g_string_append_c(g, 'a');
    g_string_append_printf(g, "%zu@example.net>: host mx.example.net[192.0.2.1] said: 550 ", i);
    for (size_t k = 0; k < reply; k++)
      g_string_append_c(g, 'a');
    g_string_append_c(g, '\n');
  }
  bounce_report *r = parse_long_lines(g);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), n);
  bounce_report_free(r);
  g_string_free(g, TRUE);
}
END_TEST

/* A delivery-status part of n recipients that gives no reason, its text
 * part naming each with the server's reply ("u1@...: 550 5.1.1 user
 * unknown"), or by its local part alone ("\tu1 (user unknown)"), a
 * paragraph each: what follows the name is each one's diagnostic. Each
 * recipient read the text from its start for its line (4.3 s for
 * 10,000); the lines are read once for all. No clock is read: the suite's
 * timeout stops a return of that. */
START_TEST(test_fallback_dsn_named_in_text)
{
  const size_t n = 10000;
  GString *g = g_string_new(NOTICE_HEADERS
                            "Content-Type: multipart/report; report-type=delivery-status; "
                            "boundary=\"XX\"\n\n--XX\nContent-Type: text/plain\n\n"
                            "Delivery failed for these recipients:\n\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, i % 2 ? "\tu%zu (user unknown)\n\n"
                                    : "u%zu@example.org: 550 5.1.1 user unknown\n\n",
                           i);
  g_string_append(g, "\n--XX\nContent-Type: message/delivery-status\n\n"
                     "Reporting-MTA: dns; out.example.net\n\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, "Final-Recipient: rfc822; u%zu@example.org\nAction: failed\n"
                              "Status: 5.1.1\n\n", i);
  g_string_append(g, "--XX--\n");
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, n);
  bounce_options_set_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE, 8u << 20);
  bounce_report *r = parse_recipients(g, o, n);
  const bounce_recipient *rc = bounce_report_get_recipient(r, n - 2);
  ck_assert_str_eq(bounce_recipient_get_address(rc), "u9998@example.org");
  ck_assert_str_eq(bounce_recipient_get_diagnostic(rc), "550 5.1.1 user unknown");
  ck_assert_int_eq(bounce_recipient_get_reply_code(rc), 550);
  rc = bounce_report_get_recipient(r, n - 1);
  ck_assert_str_eq(bounce_recipient_get_diagnostic(rc), "(user unknown)");
  bounce_report_free(r);
  bounce_options_free(o);
  g_string_free(g, TRUE);
}
END_TEST

/* One answer for the whole bounce (Google's "The response was:") over
 * many recipients, naming none of them: every recipient is kept and read.
 * Whose answer it is is asked once, not per recipient over all the others
 * (the square of their number); the bench measures the time, this test
 * only the answer (no timed assertions: sanitizer builds run slower). */
START_TEST(test_shared_answer_many_recipients)
{
  const size_t n = 5000;
  GString *g = g_string_new("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
                            "Subject: Delivery Status Notification (Failure)\n"
                            "MIME-Version: 1.0\n"
                            "Content-Type: multipart/report; report-type=delivery-status; "
                            "boundary=\"XX\"\n\n--XX\nContent-Type: text/plain\n\n"
                            "** Address not found **\n\nThe response was:\n\n");
  while (g->len < 2400)
    g_string_append(g, "The recipient server did not accept our requests to connect. ");
  g_string_append(g, "\n\n--XX\nContent-Type: message/delivery-status\n\n"
                     "Reporting-MTA: dns; googlemail.com\n\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, "Final-Recipient: rfc822; u%zu@example.org\nAction: failed\n"
                              "Status: 5.0.0\n\n", i);
  g_string_append(g, "--XX--\n");
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, n);
  bounce_options_set_limit(o, BOUNCE_LIMIT_TEXT_SIZE, 8u << 20);
  bounce_report *r = parse_recipients(g, o, n);
  ck_assert_str_eq(bounce_report_get_mta(r), "googleworkspace");
  /* the answer names none of them, so it is every one's */
  for (size_t i = 0; i < n; i += n - 1)
    ck_assert_ptr_nonnull(strstr(bounce_recipient_get_diagnostic(bounce_report_get_recipient(r, i)),
                                 "did not accept our requests"));
  bounce_report_free(r);
  bounce_options_free(o);
  g_string_free(g, TRUE);
}
END_TEST

/* The check for an address cut short by the message's end asks whether
 * one recipient's address starts another's. Compared pair by pair it was
 * fifty million comparisons at the recipient limit (a second a message);
 * sorted, each address is compared with its neighbour only. */
START_TEST(test_cut_check_linear_in_recipients)
{
  const size_t n = 10000;
  GString *g = dsn_with(n, NULL);
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, NULL, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), n);
  ck_assert_uint_lt(bn_report_work(r), 2 * n);
  bounce_report_free(r);
  g_string_free(g, TRUE);
}
END_TEST

/* A Sendmail notice's opening and its list of n recipients, u0 to
 * u<n-1>@example.net; the transcript is the test's own. */
static GString *
sendmail_listing(size_t n)
{
  GString *g = g_string_new("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
                            "To: sender@example.com\n"
                            "Subject: Returned mail: see transcript for details\n\n"
                            "   ----- The following addresses had permanent fatal errors -----\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, "<u%zu@example.net>\n", i);
  return g;
}

/* A Sendmail transcript of a thousand sessions under a list of three
 * thousand recipients: each recipient's step is looked for among the steps
 * that name its local part, not among all of them (three million address
 * comparisons, the time of a few hundred notices), and still found. */
START_TEST(test_transcript_find_linear_in_recipients)
{
  const size_t n = 3000, steps = 1000;
  GString *g = sendmail_listing(n);
  g_string_append(g, "\n   ----- Transcript of session follows -----\n");
  for (size_t i = 0; i < steps; i++)
    g_string_append_printf(g, "... while talking to mx%zu.example.net.:\n>>> RCPT To:<u%zu@example.net>\n"
                              "<<< 550 5.1.1 <u%zu@example.net>... User unknown\n", i, i, i);
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, NULL, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_str_eq(bounce_report_get_mta(r), "sendmail");
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), n);
  const bounce_recipient *last = bounce_report_get_recipient(r, steps - 1);
  ck_assert_str_eq(bounce_recipient_get_remote_mta(last), "mx999.example.net");
  ck_assert_str_eq(bounce_recipient_get_diagnostic(last), "550 5.1.1 <u999@example.net>... User unknown");
  ck_assert_uint_lt(bn_report_work(r), 2 * n);
  bounce_report_free(r);
  g_string_free(g, TRUE);
}
END_TEST

/* One session of 1,000 refused RCPTs and 3,000 listed recipients, the
 * last 2,000 of them named by no step: the refusal of a recipient no step
 * names is the same for each (here none: the reply to DATA, after the
 * last RCPT, is that one's), and was searched for again for each through
 * every step. */
START_TEST(test_transcript_unnamed_linear_in_recipients)
{
  const size_t n = 3000, steps = 1000;
  GString *g = sendmail_listing(n);
  g_string_append(g, "\n   ----- Transcript of session follows -----\n"
                     "... while talking to mx.example.net.:\n");
  for (size_t i = 0; i < steps; i++)
    g_string_append_printf(g, ">>> RCPT To:<u%zu@example.net>\n"
                              "<<< 550 5.1.1 <u%zu@example.net>... User unknown\n", i, i);
  g_string_append(g, ">>> DATA\n<<< 554 5.7.1 Message refused\n");
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, NULL, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), n);
  const bounce_recipient *named = bounce_report_get_recipient(r, steps - 1);
  ck_assert_str_eq(bounce_recipient_get_diagnostic(named), "550 5.1.1 <u999@example.net>... User unknown");
  ck_assert_uint_lt(bn_report_work(r), 4 * n);
  bounce_report_free(r);
  g_string_free(g, TRUE);
}
END_TEST

/* 3,000 recipients each quoting its own refusal ("(reason: 550 ...)"),
 * with a Remote-MTA in the delivery-status part, and no step naming them
 * among 1,000 sessions refused at MAIL: the quoted reply (the first
 * 1,000's) and the remote MTA's session (the others') were each looked
 * for through every step, for each recipient. */
START_TEST(test_transcript_quoted_and_remote_linear_in_recipients)
{
  const size_t n = 3000, steps = 1000;
  GString *g = g_string_new("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
                            "To: sender@example.com\n"
                            "Subject: Returned mail: see transcript for details\n"
                            "MIME-Version: 1.0\n"
                            "Content-Type: multipart/report; report-type=delivery-status; "
                            "boundary=\"XX\"\n\n--XX\nContent-Type: text/plain\n\n"
                            "   ----- The following addresses had permanent fatal errors -----\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, "<u%zu@example.net>\n    (reason: 550 5.1.1 u%zu unknown)\n", i, i);
  g_string_append(g, "\n   ----- Transcript of session follows -----\n");
  for (size_t i = 0; i < steps; i++)
    g_string_append_printf(g, "... while talking to mx%zu.example.net.:\n"
                              ">>> MAIL From:<sender@example.com>\n<<< 550 5.1.1 u%zu unknown\n", i, i);
  g_string_append(g, "\n--XX\nContent-Type: message/delivery-status\n\n"
                     "Reporting-MTA: dns; mx.example.org\n\n");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(g, "Final-Recipient: RFC822; u%zu@example.net\nAction: failed\n"
                              "Status: 5.1.1\nRemote-MTA: DNS; mx%zu.example.net\n\n", i, i % steps);
  g_string_append(g, "--XX--\n");
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, NULL, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), n);
  const bounce_recipient *quoted = bounce_report_get_recipient(r, steps - 1);
  ck_assert_str_eq(bounce_recipient_get_diagnostic(quoted), "550 5.1.1 u999 unknown");
  ck_assert_str_eq(bounce_recipient_get_smtp_command(quoted), "MAIL");
  const bounce_recipient *remote = bounce_report_get_recipient(r, n - 1);
  ck_assert_str_eq(bounce_recipient_get_diagnostic(remote), "550 5.1.1 u2999 unknown");
  ck_assert_str_eq(bounce_recipient_get_smtp_command(remote), "MAIL");
  ck_assert_str_eq(bounce_recipient_get_remote_mta(remote), "mx999.example.net");
  ck_assert_uint_lt(bn_report_work(r), 20 * n);
  bounce_report_free(r);
  g_string_free(g, TRUE);
}
END_TEST

START_TEST(test_hundred_thousand_recipients)
{
  GString *g = dsn_with(100000, NULL);
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE, 64u << 20);
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, NULL, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert(bounce_report_is_truncated(r));
  ck_assert_uint_eq(bounce_report_get_recipient_count(r),
                    bounce_options_get_limit(NULL, BOUNCE_LIMIT_RECIPIENTS));
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                   "u0@example.org");
  bounce_report_free(r);
  /* A smaller limit is kept to exactly. */
  bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, 100);
  r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert(bounce_report_is_truncated(r));
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 100);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 99)),
                   "u99@example.org");
  bounce_report_free(r);
  g_string_free(g, TRUE);

  /* The same in prose (a Postfix notification without a report part). */
  g = g_string_new("From: MAILER-DAEMON@mx.example.com\n"
                   "Subject: Undelivered Mail Returned to Sender\n\n"
                   "This is the mail system at host mx.example.com.\n\n");
  for (int i = 0; i < 100000; i++)
    g_string_append_printf(g, "<p%d@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 "
                              "unknown user (in reply to RCPT TO command)\n", i);
  r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 100);
  ck_assert(bounce_report_is_truncated(r));
  bounce_report_free(r);
  g_string_free(g, TRUE);
  bounce_options_free(o);
}
END_TEST

/* Google Groups' X-Failed-Recipients of 12,000 addresses with "xn--" domains,
 * which GMime gives in UTF-8: each address's written form was looked for
 * in the whole header, once per address (quadratic). No clock is read:
 * the suite's timeout stops a return of that, and the benchmark measures
 * speed. Not many more addresses: GMime's parser grows a field's buffer
 * 64 bytes at a time, a realloc per folded line, which glibc mostly does
 * in place but ASan always moves and copies; under ASan a field of 20,000
 * lines costs 22 s of CPU, of 40,000 over 100 s (the default line limit
 * of 16 KiB keeps a field to a few hundred lines). */
START_TEST(test_failed_recipients_idn_header)
{
  GString *g = g_string_new("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
                            "Subject: Delivery Status Notification (Failure)\n"
                            "Auto-Submitted: auto-replied\nX-Failed-Recipients: ");
  for (int i = 0; i < 12000; i++)
    g_string_append_printf(g, "%sg%d@xn--bcher-kva.example", i ? ",\n " : "", i);
  g_string_append(g, "\nContent-Type: text/plain\n\nHello,\n\nWe're writing to let you know "
                     "that the group you tried to contact (club) may not exist.\n\n"
                     "----- Original message -----\n\nTo: club@googlegroups.com\n");
  bounce_report *r = parse_line_limit(g, 2u << 20);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 10000);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 9999)),
                   "g9999@xn--bcher-kva.example");
  bounce_report_free(r);
  g_string_free(g, TRUE);
}
END_TEST

/* Sendmail V5's local user looked up in the returned message's To, which
 * is prefix then 12,000 addresses parted by ";"; the report. */
static bounce_report *
local_user_in_parted_to(const char *prefix, int repeat)
{
  GString *g = g_string_new("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
                            "To: sender@example.org\nSubject: Returned mail: User unknown\n\n"
                            "   ----- Transcript of session follows -----\n"
                            "550 u11999... User unknown\n\n"
                            "   ----- Unsent message follows -----\nFrom: sender@example.org\nTo: ");
  for (int i = 0; i < repeat; i++)
    g_string_append(g, prefix);
  for (int i = 0; i < 12000; i++)
    g_string_append_printf(g, "U%d <u%d@example.org>; ", i, i);
  g_string_append(g, "\nSubject: Minutes\n\nHello\n");
  bounce_report *r = parse_line_limit(g, 2u << 20);
  g_string_free(g, TRUE);
  return r;
}

/* A list parted by ";" is read in one pass, however many there are; GMime
 * reads groups in groups by recursion and 50,000 of them overflowed the
 * stack: such a list is not given to GMime. */
START_TEST(test_semicolon_parted_long_to)
{
  bounce_report *r = local_user_in_parted_to(";", 1000000);
  ck_assert_ptr_nonnull(r);
  ck_assert_str_eq(bounce_report_get_mta(r), "v5sendmail");
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                   "u11999@example.org");
  bounce_report_free(r);
  r = local_user_in_parted_to("team:", 50000);
  ck_assert_ptr_nonnull(r);
  bounce_report_free(r);
}
END_TEST

/* An unknown mail system's bounce whose X-Failed-Recipients name more
 * addresses than the recipient limit: the first ones are read and the
 * report says it was cut, as the limit promises (it was cut silently). */
START_TEST(test_failed_recipients_over_limit)
{
  static const char msg[] = "From: Mail Delivery System <Mailer-Daemon@mx.example.jp>\n"
                            "Subject: Mail delivery failed\n"
                            "X-Failed-Recipients: a1@example.jp, a2@example.jp, a3@example.jp\n\n"
                            "Die Nachricht konnte nicht zugestellt werden.\n";
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, 2);
  bounce_error_code code = 0;
  bounce_report *r = parse(msg, sizeof msg - 1, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 2);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 1)), "a2@example.jp");
  ck_assert(bounce_report_is_truncated(r));
  bounce_report_free(r);
  bounce_options_free(o);
}
END_TEST

/* An Office 365 report in the sender's language labels each recipient
 * ("Empfaengeradresse:"); a labelled address is a recipient unless it is
 * the sender's, one of the report's To. A To of 3,200 addresses with
 * non-ASCII domains, each looked for in the header's text, once per
 * labelled line, took minutes; the To is read once per report. */
START_TEST(test_labelled_lines_against_long_to)
{
  const int n_to = 3200, n_lines = 20000;
  GString *g = g_string_new("From: Microsoft Outlook <postmaster@contoso.onmicrosoft.com>\nTo: ");
  for (int i = 0; i < n_to; i++)
    g_string_append_printf(g, "u%d@m\xc3\xbcller%d.example, ", i, i);
  g_string_append(g, "sender@example.org\nSubject: Unzustellbar: Protokoll\nMIME-Version: 1.0\n"
                     "Content-Type: text/plain; charset=utf-8\nX-MS-Exchange-Message-Is-Ndr:\n\n"
                     "Your message to board@example.com couldn't be delivered.\n\n"
                     "Absenderadresse: sender@example.org\n");
  for (int i = 0; i < n_lines; i++)
    g_string_append(g, "Empfaengeradresse: board@example.com\n");
  g_string_append(g, "\nReported error: 550 5.1.1 RESOLVER.ADR.RecipientNotFound; not found\n");
  bounce_report *r = parse_long_lines(g);
  ck_assert_ptr_nonnull(r);
  ck_assert_str_eq(bounce_report_get_mta(r), "office365");
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  const bounce_recipient *rc = bounce_report_get_recipient(r, 0);
  ck_assert_str_eq(bounce_recipient_get_address(rc), "board@example.com");
  ck_assert_str_eq(bounce_recipient_get_status(rc), "5.1.1");
  bounce_report_free(r);
  g_string_free(g, TRUE);
}
END_TEST

/* A notice whose lines name users by their ID alone, found in the
 * returned message's To: GroupWise's "\tID (user not found)", Sendmail
 * V5's "550 ID... User unknown". The To (3,200 addresses with non-ASCII
 * domains) is read once per notice; it was parsed again, and each address
 * looked for in its text, for every one of 20,000 lines (Sendmail's
 * first 1,000 are read): minutes. */
static void
user_ids_against_long_to(const char *top, const char *before, const char *after,
                         const char *bottom, const char *mta)
{
  GString *g = g_string_new(top);
  g_string_append_printf(g, "%sboard1%s\n", before, after);
  for (int i = 0; i < 20000; i++)
    g_string_append_printf(g, "%snobody%d%s\n", before, i, after);
  g_string_append_printf(g, "%s\nFrom: sender@example.org\nTo: ", bottom);
  for (int i = 0; i < 3200; i++)
    g_string_append_printf(g, "u%d@m\xc3\xbcller%d.example, ", i, i);
  g_string_append(g, "board1@example.com\nSubject: Protokoll\n\nHallo\n");
  bounce_report *r = parse_long_lines(g);
  ck_assert_ptr_nonnull(r);
  ck_assert_str_eq(bounce_report_get_mta(r), mta);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  const bounce_recipient *rc = bounce_report_get_recipient(r, 0);
  ck_assert_str_eq(bounce_recipient_get_address(rc), "board1@example.com");
  ck_assert_int_eq(bounce_recipient_get_cause(rc), BOUNCE_CAUSE_USERUNKNOWN);
  bounce_report_free(r);
  g_string_free(g, TRUE);
}

START_TEST(test_groupwise_user_ids_against_long_to)
{
  user_ids_against_long_to("From: postmaster@gw.example.net\nTo: sender@example.org\n"
                           "Subject: Message status - undeliverable\nMIME-Version: 1.0\n"
                           "Content-Type: text/plain; charset=utf-8\n\n"
                           "The message that you sent was undeliverable to the following:\n",
                           "\t", " (user not found)",
                           "\nPossibly truncated original message follows:\n", "groupwise");
}
END_TEST

START_TEST(test_v5sendmail_user_ids_against_long_to)
{
  user_ids_against_long_to("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
                           "To: sender@example.org\nSubject: Returned mail: User unknown\n"
                           "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
                           "   ----- Transcript of session follows -----\n",
                           "550 ", "... User unknown",
                           "\n   ----- Unsent message follows -----", "v5sendmail");
}
END_TEST

START_TEST(test_line_and_text_limits)
{
  /* A 1 MB diagnostic is cut at the line limit. */
  GString *diag = g_string_new("Content-Type: message/delivery-status\n\n"
                               "Final-Recipient: rfc822; long@example.org\nAction: failed\n"
                               "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 ");
  while (diag->len < (1u << 20))
    g_string_append(diag, "very long ");
  GString *g = g_string_new(head);
  g_string_append_printf(g, "Content-Type: multipart/report; report-type=delivery-status; "
                            "boundary=\"L\"\n\n--L\n%s\n--L--\n", diag->str);
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_LINE_LENGTH, 1000);
  bounce_options_set_limit(o, BOUNCE_LIMIT_TEXT_SIZE, 4u << 20);
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_eq(bounce_report_get_recipient_count(r), 1);
  const char *d = bounce_recipient_get_diagnostic(bounce_report_get_recipient(r, 0));
  ck_assert(strlen(d) > 100 && strlen(d) <= 1000);
  bounce_report_free(r);
  g_string_free(g, TRUE);
  g_string_free(diag, TRUE);

  /* The same diagnostic folded over ten thousand lines. */
  diag = g_string_new("Content-Type: message/delivery-status\n\n"
                      "Final-Recipient: rfc822; folded@example.org\nAction: failed\n"
                      "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n");
  for (int i = 0; i < 10000; i++)
    g_string_append(diag, "  and then some more words on this line\n");
  g = g_string_new(head);
  g_string_append_printf(g, "Content-Type: multipart/report; report-type=delivery-status; "
                            "boundary=\"L\"\n\n--L\n%s\n--L--\n", diag->str);
  r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  d = bounce_recipient_get_diagnostic(bounce_report_get_recipient(r, 0));
  ck_assert(strlen(d) > 100 && strlen(d) <= 1000);
  ck_assert_int_eq(bounce_recipient_get_cause(bounce_report_get_recipient(r, 0)),
                   BOUNCE_CAUSE_USERUNKNOWN);
  ck_assert(bounce_report_is_truncated(r));
  bounce_report_free(r);
  g_string_free(g, TRUE);
  g_string_free(diag, TRUE);

  /* Header fields: one longer than the line limit is cut, and headers over
   * the text limit in all are dropped; the message is still read. */
  g = g_string_new("From: MAILER-DAEMON@mx.example.com\nSubject: ");
  for (int i = 0; i < 100000; i++)
    g_string_append(g, "Undelivered ");
  g_string_append(g, "\n");
  for (int i = 0; i < 200000; i++)
    g_string_append_printf(g, "X-Filler-%d: yes\n", i);
  g_string_append(g, "\nThis is the mail system at host mx.example.com.\n\n"
                     "<cut@example.org>: 550 5.1.1 unknown user\n");
  r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert(bounce_report_is_truncated(r));
  bounce_report_free(r);
  g_string_free(g, TRUE);

  /* The text limit: prose beyond it is not scanned. */
  bounce_options_set_limit(o, BOUNCE_LIMIT_TEXT_SIZE, 1000);
  g = g_string_new("From: MAILER-DAEMON@mx.example.com\n"
                   "Subject: Undelivered Mail Returned to Sender\n\n"
                   "This is the mail system at host mx.example.com.\n\n");
  for (int i = 0; i < 100; i++)
    g_string_append_printf(g, "<t%d@example.org>: 550 5.1.1 unknown user\n", i);
  r = parse(g->str, g->len, o, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert(bounce_report_is_truncated(r));
  ck_assert_uint_gt(bounce_report_get_recipient_count(r), 0);
  ck_assert_uint_lt(bounce_report_get_recipient_count(r), 100);
  bounce_report_free(r);
  g_string_free(g, TRUE);
  bounce_options_free(o);
}
END_TEST

static bool
has_warning(const bounce_report *r, const char *part)
{
  for (size_t i = 0; i < bounce_report_get_warning_count(r); i++)
    if (strstr(bounce_report_get_warning(r, i), part))
      return true;
  return false;
}

START_TEST(test_charsets)
{
  static const char *const parts[] = {
    "Content-Type: text/plain; charset=x-no-such-charset\n\n\xe9t\xe9 returned\n",
    "Content-Type: text/plain; charset=iso-2022-jp\n\n\x1b$B%a!<%k\x1b(B \x1b$B\x1b$B\x1b\n",
    "Content-Type: text/plain; charset=shift_jis\n\n\x82\xa0\x82\n",
    "Content-Type: text/plain; charset=utf-8\n\n\xc3\x28 \xf0\x28\x8c\x28 \xed\xa0\x80\n",
    "Content-Type: text/plain; charset=\"\"\n\n\xff\xfe\n",
    "Content-Type: text/plain; charset=utf-16\n\nA\n",
    "Content-Type: text/plain\n\n\x80\x81\x82\x83 no charset at all\n",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
    GString *g = dsn_with(1, parts[i]);
    expect_recipient(g->str, g->len, "u0@example.org", "5.1.1");
    g_string_free(g, TRUE);
  }
  GString *g = dsn_with(1, parts[0]);
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, NULL, &code);
  ck_assert(has_warning(r, "x-no-such-charset"));
  bounce_report_free(r);
  g_string_free(g, TRUE);
  /* Broken RFC 2047 words in the headers. */
  static const char words[] =
    "From: =?x-bogus?Q?a?= <MAILER-DAEMON@mx.example.com>\n"
    "Subject: =?utf-8?B?!!!?= =?iso-2022-jp?B?GyRC?= =?utf-8?Q?=ZZ?=\n\nhello\n";
  expect_none(words, sizeof words - 1);
}
END_TEST

START_TEST(test_bad_encodings)
{
  /* The delivery-status part in invalid base64: what decodes is read. */
  GString *g = g_string_new(head);
  g_string_append(g, "Content-Type: multipart/report; report-type=delivery-status; boundary=\"E\"\n\n"
                     "--E\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
                     "!!!!@@@@====SGVsbG8=\x80\x81====\n"
                     "--E\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n"
                     /* "Final-Recipient: rfc822; b64@example.org\nStatus: 5.1.1\n" */
                     "RmluYWwtUmVjaXBpZW50OiByZmM4MjI7IGI2NEBleGFtcGxlLm9yZwpTdGF0dXM6IDUuMS4xCg==*==\n"
                     "--E--\n");
  expect_recipient(g->str, g->len, "b64@example.org", "5.1.1");
  g_string_free(g, TRUE);
  /* Invalid quoted-printable. */
  static const char qp[] =
    "From: MAILER-DAEMON@mx.example.com\nSubject: Undelivered Mail Returned to Sender\n"
    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
    "This is the mail system at host mx.example.com.\n\n"
    "<qp@example.org>: 550 5.1.1 =ZZ=\n=C3=\n=E3=81=\n=\nunknown user=3\n";
  expect_recipient(qp, sizeof qp - 1, "qp@example.org", "5.1.1");
  /* An unknown transfer encoding. */
  g = dsn_with(1, "Content-Type: text/plain\nContent-Transfer-Encoding: x-rot13\n\nabc");
  expect_recipient(g->str, g->len, "u0@example.org", "5.1.1");
  g_string_free(g, TRUE);
}
END_TEST

START_TEST(test_line_endings)
{
  size_t len = 0;
  char *msg = test_data_read("postfix-userunknown.eml", &len);
  GString *lf = g_string_new(NULL);
  for (size_t i = 0; i < len; i++)
    if (msg[i] != '\r')
      g_string_append_c(lf, msg[i]);
  /* lone CR only (old Mac) */
  GString *cr = g_string_new(lf->str);
  for (size_t i = 0; i < cr->len; i++)
    if (cr->str[i] == '\n')
      cr->str[i] = '\r';
  expect_recipient(cr->str, cr->len, "tama@example.org", "5.1.1");
  /* CRLF */
  GString *crlf = g_string_new(NULL);
  for (size_t i = 0; i < lf->len; i++) {
    if (lf->str[i] == '\n')
      g_string_append_c(crlf, '\r');
    g_string_append_c(crlf, lf->str[i]);
  }
  expect_recipient(crlf->str, crlf->len, "tama@example.org", "5.1.1");
  /* mixed: every third line CRLF, every fifth a lone CR */
  GString *mixed = g_string_new(NULL);
  int line = 0;
  for (size_t i = 0; i < lf->len; i++) {
    if (lf->str[i] != '\n') {
      g_string_append_c(mixed, lf->str[i]);
      continue;
    }
    line++;
    g_string_append(mixed, line % 3 == 0 ? "\r\n" : line % 5 == 0 ? "\r" : "\n");
  }
  parse_any(mixed->str, mixed->len, NULL);
  /* a message of lone CRs and \r\r\n */
  parse_any("\r\r\r\r", 4, NULL);
  parse_any("From: a@b.example\r\r\n\r\r\nbody\r", 29, NULL);
  g_string_free(mixed, TRUE);
  g_string_free(crlf, TRUE);
  g_string_free(cr, TRUE);
  g_string_free(lf, TRUE);
  g_free(msg);
}
END_TEST

/* A label whose last space the line's trimmed end leaves outside it
 * ("Received >>> " then a form feed, which the view keeps and a span's
 * trim drops): the reply is read within the line, not on from it. */
START_TEST(test_label_past_line_end)
{
  size_t len = 0;
  char *msg = test_data_read("trendmicro-data-refused.eml", &len);
  static const char reply[] = "Received >>> 554 5.7.1 Message rejected: a virus was found\n";
  char *at = strstr(msg, reply);
  ck_assert_ptr_nonnull(at);
  GString *g = g_string_new_len(msg, at - msg);
  g_string_append(g, "Received >>> \f\n");
  g_string_append(g, at + strlen(reply));
  bounce_error_code code;
  bounce_report *r = parse(g->str, g->len, NULL, &code);
  ck_assert_ptr_nonnull(r);
  for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++) {
    const char *d = bounce_recipient_get_diagnostic(bounce_report_get_recipient(r, i));
    ck_assert_msg(d == NULL || strstr(d, "End of message") == NULL, "read past the line: %s", d);
  }
  bounce_report_free(r);
  g_string_free(g, TRUE);
  g_free(msg);

  /* au's transcript: a bare ">>>" names no command, not the next line's
   * first word */
  msg = test_data_read("ezweb-transcript.eml", &len);
  static const char sent[] = "    >>> RCPT TO:<member-77@ezweb.ne.jp>\n";
  at = strstr(msg, sent);
  ck_assert_ptr_nonnull(at);
  g = g_string_new_len(msg, at - msg);
  g_string_append(g, "    >>>\nDATA\n");
  g_string_append(g, at + strlen(sent));
  r = parse(g->str, g->len, NULL, &code);
  ck_assert_ptr_nonnull(r);
  ck_assert_uint_ge(bounce_report_get_recipient_count(r), 1);
  const char *cmd = bounce_recipient_get_smtp_command(bounce_report_get_recipient(r, 0));
  ck_assert_msg(cmd == NULL || strcmp(cmd, "DATA") != 0, "read past the line: %s", cmd);
  bounce_report_free(r);
  g_string_free(g, TRUE);
  g_free(msg);
}
END_TEST

/* A Content-Type whose unindented parameter lines run past the line
 * limit: the lines past it go, and the field after them (here the
 * transfer encoding, without which the notice is unreadable base64) stays
 * a field, whatever byte of a line the limit falls on. */
START_TEST(test_mended_fold_past_line_limit)
{
  static const char body64[] =
    "VGhpcyBpcyB0aGUgbWFpbCBzeXN0ZW0gYXQgaG9zdCBteC5leGFtcGxlLmNvbS4KCjxib2JAZXhh\n"
    "bXBsZS5vcmc+OiBob3N0IG14LmV4YW1wbGUub3JnWzE5Mi4wLjIuMV0gc2FpZDogNTUwIDUuMS4x\n"
    "IFVzZXIgdW5rbm93biAoaW4gcmVwbHkgdG8gUkNQVCBUTyBjb21tYW5kKQo=\n";
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_LINE_LENGTH, 1000);
  for (size_t pad = 0; pad < 36; pad++) {
    GString *g = g_string_new("From: MAILER-DAEMON@mx.example.com (Mail Delivery System)\n"
                              "To: s@example.com\n"
                              "Subject: Undelivered Mail Returned to Sender\n"
                              "MIME-Version: 1.0\n"
                              "Content-Type: text/plain; charset=us-ascii;");
    for (size_t i = 0; i < pad; i++)
      g_string_append_c(g, 'x');
    g_string_append(g, ";\n");
    for (int i = 0; i < 60; i++)
      g_string_append_printf(g, "p%04d=vvvvvvvvvvvvvvvvvvvvvvvvvvvvvv;\n", i);
    g_string_append_printf(g, "Content-Transfer-Encoding: base64\n\n%s", body64);
    bounce_error_code code;
    bounce_report *r = parse(g->str, g->len, o, &code);
    ck_assert_ptr_nonnull(r);
    ck_assert_msg(bounce_report_get_recipient_count(r) == 1, "pad %zu: %zu recipients", pad,
                  bounce_report_get_recipient_count(r));
    ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                     "bob@example.org");
    bounce_report_free(r);
    g_string_free(g, TRUE);
  }
  bounce_options_free(o);
}
END_TEST

START_TEST(test_header_or_body_alone)
{
  static const char headers_only[] =
    "From: MAILER-DAEMON@mx.example.com\nSubject: Undelivered Mail Returned to Sender\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"H\"\n";
  expect_none(headers_only, sizeof headers_only - 1);
  expect_none(headers_only, sizeof headers_only - 2); /* no final line end */
  static const char body_only[] = "\nThis is just some text.\n550 5.1.1 nobody here\n";
  expect_none(body_only, sizeof body_only - 1);
  /* Delivery-status fields with no headers at all: not a bounce, or (if
   * read) the right recipient. */
  static const char fields_only[] =
    "\nReporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; bare@example.org\n"
    "Action: failed\nStatus: 5.1.1\n";
  bounce_error_code code;
  bounce_report *r = parse(fields_only, sizeof fields_only - 1, NULL, &code);
  ck_assert_ptr_nonnull(r);
  if (bounce_report_get_recipient_count(r) > 0)
    ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                     "bare@example.org");
  else
    ck_assert_int_eq(bounce_report_get_kind(r), BOUNCE_KIND_NONE);
  bounce_report_free(r);
  /* A multipart with its boundary missing, or never used. */
  static const char no_boundary[] =
    "From: MAILER-DAEMON@mx.example.com\nContent-Type: multipart/report\n\n--x\n\ntext\n--x--\n";
  expect_none(no_boundary, sizeof no_boundary - 1);
  static const char unused[] =
    "From: MAILER-DAEMON@mx.example.com\nContent-Type: multipart/mixed; boundary=zz\n\nno parts\n";
  expect_none(unused, sizeof unused - 1);
}
END_TEST

/* An mbox with bad messages between good ones: every good one is read,
 * each bad one is an error naming it, and the reader goes on. */
START_TEST(test_mbox_keeps_going)
{
  GString *box = g_string_new(NULL);
  GString *good = dsn_with(1, NULL);
  GString *deep = nested_multiparts(100, false);
  const char *sep = "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n";
  g_string_append_printf(box, "%s%s\n", sep, good->str);
  g_string_append_printf(box, "%s\n\n\n", sep);                      /* empty */
  g_string_append_printf(box, "%s%s\n", sep, deep->str);             /* too deep */
  g_string_append_printf(box, "%s%s\n", sep, good->str);
  g_string_append_printf(box, "%sFrom: x@example.com\n\n", sep);
  for (int i = 0; i < 3000; i++)                                      /* too large */
    g_string_append(box, "0123456789012345678901234567890123456789\n");
  g_string_append_printf(box, "\n%s%s", sep, good->str);
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE, 100000);
  bounce_error *e = NULL;
  bounce_mbox *mb = bounce_mbox_open_bytes(box->str, box->len, o, &e);
  ck_assert_ptr_nonnull(mb);
  int results[16];
  int n = 0;
  for (;;) {
    bounce_report *r = NULL;
    int rc = bounce_mbox_next(mb, &r, &e);
    if (rc == 0)
      break;
    ck_assert_int_lt(n, 16);
    if (rc < 0) {
      ck_assert_ptr_nonnull(e);
      results[n++] = -(int)bounce_error_get_code(e);
      bounce_error_free(e);
      e = NULL;
    } else {
      results[n++] = (int)bounce_report_get_recipient_count(r);
      bounce_report_free(r);
    }
  }
  ck_assert_int_eq(n, 6);
  ck_assert_int_eq(results[0], 1);
  ck_assert_int_eq(results[1], -BOUNCE_ERROR_EMPTY);
  ck_assert_int_eq(results[2], -BOUNCE_ERROR_TOO_DEEP);
  ck_assert_int_eq(results[3], 1);
  ck_assert_int_eq(results[4], -BOUNCE_ERROR_TOO_LARGE);
  ck_assert_int_eq(results[5], 1);
  ck_assert_uint_eq(bounce_mbox_count(mb), 6);
  bounce_mbox_free(mb);
  bounce_options_free(o);
  g_string_free(deep, TRUE);
  g_string_free(good, TRUE);
  g_string_free(box, TRUE);
}
END_TEST

/* Several threads parse at once (run under ThreadSanitizer or helgrind in
 * CI): the same results as one thread, every time. */
typedef struct {
  const char *data;
  size_t len;
  const bounce_options *opts;
  int failures;
} thread_job;

static gpointer
parse_many(gpointer p)
{
  thread_job *j = p;
  for (int i = 0; i < 50; i++) {
    bounce_report *r = bounce_parse_bytes(j->data, j->len, j->opts, NULL);
    if (r == NULL || bounce_report_get_recipient_count(r) != 1 ||
        bounce_recipient_get_cause(bounce_report_get_recipient(r, 0)) !=
          BOUNCE_CAUSE_USERUNKNOWN ||
        strcmp(bounce_report_get_original_header(r, "X-Campaign-Id"), "cmp-2024-05") != 0)
      j->failures++;
    bounce_report_free(r);
  }
  return NULL;
}

static void
run_threads(bool warm)
{
  size_t len = 0;
  char *msg = test_data_read("postfix-userunknown.eml", &len);
  bounce_options *o = bounce_options_new(); /* one options object, shared */
  bounce_options_add_original_header(o, "X-Campaign-Id");
  if (warm) {
    thread_job first = {msg, len, o, 0};
    parse_many(&first);
    ck_assert_int_eq(first.failures, 0);
  }
  enum { N = 4 };
  thread_job jobs[N];
  GThread *threads[N];
  for (int i = 0; i < N; i++) {
    jobs[i] = (thread_job){msg, len, o, 0};
    threads[i] = g_thread_new("parse", parse_many, &jobs[i]);
  }
  for (int i = 0; i < N; i++) {
    g_thread_join(threads[i]);
    ck_assert_int_eq(jobs[i].failures, 0);
  }
  bounce_options_free(o);
  g_free(msg);
}

/* GMime reads a group in a group by recursion as it parses the message:
 * thousands deep, under the line limit, overflowed a small stack. The
 * field is dropped and the report marked truncated; the rest is read. */
START_TEST(test_nested_groups_small_stack)
{
  /* 2,000 deep is under the line limit and the whole-message fast path;
   * 8,000 is over 16 KiB and goes through the pre-scan's walk */
  const size_t depths[] = {2000, 8000};
  for (size_t i = 0; i < G_N_ELEMENTS(depths); i++) {
    GString *to = nested_groups(depths[i]);
    for (int top = 0; top < 2; top++) {
      GString *msg = dsn_returning(to->str, top);
      bounce_report *r = parse_small_stack(msg);
      ck_assert_int_eq(bounce_report_get_recipient_count(r), 1);
      ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                       "u@example.org");
      ck_assert_int_eq(bounce_report_is_truncated(r), 1);
      ck_assert_str_eq(bounce_report_get_original_to(r), "");
      ck_assert_str_eq(bounce_report_get_original_message_id(r), "m1@example.net");
      bounce_report_free(r);
      g_string_free(msg, TRUE);
    }
    g_string_free(to, TRUE);
  }
}
END_TEST

/* A copy returned inline that opens with an mbox "From " line is parsed by
 * GMime as a message: its address fields are bounded the same way. */
START_TEST(test_nested_groups_inline_copy)
{
  GString *to = nested_groups(2000);
  GString *msg = g_string_new(
    "From: MAILER-DAEMON@mx.example.com\nTo: sender@example.net\nSubject: failure notice\n\n"
    "Hi. This is the qmail-send program at mx.example.com.\n"
    "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
    "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
    "<u@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
    "--- Below this line is a copy of the message.\n\n"
    "From sender@example.net Mon Jan  1 00:00:00 2024\n"
    "Return-Path: <sender@example.net>\nFrom: sender@example.net\n");
  g_string_append_printf(msg, "%s\nSubject: hello\n\nbody\n", to->str);
  bounce_report *r = parse_small_stack(msg);
  ck_assert_int_eq(bounce_report_get_recipient_count(r), 1);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                   "u@example.org");
  ck_assert_str_eq(bounce_report_get_original_from(r), "sender@example.net");
  ck_assert_int_eq(bounce_report_is_truncated(r), 1);
  bounce_report_free(r);
  g_string_free(msg, TRUE);
  g_string_free(to, TRUE);
}
END_TEST

/* Groups as mailers write them, and colons that open none, pass. */
START_TEST(test_group_depth)
{
  static const struct {
    const char *list;
    guint depth;
  } rows[] = {
    {"undisclosed-recipients:;", 1},
    {"Team: a@example.org, b@example.org;, c@example.net", 1},
    {"\"Sales: Japan\" <a@example.jp>, (note: x) b@example.jp", 0},
    {"<@a.example.com,@b.example.com:x@example.com>", 0},
    {"postmaster@[IPv6:2001:db8::1]", 0},
    {"a: b: x@example.org;; c: d: e: y@example.org", 3},
    {"a: x@example.org, b: y@example.org, c: z@example.org", 3},
    /* a quote never closed may be read by GMime as no quote */
    {"\"x a: b: c: x@example.org", 3},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
    ck_assert_uint_eq(bn_group_depth(rows[i].list, strlen(rows[i].list), 100), rows[i].depth);
  GString *msg = dsn_returning("To: undisclosed-recipients:;", false);
  bounce_report *r = parse_small_stack(msg);
  ck_assert_int_eq(bounce_report_is_truncated(r), 0);
  bounce_report_free(r);
  g_string_free(msg, TRUE);
  /* colons GMime reads as groups add up along a list (raw ISO-2022-JP
   * names hold them as bytes): 40 such names are kept */
  GString *to = g_string_new("To: ");
  for (int i = 0; i < 40; i++)
    g_string_append_printf(to, "%sSales: Tokyo%d <u%d@example.jp>", i ? ", " : "", i, i);
  msg = dsn_returning(to->str, false);
  r = parse_small_stack(msg);
  ck_assert_int_eq(bounce_report_is_truncated(r), 0);
  ck_assert(strstr(bounce_report_get_original_to(r), "u39@example.jp") != NULL);
  bounce_report_free(r);
  g_string_free(msg, TRUE);
  g_string_free(to, TRUE);
}
END_TEST

/* First use from several threads at once: the global set-up (GMime's, the
 * phrase matcher) happens once. GLib's GOnce waits on a futex, which
 * ThreadSanitizer does not see, so the TSan job runs the warm case. */
START_TEST(test_threads_cold)
{
  run_threads(false);
}
END_TEST

/* Parses in parallel once the set-up is done: what ThreadSanitizer checks. */
START_TEST(test_threads_warm)
{
  run_threads(true);
}
END_TEST

static Suite *
hostile_suite(void)
{
  Suite *s = suite_create("hostile");
  TCase *tc = tcase_create("input");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_empty_and_tiny);
  tcase_add_test(tc, test_binary_and_nul);
  tcase_add_test(tc, test_truncated_everywhere);
  tcase_add_test(tc, test_nested_multiparts);
  tcase_add_test(tc, test_depth_limit);
  tcase_add_test(tc, test_nested_groups_small_stack);
  tcase_add_test(tc, test_nested_groups_inline_copy);
  tcase_add_test(tc, test_group_depth);
  tcase_add_test(tc, test_failed_recipients_idn_header);
  tcase_add_test(tc, test_semicolon_parted_long_to);
  tcase_add_test(tc, test_failed_recipients_over_limit);
  tcase_add_test(tc, test_parts_limit);
  tcase_add_test(tc, test_hundred_megabytes);
  tcase_add_test(tc, test_hundred_thousand_recipients);
  tcase_add_test(tc, test_shared_answer_many_recipients);
  tcase_add_test(tc, test_labelled_lines_against_long_to);
  tcase_add_test(tc, test_groupwise_user_ids_against_long_to);
  tcase_add_test(tc, test_v5sendmail_user_ids_against_long_to);
  tcase_add_test(tc, test_line_and_text_limits);
  tcase_add_test(tc, test_charsets);
  tcase_add_test(tc, test_bad_encodings);
  tcase_add_test(tc, test_line_endings);
  tcase_add_test(tc, test_label_past_line_end);
  tcase_add_test(tc, test_header_or_body_alone);
  tcase_add_test(tc, test_mended_fold_past_line_limit);
  tcase_add_test(tc, test_mbox_keeps_going);
  tcase_add_test(tc, test_fallback_long_address_list);
  tcase_add_test(tc, test_fallback_many_in_one_paragraph);
  tcase_add_test(tc, test_fallback_list_over_long_reply);
  tcase_add_test(tc, test_fallback_accepted_then_data_refused);
  tcase_add_test(tc, test_postfix_said_long_local_parts);
  tcase_add_test(tc, test_fallback_dsn_named_in_text);
  tcase_add_test(tc, test_cut_check_linear_in_recipients);
  tcase_add_test(tc, test_transcript_find_linear_in_recipients);
  tcase_add_test(tc, test_transcript_unnamed_linear_in_recipients);
  tcase_add_test(tc, test_transcript_quoted_and_remote_linear_in_recipients);
  suite_add_tcase(s, tc);
  TCase *tc_cold = tcase_create("threads-cold");
  tcase_set_timeout(tc_cold, 300);
  tcase_add_test(tc_cold, test_threads_cold);
  suite_add_tcase(s, tc_cold);
  TCase *tt = tcase_create("threads");
  tcase_set_timeout(tt, 300);
  tcase_add_test(tt, test_threads_warm);
  suite_add_tcase(s, tt);
  return s;
}

int
main(void)
{
  return test_run(hostile_suite());
}
