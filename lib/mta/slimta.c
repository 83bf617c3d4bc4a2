/* slimta (python-slimta, slimta/bounce.py): "Undelivered Mail Returned to
 * Sender" from a bare "MAILER-DAEMON", a multipart/report whose
 * delivery-status part names no recipient (only "Remote-MTA: dns;
 * unknown [unknown]" and the Diagnostic-Code); the text lists them:
 *
 *   Delivery failed for:
 *   - user@example.org
 *   - other@example.org
 *
 *   Destination host responded:
 *   550 5.1.1 <user@example.org>: Recipient address rejected: ...
 *
 * One reply, the one that made the message fail, for every recipient
 * listed; a 4xx one is the last answer before slimta gave up retrying. */
#include "mta.h"
#include <string.h>

static const char *const list_starts[] = {"Delivery failed for:", NULL};
static const char *const reply_starts[] = {"Destination host responded:", NULL};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, list_starts) &&
         bn_prose_has_any(v->text->str, head, reply_starts);
}

/* The reply: the lines after its heading, up to a blank line. */
static char *
reply_text(const GString *t, gssize at)
{
  if (at < 0)
    return NULL;
  GString *reply = g_string_new(NULL);
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + at, t->len - (size_t)at);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      if (reply->len)
        break;
      continue;
    }
    if (reply->len)
      g_string_append_c(reply, '\n');
    g_string_append_len(reply, l.p, (gssize)l.len);
  }
  char *diag = reply->len ? bn_prose_join_reply(reply->str, reply->len) : NULL;
  g_string_free(reply, TRUE);
  return diag;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize at = bn_prose_after(t, list_starts);
  if (at < 0)
    return false;
  GPtrArray *listed = g_ptr_array_new();
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + at, t->len - (size_t)at);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len < 3 || l.p[0] != '-' || l.p[1] != ' ')
      break;
    bounce_recipient *rc = bn_prose_listed_failure(r, l.p + 2, l.len - 2, NULL);
    if (rc)
      g_ptr_array_add(listed, rc);
  }
  char *diag = reply_text(t, bn_prose_after(t, reply_starts));
  bool found = bn_prose_share_listed(r, listed, diag);
  g_free(diag);
  bn_prose_replies_from_diagnostics(r);
  return found;
}

const bn_mta bn_mta_slimta = {"slimta", claim, extract};
