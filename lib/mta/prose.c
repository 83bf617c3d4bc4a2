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

/* ---- more prose helpers ---- */

static gssize
find_from(const GString *text, gsize from, const char *const *needles, bool after)
{
  if (from >= text->len)
    return -1;
  const char *base = text->str + from;
  size_t len = text->len - from;
  const char *best = NULL;
  for (size_t i = 0; needles[i]; i++) {
    const char *hit = bn_strcasestr(base, len, needles[i]);
    if (hit && (best == NULL || hit < best))
      best = hit;
  }
  if (best == NULL)
    return -1;
  if (after) {
    const char *nl = memchr(best, '\n', (size_t)(text->str + text->len - best));
    return nl ? nl + 1 - text->str : (gssize)text->len;
  }
  while (best > text->str && best[-1] != '\n')
    best--;
  return best - text->str;
}

gssize
bn_prose_before_from(const GString *text, gsize from, const char *const *needles)
{
  return find_from(text, from, needles, false);
}

gssize
bn_prose_after_from(const GString *text, gsize from, const char *const *needles)
{
  return find_from(text, from, needles, true);
}

static bool
host_char(char c)
{
  return g_ascii_isalnum(c) || c == '.' || c == '-' || c == '_';
}

char *
bn_prose_host(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  size_t start = i;
  while (i < len && host_char(s[i]))
    i++;
  size_t end = i;
  while (i < len && s[i] == ' ')
    i++;
  if (end == start || i >= len || s[i] != '[' || memchr(s + i, ']', len - i) == NULL)
    return NULL;
  while (end > start && s[end - 1] == '.')
    end--;
  return end > start ? g_ascii_strdown(s + start, (gssize)(end - start)) : NULL;
}

/* "550-" or "550 " (or a bare "550") at the start of a line: the length of
 * the code and its separator, or 0. */
static size_t
reply_prefix(const char *p, size_t n)
{
  if (n < 3 || p[0] < '2' || p[0] > '5' || !g_ascii_isdigit(p[1]) || !g_ascii_isdigit(p[2]))
    return 0;
  if (n == 3)
    return 3;
  return p[3] == '-' || p[3] == ' ' ? 4 : 0;
}

char *
bn_prose_join_reply(const char *s, size_t len)
{
  GString *out = g_string_new(NULL);
  char code[4] = "";
  char status[16] = "";
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, s, len);
  while (bn_lines_next(&it, &line)) {
    const char *p = line.p;
    size_t n = line.len;
    while (n && (*p == ' ' || *p == '\t')) {
      p++;
      n--;
    }
    size_t pre = reply_prefix(p, n);
    if (pre && code[0] == '\0' && out->len == 0) {
      memcpy(code, p, 3);
      g_string_append_len(out, p, 3);
      p += pre;
      n -= pre;
      while (n && *p == ' ') {
        p++;
        n--;
      }
      size_t k = 0;
      while (k < n && k < sizeof status - 1 && p[k] != ' ')
        k++;
      if (bn_status_valid(p, k)) {
        memcpy(status, p, k);
        status[k] = '\0';
      }
    } else if (pre && code[0] && memcmp(p, code, 3) == 0) {
      p += pre;
      n -= pre;
      while (n && *p == ' ') {
        p++;
        n--;
      }
      size_t sl = strlen(status);
      if (sl && n >= sl && memcmp(p, status, sl) == 0 && (n == sl || p[sl] == ' ')) {
        p += sl;
        n -= sl;
      }
    }
    if (n == 0)
      continue;
    if (out->len)
      g_string_append_c(out, ' ');
    g_string_append_len(out, p, (gssize)n);
  }
  bn_squeeze(out);
  return g_string_free(out, FALSE);
}

void
bn_prose_reporting_mta(bounce_report *r, const char *s, size_t len, const char *lead)
{
  if (r->reporting_mta && r->reporting_mta[0])
    return;
  const char *hit = bn_strcasestr(s, len, lead);
  if (hit == NULL)
    return;
  const char *h = hit + strlen(lead);
  const char *end = s + len;
  size_t n = 0;
  while (h + n < end && host_char(h[n]))
    n++;
  while (n && h[n - 1] == '.')
    n--;
  if (n && memchr(h, '.', n))
    bn_set_strn(&r->reporting_mta, h, n);
}

const bn_mta_fact *
bn_prose_fact(const bn_mta_fact *facts, size_t n, const char *s, size_t len)
{
  if (s == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    if (bn_strcasestr(s, len, facts[i].phrase))
      return &facts[i];
  return NULL;
}

void
bn_prose_set_action(bounce_recipient *rc, const char *action)
{
  if (rc)
    bn_rcpt_set(rc, BOUNCE_FIELD_ACTION, action, BOUNCE_SOURCE_TEXT);
}

void
bn_prose_apply_fact(bounce_recipient *rc, const bn_mta_fact *f)
{
  if (rc == NULL || f == NULL)
    return;
  if (f->cause != BOUNCE_CAUSE_UNDEFINED) {
    rc->cause = f->cause;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
  }
  if (f->status)
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, f->status, BOUNCE_SOURCE_TEXT);
  if (f->expiry)
    bn_prose_set_action(rc, "delayed");
}

const char *
bn_prose_warning_action(const char *reason)
{
  return reason && reason[0] ? "failed" : "delayed";
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
