/* SmarterMail's delivery failure, sent as "System Administrator": plain
 * text, one block per recipient,
 *
 *   Could not deliver message to the following recipient(s):
 *
 *   Failed Recipient: user@example.org
 *   Reason: Remote host said: 550 5.1.1 <user@example.org>... User unknown
 *
 *   Failed Recipient: other@example.net
 *   Reason: Failed to connect to the recipients mail server. No MX records
 *   were found for the 'example.net' domain.
 *
 * (the wording its hosting providers document: "Reason: The mailbox is
 * full", "Reason: The domain size limit has been exceeded"). The reason and
 * the lines under it, up to the next recipient, are the diagnostic. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"Could not deliver message to the following recipient(s):", NULL};
static const char *const recipient_lead = "Failed Recipient:";
static const char *const said = "Remote host said:";

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, starts) &&
         bn_strcasestr(v->text->str, head, recipient_lead) != NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, starts);
  if (from < 0)
    return false;
  size_t end = bn_prose_end_before_original(t, (size_t)from);
  size_t found = 0;
  int blanks = 0;
  bounce_recipient *cur = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + from, end - (size_t)from);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      if (++blanks >= 2)
        cur = NULL;
      continue;
    }
    blanks = 0;
    if (bn_has_prefix_ci(l.p, recipient_lead)) {
      size_t n = strlen(recipient_lead);
      cur = bn_prose_recipient_at(r, l.p + n, l.len - n, true);
      if (cur) {
        found++;
        bn_set_str(&cur->diagnostic, NULL);
        bn_rcpt_fill(cur, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
      }
      continue;
    }
    if (cur == NULL || l.p[0] == '-')
      continue;
    if (bn_has_prefix_ci(l.p, "Reason:")) {
      l.p += 7;
      l.len -= 7;
      while (l.len && *l.p == ' ') {
        l.p++;
        l.len--;
      }
      if (bn_has_prefix_ci(l.p, said)) {
        l.p += strlen(said);
        l.len -= strlen(said);
      }
    }
    bn_prose_add_diagnostic(cur, l.p, l.len);
  }
  bn_prose_replies_from_diagnostics(r);
  return found > 0;
}

const bn_mta bn_mta_smartermail = {"smartermail", claim, extract};
