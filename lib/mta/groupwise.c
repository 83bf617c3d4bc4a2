/* Novell (Micro Focus) GroupWise's Internet Agent: "Message status -
 * undeliverable", plain or beside a delivery-status part,
 *
 *   The message that you sent was undeliverable to the following:
 *   	user@example.org (user not found)
 *   	other (host not found)
 *
 *   Possibly truncated original message follows:
 *
 * one indented line per recipient, its address (or, for a user of the
 * system, the user ID alone) and the agent's reason in parentheses, which
 * is the diagnostic. "user not found" is the agent's own verdict that no
 * such user exists, not a filter's words. A user ID stands for the
 * recipient of the delivery-status part whose local part it is or, in the
 * older notice without one, for the returned message's only To or Cc
 * address with that local part. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"was undeliverable to the following:", NULL};
static const char *const ends[] = {"Possibly truncated original message follows", NULL};

static const bn_cause_row verdicts[] = {
  {"user not found", BOUNCE_CAUSE_USERUNKNOWN},
};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, starts) && bn_prose_has_any(v->text->str, v->text->len, ends);
}

/* The returned message's To or Cc address whose local part is name, when
 * exactly one has it (orig: bn_original_addresses()); a new string or
 * NULL. */
static char *
original_address(const GPtrArray *orig, const char *name, size_t len)
{
  const char *found = NULL;
  for (guint i = 0; i < orig->len; i++) {
    const char *addr = g_ptr_array_index(orig, i);
    const char *at = strrchr(addr, '@');
    if (at == NULL || (size_t)(at - addr) != len || g_ascii_strncasecmp(addr, name, len) != 0 ||
        (found && g_ascii_strcasecmp(found, addr) == 0))
      continue;
    if (found)
      return NULL; /* twice */
    found = addr;
  }
  return g_strdup(found);
}

/* The recipient a line's name stands for: the address, or the recipient
 * of the delivery-status part (else of the returned message) whose local
 * part it is. */
static bounce_recipient *
named(bounce_report *r, GPtrArray **orig, const char *name, size_t len, bool add)
{
  if (memchr(name, '@', len)) {
    return bn_prose_recipient_at(r, name, len, add);
  }
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    const char *at = rc->address ? strchr(rc->address, '@') : NULL;
    if (at && (size_t)(at - rc->address) == len && g_ascii_strncasecmp(rc->address, name, len) == 0)
      return rc;
  }
  if (add && *orig == NULL)
    *orig = bn_original_addresses(r);
  char *addr = add ? original_address(*orig, name, len) : NULL;
  bounce_recipient *rc = addr ? bn_prose_recipient_if(r, addr, add) : NULL;
  g_free(addr);
  return rc;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, starts, ends, &sec))
    return false;
  bool add = bn_report_count(r) == 0;
  bool found = false;
  gssize copy = bn_prose_after(v->text, ends);
  const char *nl = copy >= 0 ? memchr(v->text->str + copy, '\n', v->text->len - (size_t)copy) : NULL;
  if (add && nl) /* the returned message under the list, for user IDs */
    bn_prose_original(v, r, nl + 1 - v->text->str);
  bn_lines it;
  bn_span l;
  GPtrArray *orig = NULL; /* the returned To and Cc, read at the first user ID */
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next(&it, &l)) {
    if (bn_span_indent(&l) == 0)
      continue;
    bn_span t = l;
    bn_span_trim(&t);
    const char *open = memchr(t.p, '(', t.len);
    if (open == NULL || t.p[t.len - 1] != ')' || open == t.p)
      continue;
    const char *name_end = open;
    while (name_end > t.p && name_end[-1] == ' ')
      name_end--;
    size_t name_len = (size_t)(name_end - t.p);
    if (bn_word_end(t.p, name_len) < name_len)
      continue; /* a sentence, not a name ("john doe"@example.org is one) */
    bounce_recipient *rc = named(r, &orig, t.p, name_len, add);
    if (rc == NULL)
      continue;
    found = true;
    const char *why = open + 1;
    size_t n = (size_t)(t.p + t.len - 1 - why);
    if (rc->diagnostic == NULL)
      bn_prose_add_diagnostic(rc, why, n);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    /* the agent's words, not a remote server's reply it quotes */
    bounce_cause c = bn_find_reply_code(why, n)
                         ? BOUNCE_CAUSE_UNDEFINED
                         : bn_cause_table_find(why, n, verdicts, G_N_ELEMENTS(verdicts));
    if (c != BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, c);
  }
  if (orig)
    g_ptr_array_free(orig, TRUE);
  return found;
}

const bn_mta bn_mta_groupwise = {"groupwise", claim, extract};
