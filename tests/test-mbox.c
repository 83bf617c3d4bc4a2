/* Reading mailboxes one message at a time. */
#include "testutil.h"
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

static const char mbox[] =
  "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n"
  "From: MAILER-DAEMON@a.example\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n"
  "\n"
  "--x\n"
  "Content-Type: message/delivery-status\n"
  "\n"
  "Final-Recipient: rfc822; one@example.net\n"
  "Action: failed\n"
  "Status: 5.1.1\n"
  "--x--\n"
  "\n"
  "From someone Mon Jan  1 00:00:01 2024\n"
  "\n"
  "\n"
  "From friend Mon Jan  1 00:00:02 2024\n"
  "From: friend@example.com\n"
  "Subject: hello\n"
  "\n"
  "Hi,\n"
  "From the desk of a friend: not a separator, no blank line before.\n"
  "\n"
  "From MAILER-DAEMON Mon Jan  1 00:00:03 2024\n"
  "From: MAILER-DAEMON@b.example\n"
  "Subject: failure\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=y\n"
  "\n"
  "--y\n"
  "Content-Type: message/delivery-status\n"
  "\n"
  "Final-Recipient: rfc822; two@example.net\n"
  "Action: failed\n"
  "Status: 5.2.2\n"
  "--y--\n";

typedef struct {
  int ok, errors;
  GString *addresses;
} tally;

static void
read_all(bounce_mbox *mb, tally *t)
{
  t->addresses = g_string_new(NULL);
  for (;;) {
    bounce_report *r = NULL;
    bounce_error *e = NULL;
    int rc = bounce_mbox_next(mb, &r, &e);
    if (rc == 0)
      break;
    if (rc < 0) {
      t->errors++;
      bounce_error_free(e);
      continue;
    }
    t->ok++;
    for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++)
      g_string_append_printf(t->addresses, "%s ",
                             bounce_recipient_get_address(bounce_report_get_recipient(r, i)));
    if (bounce_report_get_recipient_count(r) == 0)
      g_string_append(t->addresses, "- ");
    bounce_report_free(r);
  }
}

START_TEST(test_mbox_bytes)
{
  bounce_mbox *mb = bounce_mbox_open_bytes(mbox, strlen(mbox), NULL, NULL);
  ck_assert_ptr_nonnull(mb);
  tally t = {0};
  read_all(mb, &t);
  /* 4 messages: two bounces, an empty one (an error), a letter (kind none) */
  ck_assert_int_eq(t.ok, 3);
  ck_assert_int_eq(t.errors, 1);
  ck_assert_str_eq(t.addresses->str, "one@example.net - two@example.net ");
  ck_assert_uint_eq(bounce_mbox_count(mb), 4);
  g_string_free(t.addresses, TRUE);
  bounce_mbox_free(mb);
}
END_TEST

START_TEST(test_mbox_fd_and_limit)
{
  char *path = g_build_filename(g_get_tmp_dir(), "bounce-test-mbox-XXXXXX", NULL);
  int fd = g_mkstemp(path);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, mbox, strlen(mbox)), (ssize_t)strlen(mbox));
  lseek(fd, 0, SEEK_SET);
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE, 150);
  bounce_mbox *mb = bounce_mbox_open_fd(fd, o, NULL);
  bounce_options_free(o); /* the reader keeps its own copy */
  tally t = {0};
  read_all(mb, &t);
  /* both bounces are over 150 bytes: errors; the others still come */
  ck_assert_int_eq(t.errors, 3);
  ck_assert_int_eq(t.ok, 1);
  bounce_mbox_free(mb);
  close(fd);
  unlink(path);
  g_free(path);
  g_string_free(t.addresses, TRUE);
}
END_TEST

/* The raw messages are the bytes between separators, and analysing each
 * gives what bounce_mbox_next() gives. */
START_TEST(test_mbox_next_message)
{
  bounce_mbox *mb = bounce_mbox_open_bytes(mbox, strlen(mbox), NULL, NULL);
  const char *data = NULL;
  size_t len = 0;
  GString *addresses = g_string_new(NULL);
  int ok = 0, empty = 0;
  for (;;) {
    bounce_error *e = NULL;
    int rc = bounce_mbox_next_message(mb, &data, &len, &e);
    if (rc == 0)
      break;
    ck_assert_int_eq(rc, 1);
    ck_assert_ptr_nonnull(data);
    ck_assert(len < 5 || strncmp(data, "From ", 5) != 0); /* separator not included */
    bounce_report *r = bounce_parse_bytes(data, len, NULL, &e);
    if (r == NULL) {
      ck_assert_int_eq(bounce_error_get_code(e), BOUNCE_ERROR_EMPTY);
      bounce_error_free(e);
      empty++;
      continue;
    }
    ok++;
    for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++)
      g_string_append_printf(addresses, "%s ",
                             bounce_recipient_get_address(bounce_report_get_recipient(r, i)));
    if (bounce_report_get_recipient_count(r) == 0)
      g_string_append(addresses, "- ");
    bounce_report_free(r);
  }
  ck_assert_int_eq(ok, 3);
  ck_assert_int_eq(empty, 1);
  ck_assert_str_eq(addresses->str, "one@example.net - two@example.net ");
  ck_assert_uint_eq(bounce_mbox_count(mb), 4);
  g_string_free(addresses, TRUE);
  bounce_mbox_free(mb);
  ck_assert_int_eq(bounce_mbox_next_message(NULL, &data, &len, NULL), -1);
}
END_TEST

/* A DSN kept to its first bytes stops in its second recipient's address;
 * the writer ended that line before the next separator. Read from the
 * mailbox, it gives what the cut message alone gives: the recipient given
 * whole, and not "two@exam" as if it were an address. */
static const char cut_dsn[] =
  "From: MAILER-DAEMON@a.example\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n"
  "\n"
  "--x\n"
  "Content-Type: message/delivery-status\n"
  "\n"
  "Reporting-MTA: dns; a.example\n"
  "\n"
  "Final-Recipient: rfc822; one@example.net\n"
  "Action: failed\n"
  "Status: 5.1.1\n"
  "\n"
  "Final-Recipient: rfc822; two@exam";

static char *
addresses_of(bounce_report *r)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; r && i < bounce_report_get_recipient_count(r); i++)
    g_string_append_printf(s, "%s ",
                           bounce_recipient_get_address(bounce_report_get_recipient(r, i)));
  return g_string_free(s, FALSE);
}

/* The recipients of the first N messages of BOX, each as WANT. */
static void
assert_mbox_reads(const GString *box, int n, const char *want)
{
  bounce_mbox *mb = bounce_mbox_open_bytes(box->str, box->len, NULL, NULL);
  for (int k = 0; k < n; k++) {
    bounce_report *r = NULL;
    ck_assert_int_eq(bounce_mbox_next(mb, &r, NULL), 1);
    char *got = addresses_of(r);
    ck_assert_str_eq(got, want);
    g_free(got);
    bounce_report_free(r);
  }
  bounce_mbox_free(mb);
}

START_TEST(test_mbox_cut_message)
{
  bounce_report *alone = bounce_parse_bytes(cut_dsn, strlen(cut_dsn), NULL, NULL);
  char *want = addresses_of(alone);
  ck_assert_str_eq(want, "one@example.net ");
  bounce_report_free(alone);

  GString *box = g_string_new("From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n");
  g_string_append_printf(box, "%s\nFrom MAILER-DAEMON Mon Jan  1 00:00:01 2024\n%s\n", cut_dsn,
                         cut_dsn);
  assert_mbox_reads(box, 2, want);
  g_string_free(box, TRUE);
  g_free(want);
}
END_TEST

/* A notice whose returned copy stops inside its To, no boundary line after
 * it, last in a mailbox whose writer ended that line: the mailbox drops
 * that line end as the writer's, and the message reads as it does alone,
 * where the same line end is its own (the cut address is no recipient). */
static const char cut_header[] =
  "From: Mail Administrator <Postmaster@a.example>\n"
  "Subject: Mail System Error - Returned Mail\n"
  "Content-Type: multipart/mixed; boundary=x\n"
  "\n"
  "--x\n"
  "Content-Type: text/plain\n"
  "\n"
  "This Message was undeliverable due to the following reason:\n"
  "\n"
  "The user(s) account is temporarily over quota.\n"
  "\n"
  "--x\n"
  "Content-Type: message/rfc822\n"
  "\n"
  "From: one@a.example\n"
  "To: two@exam\n";

START_TEST(test_mbox_cut_in_header)
{
  bounce_report *alone = bounce_parse_bytes(cut_header, strlen(cut_header), NULL, NULL);
  char *want = addresses_of(alone);
  ck_assert_str_eq(want, "");
  bounce_report_free(alone);

  GString *box = g_string_new("From - Mon Jan  1 00:00:00 2024\n");
  g_string_append(box, cut_header);
  assert_mbox_reads(box, 1, want);
  g_string_free(box, TRUE);
  g_free(want);
}
END_TEST

/* A writer puts a blank line after each message: the mailbox gives back
 * the bytes it was given, with LF, CRLF or lone-CR line ends, whether a
 * message ended on a line of text or on a blank line of its own. */
START_TEST(test_mbox_writer_blank_line)
{
  static const char *const ends[] = {"\n", "\r\n", "\r"};
  static const char *const stored[] = {"Subject: a\n\nbody\n", "Subject: b\n\nbody\n\n"};
  for (size_t e = 0; e < G_N_ELEMENTS(ends); e++) {
    GString *box = g_string_new(NULL);
    for (size_t m = 0; m < G_N_ELEMENTS(stored); m++)
      g_string_append_printf(box, "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n%s\n", stored[m]);
    gchar **lines = g_strsplit(box->str, "\n", -1);
    char *ended = g_strjoinv(ends[e], lines);
    bounce_mbox *mb = bounce_mbox_open_bytes(ended, strlen(ended), NULL, NULL);
    for (size_t m = 0; m < G_N_ELEMENTS(stored); m++) {
      const char *data = NULL;
      size_t len = 0;
      ck_assert_int_eq(bounce_mbox_next_message(mb, &data, &len, NULL), 1);
      gchar **want_lines = g_strsplit(stored[m], "\n", -1);
      char *want = g_strjoinv(ends[e], want_lines);
      ck_assert_uint_eq(len, strlen(want));
      ck_assert(memcmp(data, want, len) == 0);
      g_free(want);
      g_strfreev(want_lines);
    }
    bounce_mbox_free(mb);
    g_free(ended);
    g_strfreev(lines);
    g_string_free(box, TRUE);
  }
}
END_TEST

/* Each LF made another line end (end): the mailbox splits the same. */
static void
check_line_end(const char *end)
{
  gchar **lines = g_strsplit(mbox, "\n", -1);
  char *box = g_strjoinv(end, lines);
  bounce_mbox *mb = bounce_mbox_open_bytes(box, strlen(box), NULL, NULL);
  tally t = {0};
  read_all(mb, &t);
  ck_assert_int_eq(t.ok, 3);
  ck_assert_int_eq(t.errors, 1);
  ck_assert_str_eq(t.addresses->str, "one@example.net - two@example.net ");
  g_string_free(t.addresses, TRUE);
  bounce_mbox_free(mb);
  g_free(box);
  g_strfreev(lines);
}

/* Old Mac line ends (a lone CR). */
START_TEST(test_mbox_lone_cr)
{
  check_line_end("\r");
}
END_TEST

/* CR CR LF (a broken gateway) or CR CR (a CRLF mailbox whose LFs a tool
 * turned into CRs): one line end each. */
START_TEST(test_mbox_doubled_cr)
{
  check_line_end("\r\r\n");
  check_line_end("\r\r");
}
END_TEST

/* The two CRs that end a line may come in two reads of a file: the line
 * still ends at the second (a mailbox read from a descriptor 64 KiB at a
 * time). */
START_TEST(test_mbox_cr_pair_across_reads)
{
  const char *rest = strstr(mbox, "From someone");
  const char *end = strstr(mbox, "--x--\n") + 6;
  GString *box = g_string_new_len(mbox, end - mbox);
  size_t lines = 0;
  for (const char *p = mbox; p < end; p++)
    lines += *p == '\n';
  /* a line whose first CR is the last byte of the first read */
  size_t at = 65535 - (box->len + lines);
  for (size_t i = 0; i < at; i++)
    g_string_append_c(box, 'x');
  g_string_append(box, "\n\n");
  g_string_append(box, rest);
  gchar **split = g_strsplit(box->str, "\n", -1);
  char *pairs = g_strjoinv("\r\r", split);
  ck_assert(pairs[65535] == '\r' && pairs[65536] == '\r');
  char *path = g_build_filename(g_get_tmp_dir(), "bounce-test-mbox-XXXXXX", NULL);
  int fd = g_mkstemp(path);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, pairs, strlen(pairs)), (ssize_t)strlen(pairs));
  lseek(fd, 0, SEEK_SET);
  bounce_mbox *mb = bounce_mbox_open_fd(fd, NULL, NULL);
  tally t = {0};
  read_all(mb, &t);
  ck_assert_int_eq(t.ok, 3);
  ck_assert_int_eq(t.errors, 1);
  ck_assert_str_eq(t.addresses->str, "one@example.net - two@example.net ");
  bounce_mbox_free(mb);
  close(fd);
  unlink(path);
  g_free(path);
  g_string_free(t.addresses, TRUE);
  g_free(pairs);
  g_strfreev(split);
  g_string_free(box, TRUE);
}
END_TEST

START_TEST(test_mbox_errors)
{
  bounce_error *e = NULL;
  ck_assert_ptr_null(bounce_mbox_open_fd(-1, NULL, &e));
  ck_assert_int_eq(bounce_error_get_code(e), BOUNCE_ERROR_ARGUMENT);
  bounce_error_free(e);
  bounce_mbox *mb = bounce_mbox_open_bytes("", 0, NULL, NULL);
  bounce_report *r = NULL;
  ck_assert_int_eq(bounce_mbox_next(mb, &r, NULL), 0);
  ck_assert_ptr_null(r);
  bounce_mbox_free(mb);
  ck_assert_int_eq(bounce_mbox_next(NULL, &r, NULL), -1);
  bounce_mbox_free(NULL);
}
END_TEST

int
main(void)
{
  Suite *s = suite_create("mbox");
  TCase *tc = tcase_create("mbox");
  tcase_add_test(tc, test_mbox_bytes);
  tcase_add_test(tc, test_mbox_fd_and_limit);
  tcase_add_test(tc, test_mbox_next_message);
  tcase_add_test(tc, test_mbox_errors);
  tcase_add_test(tc, test_mbox_cut_message);
  tcase_add_test(tc, test_mbox_cut_in_header);
  tcase_add_test(tc, test_mbox_writer_blank_line);
  tcase_add_test(tc, test_mbox_lone_cr);
  tcase_add_test(tc, test_mbox_doubled_cr);
  tcase_add_test(tc, test_mbox_cr_pair_across_reads);
  suite_add_tcase(s, tc);
  return test_run(s);
}
