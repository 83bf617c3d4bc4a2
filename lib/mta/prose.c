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

void
bn_span_trim(bn_span *l)
{
  while (l->len && g_ascii_isspace(l->p[0])) {
    l->p++;
    l->len--;
  }
  while (l->len && g_ascii_isspace(l->p[l->len - 1]))
    l->len--;
}

size_t
bn_span_indent(const bn_span *l)
{
  size_t col = 0;
  for (size_t i = 0; i < l->len && (l->p[i] == ' ' || l->p[i] == '\t'); i++)
    col += l->p[i] == '\t' ? 8 : 1;
  return col;
}

char *
bn_line_address_only(const char *p, size_t len)
{
  bn_span l = {p, len};
  bn_span_trim(&l);
  /* a trailing "<mailto:...>" link (Exchange's plain text of an HTML link) */
  if (l.len && l.p[l.len - 1] == '>') {
    const char *m = bn_strcasestr(l.p, l.len, "<mailto:");
    if (m && m > l.p)
      l.len = (size_t)(m - l.p);
    bn_span_trim(&l);
  }
  /* "Name (a@b)": the address in the closing parentheses */
  if (l.len > 2 && l.p[l.len - 1] == ')') {
    const char *open = NULL;
    for (size_t i = l.len - 1; i-- > 0;)
      if (l.p[i] == '(') {
        open = l.p + i;
        break;
      }
    if (open == NULL)
      return NULL;
    /* a display name is a few words, not a sentence */
    size_t spaces = 0;
    for (const char *q = l.p; q < open; q++)
      spaces += *q == ' ';
    if (spaces > 5)
      return NULL;
    char *inner = bn_address_clean(open + 1, (size_t)(l.p + l.len - 1 - open - 1));
    if (inner && !memchr(open + 1, ' ', (size_t)(l.p + l.len - 1 - open - 1)))
      return inner;
    g_free(inner);
    return NULL;
  }
  if (l.len == 0 || memchr(l.p, ' ', l.len) || memchr(l.p, '\t', l.len) ||
      !memchr(l.p, '@', l.len))
    return NULL;
  return bn_address_clean(l.p, l.len);
}

bounce_recipient *
bn_prose_recipient_if(bounce_report *r, const char *address, bool add)
{
  if (address == NULL)
    return NULL;
  bounce_recipient *rc = bn_report_find(r, address);
  if (rc == NULL && add)
    rc = bn_report_add(r, address, BOUNCE_SOURCE_TEXT);
  return rc;
}

bounce_cause
bn_cause_table_find(const char *s, size_t len, const bn_cause_row *rows, size_t n)
{
  if (s == NULL)
    return BOUNCE_CAUSE_UNDEFINED;
  for (size_t i = 0; i < n; i++)
    if (bn_strcasestr(s, len, rows[i].phrase))
      return rows[i].cause;
  return BOUNCE_CAUSE_UNDEFINED;
}

void
bn_prose_set_cause(bounce_recipient *rc, bounce_cause cause)
{
  if (rc == NULL || cause == BOUNCE_CAUSE_UNDEFINED)
    return;
  rc->cause = cause;
  rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
}
