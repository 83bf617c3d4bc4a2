/* A Japanese ESMTP gateway's plain-text "Delivery failure" notice:
 *
 *   NOTICE: Delivery Failure.
 *
 *   This Delivery Status Notification is sent from MTA...
 *
 *   Your delivery to the following address has been failed.
 *   Please refer to the below for details.
 *   ------------------------------------------------------
 *
 *   Delivery failed: user@example.co.jp
 *   192.0.2.1 failed after I sent the message.
 *   Remote host said[Response Message]: 554 5.4.14 Hop count exceeded ...
 *   STEP: DATA SEND
 *
 * "STEP:" names the SMTP command in flight; the line before the reply names
 * the remote host in qmail's words ("failed after I sent the message",
 * "does not like recipient"). */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "This Delivery Status Notification is sent from MTA", "NOTICE: Delivery Failure.", NULL,
};

static const char *const host_lines[] = {
  " failed after I sent the message", " does not like recipient", " does not like sender", NULL,
};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), starts);
}

/* The reply after "Remote host said...:" at s, its line ending at eol,
 * is one line; a client re-wrapping the notice at 60 columns put its end
 * on the lines under it, up to the "STEP:" line the record ends on. Lines
 * that no "STEP:" line closes before a blank line or the next "Delivery
 * failed:" are not the reply's (a rule or a returned header under the
 * last record). Returns its length and moves it past them. */
static size_t
reply_length(bn_lines *it, const char *s, const char *eol)
{
  const char *end = eol;
  bn_lines peek = *it, taken = *it;
  bn_span l;
  while (bn_lines_next_trimmed(&peek, &l) && l.len && !bn_has_prefix_ci(l.p, "Delivery failed:")) {
    if (bn_has_prefix_ci(l.p, "STEP:")) {
      *it = taken;
      return (size_t)(end - s);
    }
    end = l.p + l.len;
    taken = peek;
  }
  return (size_t)(eol - s);
}

/* Where the address at a ends: after the first word holding an '@', or
 * NULL. */
static const char *
address_end(const char *a, const char *end)
{
  while (a < end) {
    while (a < end && *a == ' ')
      a++;
    size_t n = bn_word_end(a, (size_t)(end - a));
    if (n == 0)
      break;
    a += n;
    /* a display name's words come before it ("Taro Sato <a@b>") */
    if (memchr(a - n, '@', n))
      return a;
  }
  return NULL;
}

/* The record's " STEP: DATA SEND" on a joined line: the last " STEP:" that
 * names a command, as a reply's words may hold one ("Next step: see ..."). */
static const char *
step_at(const char *s, const char *end)
{
  const char *found = NULL;
  for (const char *p = s; (p = bn_strcasestr(p, (size_t)(end - p), " STEP:")) != NULL; p += 6) {
    const char *w = p + 6;
    while (w < end && *w == ' ')
      w++;
    if (bn_smtp_command_name(w, (size_t)(end - w)))
      found = p;
  }
  return found;
}

/* A client that joins each paragraph onto one line runs a record's lines
 * together ("Delivery failed: ADDR 192.0.2.1 failed after I sent the
 * message. Remote host said...: REPLY STEP: DATA SEND"): the line is cut
 * where the record's next line would start, after the address, before
 * "Remote host said" and before "STEP:"; the rest goes to *rest, read as
 * the next line. */
static void
cut_joined(bn_span *line, bn_span *rest)
{
  const char *end = line->p + line->len;
  const char *cut;
  if (line->len > 16 && bn_has_prefix_ci(line->p, "Delivery failed:")) {
    cut = address_end(line->p + 16, end);
  } else {
    cut = bn_strcasestr(line->p, line->len, "Remote host said");
    if (cut == line->p)
      cut = step_at(line->p, end);
  }
  bn_span_split(line, rest, cut);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  bn_lines it;
  bn_span l;
  bn_span rest = {NULL, 0}; /* the rest of a joined line, read next */
  bounce_recipient *rc = NULL;
  bn_lines_init(&it, t->str, t->len);
  while (bn_lines_resume(&it, &rest, &l, bn_lines_next)) {
    const char *said;
    cut_joined(&l, &rest);
    if (bn_has_prefix_ci(l.p, "Delivery failed:")) {
      rc = bn_prose_recipient_at(r, l.p + 16, l.len - 16, true);
      if (rc)
        bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    } else if (rc && bn_has_prefix_ci(l.p, "STEP:")) {
      const char *w = l.p + 5;
      while (w < l.p + l.len && *w == ' ')
        w++;
      bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND,
                   bn_smtp_command_name(w, (size_t)(l.p + l.len - w)), BOUNCE_SOURCE_TEXT);
    } else if (rc && (said = bn_strcasestr(l.p, l.len, "Remote host said")) != NULL) {
      const char *colon = memchr(said, ':', (size_t)(l.p + l.len - said));
      if (colon) {
        /* a joined line's rest is the record's "STEP:": the reply ends here */
        const char *eol = l.p + l.len;
        size_t n = rest.len ? (size_t)(eol - colon - 1) : reply_length(&it, colon + 1, eol);
        char *d = bn_squeeze_dup(colon + 1, n);
        bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
        g_free(d);
      }
    } else if (rc && bn_prose_has_any(l.p, l.len, host_lines)) {
      const char *sp = memchr(l.p, ' ', l.len);
      char *h = g_strndup(l.p, (size_t)(sp - l.p));
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, h, BOUNCE_SOURCE_TEXT);
      g_free(h);
    }
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_failure_notice = {"failure-notice", claim, extract};
