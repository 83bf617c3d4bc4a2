/* PowerMTA (Port25, now SparkPost): Subject "Delivery report", a text part
 *
 *   Hello, this is the mail server on mail.example.net.
 *   I am sending you this message to inform you on the delivery status of a
 *   message you previously sent.  Immediately below you will find a list of
 *   the affected recipients; ...
 *
 *     <user@example.jp>  delivery failed; will not continue trying
 *
 * and a delivery-status part with PowerMTA's own fields: X-PowerMTA-
 * VirtualMTA, and per recipient X-PowerMTA-BounceCategory, PowerMTA's
 * classification of the remote server's answer, which names the cause. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"Hello, this is the mail server on ", NULL};

/* PowerMTA's bounce categories that name a cause. */
static const bn_cause_row categories[] = {
  {"bad-mailbox", BOUNCE_CAUSE_USERUNKNOWN},
  {"bad-domain", BOUNCE_CAUSE_HOSTUNKNOWN},
  {"inactive-mailbox", BOUNCE_CAUSE_SUSPEND},
  {"quota-issues", BOUNCE_CAUSE_MAILBOXFULL},
  {"message-expired", BOUNCE_CAUSE_EXPIRED},
  {"spam-related", BOUNCE_CAUSE_SPAMDETECTED},
  {"virus-related", BOUNCE_CAUSE_VIRUSDETECTED},
  {"content-related", BOUNCE_CAUSE_CONTENTERROR},
  {"policy-related", BOUNCE_CAUSE_POLICYVIOLATION},
  {"relaying-issues", BOUNCE_CAUSE_NORELAYING},
  {"bad-connection", BOUNCE_CAUSE_NETWORKERROR},
  /* "no response from remote host after connecting" (RFC 3463's x.4.1) */
  {"no-answer-from-host", BOUNCE_CAUSE_NETWORKERROR},
  /* "SMTP protocol syntax or sequence errors" */
  {"protocol-errors", BOUNCE_CAUSE_SYNTAXERROR},
  /* "invalid DNS or MX entry for sending domain": the sender is refused */
  {"invalid-sender", BOUNCE_CAUSE_REJECTED},
};

/* The list's phrases and the action each means. */
static const struct {
  const char *phrase;
  const char *action;
} states[] = {
  {"delivery failed", "failed"},
  {"delivery delayed", "delayed"},
  {"delivered", "delivered"},
};

static bool
claim(const bn_view *v)
{
  if (bn_strcasestr(v->dsn->str, v->dsn->len, "X-PowerMTA-"))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 512), starts);
}

/* PowerMTA files each reply under a category by patterns over its text.
 * Two are catch-alls: its shipped bounce-category-patterns put every reply
 * that says "blocked" or names a blocklist under spam-related, and any
 * "message content" under content-related, a size limit too (the
 * categories: https://it.i88.ca/2014/11/bounce-categories-of-powermta.html).
 * Under these the reply's own words, where they name a cause, say more;
 * the other categories stand (a bare "User Unknown" is bad-mailbox). */
static const char *const coarse[] = {"spam-related", "content-related", NULL};

static bool
category_yields(const bounce_recipient *rc, const bn_span *category)
{
  bool is_coarse = false;
  for (size_t i = 0; coarse[i]; i++)
    is_coarse = is_coarse || bn_strcasestr(category->p, category->len, coarse[i]) != NULL;
  return is_coarse && rc->diagnostic &&
         bn_text_cause(rc->diagnostic, strlen(rc->diagnostic)) != BOUNCE_CAUSE_UNDEFINED;
}

/* Per recipient block of the delivery-status part: its bounce category. */
static void
categories_from_dsn(const bn_view *v, bounce_report *r)
{
  bounce_recipient *rc = NULL;
  bn_lines it;
  bn_span line, name, value;
  bn_lines_init(&it, v->dsn->str, v->dsn->len);
  while (bn_lines_next(&it, &line)) {
    if (!bn_dsn_part_field(&line, &name, &value))
      continue;
    bn_dsn_value_unfold(&it, &value);
    if (name.len == 15 && g_ascii_strncasecmp(name.p, "Final-Recipient", 15) == 0) {
      char *addr = bn_address_clean(value.p, value.len);
      rc = bn_report_find(r, addr);
      g_free(addr);
    } else if (rc && name.len == 25 &&
               g_ascii_strncasecmp(name.p, "X-PowerMTA-BounceCategory", 25) == 0 &&
               !category_yields(rc, &value)) {
      bn_prose_set_cause(rc, bn_cause_table_find(value.p, value.len, categories,
                                                 G_N_ELEMENTS(categories)));
    }
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool add = bn_report_count(r) == 0;
  bool found = false;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next_trimmed(&it, &l)) {
    const char *gt = l.len && l.p[0] == '<' ? memchr(l.p, '>', l.len) : NULL;
    if (gt == NULL)
      continue;
    /* "<a@b>  delivery failed; will not continue trying" */
    const char *rest = gt + 1;
    size_t n = l.len - (size_t)(rest - l.p);
    const char *action = NULL;
    for (size_t i = 0; action == NULL && i < G_N_ELEMENTS(states); i++)
      if (bn_strcasestr(rest, n, states[i].phrase))
        action = states[i].action;
    if (action == NULL)
      continue;
    bounce_recipient *rc = bn_prose_recipient_at(r, l.p, (size_t)(gt - l.p + 1), add);
    if (rc == NULL)
      continue;
    found = true;
    if (add)
      bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, action, BOUNCE_SOURCE_TEXT);
  }
  categories_from_dsn(v, r);
  return found || bn_report_count(r) > 0;
}

const bn_mta bn_mta_powermta = {"powermta", claim, extract};
