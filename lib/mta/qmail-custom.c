/* qmail with its bounce text rewritten by the provider (hosting companies
 * did this to qmail-send): the fixed qmail frame -- "failure notice",
 * "<user@example.com>:" paragraphs, "--- Below this line is a copy of the
 * message." -- under an introduction of the provider's own:
 *
 *   Your mail message to the following address(es) could not be
 *   delivered. This is a permanent error. ...
 *
 *   <user@example.com>:
 *   child status 100...The e-mail message could not be delivered because
 *   the user's mailfolder is full.
 *
 * The stock qmail-send wording ("Hi. This is the qmail-send program") is
 * not claimed here. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "Your mail message to the following address(es) could not be delivered", NULL,
};

static const char *const original_starts[] = {
  "--- Below this line is a copy of the message.", NULL,
};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), starts) &&
         bn_strcasestr(v->text->str, v->text->len, original_starts[0]) != NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_before(t, starts);
  gssize to = bn_prose_before(t, original_starts);
  if (from < 0 || to <= from)
    return false;
  bool permanent = bn_strcasestr(t->str + from, (size_t)(to - from), "permanent error") != NULL;
  bn_prose_angle_paragraphs(r, t->str + from, (size_t)(to - from));
  for (size_t i = 0; i < bn_report_count(r) && permanent; i++)
    bn_rcpt_fill(bn_report_rcpt(r, i), BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  bn_prose_original(v, r, bn_prose_after(t, original_starts));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_qmail_custom = {"qmail-custom", claim, extract};
