/* MessageLabs / Symantec (Broadcom) Email Security.cloud: a message it had
 * accepted and could not hand on comes back from MAILER-DAEMON@messagelabs.com
 * with its own two sentences,
 *
 *   This is the mail delivery agent at messagelabs.com.
 *   I was unable to deliver your message to the following addresses:
 *
 * then, per recipient, the address and the refusal the recipient's server
 * gave ("Reason: 550 5.1.1 ... User unknown"); the notice goes on with
 * lines about the message ("The message subject was: ..."). A
 * multipart/report notice has a delivery-status block per recipient too. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"This is the mail delivery agent at", NULL};
static const char *const list_heads[] = {
  "I was unable to deliver your message to the following addresses", NULL,
};
/* Lines of the notice that are no part of a recipient's reason. */
static const char *const notes[] = {
  "The message subject was", "The message date was", "The message identifier was",
  "The message reference was", "Please do not reply", "Please visit", NULL,
};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, starts) &&
         bn_prose_has_any(v->text->str, head, list_heads);
}

/* A reason shared by several addresses is the notice's line over them: a
 * recipient whose delivery-status block gave another reply of its own
 * keeps it, as the server gave it for that recipient alone. The reason's
 * first line (first) opening as the field does, or the field as it, is
 * that recipient's reply, whole where the field kept only its first line.
 * Drops the others from group. */
static void
keep_own_replies(GPtrArray *group, bn_span first)
{
  bn_span_trim(&first);
  for (guint k = group->len; k-- > 0;) {
    const bounce_recipient *rc = g_ptr_array_index(group, k);
    if (rc->diagnostic == NULL || rc->source[BOUNCE_FIELD_DIAGNOSTIC] != BOUNCE_SOURCE_FIELD)
      continue;
    size_t n = MIN(strlen(rc->diagnostic), first.len);
    if (n == 0 || g_ascii_strncasecmp(rc->diagnostic, first.p, n) != 0)
      g_ptr_array_remove_index(group, k);
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, list_heads);
  if (from < 0)
    return false;
  size_t end = bn_prose_end_before_original(t, (size_t)from);
  size_t found = 0;
  /* addresses listed one under another share the reason that follows them */
  GPtrArray *group = g_ptr_array_new();
  bool in_reason = false;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + from, end - (size_t)from);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0)
      continue;
    if (bn_prose_has_any(l.p, MIN(l.len, 40), notes))
      break;
    char *addr = bn_word_end(l.p, l.len) < l.len ? NULL : bn_address_clean(l.p, l.len);
    if (addr) {
      bounce_recipient *rc = bn_prose_recipient(r, addr);
      g_free(addr);
      if (rc) {
        if (in_reason)
          g_ptr_array_set_size(group, 0);
        in_reason = false;
        g_ptr_array_add(group, rc);
        found++;
        bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
      }
      continue;
    }
    if (group->len == 0)
      continue;
    if (bn_has_prefix_ci(l.p, "Reason:")) {
      l.p += 7;
      l.len -= 7;
    }
    if (!in_reason && group->len > 1)
      keep_own_replies(group, l);
    for (guint k = 0; k < group->len; k++) {
      bounce_recipient *rc = g_ptr_array_index(group, k);
      if (!in_reason)
        bn_set_str(&rc->diagnostic, NULL);
      bn_prose_add_diagnostic(rc, l.p, l.len);
    }
    in_reason = true;
  }
  g_ptr_array_free(group, TRUE);
  bn_prose_replies_from_diagnostics(r);
  return found > 0;
}

const bn_mta bn_mta_messagelabs = {"messagelabs", claim, extract};
