/* Citadel's SMTP client (modules/smtp, smtp_do_bounce): "Delivery Status
 * Notification (Failure)" from "Citadel", X-Mailer: Citadel, a multipart
 * with a text part and the returned message:
 *
 *   A message you sent could not be delivered to some or all of its recipients.
 *   The following addresses were undeliverable:
 *
 *   user@example.org: 550 5.1.1 <user@example.org>... User unknown
 *
 * or, when it gave up retrying,
 *
 *   A message you sent could not be delivered to some or all of its recipients
 *   due to prolonged unavailability of its destination(s).
 *   Giving up on the following addresses:
 *
 * One line "address: what the server said" per recipient. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "A message you sent could not be delivered to some or all of its recipients", NULL,
};
static const char *const lists[] = {
  "The following addresses were undeliverable:", "Giving up on the following addresses:", NULL,
};
static const char *const gave_up = "due to prolonged unavailability of its destination";

/* Its SMTP client's own words (modules/smtp, smtp_try): no MX and no host
 * for the domain, a permanent failure (status 5) */
static const bn_cause_row own_words[] = {
  {"No MX hosts found for <", BOUNCE_CAUSE_HOSTUNKNOWN},
};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, starts) &&
         bn_prose_has_any(v->text->str, head, lists);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize at = bn_prose_after(t, lists);
  if (at < 0)
    return false;
  bool expired = bn_strcasestr(t->str, (size_t)at, gave_up) != NULL;
  size_t found = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + at, t->len - (size_t)at);
  while (bn_lines_next(&it, &l)) {
    while (l.len && g_ascii_isspace(l.p[l.len - 1]))
      l.len--;
    if (l.len == 0) {
      if (found)
        break;
      continue;
    }
    const char *colon = memchr(l.p, ':', l.len);
    bounce_recipient *rc =
        colon ? bn_prose_recipient_at(r, l.p, (size_t)(colon - l.p), true) : NULL;
    if (rc == NULL)
      break;
    found++;
    bn_set_str(&rc->diagnostic, NULL);
    bn_prose_add_diagnostic(rc, colon + 1, (size_t)(l.p + l.len - colon - 1));
    bn_prose_reply_from_diagnostic(rc);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    bounce_cause own = bn_cause_table_find(colon + 1, (size_t)(l.p + l.len - colon - 1), own_words,
                                           G_N_ELEMENTS(own_words));
    if (own != BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, own);
    else if (expired && rc->reply_code / 100 != 5) {
      /* its own words: it retried until it gave up */
      rc->cause = BOUNCE_CAUSE_EXPIRED;
      rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    }
  }
  return found > 0;
}

const bn_mta bn_mta_citadel = {"citadel", claim, extract};
