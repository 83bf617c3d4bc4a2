/* GNU Mailutils' Sieve "reject" (libmu_sieve/actions.c, and the Guile
 * sieve-reject module): a multipart/mixed with no Subject whose text part
 * opens as Sendmail's notice does, then gives the script's reason:
 *
 *   The original message was received at <date> from <sender>.
 *   Message was refused by recipient's mail filtering program.
 *   Reason given was as follows:
 *
 *   <the reason the script gives>
 *
 * and a message/delivery-status part with "Reporting-UA: sieve; GNU
 * Mailutils <version>", the recipient as Final-Recipient and "Action:
 * deleted". The recipient's filter refused the message: the action is a
 * failure, its cause the reason's where it names one. */
#include "mta.h"
#include <string.h>

static const char *const refused[] = {
  "Message was refused by recipient's mail filtering program.", NULL,
};
static const char *const given[] = {"Reason given was as follows:", NULL};

/* The phrase opens a line of its own, as actions.c writes it: quoted after
 * an SMTP reply's code ("<<< 550-5.7.1 Message was refused ...") in
 * another MTA's transcript, it is that MTA's notice. */
static bool
opens_line(const char *s, size_t len, const char *const *phrases)
{
  const char *hit = bn_prose_find(s, len, phrases[0]);
  while (hit) {
    const char *p = hit;
    while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
      p--;
    if (p == s || p[-1] == '\n')
      return true;
    hit = bn_prose_find(hit + 1, len - (size_t)(hit + 1 - s), phrases[0]);
  }
  return false;
}

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return opens_line(v->text->str, head, refused) && opens_line(v->text->str, head, given);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize at = bn_prose_after(t, given);
  /* the recipient is the delivery-status part's, the only one it names */
  if (at < 0 || bn_report_count(r) != 1)
    return false;
  size_t end = bn_prose_end_before_original(t, (size_t)at);
  bounce_recipient *rc = bn_report_rcpt(r, 0);
  bn_set_str(&rc->diagnostic, NULL);
  bn_prose_add_diagnostic(rc, t->str + at, MIN(end - (size_t)at, BN_PROSE_DIAG_MAX));
  bn_prose_set_action(rc, "failed");
  if (rc->diagnostic == NULL ||
      bn_text_cause(rc->diagnostic, strlen(rc->diagnostic)) == BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, BOUNCE_CAUSE_FILTERED);
  return true;
}

const bn_mta bn_mta_mailutils = {"mailutils", claim, extract};
