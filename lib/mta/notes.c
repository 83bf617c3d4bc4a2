/* Lotus Notes' SMTP MTA (R4, R5): a single text part, Subject
 * "Undeliverable message",
 *
 *   ------- Failure Reasons  --------
 *
 *   User not listed in public Name & Address Book
 *   user@example.jp
 *
 *   ------- Returned Message --------
 *   (the original, headers and body)
 *
 * each recipient's address under its reason, in the server's language.
 * Notes returns the message only when it has given up, also after a next
 * server's temporary refusal: every address listed has failed. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"------- Failure Reasons", NULL};
static const char *const ends[] = {"------- Returned Message", NULL};

/* Notes' own reasons that leave no doubt. */
static const bn_cause_row causes[] = {
  {"not listed in public Name & Address Book", BOUNCE_CAUSE_USERUNKNOWN},
  /* Japanese: "not in the directory's list" */
  {"ディレクトリのリストにありません", BOUNCE_CAUSE_USERUNKNOWN},
};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), starts);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_between(v->text, starts, ends, &sec))
    return false;
  bool add = bn_report_count(r) == 0;
  bool found = false;
  GString *reason = g_string_new(NULL);
  GString *last = g_string_new(NULL); /* the reason of the last address */
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0)
      continue;
    char *addr = bn_line_address_only(l.p, l.len);
    if (addr == NULL) {
      if (reason->len)
        g_string_append_c(reason, ' ');
      g_string_append_len(reason, l.p, (gssize)l.len);
      continue;
    }
    /* addresses listed together share the reason above them */
    if (reason->len)
      g_string_assign(last, reason->str);
    g_string_truncate(reason, 0);
    bounce_recipient *rc = bn_prose_recipient_if(r, addr, add);
    g_free(addr);
    if (rc == NULL)
      continue;
    found = true;
    bn_squeeze(last);
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, last->str, BOUNCE_SOURCE_TEXT);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    bn_prose_set_cause(rc, bn_cause_table_find(last->str, last->len, causes,
                                               G_N_ELEMENTS(causes)));
  }
  g_string_free(reason, TRUE);
  g_string_free(last, TRUE);
  if (found)
    bn_prose_original(v, r, bn_prose_after(v->text, ends));
  return found;
}

const bn_mta bn_mta_notes = {"notes", claim, extract};
