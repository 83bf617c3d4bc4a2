/* hMailServer: "Message undeliverable: <subject>" from mailer-daemon@, its
 * SEND_FAILED_NOTIFICATION template (an administrator may reword it),
 *
 *   Your message did not reach some or all of the intended recipients.
 *      Sent: ...
 *      Subject: ...
 *   The following recipient(s) could not be reached:
 *
 * with, in place of %MACRO_RECIPIENTS%, one block per recipient that the
 * server's code writes and no template changes: the address alone on a
 * line, then indented lines
 *
 *   user@example.org
 *      Error Type: SMTP
 *      Remote server (192.0.2.1) issued an error.
 *      hMailServer sent: RCPT TO:<user@example.org>
 *      Remote server replied: 550 5.1.1 <user@example.org>... User unknown
 *
 * or "Connection to recipients server failed." / "Error: ...", or (DNS and
 * local failures) "Error Description: ..." and "Additional information:
 * ...". A fork sends the same text beside a delivery-status part; its
 * recipients are completed here.
 *
 * A failed connection is never final in hMailServer: it retries, and only
 * once the retries are used up returns the message, the block then ending
 * "Tried 5 time(s)". So that sentence means it gave up: expired, 5.4.7
 * unless a delivery-status part gave a status. A DNS query that failed is
 * retried and returned the same way, but reads as the failed lookup (see
 * own_facts below). */
#include "mta.h"
#include <string.h>

static const char *const type_line = "Error Type: SMTP";

/* What follows "Error Type: SMTP" in hMailServer's code, and nowhere else. */
static const char *const second_lines[] = {
  "Remote server (", "Connection to recipients server failed.", "Error Description:", NULL,
};

/* hMailServer's own sentences that name the cause for sure, and the status
 * they imply. Its resolver (DNSResolver.cpp) tells a name that does not
 * exist or has no record ("No mail servers appear to exists...") from a
 * query that failed (SERVFAIL, no answer, no DNS server: "Unable to find
 * the recipient's email server. The DNS query has failed."). The failed
 * query is retried as a connection failure is, and returned the same way
 * ("Tried N time(s)"), but what persisted is a broken lookup, not the
 * wait: networkerror, under RFC 3463's X.4.3 "directory server failure"
 * (Postfix's smtp_addr.c writes 4.4.3 for an MX lookup it will retry,
 * 5.4.3 for one that failed for good), class 5 as hMailServer gave up. */
static const bn_mta_fact own_facts[] = {
  {"No mail servers appear to exists for the recipient", BOUNCE_CAUSE_HOSTUNKNOWN, NULL, false},
  {"No mail servers appear to exist for the recipient", BOUNCE_CAUSE_HOSTUNKNOWN, NULL, false},
  {"Unable to find the recipient's email server. The DNS query has failed", BOUNCE_CAUSE_NETWORKERROR,
   "5.4.3", false},
};

static const bn_mta_fact gave_up = {"Connection to recipients server failed.",
                                     BOUNCE_CAUSE_EXPIRED, "5.4.7", true};

static bool
claim(const bn_view *v)
{
  const char *at = bn_strcasestr(v->text->str, v->text->len, type_line);
  if (at == NULL)
    return false;
  size_t rest = v->text->len - (size_t)(at - v->text->str);
  return bn_prose_has_any(at, MIN(rest, 200), second_lines);
}

static bool
indented(const bn_span *l)
{
  return l->len && (l->p[0] == ' ' || l->p[0] == '\t');
}

/* The value after "Key:" when the line starts with it, else NULL. */
static const char *
value_of(const bn_span *l, const char *key, size_t *len)
{
  size_t n = strlen(key);
  if (l->len < n || g_ascii_strncasecmp(l->p, key, n) != 0)
    return NULL;
  const char *p = l->p + n;
  *len = l->len - n;
  while (*len && *p == ' ') {
    p++;
    (*len)--;
  }
  return p;
}

/* One indented line of rc's block. */
static void
block_line(bounce_recipient *rc, bn_span *l)
{
  const char *val;
  size_t n;
  bn_span_trim(l);
  if (l->len == 0 || value_of(l, "Error Type:", &n))
    return;
  if ((val = value_of(l, "Remote server (", &n))) {
    const char *close = memchr(val, ')', n);
    if (close) {
      char *host = g_strndup(val, (size_t)(close - val));
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_free(host);
    }
  } else if ((val = value_of(l, "hMailServer sent:", &n))) {
    /* the last thing sent: a command, or the lone dot that ends DATA */
    const char *cmd = n == 1 && val[0] == '.' ? "DATA" : bn_smtp_command_name(val, n);
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, cmd, BOUNCE_SOURCE_TEXT);
  } else if ((val = value_of(l, "Remote server replied:", &n)) ||
             (val = value_of(l, "Error:", &n)) || (val = value_of(l, "Error Description:", &n)) ||
             (val = value_of(l, "Additional information:", &n))) {
    bn_prose_add_diagnostic(rc, val, n);
  } else if (bn_has_prefix_ci(l->p, gave_up.phrase)) {
    bn_mta_fact f = gave_up;
    if (rc->status && rc->status[0])
      f.status = NULL;
    bn_prose_apply_fact(rc, &f);
  } else {
    bn_prose_add_diagnostic(rc, l->p, l->len);
  }
}

static void
own_cause(bounce_recipient *rc)
{
  if (rc->diagnostic == NULL)
    return;
  const bn_mta_fact *row = bn_prose_fact(own_facts, G_N_ELEMENTS(own_facts), rc->diagnostic,
                                         strlen(rc->diagnostic));
  if (row == NULL)
    return;
  bn_mta_fact f = *row;
  /* a delivery-status part's own status stays */
  if (rc->status && rc->status[0])
    f.status = NULL;
  bn_prose_apply_fact(rc, &f);
}

/* The template's "   Sent: ..." and "   Subject: ..." lines, before the
 * first recipient, give the original's date and subject. */
static void
original_lines(bounce_report *r, const GString *t)
{
  static const char *const keys[][2] = {{"Sent:", "Date"}, {"Subject:", "Subject"}};
  if (bn_report_original(r, "Subject")[0] || bn_report_original(r, "Message-ID")[0])
    return;
  const char *stop = bn_strcasestr(t->str, t->len, type_line);
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str, stop ? (size_t)(stop - t->str) : t->len);
  while (bn_lines_next(&it, &l)) {
    if (!indented(&l))
      continue;
    bn_span_trim(&l);
    for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
      size_t n;
      const char *val = value_of(&l, keys[k][0], &n);
      if (val && n && bn_report_original(r, keys[k][1])[0] == '\0') {
        char *s = g_strndup(val, n);
        bn_report_set_original(r, keys[k][1], s);
        g_free(s);
      }
    }
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  bounce_recipient *cur = NULL;
  bn_lines it;
  bn_span l, next, above = {NULL, 0};
  bn_lines_init(&it, t->str, t->len);
  while (bn_lines_next(&it, &l)) {
    if (cur && indented(&l)) {
      above = l;
      block_line(cur, &l);
      continue;
    }
    /* the rest of a block line an archiver's re-wrap moved to the margin
     * ("   Error Description: ... The DNS" over "query has failed.") */
    if (cur && above.len && bn_line_continues(&above, &l)) {
      bn_prose_add_diagnostic(cur, l.p, l.len);
      above = l;
      continue;
    }
    above.len = 0;
    cur = NULL;
    /* An address alone at the start of a line, with "Error Type:" next. */
    bn_lines peek = it;
    bn_span a = l;
    bn_span_trim(&a);
    if (a.len == 0 || indented(&l) || bn_word_end(a.p, a.len) < a.len || !bn_lines_next(&peek, &next) ||
        !indented(&next) || !bn_strcasestr(next.p, next.len, "Error Type:"))
      continue;
    char *addr = bn_address_clean(a.p, a.len);
    if (addr == NULL)
      continue;
    cur = bn_prose_recipient(r, addr);
    g_free(addr);
    if (cur) {
      /* this block is the whole story: the DSN part's text, if any, is the same */
      bn_set_str(&cur->diagnostic, NULL);
      bn_rcpt_fill(cur, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    }
  }
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bn_prose_reply_from_diagnostic(rc);
    own_cause(rc);
  }
  if (bn_report_count(r) > 0)
    original_lines(r, t);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_hmailserver = {"hmailserver", claim, extract};
