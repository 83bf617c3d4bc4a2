/* Majordomo 2 telling a poster that the list denied the post (the
 * ack_denial reply file, its subject "Denied post to $LIST"), from the
 * list's owner address (its "sender" setting, owner-LIST unless set):
 *
 *   Your message to chess has been rejected
 *   for the following reason(s):
 *
 *   Non-Member Submission from mara@example.net
 *
 * (later releases: "Your message to the chess list has been denied").
 * $LIST is the list's name, not its address: the list sits at the host
 * the notice comes from. The reasons are the diagnostic and name the
 * cause where they can; else the list refused the post: "rejected", as
 * Mailman's and mlmmj's refusals are. A post stalled for the moderators
 * (ack_stall, "has been delayed, and requires the approval") is no
 * refusal and is left. Majordomo 1 tells the poster nothing: its
 * "BOUNCE list: reason" goes to the list's approver. */
#include "mta.h"
#include <string.h>

/* The opening line's words before and after the list's name. */
static const struct {
  const char *before, *after;
} openings[] = {
  {"Your message to the ", " list has been denied"},
  {"Your message to ", " has been rejected"},
};
static const char reasons[] = "for the following reason(s):";

/* The list's name between the words of opening o on line l, or NULL. */
static char *
named_list(const bn_span *l, size_t o)
{
  size_t b = strlen(openings[o].before), a = strlen(openings[o].after);
  if (l->len <= b + a || g_ascii_strncasecmp(l->p, openings[o].before, b) != 0 ||
      g_ascii_strncasecmp(l->p + l->len - a, openings[o].after, a) != 0)
    return NULL;
  const char *name = l->p + b;
  size_t n = l->len - b - a;
  for (size_t i = 0; i < n; i++)
    if (g_ascii_isspace(name[i]) || name[i] == '@')
      return NULL;
  return g_ascii_strdown(name, (gssize)n);
}

/* The list's name as the opening line gives it, or NULL: the line is an
 * opening's and nothing more, the next line the reasons' lead. */
static char *
list_name(const bn_view *v)
{
  bn_span l;
  if (!bn_prose_opening(v, &l))
    return NULL;
  char *name = NULL;
  for (size_t o = 0; o < G_N_ELEMENTS(openings) && name == NULL; o++)
    name = named_list(&l, o);
  if (name == NULL)
    return NULL;
  size_t own = bn_view_own_len(v, 4096);
  const char *after = l.p + l.len;
  bn_lines it;
  bn_span next;
  bool lead = false;
  if ((size_t)(after - v->text->str) < own) {
    bn_lines_init(&it, after, own - (size_t)(after - v->text->str));
    /* the rest of the opening's line, then the lead on the next */
    lead = bn_lines_next_trimmed(&it, &next) && next.len == 0 &&
           bn_lines_next_trimmed(&it, &next) && bn_span_label(&next, reasons);
  }
  if (!lead) {
    g_free(name);
    return NULL;
  }
  return name;
}

/* Whether the notice comes from the list's owner address: owner-LIST or
 * LIST-owner. */
static bool
from_owner_of(const bn_view *v, const char *list)
{
  const char *at = strchr(v->from_addr, '@');
  if (at == NULL)
    return false;
  size_t local = (size_t)(at - v->from_addr), n = strlen(list);
  if (local != n + 6)
    return false;
  return (memcmp(v->from_addr, "owner-", 6) == 0 && memcmp(v->from_addr + 6, list, n) == 0) ||
         (memcmp(v->from_addr, list, n) == 0 && memcmp(v->from_addr + n, "-owner", 6) == 0);
}

static bool
claim(const bn_view *v)
{
  char *list = list_name(v);
  bool ok = list && from_owner_of(v, list);
  g_free(list);
  return ok;
}

/* The reasons: the paragraph after their lead line, eight lines at most. */
static char *
reasons_paragraph(const bn_view *v)
{
  bn_span par;
  return bn_prose_paragraph_after(v, reasons, 8, &par) ? bn_prose_squeeze_capped(par.p, par.len)
                                                       : NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  char *list = list_name(v);
  if (list == NULL || !from_owner_of(v, list)) {
    g_free(list);
    return false;
  }
  char *addr = g_strconcat(list, strchr(v->from_addr, '@'), NULL);
  g_free(list);
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  g_free(addr);
  if (rc == NULL)
    return false;
  char *diag = reasons_paragraph(v);
  bn_prose_list_refusal(rc, diag);
  g_free(diag);
  return true;
}

const bn_mta bn_mta_majordomo = {"majordomo", claim, extract};
