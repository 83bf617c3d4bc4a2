/* BIGLOBE: a multipart/mixed "Returned mail: ..." from
 * postmaster@biglobe.ne.jp:
 *
 *      ----- The following addresses had delivery problems -----
 *   user@example.jp
 *
 *      ----- Non-delivered information -----
 *   The number of messages in recipient's mailbox exceeded the local limit.
 *
 * The addresses come one a line, then the reason for all of them. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"----- The following addresses had delivery problems -----",
                                     NULL};
static const char *const infos[] = {"----- Non-delivered information -----", NULL};

static const bn_cause_row causes[] = {
  {"recipient's mailbox exceeded the local limit", BOUNCE_CAUSE_MAILBOXFULL},
};

static bool
claim(const bn_view *v)
{
  if (g_str_has_suffix(v->from_addr, "biglobe.ne.jp") &&
      g_str_has_prefix(v->from_addr, "postmaster@"))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), infos) &&
         bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), starts);
}

/* Widens the section sec under heading to the words on the heading's own
 * line after its rule, where a client that joined each paragraph onto one
 * line put its first line (BIGLOBE writes the heading alone). */
static void
from_heading(const bn_view *v, const char *const *heading, bn_span *sec)
{
  gssize at = bn_prose_after_heading(v->text, 0, heading);
  const char *p = at >= 0 ? v->text->str + at : NULL;
  if (p && p < sec->p) {
    sec->len += (size_t)(sec->p - p);
    sec->p = p;
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span addrs, info;
  if (!bn_prose_section(v, starts, infos, &addrs))
    return false;
  from_heading(v, starts, &addrs);
  char *reason = NULL;
  if (bn_prose_section(v, infos, NULL, &info)) {
    from_heading(v, infos, &info);
    reason = bn_prose_squeeze_capped(info.p, info.len);
  }
  bounce_cause cause = reason ? bn_cause_table_find(reason, strlen(reason), causes,
                                                  G_N_ELEMENTS(causes))
                              : BOUNCE_CAUSE_UNDEFINED;
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, addrs.p, addrs.len);
  while (bn_lines_next(&it, &line)) {
    bounce_recipient *rc = line.len ? bn_prose_recipient_in(r, line.p, line.len) : NULL;
    if (rc == NULL)
      continue;
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, reason, BOUNCE_SOURCE_TEXT);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, cause);
  }
  g_free(reason);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_biglobe = {"biglobe", claim, extract};
