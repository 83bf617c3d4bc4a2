/* MMDF (SCO OpenServer's MTA among others): "Failed mail (msg.aa01234)"
 * or "Waiting mail (msg.aa01234)" from "MMDF Mail System", written by its
 * deliver daemon when a message stayed in the queue too long:
 *
 *       After 12 days (289 hours), your message could not be
 *       fully delivered.
 *
 *       It failed to be received by the following address(es):
 *
 *           user@example.org (host: example.org) (queue: smtp)
 *
 *       Problems usually are due to service interruptions at the receiving
 *       machine.  Less often, they are caused by the communication system.
 *
 * The warning says "After 7 days (169 hours), your message has not yet
 * been fully delivered. Attempts to deliver the message will continue for
 * 5 more days." and lists the addresses under "Delivery attempts are
 * still pending for the following address(es):". Either way the hosts
 * kept failing for the moment until the queue time ran out: no remote
 * answer is given. */
#include "mta.h"
#include <string.h>

static const char *const failed[] = {
  "It failed to be received by the following address(es):", NULL,
};
static const char *const pending[] = {
  "Delivery attempts are still pending for the following address(es):", NULL,
};
/* the explanation that opens the notice */
static const char *const after[] = {"After ", NULL};

static const char *const senders[] = {"MMDF Mail System", NULL};

/* Its headings from a mail system: a person's mail that pastes the notice
 * ("I got this back today: ... It failed to be received by ...") reports
 * nothing. */
static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  if (!bn_view_looks_like_bounce(v) && !bn_from_has(v, senders))
    return false;
  return bn_prose_has_any(v->text->str, head, failed) ||
         bn_prose_has_any(v->text->str, head, pending);
}

/* The first paragraph, "After N days (N hours), your message ...",
 * squeezed onto one line; a new string or NULL. */
static char *
explanation(const GString *t, gssize list_head)
{
  gssize at = bn_prose_before(t, after);
  if (at < 0 || at >= list_head)
    return NULL;
  const char *end = strstr(t->str + at, "\n\n");
  if (end == NULL || end > t->str + list_head)
    end = t->str + list_head;
  return bn_squeeze_dup(t->str + at, (size_t)(end - (t->str + at)));
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  bool warning = bn_prose_has_any(t->str, MIN(t->len, 4096), pending);
  const char *const *head = warning ? pending : failed;
  gssize at = bn_prose_after(t, head);
  if (at < 0)
    return false;
  char *why = explanation(t, bn_prose_before(t, head));
  size_t found = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + at, t->len - (size_t)at);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      if (found)
        break;
      continue;
    }
    /* "user@example.org (host: example.org) (queue: smtp)" */
    const char *paren = bn_strcasestr(l.p, l.len, " (host: ");
    size_t alen = paren ? (size_t)(paren - l.p) : l.len;
    bounce_recipient *rc = bn_prose_recipient_at(r, l.p, alen, true);
    if (rc == NULL)
      break;
    found++;
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "delayed", BOUNCE_SOURCE_TEXT);
    bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, warning ? "4.0.0" : "4.4.7", BOUNCE_SOURCE_TEXT);
    if (why)
      bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, why, BOUNCE_SOURCE_TEXT);
    bn_prose_set_cause(rc, BOUNCE_CAUSE_EXPIRED);
  }
  g_free(why);
  return found > 0;
}

const bn_mta bn_mta_mmdf = {"mmdf", claim, extract};
