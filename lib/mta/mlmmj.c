/* mlmmj, the mailing-list manager, telling a sender that the list did not
 * take a post (its listtexts deny-post-* and the HTML refusal), from the
 * list's owner address:
 *
 *   Greetings!
 *
 *   This is the mlmmj program managing the <birds@lists.example.org>
 *   mailing list.
 *
 *   The message from <pat@example.net> with subject "Heron" was unable to
 *   be delivered to the list because the list address was not found in
 *   either the To: or CC: header.
 *
 * (or "Your message to <birds@...> was not delivered to the list because
 * it contained a HTML part."), with the list's own headers on it. The
 * recipient that failed is the list the greeting names; the refusal
 * paragraph is the diagnostic, and names the
 * cause where it can (a size limit); else the list refused the post:
 * "rejected", as Google Groups' and fml's refusals are. mlmmj's other
 * notices (subscription, help) are no refusal of a post and are left. */
#include "mta.h"
#include <string.h>

static const char program[] = "This is the mlmmj program managing the";
static const char *const refusals[] = {
  "was unable to be delivered to the list because",
  "was not delivered to the list because",
  NULL,
};

/* The notice opens on mlmmj's greeting or its own sentence: a person who
 * forwards or quotes one opens with their own words or the quote's marks. */
static bool
opens_as_mlmmj(const bn_view *v)
{
  bn_span l;
  if (!bn_prose_opening(v, &l))
    return false;
  return bn_span_label(&l, "Greetings!") || bn_prose_find(l.p, l.len, program);
}

/* mlmmj writes from the list's owner address: the list's local part, its
 * delimiter (the control file listdelim, "+" unless set; "-" is the usual
 * other) and "owner" ("birds+owner@..."): a person's "homeowner@" is
 * none. */
static bool
from_owner(const bn_view *v)
{
  const char *at = strchr(v->from_addr, '@');
  return at && at - v->from_addr > 6 && memcmp(at - 5, "owner", 5) == 0 &&
         (at[-6] == '+' || at[-6] == '-');
}

static bool
claim(const bn_view *v)
{
  if (!from_owner(v) || !opens_as_mlmmj(v))
    return false;
  size_t own = bn_view_own_len(v, 4096);
  return bn_prose_find(v->text->str, own, program) &&
         bn_prose_has_any(v->text->str, own, refusals);
}

/* The paragraph around the refusal, up to the blank lines either side. */
static char *
refusal_paragraph(const char *s, size_t len)
{
  const char *at = NULL;
  for (size_t i = 0; refusals[i] && at == NULL; i++)
    at = bn_prose_find(s, len, refusals[i]);
  if (at == NULL)
    return NULL;
  const char *start = at, *end = at, *stop = s + len;
  while (start > s && !(start - s >= 2 && start[-1] == '\n' && start[-2] == '\n'))
    start--;
  while (end < stop && !(stop - end >= 2 && end[0] == '\n' && end[1] == '\n'))
    end++;
  return bn_prose_squeeze_capped(start, (size_t)(end - start));
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  size_t own = bn_view_own_len(v, 4096);
  const char *line = bn_prose_find(v->text->str, own, program);
  if (line == NULL)
    return false;
  size_t left = own - (size_t)(line - v->text->str);
  /* the list's address closes the sentence, which may wrap once */
  const char *nl = memchr(line, '\n', left);
  if (nl && (size_t)(nl - line) + 1 < left)
    nl = memchr(nl + 1, '\n', left - (size_t)(nl - line) - 1);
  bounce_recipient *rc = bn_prose_recipient_in(r, line, nl ? (size_t)(nl - line) : left);
  if (rc == NULL)
    return false;
  char *diag = refusal_paragraph(v->text->str, own);
  bn_prose_list_refusal(rc, diag);
  g_free(diag);
  return true;
}

const bn_mta bn_mta_mlmmj = {"mlmmj", claim, extract};
