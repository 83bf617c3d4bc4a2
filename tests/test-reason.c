/* Cause and hard/soft: each precedence rule and the hard definition. */
#include "testutil.h"
#include "private.h"
#include <string.h>

static bounce_cause
text_cause(const char *s)
{
  return bn_text_cause(s, strlen(s));
}

static bounce_recipient *
rcpt(const char *status, int reply, const char *diag, const char *command, const char *action)
{
  bounce_recipient *rc = g_new0(bounce_recipient, 1);
  bn_set_str(&rc->status, status);
  rc->reply_code = reply;
  bn_set_str(&rc->diagnostic, diag);
  bn_set_str(&rc->smtp_command, command);
  bn_set_str(&rc->action, action);
  return rc;
}

static void
rcpt_free(bounce_recipient *rc)
{
  g_free(rc->status);
  g_free(rc->diagnostic);
  g_free(rc->smtp_command);
  g_free(rc->action);
  g_free(rc);
}

static bounce_cause
classify(const char *status, int reply, const char *diag, const char *command, const char *action,
         bool *hard)
{
  bounce_recipient *rc = rcpt(status, reply, diag, command, action);
  bn_classify(rc, NULL);
  bounce_cause c = rc->cause;
  if (hard)
    *hard = rc->hard;
  rcpt_free(rc);
  return c;
}

START_TEST(test_text_phrases)
{
  ck_assert_int_eq(text_cause("550 5.1.1 <a@b>... User Unknown"), BOUNCE_CAUSE_USERUNKNOWN);
  ck_assert_int_eq(text_cause("552 Mailbox is FULL"), BOUNCE_CAUSE_MAILBOXFULL);
  ck_assert_int_eq(text_cause("Relay access denied"), BOUNCE_CAUSE_NORELAYING);
  ck_assert_int_eq(text_cause("Host or domain name not found"), BOUNCE_CAUSE_HOSTUNKNOWN);
  ck_assert_int_eq(text_cause("nothing to see"), BOUNCE_CAUSE_UNDEFINED);
  ck_assert_int_eq(text_cause(""), BOUNCE_CAUSE_UNDEFINED);
}
END_TEST

START_TEST(test_text_precedence)
{
  /* A full mailbox says more than the generic "unknown" around it. */
  ck_assert_int_eq(text_cause("user unknown or mailbox full"), BOUNCE_CAUSE_MAILBOXFULL);
  /* Spam named explicitly wins over a block list mention. */
  ck_assert_int_eq(text_cause("blocked: message looks like spam"), BOUNCE_CAUSE_SPAMDETECTED);
}
END_TEST

START_TEST(test_text_beats_status)
{
  /* 5.2.1 alone means a disabled mailbox; the text says the user is unknown. */
  ck_assert_int_eq(classify("5.2.1", 550, "550 5.2.1 <a@b.c>... User Unknown", "RCPT", "failed", NULL),
                   BOUNCE_CAUSE_USERUNKNOWN);
  ck_assert_int_eq(classify("5.1.1", 550, "mailbox full", NULL, "failed", NULL),
                   BOUNCE_CAUSE_MAILBOXFULL);
}
END_TEST

START_TEST(test_status_then_reply_then_command)
{
  ck_assert_int_eq(classify("5.2.1", 550, "550 5.2.1 go away", NULL, "failed", NULL),
                   BOUNCE_CAUSE_SUSPEND);
  ck_assert_int_eq(classify("5.7.26", 550, "550 5.7.26 unauthenticated", NULL, "failed", NULL),
                   BOUNCE_CAUSE_AUTHFAILURE);
  ck_assert_int_eq(classify("5.0.0", 556, "556 go away", NULL, "failed", NULL),
                   BOUNCE_CAUSE_NOTACCEPT);
  ck_assert_int_eq(classify("5.0.0", 550, "550 go away", "MAIL", "failed", NULL),
                   BOUNCE_CAUSE_REJECTED);
  ck_assert_int_eq(classify("5.0.0", 554, "554 go away", "CONN", "failed", NULL),
                   BOUNCE_CAUSE_BLOCKED);
  ck_assert_int_eq(classify("5.0.0", 554, "554 go away", "RCPT", "failed", NULL),
                   BOUNCE_CAUSE_UNDEFINED);
  ck_assert_int_eq(classify("4.0.0", 0, NULL, NULL, "delayed", NULL), BOUNCE_CAUSE_EXPIRED);
  ck_assert_int_eq(classify("2.0.0", 250, "250 ok", NULL, "delivered", NULL),
                   BOUNCE_CAUSE_DELIVERED);
}
END_TEST

START_TEST(test_hard)
{
  bool hard = false;
  classify("5.1.1", 550, "no such user", NULL, "failed", &hard);
  ck_assert(hard);
  classify("5.2.2", 552, "mailbox full", NULL, "failed", &hard);
  ck_assert(!hard);
  classify("5.1.2", 550, "host unknown", NULL, "failed", &hard);
  ck_assert(hard);
  classify("5.1.6", 550, "gone away", NULL, "failed", &hard);
  ck_assert(hard);
  /* notaccept is hard only with a 5xx */
  ck_assert(bn_cause_is_hard(BOUNCE_CAUSE_NOTACCEPT, 556, "5.1.10"));
  ck_assert(!bn_cause_is_hard(BOUNCE_CAUSE_NOTACCEPT, 421, "4.3.2"));
  ck_assert(bn_cause_is_hard(BOUNCE_CAUSE_NOTACCEPT, 0, "5.1.10"));
  ck_assert(!bn_cause_is_hard(BOUNCE_CAUSE_NOTACCEPT, 0, NULL));
  ck_assert(!bn_cause_is_hard(BOUNCE_CAUSE_BLOCKED, 550, "5.7.1"));
}
END_TEST

START_TEST(test_permanent)
{
  bounce_recipient *rc = rcpt("4.2.2", 552, "mailbox full", NULL, "delayed");
  bn_classify(rc, NULL);
  ck_assert(!rc->permanent);
  rcpt_free(rc);
  rc = rcpt(NULL, 550, "whatever", NULL, "failed");
  bn_classify(rc, NULL);
  ck_assert(rc->permanent);
  rcpt_free(rc);
}
END_TEST

START_TEST(test_recognizer_cause_kept)
{
  bounce_recipient *rc = rcpt("5.1.1", 550, "user unknown", NULL, "failed");
  rc->cause = BOUNCE_CAUSE_FILTERED;
  rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
  bn_classify(rc, NULL);
  ck_assert_int_eq(rc->cause, BOUNCE_CAUSE_FILTERED);
  ck_assert(!rc->hard);
  rcpt_free(rc);
}
END_TEST

int
main(void)
{
  bn_gmime_init();
  Suite *s = suite_create("reason");
  TCase *tc = tcase_create("reason");
  tcase_add_test(tc, test_text_phrases);
  tcase_add_test(tc, test_text_precedence);
  tcase_add_test(tc, test_text_beats_status);
  tcase_add_test(tc, test_status_then_reply_then_command);
  tcase_add_test(tc, test_hard);
  tcase_add_test(tc, test_permanent);
  tcase_add_test(tc, test_recognizer_cause_kept);
  suite_add_tcase(s, tc);
  return test_run(s);
}
