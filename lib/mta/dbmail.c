/* DBMail 1.x and 2.0 (bounce.c): dbmail-smtp, delivering into its
 * database, sent its own notice for an unknown address or a full mailbox,
 * "DBMAIL: delivery failure" from its DBMAIL_FROM_ADDRESS:
 *
 *   This is the DBMAIL-SMTP program.
 *
 *   I'm sorry to inform you that your message, addressed to user@example.org,
 *   could not be delivered due to the following error.
 *
 *   *** E-mail address user@example.org is not known here. ***
 *
 *   If you think this message is incorrect please contact postmaster@...
 *
 *   Header of your message follows...
 *
 *
 *   --- header of your message ---
 *   <the returned header>
 *   --- end of header ---
 *
 * or "*** Mailbox of user user@example.org is FULL ***". The first releases
 * wrote "This is DBMAIL-SMTP program." and ran the sentence on ("addressed
 * to user@example.org,could not be delivered ..."), the error line without
 * its stars. One notice is sent per recipient. Later DBMail hands its
 * verdict back to the MTA over LMTP and writes no notice of its own. */
#include "mta.h"
#include <string.h>

static const char *const programs[] = {
  "This is the DBMAIL-SMTP program.",
  "This is DBMAIL-SMTP program.",
  NULL,
};
static const char *const addressed[] = {"your message, addressed to ", NULL};
static const char *const header_starts[] = {"--- header of your message ---", NULL};
static const char *const header_ends[] = {"--- end of header ---", NULL};

/* The two errors bounce.c knows: no status is written, the cause is sure. */
static const bn_mta_fact facts[] = {
  {" is not known here", BOUNCE_CAUSE_USERUNKNOWN, "5.1.1", false},
  {" is FULL", BOUNCE_CAUSE_MAILBOXFULL, "5.2.2", false},
};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), programs);
}

/* A line with the stars bounce.c puts around the error taken off, and the
 * blanks inside them. */
static bn_span
unstarred(bn_span l)
{
  while (l.len && (l.p[0] == '*' || l.p[0] == ' '))
    l.p++, l.len--;
  while (l.len && (l.p[l.len - 1] == '*' || l.p[l.len - 1] == ' '))
    l.len--;
  return l;
}

/* The fact the line ends with (a full stop aside): bounce.c puts it last
 * ("Mailbox of user x is FULL"), so the same words inside a longer
 * sentence ("is FULLY booked") are not it. */
static const bn_mta_fact *
fact_at_end(bn_span l)
{
  for (size_t i = 0; i < G_N_ELEMENTS(facts); i++) {
    size_t n = strlen(facts[i].phrase);
    if (l.len >= n && g_ascii_strncasecmp(l.p + l.len - n, facts[i].phrase, n) == 0)
      return &facts[i];
  }
  return NULL;
}

/* The error line: the first line after the "addressed to" sentence that
 * ends with one of the facts, its stars taken off; else the first line in
 * stars, as out with no fact (a release's error this file does not know). */
static const bn_mta_fact *
error_line(const char *s, size_t len, bn_span *out)
{
  bn_lines it;
  bn_span l;
  bn_span starred = {NULL, 0};
  bn_lines_init(&it, s, len);
  for (int n = 0; n < 8 && bn_lines_next_trimmed(&it, &l); n++) {
    bn_span u = unstarred(l);
    bn_span words = u;
    while (words.len && words.p[words.len - 1] == '.')
      words.len--;
    const bn_mta_fact *f = fact_at_end(words);
    if (f) {
      *out = u;
      return f;
    }
    if (starred.p == NULL && l.len > 3 && memcmp(l.p, "***", 3) == 0 && u.len)
      starred = u;
  }
  *out = starred;
  return NULL;
}

/* The returned header, read up to the notice's closing line: whatever
 * follows it is no part of the header. */
static void
returned_header(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize at = bn_prose_after(t, header_starts);
  if (at < 0)
    return;
  gssize end = bn_prose_before_from(t, (gsize)at, header_ends);
  size_t len = (end > at ? (size_t)end : t->len) - (size_t)at;
  if (bn_report_original(r, "Message-ID")[0] == '\0' && bn_report_original(r, "From")[0] == '\0')
    bn_original_from_text(r, t->str + at, len, v->opts);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  const char *lead = bn_prose_find(t->str, t->len, addressed[0]);
  if (lead == NULL)
    return false;
  const char *s = lead + strlen(addressed[0]);
  const char *nl = memchr(s, '\n', t->len - (size_t)(s - t->str));
  size_t line_len = nl ? (size_t)(nl - s) : t->len - (size_t)(s - t->str);
  /* the address ends at the comma, which the oldest release ran the next
   * words onto */
  const char *comma = memchr(s, ',', line_len);
  bounce_recipient *rc = bn_prose_recipient_in(r, s, comma ? (size_t)(comma - s) : line_len);
  if (rc == NULL)
    return false;
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  bn_span err;
  const bn_mta_fact *f = error_line(s, t->len - (size_t)(s - t->str), &err);
  if (err.len)
    bn_prose_add_diagnostic(rc, err.p, err.len);
  if (f)
    bn_prose_apply_fact(rc, f);
  returned_header(v, r);
  return true;
}

const bn_mta bn_mta_dbmail = {"dbmail", claim, extract};
