/* Sympa, the mailing-list manager, telling a sender that the list's
 * moderator refused the post (mail_tt2/reject.tt2), from the list's owner
 * address (or the list's own, when Sympa signs with S/MIME):
 *
 *   Your message for list chorale@lists.example.fr
 *   has been rejected by the moderator (chef@example.fr).
 *
 *   (Subject of your mail: Rehearsal moved to Thursday)
 *
 * Sympa marks its service mail "Auto-Submitted: auto-replied", which an
 * auto-reply carries too: the template tells. The recipient that failed is
 * the list the first line names; a moderator's refusal names no cause:
 * "rejected", as Google Groups' and fml's refusals are. Sympa's other
 * refusals of a post (too big, unknown list) are RFC 3464 reports
 * (delivery_status_notification.tt2) with their own status. */
#include "mta.h"
#include <string.h>

static const char opening[] = "Your message for list ";
static const char refusal[] = "has been rejected by the moderator";

/* The first line names the list (an address), the refusal follows it:
 * in the next line, or in the same one once wrapped otherwise by a
 * translation. Words between them are another sentence's ("... has been
 * forwarded to the moderators; it has been rejected by the moderator of
 * another list before"). */
static bool
opens_on_refusal(const bn_view *v, bn_span *first)
{
  if (!bn_prose_opening(v, first) || first->len <= sizeof opening - 1 ||
      g_ascii_strncasecmp(first->p, opening, sizeof opening - 1) != 0 ||
      memchr(first->p, '@', first->len) == NULL)
    return false;
  const char *end = v->text->str + bn_view_own_len(v, 4096);
  const char *p = first->p + sizeof opening - 1;
  while (p < end && !g_ascii_isspace(*p))
    p++;
  while (p < end && g_ascii_isspace(*p))
    p++;
  return (size_t)(end - p) >= sizeof refusal - 1 &&
         g_ascii_strncasecmp(p, refusal, sizeof refusal - 1) == 0;
}

/* Sympa sends it from the list's addresses (reject.tt2: "From: [%
 * fromlist %]", the list's -owner, or the list itself when Sympa signs
 * with S/MIME), at the host of the list the first line names: a person
 * who pastes one into a message of their own writes from elsewhere. */
static bool
from_list_host(const bn_view *v, const bn_span *first)
{
  char *list = bn_find_address(first->p, first->len);
  const char *host = list ? strrchr(list, '@') : NULL;
  const char *from = strrchr(v->from_addr, '@');
  bool same = host && from && g_ascii_strcasecmp(host, from) == 0;
  g_free(list);
  return same;
}

static bool
claim(const bn_view *v)
{
  bn_span first;
  return opens_on_refusal(v, &first) && from_list_host(v, &first);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span first;
  if (!opens_on_refusal(v, &first) || !from_list_host(v, &first))
    return false;
  bounce_recipient *rc = bn_prose_recipient_in(r, first.p + sizeof opening - 1,
                                               first.len - (sizeof opening - 1));
  if (rc == NULL)
    return false;
  const char *end = v->text->str + bn_view_own_len(v, 4096);
  const char *stop = bn_prose_find(first.p, (size_t)(end - first.p), refusal);
  /* the sentence ends with the line that names the moderator */
  const char *nl = stop ? memchr(stop, '\n', (size_t)(end - stop)) : NULL;
  size_t n = (size_t)((nl ? nl : end) - first.p);
  char *diag = bn_prose_squeeze_capped(first.p, n);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  g_free(diag);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, BOUNCE_CAUSE_REJECTED);
  return true;
}

const bn_mta bn_mta_sympa = {"sympa", claim, extract};
