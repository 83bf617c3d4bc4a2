/* Cause and hard/soft: every cause, the phrase matching (words, gaps,
 * languages), each precedence rule, the rules that read two pieces of
 * evidence together, and the definition of hard. */
#include "testutil.h"
#include "private.h"
#include "reason.h"
#include <stdio.h>
#include <string.h>

#define C(x) BOUNCE_CAUSE_##x

static bounce_cause
text_cause(const char *s)
{
  return bn_text_cause(s, strlen(s));
}

typedef struct {
  const char *status;
  int reply;
  const char *command;
  const char *diagnostic;
  const char *action;
  bounce_cause want;
} row;

static bounce_recipient *
rcpt_of(const row *w)
{
  bounce_recipient *rc = g_new0(bounce_recipient, 1);
  bn_set_str(&rc->status, w->status);
  rc->reply_code = w->reply;
  bn_set_str(&rc->smtp_command, w->command);
  bn_set_str(&rc->diagnostic, w->diagnostic);
  bn_set_str(&rc->action, w->action ? w->action : "failed");
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
classify_row(const row *w, bool *hard)
{
  bounce_recipient *rc = rcpt_of(w);
  bn_classify(rc, NULL);
  bounce_cause c = rc->cause;
  if (hard)
    *hard = rc->hard;
  rcpt_free(rc);
  return c;
}

static bounce_cause
classify(const char *status, int reply, const char *command, const char *diag)
{
  row w = {status, reply, command, diag, NULL, C(UNDEFINED)};
  return classify_row(&w, NULL);
}

static void
check_rows(const row *rows, size_t n)
{
  size_t bad = 0;
  for (size_t i = 0; i < n; i++) {
    bounce_cause got = classify_row(&rows[i], NULL);
    if (got != rows[i].want) {
      fprintf(stderr, "\"%s\" (%s, %d, %s) gives %s, want %s\n",
              rows[i].diagnostic ? rows[i].diagnostic : "", rows[i].status ? rows[i].status : "",
              rows[i].reply, rows[i].command ? rows[i].command : "", bounce_cause_to_string(got),
              bounce_cause_to_string(rows[i].want));
      bad++;
    }
  }
  ck_assert_uint_eq(bad, 0);
}

/* One diagnostic for every cause a bounce's text can name, as servers
 * write them (docs/causes.md gives the same examples). */
static const row every_cause[] = {
  {"5.7.1", 550, NULL, "550 5.7.1 Email rejected per DMARC policy for example.org", NULL, C(AUTHFAILURE)},
  {"4.7.0", 421, NULL, "421 4.7.0 Deferred: the sending IP has a poor reputation", NULL, C(BADREPUTATION)},
  {"5.7.1", 554, NULL, "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
   NULL, C(BLOCKED)},
  {"5.6.0", 554, "DATA", "554 5.6.0 Invalid header found in the message", NULL, C(CONTENTERROR)},
  {"5.2.3", 552, NULL, "552 5.2.3 Message length exceeds administrative limit", NULL, C(EXCEEDLIMIT)},
  {"4.4.7", 0, NULL, "Deferred: Connection timed out with mx.example.org. Message could not be delivered for 5 days",
   NULL, C(EXPIRED)},
  {"5.7.0", 530, NULL, "530 5.7.0 Must issue a STARTTLS command first", NULL, C(FAILEDSTARTTLS)},
  {"5.0.0", 550, "DATA", "550 Unknown user kijitora@example.jp", NULL, C(FILTERED)},
  {"5.0.0", 551, NULL, "551 User has moved; please try <neko@example.org>", NULL, C(HASMOVED)},
  {"5.4.4", 0, NULL,
   "Host or domain name not found. Name service error for name=example.invalid type=A: Host not found", NULL,
   C(HOSTUNKNOWN)},
  {"5.2.2", 552, "RCPT", "552 5.2.2 <kijitora@example.jp>... Mailbox Full", NULL, C(MAILBOXFULL)},
  {"5.3.0", 0, NULL, "Command died with status 1: \"/usr/bin/procmail\"", NULL, C(MAILERERROR)},
  {"5.3.4", 552, NULL, "552 5.3.4 Message too big for system", NULL, C(MESGTOOBIG)},
  {"4.4.1", 0, NULL, "connect to mx.example.org[192.0.2.1]:25: No route to host", NULL, C(NETWORKERROR)},
  {"5.7.1", 554, "RCPT", "554 5.7.1 <kijitora@example.org>: Relay access denied", NULL, C(NORELAYING)},
  {"5.0.0", 556, NULL, "556 The domain example.org does not accept mail (null MX)", NULL, C(NOTACCEPT)},
  {"5.7.1", 550, "DATA", "550 5.7.1 Messages with multiple addresses in From: header are not accepted", NULL,
   C(NOTCOMPLIANTRFC)},
  {"5.0.0", 550, "RCPT", "550 5.0.0 <kijitora@example.org>: Recipient address rejected: On hold", NULL,
   C(ONHOLD)},
  {"5.7.0", 550, NULL, "550 5.7.0 Local Policy Violation", NULL, C(POLICYVIOLATION)},
  {"5.1.8", 553, "MAIL", "553 5.1.8 <neko@example.net>: Sender address rejected: Domain not found", NULL,
   C(REJECTED)},
  {"5.7.1", 554, "MAIL", "554 5.7.1 Reverse DNS lookup for host 192.0.2.1 failed permanently", NULL,
   C(REQUIREPTR)},
  {"5.7.1", 550, NULL, "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required", NULL, C(SECURITYERROR)},
  {"5.7.1", 550, "DATA", "550 5.7.1 Message content rejected, UBE, id=00000-01", NULL, C(SPAMDETECTED)},
  {"4.7.1", 450, "MAIL", "450 4.7.1 Sending rate limit exceeded, try again later", NULL, C(SPEEDING)},
  {"5.2.1", 550, "RCPT", "550 5.2.1 Mailbox disabled, not accepting messages", NULL, C(SUSPEND)},
  {"5.0.0", 0, NULL, "Amazon SES did not send the message to this address because it is on the suppression list",
   NULL, C(SUPPRESSED)},
  {"5.5.1", 503, NULL, "503 5.5.1 Bad sequence of commands", NULL, C(SYNTAXERROR)},
  {"4.3.0", 451, NULL, "451 4.3.0 Internal server error, try again later", NULL, C(SYSTEMERROR)},
  {"4.3.1", 452, NULL, "452 4.3.1 Insufficient system storage", NULL, C(SYSTEMFULL)},
  {"4.7.0", 421, "CONN", "421 4.7.0 Too many connections from your IP", NULL, C(TOOMANYCONN)},
  {"5.1.1", 550, "RCPT",
   "550 5.1.1 <kijitora@example.org>: Recipient address rejected: User unknown in local recipient table", NULL,
   C(USERUNKNOWN)},
  {"5.7.0", 554, "DATA", "554 5.7.0 Virus found in the message: Eicar-Test-Signature", NULL, C(VIRUSDETECTED)},
  {"2.0.0", 250, NULL, "250 2.0.0 OK", "delivered", C(DELIVERED)},
  {"5.0.0", 550, "DATA", "550 no", NULL, C(UNDEFINED)},
};

START_TEST(test_every_cause)
{
  check_rows(every_cause, G_N_ELEMENTS(every_cause));
}
END_TEST

/* Servers answer in the language of their country; the tables hold the
 * common sentences in each language bounces arrive in. */
static const row languages[] = {
  {"5.0.0", 0, NULL, "ユーザーNeko (kijitora@example.co.jp) は Domino ディレクトリには見つかりません。", NULL,
   C(USERUNKNOWN)},
  {"5.0.0", 0, NULL, "送信先のメールボックスが一杯のため、送信できませんでした。", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 Empfänger unbekannt", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Postfach voll", NULL, C(MAILBOXFULL)},
  {"5.5.0", 550, NULL, "550 5.5.0 Adresse destinataire invalide. Invalid recipient.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Boîte aux lettres pleine", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 Usuario desconocido", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Buzón lleno", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 Destinatário desconhecido", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Caixa postal cheia", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 Utente sconosciuto", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Пользователь не найден", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Ящик переполнен", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 收件人不存在", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 邮箱已满", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 Onbekende gebruiker", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, NULL, "550 존재하지 않는 사용자입니다", NULL, C(USERUNKNOWN)},
};

START_TEST(test_languages)
{
  check_rows(languages, G_N_ELEMENTS(languages));
}
END_TEST

START_TEST(test_words)
{
  /* a phrase that starts and ends with a letter matches whole words */
  ck_assert_int_eq(text_cause("listed in Spamhaus"), C(BLOCKED));
  ck_assert_int_eq(text_cause("554 rejected as spam."), C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("blocked for spamming issues"), C(UNDEFINED));
  /* a '%' end matches the start of a word */
  ck_assert_int_eq(text_cause("421 you are being throttled"), C(SPEEDING));
  ck_assert_int_eq(text_cause("550 Bad SPF records for example.org"), C(AUTHFAILURE));
  /* the bare names of SPF and DKIM are also header names */
  ck_assert_int_eq(text_cause("Received-SPF: pass; DKIM-Signature: v=1"), C(UNDEFINED));
  /* case, runs of white space and line ends do not matter */
  ck_assert_int_eq(text_cause("MAILBOX\n   IS  FULL"), C(MAILBOXFULL));
  /* a '*' gap spans a few words */
  ck_assert_int_eq(text_cause("the mailbox of this user is full"), C(MAILBOXFULL));
  /* punctuation stands alone: "doesn't" with a typographic apostrophe */
  ck_assert_int_eq(text_cause("550 User doesn\xE2\x80\x99t exist"), C(USERUNKNOWN));
  ck_assert_int_eq(text_cause("550 User doesn't exist"), C(USERUNKNOWN));
  ck_assert_int_eq(text_cause(""), C(UNDEFINED));
  ck_assert_int_eq(text_cause("nothing to see"), C(UNDEFINED));
}
END_TEST

START_TEST(test_phrase_sets)
{
  const char *phrases[] = {"user unknown", "throttl%", "%limited", "mailbox * full", "用户不存在", "( bl )"};
  bn_phrase_set *set = bn_phrase_set_new(phrases, G_N_ELEMENTS(phrases));
  bool hits[G_N_ELEMENTS(phrases)];
  const char *text = "User  Unknown; throttling; rate-limited; mailbox is quite full; 用户不存在 (BL)";
  ck_assert(bn_phrase_set_scan(set, text, strlen(text), hits));
  for (size_t i = 0; i < G_N_ELEMENTS(phrases); i++)
    ck_assert_msg(hits[i], "%s", phrases[i]);
  const char *none = "users unknowns; bl";
  ck_assert(!bn_phrase_set_scan(set, none, strlen(none), hits));
  ck_assert(!bn_phrase_set_scan(set, NULL, 0, hits));
  bn_phrase_set_free(set);
  bn_phrase_set_free(NULL);
}
END_TEST

/* When the text names several causes, the precedence table decides. */
START_TEST(test_text_precedence)
{
  /* a full mailbox says more than the generic "unknown" around it */
  ck_assert_int_eq(text_cause("user unknown or mailbox full"), C(MAILBOXFULL));
  /* spam named explicitly wins over a block list mention */
  ck_assert_int_eq(text_cause("blocked: message looks like spam"), C(SPAMDETECTED));
  /* reverse DNS outranks the sender domain it names */
  ck_assert_int_eq(text_cause("Connections not accepted from servers without a valid sender domain. "
                              "Fix reverse DNS for 192.0.2.1"),
                   C(REQUIREPTR));
  /* the sender's own refusal outranks what would suppress the recipient */
  ck_assert_int_eq(text_cause("Sender address rejected: Domain not found"), C(REJECTED));
  /* a name-service failure the resolver retries outranks the missing host */
  ck_assert_int_eq(text_cause("Name service error for domain example.com: Host not found, try again"),
                   C(NETWORKERROR));
  /* a refused connection is a block, even when the queue then expired */
  ck_assert_int_eq(text_cause("Deferred: Connection refused by mx.example.org. Message could not be "
                              "delivered for 8 hours"),
                   C(BLOCKED));
  /* a DNS failure outranks the expiry it caused */
  ck_assert_int_eq(text_cause("Deferred: Name server: example.org.: host name lookup failure. Message could "
                              "not be delivered for 8 hours"),
                   C(NETWORKERROR));
  /* a bare refusal names no cause by its text alone */
  ck_assert_int_eq(text_cause("550 Access denied"), C(UNDEFINED));
}
END_TEST

/* The order of evidence: text, status, reply code, command, action. */
START_TEST(test_evidence_order)
{
  /* the text beats the status */
  ck_assert_int_eq(classify("5.2.1", 550, "RCPT", "550 5.2.1 <a@b.c>... User Unknown"), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.1.1", 550, NULL, "mailbox full"), C(MAILBOXFULL));
  /* the status beats the reply code */
  ck_assert_int_eq(classify("5.2.1", 550, NULL, "550 5.2.1 go away"), C(SUSPEND));
  ck_assert_int_eq(classify("5.7.26", 550, NULL, "550 5.7.26 unauthenticated"), C(AUTHFAILURE));
  ck_assert_int_eq(classify("5.1.3", 501, NULL, "501 5.1.3 bad"), C(USERUNKNOWN));
  /* the reply code beats the command */
  ck_assert_int_eq(classify("5.0.0", 556, "MAIL", "556 go away"), C(NOTACCEPT));
  ck_assert_int_eq(classify("5.0.0", 530, "MAIL", "530 go away"), C(SECURITYERROR));
  /* the command comes last: the greeting is about the sending host, MAIL
   * about the sender; RCPT and DATA alone say nothing */
  ck_assert_int_eq(classify("5.0.0", 550, "MAIL", "550 go away"), C(REJECTED));
  ck_assert_int_eq(classify("5.0.0", 554, "CONN", "554 go away"), C(BLOCKED));
  ck_assert_int_eq(classify("5.0.0", 554, "HELO", "554 go away"), C(BLOCKED));
  ck_assert_int_eq(classify("5.0.0", 554, "RCPT", "554 go away"), C(UNDEFINED));
  ck_assert_int_eq(classify("5.0.0", 554, "DATA", "554 go away"), C(UNDEFINED));
  /* a delay says the queue time is running out */
  row delayed = {"4.0.0", 0, NULL, NULL, "delayed", C(EXPIRED)};
  ck_assert_int_eq(classify_row(&delayed, NULL), C(EXPIRED));
  /* a delivery notice is delivered, whatever the text */
  row delivered = {"2.0.0", 250, NULL, "250 2.0.0 user unknown", "delivered", C(DELIVERED)};
  ck_assert_int_eq(classify_row(&delivered, NULL), C(DELIVERED));
  /* an address status in reply to MAIL is about the sender */
  ck_assert_int_eq(classify("5.1.0", 553, "MAIL", "553 5.1.0 neko.example.com is no good"), C(REJECTED));
  ck_assert_int_eq(classify("5.1.0", 550, NULL, "550 #5.1.0 Address rejected."), C(USERUNKNOWN));
  /* a transient routing status is the network's */
  ck_assert_int_eq(classify("4.4.4", 0, NULL, "unable to route"), C(NETWORKERROR));
  ck_assert_int_eq(classify("5.4.4", 0, NULL, "unable to route"), C(HOSTUNKNOWN));
  /* no evidence at all */
  ck_assert_int_eq(classify(NULL, 0, NULL, NULL), C(UNDEFINED));
}
END_TEST

/* "No such user" is the mailbox or a filter, as the command and the
 * status say. */
START_TEST(test_unknown_user)
{
  const char *d = "550 <kijitora@example.org>... User unknown";
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT", d), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, "DATA", d), C(FILTERED));
  ck_assert_int_eq(classify("5.0.0", 550, "MAIL", d), C(REJECTED));
  /* an address status wins over a DATA that PIPELINING shows */
  ck_assert_int_eq(classify("5.1.1", 550, "DATA", d), C(USERUNKNOWN));
  /* without the command, the status */
  ck_assert_int_eq(classify("5.0.0", 550, NULL, d), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.2.0", 550, NULL, d), C(FILTERED));
  ck_assert_int_eq(classify("5.7.1", 550, NULL, d), C(FILTERED));
  ck_assert_int_eq(classify("5.2.1", 550, NULL, d), C(USERUNKNOWN));
  ck_assert_int_eq(classify(NULL, 550, NULL, d), C(USERUNKNOWN));
}
END_TEST

START_TEST(test_read_together)
{
  /* a domain the resolver will retry is the network's, not a dead domain */
  ck_assert_int_eq(classify("4.0.0", 0, NULL, "DNS type 'mx' lookup of example.org responded with NXDOMAIN"),
                   C(NETWORKERROR));
  ck_assert_int_eq(classify("5.0.0", 0, NULL, "DNS type 'mx' lookup of example.org responded with NXDOMAIN"),
                   C(HOSTUNKNOWN));
  ck_assert_int_eq(classify(NULL, 450, NULL, "450 Host unknown"), C(NETWORKERROR));
  /* a missing domain at MAIL is the sender's */
  ck_assert_int_eq(classify("5.1.7", 550, "MAIL", "550 5.1.7 No such domain neko.example.com."), C(REJECTED));
  /* the status says which size limit: the system's or an administrator's */
  ck_assert_int_eq(classify("5.2.3", 552, NULL, "552 5.2.3 Message size exceeds fixed maximum message size"),
                   C(EXCEEDLIMIT));
  ck_assert_int_eq(classify("5.3.4", 552, NULL, "552 5.3.4 Message length exceeds administrative limit"),
                   C(MESGTOOBIG));
  ck_assert_int_eq(classify("5.0.0", 552, NULL, "552 Message size exceeds fixed maximum message size"),
                   C(MESGTOOBIG));
  /* a bare refusal: the greeting, MAIL, else the status */
  ck_assert_int_eq(classify("5.7.1", 550, "MAIL", "550 5.7.1 Access denied"), C(REJECTED));
  ck_assert_int_eq(classify("5.0.0", 550, "EHLO", "550 Rejected"), C(BLOCKED));
  ck_assert_int_eq(classify("5.7.1", 550, "RCPT", "550 5.7.1 <x@example.org>... Access denied"),
                   C(SECURITYERROR));
  ck_assert_int_eq(classify("5.7.1", 554, "RCPT", "554 5.7.1 <x@example.org>: Recipient address rejected: "
                                                  "Access denied"),
                   C(USERUNKNOWN));
}
END_TEST

START_TEST(test_hard)
{
  bool hard = false;
  row r1 = {"5.1.1", 550, NULL, "no such user", NULL, C(USERUNKNOWN)};
  classify_row(&r1, &hard);
  ck_assert(hard);
  row r2 = {"5.2.2", 552, NULL, "mailbox full", NULL, C(MAILBOXFULL)};
  classify_row(&r2, &hard);
  ck_assert(!hard);
  row r3 = {"5.1.2", 550, NULL, "host unknown", NULL, C(HOSTUNKNOWN)};
  classify_row(&r3, &hard);
  ck_assert(hard);
  row r4 = {"5.1.6", 550, NULL, "gone away", NULL, C(HASMOVED)};
  classify_row(&r4, &hard);
  ck_assert(hard);
  /* filtered is no statement about the address */
  row r5 = {"5.0.0", 550, "DATA", "550 Unknown user", NULL, C(FILTERED)};
  classify_row(&r5, &hard);
  ck_assert(!hard);
  /* notaccept is hard only with a 5xx */
  ck_assert(bn_cause_is_hard(C(NOTACCEPT), 556, "5.1.10"));
  ck_assert(!bn_cause_is_hard(C(NOTACCEPT), 421, "4.3.2"));
  ck_assert(bn_cause_is_hard(C(NOTACCEPT), 0, "5.1.10"));
  ck_assert(!bn_cause_is_hard(C(NOTACCEPT), 0, "4.0.0"));
  ck_assert(!bn_cause_is_hard(C(NOTACCEPT), 0, NULL));
  for (int c = C(UNDEFINED); c <= C(VIRUSDETECTED); c++) {
    bool want = c == C(USERUNKNOWN) || c == C(HOSTUNKNOWN) || c == C(HASMOVED) || c == C(NOTACCEPT);
    ck_assert_int_eq(bn_cause_is_hard((bounce_cause)c, 550, "5.0.0"), want);
  }
}
END_TEST

START_TEST(test_permanent)
{
  row r1 = {"4.2.2", 552, NULL, "mailbox full", "delayed", C(MAILBOXFULL)};
  bounce_recipient *rc = rcpt_of(&r1);
  bn_classify(rc, NULL);
  ck_assert(!rc->permanent);
  rcpt_free(rc);
  row r2 = {NULL, 550, NULL, "whatever", NULL, C(UNDEFINED)};
  rc = rcpt_of(&r2);
  bn_classify(rc, NULL);
  ck_assert(rc->permanent);
  rcpt_free(rc);
}
END_TEST

START_TEST(test_sources)
{
  /* a cause read in the text is from the text; one from the codes is derived */
  row t = {"5.1.1", 550, NULL, "user unknown", NULL, C(USERUNKNOWN)};
  bounce_recipient *rc = rcpt_of(&t);
  bn_classify(rc, NULL);
  ck_assert_int_eq(rc->source[BOUNCE_FIELD_CAUSE], BOUNCE_SOURCE_TEXT);
  rcpt_free(rc);
  row s = {"5.1.1", 550, NULL, "go away", NULL, C(USERUNKNOWN)};
  rc = rcpt_of(&s);
  bn_classify(rc, NULL);
  ck_assert_int_eq(rc->source[BOUNCE_FIELD_CAUSE], BOUNCE_SOURCE_DERIVED);
  rcpt_free(rc);
  row n = {"5.0.0", 550, NULL, "go away", NULL, C(UNDEFINED)};
  rc = rcpt_of(&n);
  bn_classify(rc, NULL);
  ck_assert_int_eq(rc->source[BOUNCE_FIELD_CAUSE], BOUNCE_SOURCE_NONE);
  rcpt_free(rc);
}
END_TEST

START_TEST(test_recognizer_cause_kept)
{
  /* feedback and vacation come from the ARF and auto-reply readers */
  bounce_cause kept[] = {C(FILTERED), C(FEEDBACK), C(VACATION)};
  for (size_t i = 0; i < G_N_ELEMENTS(kept); i++) {
    row r = {"5.1.1", 550, NULL, "user unknown", NULL, C(UNDEFINED)};
    bounce_recipient *rc = rcpt_of(&r);
    rc->cause = kept[i];
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    bn_classify(rc, NULL);
    ck_assert_int_eq(rc->cause, kept[i]);
    ck_assert(!rc->hard);
    rcpt_free(rc);
  }
}
END_TEST

/* Every cause of the vocabulary can be reached: from a phrase, a status,
 * or the reader that knows it (feedback, vacation). */
START_TEST(test_every_cause_reachable)
{
  bool seen[BN_CAUSE_SLOTS] = {false};
  for (size_t i = 0; i < bn_cause_phrase_count; i++)
    seen[bn_cause_phrases[i].cause] = true;
  seen[C(DELIVERED)] = seen[C(FEEDBACK)] = seen[C(VACATION)] = true;
  seen[C(FILTERED)] = true; /* "user unknown" after DATA: test_unknown_user */
  for (int c = C(AUTHFAILURE); c <= C(VIRUSDETECTED); c++)
    ck_assert_msg(seen[c], "no phrase names %s", bounce_cause_to_string((bounce_cause)c));
  /* and the precedence table orders every cause a phrase names */
  for (size_t i = 0; i < bn_cause_phrase_count; i++) {
    bool listed = false;
    for (size_t k = 0; k < bn_cause_precedence_count; k++)
      listed |= bn_cause_precedence[k] == bn_cause_phrases[i].cause;
    ck_assert_msg(listed, "\"%s\" names a cause the precedence table lacks", bn_cause_phrases[i].phrase);
  }
}
END_TEST

int
main(void)
{
  bn_gmime_init();
  Suite *s = suite_create("reason");
  TCase *tc = tcase_create("reason");
  tcase_add_test(tc, test_every_cause);
  tcase_add_test(tc, test_languages);
  tcase_add_test(tc, test_words);
  tcase_add_test(tc, test_phrase_sets);
  tcase_add_test(tc, test_text_precedence);
  tcase_add_test(tc, test_evidence_order);
  tcase_add_test(tc, test_unknown_user);
  tcase_add_test(tc, test_read_together);
  tcase_add_test(tc, test_hard);
  tcase_add_test(tc, test_permanent);
  tcase_add_test(tc, test_sources);
  tcase_add_test(tc, test_recognizer_cause_kept);
  tcase_add_test(tc, test_every_cause_reachable);
  suite_add_tcase(s, tc);
  return test_run(s);
}
