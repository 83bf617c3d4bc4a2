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

/* The recipients a line of the list names: BIGLOBE writes one address a
 * line, so a line of addresses alone, blank-separated, is several a client
 * joined ("a@example.jp b@example.jp"): each is one; any other line gives
 * its first address. Appends them to out. */
static void
line_recipients(bounce_report *r, const bn_span *line, GPtrArray *out)
{
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  bn_span rest = *line;
  bool alone = true;
  for (bn_span_trim(&rest); alone && rest.len; bn_span_trim(&rest)) {
    size_t w = bn_word_end(rest.p, rest.len);
    char *addr = bn_line_address_only(rest.p, w);
    alone = addr != NULL;
    if (addr)
      g_ptr_array_add(addrs, addr);
    rest.p += w;
    rest.len -= w;
  }
  if (alone && addrs->len > 1) {
    for (guint i = 0; i < addrs->len; i++) {
      bounce_recipient *rc = bn_prose_recipient(r, g_ptr_array_index(addrs, i));
      if (rc)
        g_ptr_array_add(out, rc);
    }
  } else {
    bounce_recipient *rc = line->len ? bn_prose_recipient_in(r, line->p, line->len) : NULL;
    if (rc)
      g_ptr_array_add(out, rc);
  }
  g_ptr_array_free(addrs, TRUE);
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
  GPtrArray *listed = g_ptr_array_new();
  bn_lines_init(&it, addrs.p, addrs.len);
  while (bn_lines_next(&it, &line))
    line_recipients(r, &line, listed);
  for (guint i = 0; i < listed->len; i++) {
    bounce_recipient *rc = g_ptr_array_index(listed, i);
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, reason, BOUNCE_SOURCE_TEXT);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, cause);
  }
  g_ptr_array_free(listed, TRUE);
  g_free(reason);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_biglobe = {"biglobe", claim, extract};
