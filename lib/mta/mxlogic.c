/* MX Logic (McAfee SaaS Email Protection): an Exim-derived MTA
 * ("mxl_mta"), Subject "Mail delivery failed", headers X-MX-Bounce and
 * X-MXL-NoteHash, Message-ID "<mxl~...>", a single text part
 *
 *   This message was created automatically by mail delivery software.
 *
 *   A message that you have sent could not be delivered to one or more
 *   recipients.  This is a permanent error.  The following address failed:
 *
 *     <user@example.jp>: 550 5.1.1 <user@example.jp>: Recipient address
 *     rejected: User unknown in local recipient table
 *
 *   Included is a copy of the message header:
 *   -----------------------------------------
 *
 * one "<address>: reason" paragraph per recipient. */
#include "mta.h"
#include <string.h>

static const char *const lists[] = {
  "The following address failed:", "The following addresses failed:", NULL,
};
static const char *const ends[] = {
  "Included is a copy of the message header", "------ This is a copy of the message", NULL,
};

static bool
claim(const bn_view *v)
{
  if (bn_view_header(v, "X-MXL-NoteHash") || bn_view_header(v, "X-MX-Bounce"))
    return true;
  const char *id = bn_view_header(v, "Message-ID");
  if (id && bn_has_prefix_ci(id, "<mxl~"))
    return true;
  return g_str_has_suffix(v->from_addr, ".mxlogic.net") ||
         g_str_has_suffix(v->from_addr, "@mxlogic.net");
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_between(v->text, lists, ends, &sec))
    return false;
  bool add = bn_report_count(r) == 0;
  bool temporary = bn_strcasestr(v->text->str, (size_t)(sec.p - v->text->str), "temporary error") != NULL;
  bool found = false;
  bounce_recipient *rc = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      rc = NULL;
      continue;
    }
    const char *gt = l.p[0] == '<' ? memchr(l.p, '>', l.len) : NULL;
    if (gt) {
      /* "<a@b>: reason", or the address alone again */
      bounce_recipient *named = bn_prose_recipient_at(r, l.p, (size_t)(gt - l.p + 1), add);
      const char *rest = gt + 1;
      size_t n = l.len - (size_t)(rest - l.p);
      while (n && (*rest == ':' || *rest == ' ')) {
        rest++;
        n--;
      }
      if (named && n == 0 && named == rc)
        continue;
      rc = named;
      if (rc == NULL)
        continue;
      found = true;
      if (temporary && add)
        bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "delayed", BOUNCE_SOURCE_TEXT);
      if (rc->diagnostic == NULL)
        bn_prose_add_diagnostic(rc, rest, n);
      continue;
    }
    if (rc && (rc->diagnostic == NULL || (rc->source[BOUNCE_FIELD_DIAGNOSTIC] == BOUNCE_SOURCE_TEXT &&
                                          strlen(rc->diagnostic) < 2048)))
      bn_prose_add_diagnostic(rc, l.p, l.len); /* the reason wrapped */
  }
  const char *t = sec.p + sec.len;
  if (found && t < v->text->str + v->text->len) {
    /* the header copy, under a rule of dashes */
    const char *rule = strstr(t, "\n---");
    const char *nl = rule ? strchr(rule + 1, '\n') : NULL;
    bn_prose_original(v, r, nl ? nl + 1 - v->text->str : -1);
  }
  return found;
}

const bn_mta bn_mta_mxlogic = {"mxlogic", claim, extract};
