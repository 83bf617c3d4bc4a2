/* MailFoundry, a mail gateway appliance: a plain notice before the returned
 * message, one block per address:
 *
 *   Unable to deliver message to: <user@example.jp>
 *   Delivery failed for the following reason:
 *   mx.example.jp[192.0.2.1] responded with failure: 552 ... (#5.2.2)
 *
 *   This has been a permanent failure.  No further delivery attempts will be made.
 */
#include "mta.h"
#include <string.h>

static const char *const sentences[] = {
  "Delivery failed for the following reason:", NULL,
};

static bool
claim(const bn_view *v)
{
  const char *t = v->text->str;
  size_t n = bn_view_own_len(v, 2048);
  return bn_prose_has_any(t, n, sentences) && bn_strcasestr(t, n, "Unable to deliver message to:");
}

static void
reason(bounce_recipient *rc, const char *s, size_t len)
{
  const char *said = bn_strcasestr(s, len, " responded with failure:");
  if (said) {
    char *host = bn_prose_host(s, (size_t)(said - s));
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
    g_free(host);
    const char *reply = said + strlen(" responded with failure:");
    char *diag = bn_prose_join_reply(reply, len - (size_t)(reply - s));
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
    g_free(diag);
    return;
  }
  char *diag = bn_squeeze_dup(s, len);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  g_free(diag);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  bounce_recipient *rc = NULL;
  const char *why = NULL;
  size_t found = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str, t->len);
  while (bn_lines_next(&it, &l)) {
    if (bn_has_prefix_ci(l.p, "Unable to deliver message to:")) {
      /* a client that joined each paragraph onto one line put the
       * reason's sentence and the reason on the address's line */
      const char *lead = bn_strcasestr(l.p, l.len, " Delivery failed for the following reason:");
      rc = bn_prose_recipient_in(r, l.p, lead ? (size_t)(lead - l.p) : l.len);
      why = lead && rc ? lead + strlen(" Delivery failed for the following reason:") : NULL;
      if (rc) {
        found++;
        bn_prose_set_action(rc, "failed");
      }
    } else if (rc && bn_has_prefix_ci(l.p, "Delivery failed for the following reason:")) {
      why = it.p;
    } else if (rc && why && l.len == 0) {
      reason(rc, why, (size_t)(l.p - why));
      rc = NULL;
      why = NULL;
    }
  }
  if (rc && why)
    reason(rc, why, (size_t)(t->str + t->len - why));
  return found > 0;
}

const bn_mta bn_mta_mailfoundry = {"mailfoundry", claim, extract};
