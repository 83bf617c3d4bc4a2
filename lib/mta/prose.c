/* Small helpers the recognizers share to read an MTA's prose. */
#include "mta.h"
#include <string.h>

const char *
bn_prose_find_line(const char *text, size_t len, const char *needle)
{
  const char *hit = bn_strcasestr(text, len, needle);
  if (hit == NULL)
    return NULL;
  while (hit > text && hit[-1] != '\n')
    hit--;
  return hit;
}

gssize
bn_prose_after(const GString *text, const char *const *needles)
{
  gssize best = -1;
  for (size_t i = 0; needles[i]; i++) {
    const char *hit = bn_strcasestr(text->str, text->len, needles[i]);
    if (hit == NULL)
      continue;
    const char *nl = memchr(hit, '\n', text->len - (size_t)(hit - text->str));
    gssize at = nl ? nl + 1 - text->str : (gssize)text->len;
    if (best < 0 || at < best)
      best = at;
  }
  return best;
}

gssize
bn_prose_before(const GString *text, const char *const *needles)
{
  gssize best = -1;
  for (size_t i = 0; needles[i]; i++) {
    const char *line = bn_prose_find_line(text->str, text->len, needles[i]);
    if (line && (best < 0 || line - text->str < best))
      best = line - text->str;
  }
  return best;
}

bool
bn_prose_has_any(const char *s, size_t len, const char *const *needles)
{
  for (size_t i = 0; needles[i]; i++)
    if (bn_strcasestr(s, len, needles[i]))
      return true;
  return false;
}

bool
bn_from_has(const bn_view *v, const char *const *needles)
{
  return bn_prose_has_any(v->from, strlen(v->from), needles);
}

bool
bn_subject_starts(const bn_view *v, const char *const *prefixes)
{
  const char *s = v->subject;
  while (*s == ' ' || *s == '\t')
    s++;
  for (size_t i = 0; prefixes[i]; i++)
    if (bn_has_prefix_ci(s, prefixes[i]))
      return true;
  return false;
}

bool
bn_subject_has(const bn_view *v, const char *const *needles)
{
  return bn_prose_has_any(v->subject, strlen(v->subject), needles);
}

bounce_recipient *
bn_prose_recipient(bounce_report *r, const char *address)
{
  if (address == NULL)
    return NULL;
  bounce_recipient *rc = bn_report_find(r, address);
  if (rc == NULL)
    rc = bn_report_add(r, address, BOUNCE_SOURCE_TEXT);
  return rc;
}

void
bn_prose_add_diagnostic(bounce_recipient *rc, const char *s, size_t len)
{
  if (rc == NULL || len == 0)
    return;
  GString *g = g_string_new(rc->diagnostic);
  if (g->len)
    g_string_append_c(g, ' ');
  g_string_append_len(g, s, (gssize)len);
  bn_squeeze(g);
  bn_set_str(&rc->diagnostic, g->str);
  rc->source[BOUNCE_FIELD_DIAGNOSTIC] = BOUNCE_SOURCE_TEXT;
  g_string_free(g, TRUE);
}

void
bn_prose_original(const bn_view *v, bounce_report *r, gssize at)
{
  if (at < 0 || (size_t)at >= v->text->len)
    return;
  if (bn_report_original(r, "Message-ID")[0] || bn_report_original(r, "From")[0])
    return;
  bn_original_from_text(r, v->text->str + at, v->text->len - (size_t)at, v->opts);
}

size_t
bn_prose_angle_paragraphs(bounce_report *r, const char *s, size_t len)
{
  size_t n = 0;
  bounce_recipient *cur = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s, len);
  while (bn_lines_next(&it, &l)) {
    const char *gt = l.len > 2 && l.p[0] == '<' ? memchr(l.p, '>', l.len) : NULL;
    if (gt && gt + 1 < l.p + l.len && gt[1] == ':') {
      char *addr = bn_address_clean(l.p + 1, (size_t)(gt - l.p - 1));
      cur = addr ? bn_prose_recipient(r, addr) : NULL;
      g_free(addr);
      if (cur) {
        n++;
        bn_prose_add_diagnostic(cur, gt + 2, (size_t)(l.p + l.len - gt - 2));
      }
      continue;
    }
    bool blank = true;
    for (size_t i = 0; i < l.len && blank; i++)
      blank = g_ascii_isspace(l.p[i]);
    if (blank)
      cur = NULL;
    else if (cur)
      bn_prose_add_diagnostic(cur, l.p, l.len);
  }
  return n;
}
