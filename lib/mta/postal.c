/* Postal (postalserver, lib/postal/bounce_message.rb): "Mail Delivery
 * Failed (<subject>)" from "Mail Delivery Service <route address>", the
 * original attached as "Original Message.eml", and a text that gives no
 * reason:
 *
 *   This is the mail delivery service responsible for delivering mail to route@example.org.
 *
 *   The message you've sent cannot be delivered. Your original message is
 *   attached to this message.
 *   ...
 *   Message Token: ...
 *   Orginal Message ID: <...>
 *   Mail from: sender@example.net
 *   Rcpt To: route@example.org
 *
 * The recipient is the "Rcpt To:" line. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "This is the mail delivery service responsible for delivering mail to", NULL,
};
static const char *const sentences[] = {"The message you've sent cannot be delivered.", NULL};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, starts) &&
         bn_prose_has_any(v->text->str, head, sentences);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  const char *line = bn_prose_find_line(t->str, MIN(t->len, 8192), "Rcpt To:");
  if (line == NULL)
    return false;
  const char *nl = memchr(line, '\n', t->len - (size_t)(line - t->str));
  size_t len = nl ? (size_t)(nl - line) : t->len - (size_t)(line - t->str);
  const char *colon = memchr(line, ':', len);
  bounce_recipient *rc =
      bn_prose_recipient_at(r, colon + 1, (size_t)(line + len - colon - 1), true);
  if (rc == NULL)
    return false;
  const char *s = bn_prose_find_line(t->str, t->len, sentences[0]);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, s ? sentences[0] : NULL, BOUNCE_SOURCE_TEXT);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  return true;
}

const bn_mta bn_mta_postal = {"postal", claim, extract};
