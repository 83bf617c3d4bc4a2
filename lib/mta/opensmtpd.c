/* OpenSMTPD: an indented notice, one unindented "address: reason" line per
 * recipient, then the original message (since 6.x also a delivery-status
 * part and the original headers as separate parts):
 *
 *       Hi!
 *
 *       This is the MAILER-DAEMON, please DO NOT REPLY to this email.
 *
 *       An error has occurred while attempting to deliver a message for
 *       the following list of recipients:
 *
 *   user@example.jp: 550 5.1.1 <user@example.jp>... User Unknown
 *
 *       Below is a copy of the original message:
 *
 * Warnings say "A message is delayed for more than 4 hours for the
 * following list of recipients:" and "Please note that this is only a
 * temporary failure report."; success notices say "Your message was
 * successfully delivered to these recipients." (or "relayed to"). The
 * reason is the remote server's reply or OpenSMTPD's own words ("Domain
 * does not exist", "Envelope expired", "Loop detected").
 *
 * Before the list (bounce.c 1.4 to 1.31, 2009 to 2011; OpenBSD 4.6 to
 * 5.0) each recipient had a notice of its own, Subject "Delivery attempt
 * failure" and later "Delivery status notification", unindented, its
 * reason on the line under a label (1.4 had no blank line after "Hi !"):
 *
 *   Hi !
 *
 *   This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.
 *   An error has occurred while attempting to deliver a message.
 *
 *   Recipient: user@example.jp
 *   Reason:
 *   550 5.1.1 <user@example.jp>... User Unknown
 *
 *   Below is a copy of the original message: */
#include "mta.h"
#include <string.h>

static const char *const sentences[] = {
  "This is the MAILER-DAEMON, please DO NOT REPLY",
  "An error has occurred while attempting to deliver a message for",
  "A message is delayed for more than",
  NULL,
};

static const char *const list_starts[] = {
  "list of recipients:", "delivered to these recipients", "relayed to these recipients", NULL,
};

static const char *const list_ends[] = {
  "Below is a copy of the original", "Please note that this is only a temporary failure", NULL,
};

static const char *const warnings[] = {"A message is delayed for more than", NULL};
static const char *const delivered[] = {"successfully delivered to these recipients", NULL};
static const char *const relayed[] = {"relayed to these recipients", NULL};

/* OpenSMTPD's own reasons. */
static const bn_mta_fact facts[] = {
  /* the envelope's queue lifetime ran out and it is dropped, however the
   * notice (a "delayed" one in newer versions) labels it */
  {"Envelope expired", BOUNCE_CAUSE_EXPIRED, "5.4.7", true},
  {"Domain does not exist", BOUNCE_CAUSE_HOSTUNKNOWN, NULL, false},
  /* the resolver refused the domain as no valid DNS name, for good */
  {"Invalid domain name", BOUNCE_CAUSE_HOSTUNKNOWN, NULL, false},
  /* The domain exists but neither its MXs nor the domain itself resolved to
   * an address, a resolver failure on those names included (dns.c reports
   * any empty host lookup so): OpenSMTPD retries it (a TEMPFAIL in mta.c),
   * so it is only ever written in a delay warning; the final bounce of the
   * same envelope says "Envelope expired". A missing domain that will be
   * looked up again is networkerror, not a hard hostunknown. */
  {"No MX found for domain", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* every MX of the domain is one OpenSMTPD must skip; retried */
  {"No MX found for destination", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* the MX lookup is retried */
  {"Temporary failure in MX lookup", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* said only of a relay host the administrator configured, never of the
   * recipient's domain; retried */
  {"Host not found", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  {"Network error on destination MXs", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* "No valid route to destination", "... to remote MX": no MX could be
   * reached from any source address */
  {"No valid route to", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* no MX had an address of the family the source addresses have */
  {"Address family mismatch on destination MXs", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* the session with the MX dropped mid-transaction, without a reply */
  {"Connection closed unexpectedly", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* the MX went silent past the session's I/O timeout (mta_session.c,
   * IO_TIMEOUT): one session's wait, retried, not the envelope's queue
   * lifetime running out ("Envelope expired" says that) */
  {"Connection timeout", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* the relay is set to verify the MX's certificate ("tls verify") and it
   * failed the check (mta_session.c, mta_cert_verify_cb) */
  {"SSL certificate check failed", BOUNCE_CAUSE_FAILEDSTARTTLS, NULL, false},
  /* the relay is set to authenticate, and the MX offers no AUTH or the
   * session is not encrypted (mta_session.c): OpenSMTPD's own settings,
   * like its missing credentials below */
  {"AUTH not advertised", BOUNCE_CAUSE_SECURITYERROR, NULL, false},
  {"Refuse to AUTH over unsecure channel", BOUNCE_CAUSE_SECURITYERROR, NULL, false},
  /* the MX sent a line that is no SMTP reply ("Bad response: %s" with
   * parse_smtp_response()'s complaint, mta_session.c): the session is
   * dropped without a reply that refused anything, and retried */
  {"Bad response: ", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* RCPT failed max-failures-per-session times in a row (mta_session.c):
   * OpenSMTPD closes the session and defers the envelopes not yet offered,
   * untried; a limit on how many recipients one session may have refused,
   * not a verdict on this address */
  {"Too many consecutive errors", BOUNCE_CAUSE_TOOMANYCONN, NULL, false},
  /* Sessions with every MX ended in errors (a refused greeting or HELO, a
   * dropped session) until OpenSMTPD stopped trying them for a while: the
   * destination refuses this sending host, not the address. Retried, so
   * only a delay warning says it (mta.c; where mta_route_error() is
   * compiled out, as in mta.c 1.238, no route is disabled for SMTP errors
   * and the sentence is not written at all). Not
   * notaccept: no MX said it takes no mail, sessions from this host failed,
   * and a refused greeting is blocked. */
  {"Destination seem to reject all mails", BOUNCE_CAUSE_BLOCKED, NULL, false},
  /* OpenSMTPD's own configuration failed it (mta.c): a source address, a
   * smarthost, or the credentials of a relay that needs them */
  {"Could not retrieve source address", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  {"Cannot retrieve smarthost", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  {"Cannot parse smarthost", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  {"Could not retrieve credentials", BOUNCE_CAUSE_SECURITYERROR, NULL, false},
  {"No auth table for relaying", BOUNCE_CAUSE_SECURITYERROR, NULL, false},
};

/* The words OpenSMTPD puts before a remote reply that ended the session
 * (mta_session.c: "BANNER rejected: %s", ...), and the command they name. */
static const struct {
  const char *lead;
  const char *command;
} session_steps[] = {
  {"BANNER rejected: ", "CONN"},  {"EHLO rejected: ", "EHLO"}, {"HELO rejected: ", "HELO"},
  {"LHLO rejected: ", "HELO"},    {"STARTTLS rejected: ", "STARTTLS"},
  {"AUTH rejected: ", "AUTH"},
};

static const char *
session_command(const char *reason)
{
  for (size_t i = 0; i < G_N_ELEMENTS(session_steps); i++)
    if (g_str_has_prefix(reason, session_steps[i].lead))
      return session_steps[i].command;
  return NULL;
}

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), sentences);
}

/* OpenSMTPD writes one "address: reason" line per recipient (bounce.c);
 * a client that joins each paragraph onto one line runs them together
 * ("a@example.jp: 550 ... Mailbox Full b@example.jp: 550 ..."). The length
 * of the line's first entry: up to the blank before a word that holds an
 * '@' and ends in ':' before a blank, or len. A reply's "<a@x>:" is part of
 * its words, and so is the entry's own address named again in its reason
 * ("550 5.1.1 Forwarding failed for a@x: ...") and an address whose words
 * after the ':' open in lower case. */
static size_t
entry_len(const char *s, size_t len)
{
  const char *colon = bn_strcasestr(s, len, ": ");
  char *own = colon ? bn_address_clean(s, (size_t)(colon - s)) : NULL;
  size_t at = len;
  for (size_t i = 1; i + 1 < len; i++) {
    if (s[i] != ' ' || s[i + 1] == ' ' || s[i + 1] == '<')
      continue;
    const char *w = s + i + 1;
    size_t n = 0;
    while (i + 1 + n < len && w[n] != ' ')
      n++;
    if (!(n > 3 && w[n - 1] == ':' && i + 2 + n < len && memchr(w, '@', n)))
      continue;
    /* An entry's reason opens with the reply's code or OpenSMTPD's own
     * capitalised sentence; "write to postmaster@x: include ..." is the
     * reason's words going on. */
    if (!g_ascii_isdigit(w[n + 1]) && !g_ascii_isupper(w[n + 1]))
      continue;
    char *addr = bn_address_clean(w, n - 1);
    bool other = addr && !(own && g_ascii_strcasecmp(addr, own) == 0);
    g_free(addr);
    if (other) {
      at = i;
      break;
    }
  }
  g_free(own);
  return at;
}

/* The address a line opens with when it is the start of an entry, else
 * NULL. OpenSMTPD writes each entry on one line, "user@domain: reason"
 * (bounce.c), the reason a reply (its code first) or one of its own
 * capitalised sentences; a line a client's re-wrap moved down from an
 * entry opens otherwise: a word of the reply, its "<user@domain>:", an
 * "Error: ..." of the remote's, or the entry's own address named again
 * in its reply (own). An address alone on its line is an entry whose
 * reason the wrap moved down whole. */
static char *
entry_address(const char *s, size_t len, const char *own)
{
  if (len == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == '<')
    return NULL;
  const char *blank = memchr(s, ' ', len);
  size_t n = blank ? (size_t)(blank - s) : len;
  if (n < 4 || s[n - 1] != ':' || memchr(s, '@', n) == NULL)
    return NULL;
  if (n + 1 < len && !g_ascii_isdigit(s[n + 1]) && !g_ascii_isupper(s[n + 1]))
    return NULL;
  char *addr = bn_address_clean(s, n - 1);
  if (addr && own && g_ascii_strcasecmp(addr, own) == 0)
    g_clear_pointer(&addr, g_free);
  return addr;
}

/* Stretches line over the bare lines under it that go on with its entry's
 * reason, as a client re-wrapping the notice broke it: up to a blank or
 * indented line or the next entry's. A line that is no entry stays as it
 * is. */
static void
join_wrapped(bn_lines *it, bn_span *line)
{
  char *own = entry_address(line->p, line->len, NULL);
  if (own == NULL) {
    const char *colon = bn_strcasestr(line->p, line->len, ": ");
    own = colon ? bn_address_clean(line->p, (size_t)(colon - line->p)) : NULL;
  }
  if (own == NULL)
    return; /* no entry: its words are none of a reason's */
  bn_lines ahead = *it;
  bn_span next;
  while (bn_lines_next(&ahead, &next) && next.len && next.p[0] != ' ' && next.p[0] != '\t') {
    char *addr = entry_address(next.p, next.len, own);
    bool entry = addr != NULL;
    g_free(addr);
    if (entry)
      break;
    line->len = (size_t)(next.p + next.len - line->p);
    *it = ahead;
  }
  g_free(own);
}

/* Fills rc from an entry's reason: the remote's reply, or OpenSMTPD's
 * own words. action is the notice's for every entry (delivered,
 * relayed), or NULL for a failure or a warning. */
static void
entry_report(bounce_recipient *rc, const char *reason, const char *action, bool warning)
{
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, reason, BOUNCE_SOURCE_TEXT);
  bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, session_command(reason), BOUNCE_SOURCE_TEXT);
  if (action)
    bn_prose_set_action(rc, action);
  else
    bn_prose_set_action(rc, warning ? bn_prose_warning_action(reason) : "failed");
  if (action == NULL && bn_find_reply_code(reason, strlen(reason)) == 0)
    bn_prose_apply_fact(rc, bn_prose_fact(facts, G_N_ELEMENTS(facts), reason, strlen(reason)));
}

/* The labels of the one-recipient notice (see the top) and the line that
 * ends its reason. */
static const char recipient_label[] = "Recipient:";
static const char reason_label[] = "Reason:";
static const char *const copy[] = {"Below is a copy of the original", NULL};

/* The one-recipient notice: its "Recipient:" line, the "Reason:" line
 * under it, and the reason's lines up to a blank line or the copy's
 * heading (a client may have re-wrapped a long reply). */
static bool
extract_single(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, sentences);
  gssize end = from < 0 ? -1 : bn_prose_before_from(t, (gsize)from, copy);
  if (end < 0)
    return false;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + from, (size_t)(end - from));
  bn_span addr = {NULL, 0};
  while (addr.p == NULL && bn_lines_next_trimmed(&it, &l)) {
    size_t n = bn_span_label(&l, recipient_label);
    if (n && memchr(l.p + n, '@', l.len - n))
      addr = (bn_span){l.p + n, l.len - n};
  }
  /* the recipient is taken only with its reason's label under it */
  if (addr.p == NULL || !bn_lines_next_trimmed(&it, &l) || !bn_span_label(&l, reason_label))
    return false;
  bounce_recipient *rc = bn_prose_recipient_at(r, addr.p, addr.len, true);
  if (rc == NULL)
    return false;
  /* the reason starts on the label's line when a client joined them */
  const char *p = l.p + strlen(reason_label), *q = l.p + l.len;
  while (bn_lines_next_trimmed(&it, &l) && l.len)
    q = l.p + l.len;
  char *reason = bn_squeeze_dup(p, (size_t)(q - p));
  entry_report(rc, reason, NULL, false);
  g_free(reason);
  bn_prose_original(v, r, bn_prose_after_from(t, (gsize)from, copy));
  return true;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize start = bn_prose_after(t, list_starts);
  if (start < 0)
    return extract_single(v, r);
  gssize end = bn_prose_before_from(t, (gsize)start, list_ends);
  if (end < 0)
    end = (gssize)t->len;
  const char *head = t->str;
  size_t head_len = (size_t)start;
  bool warning = bn_prose_has_any(head, head_len, warnings);
  const char *action = bn_prose_has_any(head, head_len, delivered) ? "delivered"
                       : bn_prose_has_any(head, head_len, relayed) ? "relayed"
                                                                   : NULL;
  size_t found = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + start, (size_t)(end - start));
  bn_span rest = {NULL, 0}; /* the entries after a joined line's first */
  while (bn_lines_resume(&it, &rest, &l, bn_lines_next)) {
    if (l.len == 0 || l.p[0] == ' ' || l.p[0] == '\t')
      continue;
    size_t one = entry_len(l.p, l.len);
    if (one < l.len) {
      rest.p = l.p + one + 1;
      rest.len = l.len - one - 1;
      l.len = one;
    } else {
      join_wrapped(&it, &l);
    }
    char *entry = bn_squeeze_dup(l.p, l.len);
    size_t elen = strlen(entry);
    const char *colon = bn_strcasestr(entry, elen, ": ");
    size_t alen = colon ? (size_t)(colon - entry) : elen;
    bounce_recipient *rc =
        memchr(entry, '@', alen) ? bn_prose_recipient_at(r, entry, alen, true) : NULL;
    if (rc == NULL) {
      g_free(entry);
      continue;
    }
    found++;
    entry_report(rc, colon ? colon + 2 : "", action, warning);
    g_free(entry);
  }
  bn_prose_original(v, r, bn_prose_after_from(t, (gsize)start, copy));
  return found > 0;
}

const bn_mta bn_mta_opensmtpd = {"opensmtpd", claim, extract};
