/* Threads and initialisation, through the shared library as users link it.
 *
 * cold_start: the first parses of the process start in 8 threads at the
 * same instant (a barrier releases them; Check runs each test in a fresh
 * fork), so the one-time set-up is raced. Each thread parses every test
 * message, whole and as an mbox, with one options object shared by all, in
 * a different order, several rounds. Every answer must equal the answer of
 * one thread alone, computed afterwards.
 *
 * caller_gmime: a program that uses GMime itself and calls g_mime_init()
 * and g_mime_shutdown() in pairs around the library's first parse does not
 * break it. */
#include "testutil.h"
#include <dirent.h>
#include <glib.h>
#include <bounce-gmime.h>
#include <gmime/gmime.h>
#include <string.h>

#define THREADS 8
#define ROUNDS 3

typedef struct {
  char *name;
  char *data;
  size_t len;
} message;

static GPtrArray *messages; /* message *, in name order */
static GByteArray *mbox;    /* every message, as one mbox */
static bounce_options *shared_opts;

/* Every value of a report the public API gives, as one string. */
static char *
dump(const bounce_report *r)
{
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "kind=%s mta=%s reporting=%s arrival=%s truncated=%d\n",
                         bounce_kind_to_string(bounce_report_get_kind(r)),
                         bounce_report_get_mta(r), bounce_report_get_reporting_mta(r),
                         bounce_report_get_arrival_date(r), bounce_report_is_truncated(r));
  for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++) {
    const bounce_recipient *rc = bounce_report_get_recipient(r, i);
    g_string_append_printf(
      s, "rcpt=%s orig=%s action=%s status=%s reply=%d cause=%s hard=%d perm=%d cmd=%s "
         "remote=%s diag=%s last=%s retry=%s feedback=%s",
      bounce_recipient_get_address(rc), bounce_recipient_get_original_recipient(rc),
      bounce_recipient_get_action(rc), bounce_recipient_get_status(rc),
      bounce_recipient_get_reply_code(rc),
      bounce_cause_to_string(bounce_recipient_get_cause(rc)), bounce_recipient_is_hard(rc),
      bounce_recipient_is_permanent(rc), bounce_recipient_get_smtp_command(rc),
      bounce_recipient_get_remote_mta(rc), bounce_recipient_get_diagnostic(rc),
      bounce_recipient_get_last_attempt_date(rc), bounce_recipient_get_will_retry_until(rc),
      bounce_recipient_get_feedback_type(rc));
    for (int f = BOUNCE_FIELD_ADDRESS; f <= BOUNCE_FIELD_DIAGNOSTIC; f++)
      g_string_append_printf(s, " %s",
                             bounce_source_to_string(bounce_recipient_get_source(rc, f)));
    g_string_append_printf(s, " meaning=%s\n",
                           bounce_cause_describe(bounce_recipient_get_cause(rc)));
  }
  g_string_append_printf(s, "original=%s|%s|%s|%s|%s|%s\n",
                         bounce_report_get_original_message_id(r),
                         bounce_report_get_original_from(r), bounce_report_get_original_to(r),
                         bounce_report_get_original_subject(r),
                         bounce_report_get_original_date(r),
                         bounce_report_get_original_header(r, "X-Mailer"));
  for (size_t i = 0; i < bounce_report_get_warning_count(r); i++)
    g_string_append_printf(s, "warning=%s\n", bounce_report_get_warning(r, i));
  return g_string_free(s, FALSE);
}

/* The answers for every message, then for the mbox, in message order. */
static GPtrArray *
parse_all(size_t start)
{
  GPtrArray *out = g_ptr_array_new_full(2 * messages->len, g_free);
  g_ptr_array_set_size(out, (guint)(2 * messages->len));
  for (guint k = 0; k < messages->len; k++) {
    guint i = (guint)((start + k) % messages->len);
    const message *m = g_ptr_array_index(messages, i);
    bounce_error *err = NULL;
    bounce_report *r = bounce_parse_bytes(m->data, m->len, shared_opts, &err);
    g_ptr_array_index(out, i) =
      r ? dump(r) : g_strdup_printf("error %d %s", bounce_error_get_code(err),
                                    bounce_error_get_message(err));
    bounce_report_free(r);
    bounce_error_free(err);
  }
  bounce_mbox *mb = bounce_mbox_open_bytes((const char *)mbox->data, mbox->len, shared_opts, NULL);
  bounce_report *r = NULL;
  guint n = 0;
  while (bounce_mbox_next(mb, &r, NULL) == 1 && n < messages->len) {
    g_ptr_array_index(out, messages->len + n++) = dump(r);
    bounce_report_free(r);
  }
  bounce_report_free(r);
  bounce_mbox_free(mb);
  return out;
}

static GMutex gate_lock;
static GCond gate_cond;
static int waiting;

static gpointer
worker(gpointer arg)
{
  size_t id = GPOINTER_TO_SIZE(arg);
  /* Wait until every thread is here, so that the first parses start together. */
  g_mutex_lock(&gate_lock);
  if (++waiting == THREADS)
    g_cond_broadcast(&gate_cond);
  while (waiting < THREADS)
    g_cond_wait(&gate_cond, &gate_lock);
  g_mutex_unlock(&gate_lock);

  GPtrArray *rounds = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
  for (size_t round = 0; round < ROUNDS; round++)
    g_ptr_array_add(rounds, parse_all(id * 7 + round * 3));
  return rounds;
}

static void
load_messages(void)
{
  char *dir = test_data_path("");
  GDir *d = g_dir_open(dir, 0, NULL);
  ck_assert_ptr_nonnull(d);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *n;
  while ((n = g_dir_read_name(d)) != NULL)
    if (g_str_has_suffix(n, ".eml"))
      g_ptr_array_add(names, g_strdup(n));
  g_dir_close(d);
  g_free(dir);
  g_ptr_array_sort(names, (GCompareFunc)g_ascii_strcasecmp);
  messages = g_ptr_array_new();
  mbox = g_byte_array_new();
  for (guint i = 0; i < names->len; i++) {
    message *m = g_new0(message, 1);
    m->name = g_strdup(g_ptr_array_index(names, i));
    m->data = test_data_read(m->name, &m->len);
    g_ptr_array_add(messages, m);
    static const char sep[] = "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n";
    g_byte_array_append(mbox, (const guint8 *)sep, sizeof sep - 1);
    g_byte_array_append(mbox, (const guint8 *)m->data, (guint)m->len);
    g_byte_array_append(mbox, (const guint8 *)"\n", 1);
  }
  g_ptr_array_free(names, TRUE);
  ck_assert_uint_ge(messages->len, 10);
  shared_opts = bounce_options_new();
  bounce_options_add_original_header(shared_opts, "X-Mailer");
}

START_TEST(cold_start)
{
  load_messages(); /* reads files only: nothing is parsed before the threads */
  GThread *t[THREADS];
  for (size_t i = 0; i < THREADS; i++)
    t[i] = g_thread_new("parse", worker, GSIZE_TO_POINTER(i));
  GPtrArray *got[THREADS];
  for (size_t i = 0; i < THREADS; i++)
    got[i] = g_thread_join(t[i]);

  GPtrArray *alone = parse_all(0);
  guint checked = 0;
  for (guint k = 0; k < alone->len; k++)
    ck_assert_msg(g_ptr_array_index(alone, k) != NULL, "answer %u missing", k);
  for (size_t i = 0; i < THREADS; i++) {
    ck_assert_uint_eq(got[i]->len, ROUNDS);
    for (guint round = 0; round < ROUNDS; round++) {
      GPtrArray *answers = g_ptr_array_index(got[i], round);
      for (guint k = 0; k < alone->len; k++) {
        const char *want = g_ptr_array_index(alone, k);
        const char *have = g_ptr_array_index(answers, k);
        const message *m = g_ptr_array_index(messages, k % messages->len);
        ck_assert_msg(have && strcmp(want, have) == 0,
                      "thread %zu round %u, %s%s: got\n%s\nwanted\n%s", i, round, m->name,
                      k >= messages->len ? " (in the mbox)" : "", have ? have : "(nothing)", want);
        checked++;
      }
    }
    g_ptr_array_unref(got[i]);
  }
  ck_assert_uint_eq(checked, THREADS * ROUNDS * 2 * messages->len);
  /* The whole message and the mbox copy give the same answer. */
  for (guint k = 0; k < messages->len; k++)
    ck_assert_str_eq(g_ptr_array_index(alone, k), g_ptr_array_index(alone, messages->len + k));
  g_ptr_array_unref(alone);
}
END_TEST

START_TEST(caller_gmime)
{
  static const char dsn[] =
    "From: MAILER-DAEMON@mx.example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
    "\n--b\nContent-Type: text/plain\n\nThe mail could not be delivered.\n"
    "--b\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.org\n\n"
    "Final-Recipient: rfc822; gone@example.net\nAction: failed\nStatus: 5.1.1\n"
    "--b--\n";
  /* The program initialises GMime before the library's first parse, and
   * shuts it down after: its pair does not undo the library's set-up. */
  g_mime_init();
  bounce_report *r = bounce_parse_bytes(dsn, strlen(dsn), NULL, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                   "gone@example.net");
  bounce_report_free(r);
  g_mime_shutdown();

  r = bounce_parse_bytes(dsn, strlen(dsn), NULL, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_int_eq(bounce_recipient_get_cause(bounce_report_get_recipient(r, 0)),
                   BOUNCE_CAUSE_USERUNKNOWN);
  bounce_report_free(r);

  /* And a message the program parsed with GMime itself. */
  g_mime_init();
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer(dsn, strlen(dsn));
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
  r = bounce_parse_gmime_message(msg, NULL, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_str_eq(bounce_report_get_reporting_mta(r), "mx.example.org");
  bounce_report_free(r);
  g_object_unref(msg);
  g_object_unref(parser);
  g_object_unref(stream);
  g_mime_shutdown();
}
END_TEST

/* A program's GMime warning callback (on the default parser options the
 * library's parse uses) that parses another message with the library: the
 * inner parse runs while the outer one holds this thread's parser, and
 * must neither take it nor leave the outer one a parser started over. */
static int nested_depth, nested_calls;

static const char nested_dsn[] =
  "From: MAILER-DAEMON@mx.example.org\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "Subject: Undelivered Mail Returned to Sender\n" /* a warning: duplicate */
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
  "\n--b\nContent-Type: text/plain\n\nThe mail could not be delivered.\n"
  "--b\nContent-Type: message/delivery-status\n\n"
  "Reporting-MTA: dns; mx.example.org\n\n"
  "Final-Recipient: rfc822; gone@example.net\nAction: failed\nStatus: 5.1.1\n"
  "--b\nContent-Type: text/rfc822-headers\n\nFrom: x@example.com\nSubject: cut her";

static void
parse_inside(gint64 offset, GMimeParserWarning warning, const gchar *item, gpointer unused)
{
  (void)offset, (void)warning, (void)item, (void)unused;
  nested_calls++;
  if (nested_depth >= 2)
    return;
  nested_depth++;
  bounce_report *r = bounce_parse_bytes(nested_dsn, strlen(nested_dsn), NULL, NULL);
  ck_assert_ptr_nonnull(r);
  ck_assert_str_eq(bounce_recipient_get_address(bounce_report_get_recipient(r, 0)),
                   "gone@example.net");
  bounce_report_free(r);
  nested_depth--;
}

START_TEST(caller_callback_parses)
{
  bounce_report *alone = bounce_parse_bytes(nested_dsn, strlen(nested_dsn), NULL, NULL);
  ck_assert_ptr_nonnull(alone);
  char *want = dump(alone);
  bounce_report_free(alone);
  g_mime_init();
  GMimeParserOptions *defaults = g_mime_parser_options_get_default();
  g_mime_parser_options_set_warning_callback(defaults, parse_inside, NULL);
  for (int i = 0; i < 2; i++) {
    bounce_report *r = bounce_parse_bytes(nested_dsn, strlen(nested_dsn), NULL, NULL);
    ck_assert_ptr_nonnull(r);
    char *got = dump(r);
    ck_assert_str_eq(got, want);
    g_free(got);
    bounce_report_free(r);
  }
  ck_assert_int_gt(nested_calls, 0);
  g_mime_parser_options_set_warning_callback(defaults, NULL, NULL);
  g_mime_shutdown();
  g_free(want);
}
END_TEST

int
main(void)
{
  Suite *s = suite_create("threads");
  TCase *tc = tcase_create("threads");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, cold_start);
  tcase_add_test(tc, caller_gmime);
  tcase_add_test(tc, caller_callback_parses);
  suite_add_tcase(s, tc);
  return test_run(s);
}
