/* XMail (Davide Libenzi's XMail server): "Error sending message [<spool
 * file>] from [<domain>]" from "<domain> PostMaster <postmaster@...>", with
 * "X-MailerServer: XMail ..." and "X-SMTP-Mailer-Error:", a plain-text body
 * in numbered sections:
 *
 *   [<00>] XMail bounce: Rcpt=[user@example.org];Error=[550 5.1.1 ...]
 *
 *   [<01>] Error sending message [...] from [example.net].
 *
 *   ID:        <...>
 *   Mail From: <sender@example.net>
 *   Rcpt To:   <user@example.org>
 *   Server:    <mx.example.org> [192.0.2.7]
 *
 *   [<02>] The reason of the delivery failure was:
 *
 *   550 5.1.1 <user@example.org>... User unknown
 *
 *   [<03>] Note:   (a warning: "** This is a temporary error and you do not
 *                   have to resend the message")
 *   [<04>] Here is listed the message log file:
 *   [<05>] Here is listed the initial part of the message:
 *
 * One recipient per notice. */
#include "mta.h"
#include <string.h>

static const char *const marker = "XMail bounce: Rcpt=[";
static const char *const reason_start = "[<02>] The reason of the delivery failure was:";
static const char *const original_starts[] = {
  "[<05>] Here is listed the initial part of the message:", NULL,
};
static const char *const temporary = "This is a temporary error and you do not have to resend";
/* Its own reason when a message outlived its retries (QueUtResendMessage). */
static const char *const expired = "The maximum number of delivery attempts has been reached";

/* XMail's own error strings (Errors.cpp, ErrGetErrorString), the reason
 * of a failure no remote server answered. */
static const bn_cause_row own_words[] = {
  {"Remote domain has no DNS/MX entries", BOUNCE_CAUSE_HOSTUNKNOWN},
  {"DNS name not exist", BOUNCE_CAUSE_HOSTUNKNOWN},
  {"Error connecting to remote address", BOUNCE_CAUSE_NETWORKERROR},
  {"SSL certificate validation failed", BOUNCE_CAUSE_FAILEDSTARTTLS},
  {"User maximum mailbox size reached", BOUNCE_CAUSE_MAILBOXFULL},
  {"Account disabled", BOUNCE_CAUSE_SUSPEND},
};

static bool
claim(const bn_view *v)
{
  if (bn_view_header(v, "X-SMTP-Mailer-Error"))
    return true;
  return bn_strcasestr(v->text->str, bn_view_own_len(v, 4096), marker) != NULL;
}

/* The bracketed value after at, up to "]" on the same line. */
static char *
bracketed(const char *at, const char *end)
{
  const char *close = at;
  while (close < end && *close != ']' && *close != '\n')
    close++;
  return close < end && *close == ']' ? g_strndup(at, (size_t)(close - at)) : NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  const char *end = t->str + t->len;
  const char *m = bn_strcasestr(t->str, t->len, marker);
  char *addr = NULL, *error = NULL;
  if (m) {
    addr = bracketed(m + strlen(marker), end);
    const char *e = bn_strcasestr(m, (size_t)(end - m), ";Error=[");
    if (e && e - m < 512)
      error = bracketed(e + 8, end);
  }
  if (addr == NULL) {
    const char *rt = bn_prose_find_line(t->str, t->len, "Rcpt To:");
    if (rt)
      addr = bn_find_address(rt, MIN((size_t)(end - rt), 512));
  }
  bounce_recipient *rc = bn_prose_recipient_at(r, addr, addr ? strlen(addr) : 0, true);
  g_free(addr);
  if (rc == NULL) {
    g_free(error);
    return false;
  }
  /* the reason section, up to the next numbered section */
  const char *rs = bn_strcasestr(t->str, t->len, reason_start);
  if (rs) {
    rs += strlen(reason_start);
    const char *next = bn_strcasestr(rs, (size_t)(end - rs), "\n[<0");
    bn_set_str(&rc->diagnostic, NULL);
    bn_prose_add_diagnostic(rc, rs, (size_t)((next ? next : end) - rs));
  }
  if (rc->diagnostic == NULL && error)
    bn_prose_add_diagnostic(rc, error, strlen(error));
  g_free(error);
  /* "Server:    <mx.example.org> [192.0.2.7]" */
  const char *sv = bn_prose_find_line(t->str, t->len, "Server:    <");
  const char *gt = sv ? memchr(sv, '>', MIN((size_t)(end - sv), 300)) : NULL;
  if (gt) {
    const char *lt = strchr(sv, '<');
    char *host = g_strndup(lt + 1, (size_t)(gt - lt - 1));
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
    g_free(host);
  }
  bn_prose_reply_from_diagnostic(rc);
  if (rc->diagnostic && bn_strcasestr(rc->diagnostic, strlen(rc->diagnostic), expired)) {
    rc->cause = BOUNCE_CAUSE_EXPIRED;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
  } else if (rc->diagnostic && rc->reply_code == 0) {
    bounce_cause own = bn_cause_table_find(rc->diagnostic, strlen(rc->diagnostic), own_words,
                                           G_N_ELEMENTS(own_words));
    if (own != BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, own);
  }
  bool warning = bn_strcasestr(t->str, t->len, temporary) != NULL;
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, warning ? "delayed" : "failed", BOUNCE_SOURCE_TEXT);
  bn_prose_original(v, r, bn_prose_after(t, original_starts));
  return true;
}

const bn_mta bn_mta_xmail = {"xmail", claim, extract};
