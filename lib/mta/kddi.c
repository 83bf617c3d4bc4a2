/* KDDI's au one net (dion.ne.jp) mail system: a multipart/mixed from
 * no-reply@<host>.dion.ne.jp, a Japanese notice (sometimes absent), then
 *
 *   Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
 *        Could not be delivered to: <user@example.dion.ne.jp>
 *        As their mailbox is full.
 *
 * The opening line varies with what happened ("Your mail attempted to be
 * delivered on: <date>" where delivery was tried); "Could not be delivered
 * to:" and the address follow it every time. The lines after the address,
 * up to a blank line, are the reason. */
#include "mta.h"
#include <string.h>

static const char *const opens = "Your mail ";
static const char *const marks = "Could not be delivered to:";

/* au's own sentences whose cause the general phrases do not name. "Due to
 * the following SMTP relay error." introduces the relay's answer: when
 * that answer is quoted it decides, alone the sentence says that the
 * relay refused the message. */
static const bn_cause_row own_causes[] = {
  {"Due to the following SMTP relay error", BOUNCE_CAUSE_NORELAYING},
};

static bool
starts_with(const bn_span *line, const char *prefix)
{
  bn_span l = *line;
  bn_span_trim(&l);
  size_t n = strlen(prefix);
  return l.len >= n && g_ascii_strncasecmp(l.p, prefix, n) == 0;
}

/* Where "Could not be delivered to:" stands on a "Your mail ..." line
 * after a blank, which only a client joining each paragraph onto one line
 * writes (au writes it on the line under the opening), or NULL. The
 * opening is au's, "Your mail sent on: <date>" or "... delivered on:
 * <date>": a site's own sentence above another MTA's notice ("Your mail
 * to the desk could not be delivered to: <a>", sendmail's ErrorHeader,
 * a Postfix bounce template) says it in words of its own. */
static const char *
joined_mark(const bn_span *line)
{
  const char *to = bn_strcasestr(line->p, line->len, marks);
  if (to == NULL || to == line->p || to[-1] != ' ')
    return NULL;
  return bn_strcasestr(line->p, (size_t)(to - line->p), " on: ") ? to : NULL;
}

/* Where the reason stands on the address's line "Could not be delivered
 * to: <a> As their mailbox is full." a client joined, or NULL: after the
 * '>' closing the address when words follow it (au ends the line there). */
static const char *
reason_after(const char *to, size_t n)
{
  const char *open = memchr(to, '<', n);
  const char *close = open ? memchr(open, '>', n - (size_t)(open - to)) : NULL;
  return close && close + 1 < to + n && close[1] == ' ' ? close + 1 : NULL;
}

/* A "Could not be delivered to:" line right under a "Your mail ..." line:
 * the block au writes for each recipient. A client re-wrapping the notice
 * at 60 columns may have put the end of the date on a line of its own in
 * between. */
static bool
claim(const bn_view *v)
{
  bn_lines it;
  bn_span line;
  int after = 0; /* lines since a "Your mail ..." line, 0 for none */
  bn_lines_init(&it, v->text->str, bn_view_own_len(v, 4096));
  while (bn_lines_next_trimmed(&it, &line)) {
    if (after && starts_with(&line, marks))
      return true;
    if (starts_with(&line, opens)) {
      /* a client that joined each paragraph onto one line put the block
       * on the opening's line */
      if (joined_mark(&line))
        return true;
      after = 1;
    }
    else
      after = after == 1 && line.len ? 2 : 0;
  }
  return false;
}

/* The relay's answer quoted on a line of its own under "Due to the
 * following SMTP relay error." ("552 Too much mail data <address>"):
 * joined to au's sentence in the diagnostic, its code no longer opens
 * the text, so it is read from its line. */
static void
relay_reply(bounce_recipient *rc, const bn_span *line)
{
  bn_span l = *line;
  bn_span_trim(&l);
  if (rc->reply_code == 0 && l.len >= 3 && (l.p[0] == '4' || l.p[0] == '5'))
    bn_rcpt_set_reply_code(rc, bn_find_reply_code(l.p, l.len), BOUNCE_SOURCE_TEXT);
}

static void
own_cause(bounce_recipient *rc)
{
  const char *d = rc->diagnostic;
  size_t n = d ? strlen(d) : 0;
  bounce_cause c = bn_cause_table_find(d, n, own_causes, G_N_ELEMENTS(own_causes));
  if (c != BOUNCE_CAUSE_UNDEFINED && bn_text_cause(d, n) == BOUNCE_CAUSE_UNDEFINED &&
      rc->reply_code == 0 && bn_find_reply_code(d, n) == 0)
    bn_prose_set_cause(rc, c);
}

/* "Could not be delivered to:" with nothing after it: a client re-wrapping
 * the notice at 60 columns moved the address onto the next line, which is
 * then read as part of it. */
static bounce_recipient *
address_below(bounce_report *r, bn_lines *it, const char *to, size_t n)
{
  bn_span rest = {to + strlen(marks), n - strlen(marks)};
  bn_span_trim(&rest);
  bn_lines peek = *it;
  bn_span next;
  if (rest.len || !bn_lines_next_trimmed(&peek, &next) || next.len == 0 || next.p[0] != '<')
    return NULL;
  *it = peek;
  return bn_prose_recipient_in(r, next.p, next.len);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, NULL, NULL, &sec))
    return false;
  bounce_recipient *rc = NULL;
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, sec.p, sec.len);
  bn_span rest = {NULL, 0}; /* the rest of a joined line, read next */
  while (bn_lines_resume(&it, &rest, &line, bn_lines_next)) {
    const char *to = bn_strcasestr(line.p, line.len, marks);
    const char *reason = to ? reason_after(to, line.len - (size_t)(to - line.p)) : NULL;
    if (bn_span_split(&line, &rest, reason))
      bn_span_trim(&line);
    if (to) {
      size_t n = line.len - (size_t)(to - line.p);
      rc = bn_prose_recipient_in(r, to, n);
      if (rc == NULL)
        rc = address_below(r, &it, to, n);
      bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    } else if (rc && line.len && !starts_with(&line, opens)) {
      bn_prose_add_line(rc, line.p, line.len);
      relay_reply(rc, &line);
    } else {
      rc = NULL;
    }
  }
  for (size_t i = 0; i < bn_report_count(r); i++)
    own_cause(bn_report_rcpt(r, i));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_kddi = {"kddi", claim, extract};
