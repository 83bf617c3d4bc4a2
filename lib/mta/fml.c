/* fml, the mailing-list manager (X-MLServer: fml [fml 4.0.3 ...]): it
 * answers a post it will not distribute with a plain-text letter from the
 * list's admin address, one fixed sentence naming the list:
 *
 *   You are not a member of this mailing list <list@example.org>.
 *   Duplicated Message-ID in <list@example.org>.
 *
 * The recipient that failed is the list. The sentences are fml's own and
 * name the cause for sure: a post from a non-member is refused, a looping
 * message is a fault of the mail system. */
#include "mta.h"
#include <string.h>

static const struct {
  const char *sentence;
  bounce_cause cause;
} sentences[] = {
  {"You are not a member of this mailing list", BOUNCE_CAUSE_REJECTED},
  {"Duplicated Message-ID in", BOUNCE_CAUSE_SYSTEMERROR},
};

static const char *const original_starts[] = {"Original mail as follows:", NULL};

/* The text opens on one of fml's sentences naming the list ("... <list@
 * example.org>."): fml wrote it whatever headers are left, whether its
 * X-MLServer was stripped on the way or a version wrote none. */
static bool
opens_on_sentence(const bn_view *v)
{
  bn_span l;
  if (!bn_prose_opening(v, &l))
    return false;
  size_t left = v->text->len - (size_t)(l.p - v->text->str);
  for (size_t i = 0; i < G_N_ELEMENTS(sentences); i++) {
    size_t n = strlen(sentences[i].sentence);
    if (l.len < n || memcmp(l.p, sentences[i].sentence, n) != 0)
      continue;
    size_t len = bn_prose_lead_line_len(l.p, left, n);
    if (len > n + 2 && (l.p[n] == ' ' || l.p[n] == '\n') && l.p[n + 1] == '<' &&
        memchr(l.p + n, '@', len - n))
      return true;
  }
  return false;
}

static bool
claim(const bn_view *v)
{
  const char *ml = bn_view_header(v, "X-MLServer");
  return (ml && bn_has_prefix_ci(ml, "fml")) || opens_on_sentence(v);
}

/* The list address: the first one in the sentence, else the sender (the
 * list's admin address). */
static char *
list_address(const bn_view *v, const char *line, size_t len)
{
  char *a = bn_find_address(line, len);
  if (a)
    return a;
  return v->from_mailbox[0] ? g_strdup(v->from_mailbox) : NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  size_t head = MIN(t->len, 4096);
  for (size_t i = 0; i < G_N_ELEMENTS(sentences); i++) {
    const char *line = bn_prose_find_line(t->str, head, sentences[i].sentence);
    if (line == NULL)
      continue;
    size_t left = t->len - (size_t)(line - t->str);
    size_t len = bn_prose_lead_line_len(line, left, strlen(sentences[i].sentence));
    char *addr = list_address(v, line, len);
    bounce_recipient *rc = bn_prose_recipient(r, addr);
    g_free(addr);
    if (rc == NULL)
      return false;
    char *diag = bn_squeeze_dup(line, len);
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
    g_free(diag);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    rc->cause = sentences[i].cause;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    break;
  }
  bn_prose_original(v, r, bn_prose_after(t, original_starts));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_fml = {"fml", claim, extract};
