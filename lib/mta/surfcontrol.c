/* SurfControl E-mail Filter (X-Mailer: SurfControl E-mail Filter): a
 * multipart/report whose notice gives a transcript of the attempts:
 *
 *   Your message could not be sent.
 *   A transcript of the attempts to send the message follows.
 *   The number of attempts made: 1
 *   Addressed To: user@example.jp
 *
 *   Thu 29 Apr 2010 23:34:45 +0900
 *   Failed to send to identified host,
 *   user@example.jp: [192.0.2.5], 550 user@example.jp... No such user
 *   --- Message non-deliverable.
 *
 * The delivery-status part gives the recipients; the transcript adds the
 * host and the reply. */
#include "mta.h"
#include <string.h>

static const char *const sentences[] = {
  "A transcript of the attempts to send the message follows", NULL,
};

static bool
claim(const bn_view *v)
{
  const char *xm = bn_view_header(v, "X-Mailer");
  if (xm && bn_strcasestr(xm, strlen(xm), "SurfControl"))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 1024), sentences);
}

/* "user@example.jp: [192.0.2.5], 550 ...": where the address ends, or
 * NULL when l is no such line (the address one word, which a quoted local
 * part with a blank still is). */
static const char *
record_sep(bn_span l)
{
  const char *sep = bn_strcasestr(l.p, l.len, ": [");
  if (sep && memchr(l.p, '@', (size_t)(sep - l.p)) &&
      bn_word_end(l.p, (size_t)(sep - l.p)) == (size_t)(sep - l.p))
    return sep;
  return NULL;
}

/* The most lines a re-wrapped record runs on under its first. */
#define RECORD_LINES 4

/* A line the filter writes, or the returned copy's, where a record's
 * reply ends: the "--- Message non-deliverable." rule, the next record or
 * "Addressed To:" line, the next attempt's date line ("Thu 29 Apr 2010
 * 23:34:45 +0900") and its "Failed to send to identified host,", or a
 * header field of the copy when no blank line stands over it ("Received:
 * from ..."). */
static bool
ends_record(bn_span l)
{
  static const char *const days[] = {"Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "};
  bn_span name, value;
  if (bn_has_prefix_ci(l.p, "---") || record_sep(l) || bn_has_prefix_ci(l.p, "Failed to ") ||
      bn_has_prefix_ci(l.p, "Addressed To:") || bn_dsn_field(&l, &name, &value))
    return true;
  for (size_t i = 0; i < G_N_ELEMENTS(days); i++)
    if (l.len > 4 && g_ascii_isdigit(l.p[4]) && bn_has_prefix_ci(l.p, days[i]))
      return true;
  return false;
}

/* A client re-wrapping the notice at 60 columns carries the end of a
 * record's reply to the lines under it ("kijitora@example.jp: [192.0.2.5],
 * 550" over "kijitora@example.jp... No such user"): those lines, up to a
 * blank line or a line that ends the record, are joined on, each consumed
 * from it. A new string. */
static char *
record_text(bn_lines *it, bn_span first)
{
  GString *s = g_string_new_len(first.p, (gssize)first.len);
  bn_lines next = *it;
  bn_span l;
  for (int n = 0;
       n < RECORD_LINES && bn_lines_next_trimmed(&next, &l) && l.len && !ends_record(l);
       n++) {
    g_string_append_c(s, ' ');
    g_string_append_len(s, l.p, (gssize)l.len);
    *it = next;
  }
  return g_string_free(s, FALSE);
}

static size_t
read_record(bounce_report *r, bn_span l)
{
  const char *sep = record_sep(l);
  bounce_recipient *rc = bn_prose_recipient_at(r, l.p, (size_t)(sep - l.p), true);
  if (rc == NULL)
    return 0;
  const char *ip = sep + 3;
  const char *close = memchr(ip, ']', l.len - (size_t)(ip - l.p));
  if (close) {
    char *host = g_strndup(ip, (size_t)(close - ip));
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
    g_free(host);
    const char *rest = close + 1;
    while (rest < l.p + l.len && (*rest == ',' || *rest == ' '))
      rest++;
    char *diag = bn_squeeze_dup(rest, l.len - (size_t)(rest - l.p));
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
    g_free(diag);
  }
  bn_prose_set_action(rc, "failed");
  return 1;
}

/* Where a line a client joined from the notice's lines is cut: SurfControl
 * writes "Addressed To: a@b", each record and its "--- Message
 * non-deliverable." rule on lines of their own, so on one line a record
 * ends before that rule (not before a reply's own " --- ") and another line
 * ends before a mid-line "Addressed To:" or a record's address ("...
 * identified host, a@b: [ip], 550 ..."). NULL when the line is whole. */
static const char *
joined_cut(bn_span l)
{
  static const char rule[] = " --- Message ";
  const char *sep = record_sep(l);
  if (sep)
    return bn_strcasestr(sep, l.len - (size_t)(sep - l.p), rule);
  const char *to = bn_strcasestr(l.p, l.len, " Addressed To:");
  sep = bn_strcasestr(l.p, l.len, ": [");
  const char *word = sep;
  while (word && word > l.p && word[-1] != ' ')
    word--;
  if (word && word > l.p && record_sep((bn_span){word, l.len - (size_t)(word - l.p)}) &&
      (to == NULL || word < to))
    return word;
  return to;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  size_t found = 0;
  bn_lines it;
  bn_span l, rest = {NULL, 0};
  bn_lines_init(&it, t->str, t->len);
  while (bn_lines_resume(&it, &rest, &l, bn_lines_next)) {
    bool joined = bn_span_split(&l, &rest, joined_cut(l));
    if (record_sep(l)) {
      char *whole = joined ? g_strndup(l.p, l.len) : record_text(&it, l);
      found += read_record(r, (bn_span){whole, strlen(whole)});
      g_free(whole);
    } else if (bn_has_prefix_ci(l.p, "Addressed To:")) {
      char *addr = bn_find_address(l.p, l.len);
      if (addr && bn_report_find(r, addr) == NULL) {
        bounce_recipient *rc = bn_prose_recipient(r, addr);
        bn_prose_set_action(rc, "failed");
        found += rc != NULL;
      }
      g_free(addr);
    }
  }
  return found > 0 || bn_report_count(r) > 0;
}

const bn_mta bn_mta_surfcontrol = {"surfcontrol", claim, extract};
