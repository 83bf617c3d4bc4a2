/* Completing every record once the recognizers are done: the status and
 * reply code from the diagnostic text where the fields are empty or only a
 * catch-all, the action from the status, the cause, and the report's kind. */
#include "private.h"
#include "mta/mta.h"
#include "rhost/rhost.h"
#include <string.h>

/* "5.0.0", "4.0.0": a status that says only permanent or transient. */
static bool
catch_all(const char *status)
{
  return status && strcmp(status + 1, ".0.0") == 0;
}

/* A catch-all permanent status on a failure the MTA gave up on (Action:
 * failed) beside a transient reply: ZoneMTA writes "Status: 5.0.0" on
 * every failure it reports (plugins/core/email-bounce.js), also for a
 * 4xx reply a rule of config/bounces.txt rejects ("421 4.7.1", "452 4.2.2
 * ... over quota") or that still came when its retries ran out
 * (handleResponseError in lib/sender.js). The status says only that the
 * MTA stopped trying, the reply is the remote's last answer: both stand,
 * as with a raised status (bn_status_raised). */
static bool
gave_up_on_reply(const bounce_recipient *rc)
{
  return catch_all(rc->status) && rc->status[0] == '5' && rc->reply_code / 100 == 4 &&
         rc->action && strcmp(rc->action, "failed") == 0;
}

/* The reverse: a catch-all transient status on a failure the MTA still
 * holds (Action: delayed) beside a permanent reply. Postfix's soft_bounce
 * turns the status it derives from a bare "550 User unknown" (5.0.0) into
 * 4.0.0 and queues the message again: the status says the message waits,
 * the reply is what the remote said (docs/causes.md, rule 7). */
static bool
held_on_reply(const bounce_recipient *rc)
{
  return catch_all(rc->status) && rc->status[0] == '4' && rc->reply_code / 100 == 5 &&
         rc->action && strcmp(rc->action, "delayed") == 0;
}

/* A transient status with a permanent reply (or the reverse) contradicts
 * itself; the status is the MTA's verdict, so the reply is not kept. */
static void
drop_contradicted_reply(bounce_recipient *rc)
{
  if (rc->status && rc->reply_code && rc->reply_code / 100 != rc->status[0] - '0' &&
      !gave_up_on_reply(rc) && !held_on_reply(rc)) {
    rc->reply_code = 0;
    rc->source[BOUNCE_FIELD_REPLY_CODE] = BOUNCE_SOURCE_NONE;
  }
}

/* Words before an earlier command's reply that a notice quotes beside its
 * own failure: Exim's "Remote host closed connection in response to HELO
 * mx.example.com (EHLO response was: 500 unrecognized command)"
 * (transports/smtp.c). The codes after them are not this failure's. */
static const char *const quoted_earlier[] = {"(EHLO response was:", NULL};

/* Exim's report of a callout it made to verify the sender (or its
 * postmaster) before refusing, in its own reply: "550-Verification failed
 * for <s@example.com>", "550-Called:   192.0.2.1", "550-Sent:     RCPT
 * TO:<s@example.com>", "550-Response: 550 5.1.1 User unknown", "550 Sender
 * verify failed". The status after "Response:" is the other host's answer
 * about the sender, not this refusal's. Where the report starts, or NULL. */
static const char *
callout_report(const char *diag, size_t len)
{
  const char *called = bn_strcasestr(diag, len, "Called:");
  if (called == NULL)
    return NULL;
  size_t rest = len - (size_t)(called - diag);
  const char *sent = bn_strcasestr(called, rest, "Sent:");
  if (sent == NULL)
    return NULL;
  rest = len - (size_t)(sent - diag);
  return bn_strcasestr(sent, rest, "Response:") ? called : NULL;
}

/* A relay's own refusal that opens the text and quotes the next host's,
 * of the other class: "450 host mx.example.net said: 550 5.1.1 user
 * unknown". The relay's code is its answer to this message (RFC 5321
 * 4.2.1) and the status after the quoted code is the other host's: where
 * that code stands, or len. */
static size_t
quoted_other_class(const char *diag, size_t len)
{
  size_t i = bn_skip_diag_type(diag, len);
  const char *own = bn_find_reply(diag, len);
  int code = bn_find_reply_code(diag, len);
  if (own != diag + i || (code / 100 != 4 && code / 100 != 5))
    return len;
  size_t rest = len - i - 3;
  const char *quoted = bn_find_reply(own + 3, rest);
  int other = bn_find_reply_code(own + 3, rest);
  if (quoted && (other / 100 == 4 || other / 100 == 5) && other / 100 != code / 100)
    return (size_t)(quoted - diag);
  return len;
}

/* How much of diag (len bytes) speaks of its own failure: up to a quoted
 * earlier reply, or a quoted reply of the other class. */
static size_t
own_part(const char *diag, size_t len)
{
  len = quoted_other_class(diag, len);
  for (size_t i = 0; quoted_earlier[i]; i++) {
    const char *q = bn_strcasestr(diag, len, quoted_earlier[i]);
    if (q)
      len = (size_t)(q - diag);
  }
  const char *report = callout_report(diag, len);
  if (report)
    len = (size_t)(report - diag);
  return len;
}

bool
bn_reply_own_status(const char *diag, size_t len, char out[16])
{
  if (diag == NULL)
    return false;
  len = own_part(diag, len);
  return len && bn_find_status(diag, len, out) &&
         !(out[0] == '2' && bn_find_reply_code(diag, len) >= 400);
}

/* The reply code diag gives: typed as a reply where it is a field's
 * (Diagnostic-Code: smtp; ...) or where a known MTA's recognizer took it
 * from the place its format quotes the server's reply (qmail's "Remote
 * host said: 550 messages from your network are refused", Exim's "SMTP
 * error from remote mail server after RCPT TO:<a@b>: 550 ...", Courier's
 * "<<< 550 ..."); an unknown notice's paragraph (the fallback's) is prose
 * that may open on a count. */
static int
diag_reply_code(const bounce_report *r, const bounce_recipient *rc, const char *diag, size_t len)
{
  bool typed = rc->source[BOUNCE_FIELD_DIAGNOSTIC] == BOUNCE_SOURCE_FIELD
                   ? !rc->unix_diagnostic
                   : r->mta && strcmp(r->mta, bn_mta_fallback.name) != 0;
  return typed ? bn_find_typed_reply_code(diag, len) : bn_find_reply_code(diag, len);
}

static void
complete_status(const bounce_report *r, bounce_recipient *rc)
{
  const char *diag = rc->diagnostic;
  size_t dlen = diag ? own_part(diag, strlen(diag)) : 0;
  char found[16];
  bool raised = false;
  if (rc->status && !bn_status_valid(rc->status, strlen(rc->status)))
    bn_set_str(&rc->status, NULL);
  /* a gateway's status and category before the reply it quotes ("5.1.0 -
   * Unknown address error 550-'5.1.1 ...'", maybe quoted again by
   * Exchange as "#5.0.0 smtp; ..."): the reply's own status is the one */
  char *inner = dlen ? bn_category_reply(diag, dlen) : NULL;
  if (inner) {
    /* a reply without a status of its own ("550-'mailbox unavailable'")
     * leaves the gateway's, which says what kind of failure it saw */
    if (rc->status == NULL && bn_category_status(diag, dlen, inner, found))
      bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, found, BOUNCE_SOURCE_TEXT);
    diag = inner;
    dlen = strlen(inner);
  }
  if (dlen && bn_find_status(diag, dlen, found)) {
    /* The remote's own words win over the field when they agree with each
     * other ("550 5.5.0") and the field says another class ("4.5.0"). */
    int said = diag_reply_code(r, rc, diag, dlen);
    bool contradicted = rc->status && rc->status[0] != found[0] && said / 100 == found[0] - '0';
    /* unless the field is the reply's status with the class of a failure
     * the reporting MTA gave up on (Action: failed): the field is the
     * outcome, the reply the last answer before it, and both stay */
    raised = rc->status && rc->action && strcmp(rc->action, "failed") == 0 &&
             bn_status_raised(rc->status, found);
    /* or the reverse, the reply's status with the class of a failure the
     * reporting MTA still holds (Action: delayed): the message is queued,
     * and the field (RFC 3464 2.3.4) says so */
    raised = raised || (rc->action && strcmp(rc->action, "delayed") == 0 &&
                        bn_status_lowered(rc->status, found));
    contradicted = contradicted && !raised;
    /* A status the reporting MTA explains in a comment is its own reading
     * of the reply (ZMailer's "5.1.1 (bad destination mailbox)" for any
     * 550): the reply's own status, of the same class, is the remote's. */
    bool explained = rc->status_comment && rc->status && found[0] == rc->status[0] &&
                     said / 100 == found[0] - '0' && strcmp(found, rc->status) != 0;
    bool better = rc->status == NULL || contradicted || explained ||
                  (catch_all(rc->status) && !catch_all(found) && found[0] == rc->status[0]);
    /* a success beside a refusal is no status of it: the version in a
     * greeting ("554 mx.example.org ESMTP Postfix (2.5.6) ...") */
    bool success_in_refusal = found[0] == '2' && said >= 400;
    /* nor of a recipient its report says failed ("Delivery to bob@...
     * failed. The server said: 221 2.0.0 Bye") or still held: the last
     * reply read before a lost connection ("Status: 4.4.2" over "250 2.1.5
     * Recipient ok", which the class test above would call contradicted) */
    bool success_of_failed = found[0] == '2' && rc->action &&
                             (strcmp(rc->action, "failed") == 0 || strcmp(rc->action, "delayed") == 0);
    if (better && !success_in_refusal && !success_of_failed)
      bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, found, BOUNCE_SOURCE_TEXT);
  }
  if (rc->reply_code == 0 && dlen) {
    int code = diag_reply_code(r, rc, diag, dlen);
    bn_rcpt_set_reply_code(rc, code, BOUNCE_SOURCE_TEXT);
  }
  /* a bare "Status: 450" beside a diagnostic that quotes no reply (Postfix's
   * "connect to ...: Connection timed out") is the generator's class of a
   * failure no server answered, not a reply */
  if (rc->reply_code == 0 && !(rc->status_class && dlen))
    bn_rcpt_set_reply_code(rc, rc->status_reply, rc->status_reply_source);
  g_free(inner);
  if (!raised)
    drop_contradicted_reply(rc);
}

/* A reply code in the Status field ("Status: 450") gives the class where
 * neither the field nor the text gave a status: the text's detail ("4.4.1"
 * from "Connection timed out") is worth more than a bare class. */
static void
status_field_class(bounce_recipient *rc)
{
  if (rc->status || !rc->status_class)
    return;
  char given[16];
  g_snprintf(given, sizeof given, "%c.0.0", rc->status_class);
  bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, given, rc->status_class_source);
  drop_contradicted_reply(rc);
}

/* Without a status, the class is still known from the reply code or the
 * action: a "5.0.0" says "permanent, no detail" and invents nothing. An MTA
 * that still retries after a 5xx (Sendmail defers "552 ... Mailbox full",
 * which RFC 5321 4.5.3.1.10 lets clients treat as 452) holds the failure
 * transient: the action it took outranks the reply's class. */
static void
class_only_status(bounce_recipient *rc)
{
  if (rc->status)
    return;
  const char *st = NULL;
  if (rc->action && strcmp(rc->action, "delayed") == 0)
    st = "4.0.0";
  else if (rc->reply_code >= 400 && rc->reply_code < 600)
    st = rc->reply_code >= 500 ? "5.0.0" : "4.0.0";
  else if (rc->action && strcmp(rc->action, "failed") == 0)
    st = "5.0.0";
  else if (bn_rcpt_succeeded(rc)) /* delivered, relayed or expanded */
    st = "2.0.0";
  if (st)
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, st, BOUNCE_SOURCE_DERIVED);
}

/* A recipient whose last answer was transient: a report that does not say
 * it will retry (Will-Retry-Until, or a warning its recognizer tells) is
 * the MTA's last word on it, a failure; prose bounces ("Delivery has
 * failed", "I'm not going to try again") carry 4xx replies when the
 * retries ran out or the MTA gave up at once. */
static const char *
transient_action(const bounce_recipient *rc)
{
  return rc->will_retry_until ? "delayed" : "failed";
}

static void
complete_action(bounce_recipient *rc, bounce_kind kind)
{
  if (rc->action) {
    /* Some MTAs write "failure", "Failed", "delay". */
    static const struct {
      const char *in, *out;
    } aliases[] = {{"failure", "failed"}, {"fail", "failed"},  {"delay", "delayed"},
                   {"deliver", "delivered"}, {"success", "delivered"}, {"relay", "relayed"},
                   /* Postfix's answer to an address verification (sendmail -bv) */
                   {"deliverable", "delivered"}, {"undeliverable", "failed"}};
    for (size_t i = 0; i < G_N_ELEMENTS(aliases); i++)
      if (strcmp(rc->action, aliases[i].in) == 0) {
        bn_set_str(&rc->action, aliases[i].out);
        break;
      }
    return;
  }
  const char *a = NULL;
  if (rc->status && rc->status[0] == '5')
    a = "failed";
  else if (rc->status && rc->status[0] == '4')
    a = transient_action(rc);
  else if (rc->status && rc->status[0] == '2')
    a = "delivered";
  else if (rc->reply_code >= 500)
    a = "failed";
  else if (rc->reply_code >= 400)
    a = transient_action(rc);
  else if (kind == BOUNCE_KIND_NONE)
    a = "failed"; /* a bounce that says nothing of the action reports a failure */
  if (a)
    bn_rcpt_set(rc, BOUNCE_FIELD_ACTION, a, BOUNCE_SOURCE_DERIVED);
}

/* Each recipient's answering server as the notice's prose names it
 * (bn_rhost_prose_hosts), once: a second finish keeps the first's. Not
 * the returned message's copy after the prose: a server its text names
 * (a forwarded notice's "host X[ip] said:") answered someone else. */
static void
prose_hosts(bounce_report *r, const bn_view *v)
{
  size_t n = bn_report_count(r);
  if (n == 0 || bn_report_rcpt(r, 0)->prose_host)
    return;
  const char **addresses = g_new(const char *, n);
  char **hosts = g_new(char *, n);
  for (size_t i = 0; i < n; i++)
    addresses[i] = bn_report_rcpt(r, i)->address;
  bn_rhost_prose_hosts(v->text->str, bn_view_own_len(v, v->text->len), addresses, n, hosts);
  for (size_t i = 0; i < n; i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    g_free(rc->prose_host);
    rc->prose_host = hosts[i];
  }
  g_free(addresses);
  g_free(hosts);
}

static bounce_kind
kind_of(const bounce_report *r)
{
  bool failed = false, delayed = false, delivered = false;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    const bounce_recipient *rc = bn_report_rcpt(r, i);
    const char *a = rc->action ? rc->action : "";
    if (strcmp(a, "failed") == 0)
      failed = true;
    else if (strcmp(a, "delayed") == 0)
      delayed = true;
    else if (bn_rcpt_succeeded(rc))
      delivered = true;
    else
      failed = true; /* a bounce that says nothing of the action is a failure */
  }
  if (failed)
    return BOUNCE_KIND_FAILURE;
  if (delayed)
    return BOUNCE_KIND_DELAY;
  if (delivered)
    return BOUNCE_KIND_DELIVERED;
  return BOUNCE_KIND_NONE;
}

/* A diagnostic is one line: one folded over many lines, or pieced together
 * from prose, is cut at the line-length limit (on a UTF-8 boundary). */
static void
cut_diagnostic(bounce_report *r, char *d, size_t max)
{
  size_t n = strlen(d);
  if (n <= max)
    return;
  d[bn_utf8_cut(d, n, max)] = '\0';
  r->truncated = true;
}

void
bn_finish(bounce_report *r, const bn_view *v)
{
  size_t max_line = bn_limit(v ? v->opts : NULL, BOUNCE_LIMIT_LINE_LENGTH);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->diagnostic == NULL)
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, rc->status_comment, rc->status_comment_source);
    if (rc->diagnostic) {
      char *d = bn_squeeze_dup(rc->diagnostic, strlen(rc->diagnostic));
      cut_diagnostic(r, d, max_line);
      g_free(rc->diagnostic);
      rc->diagnostic = d;
    }
    /* an auto-reply's diagnostic is its person-written text: a number in
     * it ("our office: 550 5.1 Harbour Road") is no server's reply, and
     * "MAIL FROM" in it no command; its fields come from headers alone */
    if (r->kind != BOUNCE_KIND_AUTOREPLY) {
      complete_status(r, rc);
      if (rc->smtp_command == NULL && rc->diagnostic)
        bn_rcpt_set(rc, BOUNCE_FIELD_SMTP_COMMAND,
                    bn_find_smtp_command(rc->diagnostic, strlen(rc->diagnostic)),
                    BOUNCE_SOURCE_TEXT);
    }
    status_field_class(rc);
    complete_action(rc, r->kind);
    class_only_status(rc);
  }
  if (v && v->text)
    prose_hosts(r, v);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bn_classify(rc, r);
    /* A message that stayed in the queue until it expired is reported as
     * delayed (RFC 3464's "delayed" covers it), whatever the MTA wrote. */
    if (rc->cause == BOUNCE_CAUSE_EXPIRED && (rc->action == NULL || strcmp(rc->action, "failed") == 0))
      bn_rcpt_set(rc, BOUNCE_FIELD_ACTION, "delayed", BOUNCE_SOURCE_DERIVED);
  }
  if (r->kind == BOUNCE_KIND_NONE)
    r->kind = kind_of(r);
}
