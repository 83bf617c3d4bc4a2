/* Zoho Mail: a multipart/mixed from mailer-daemon@mail.zoho.com (or the
 * .eu, .in ... hosts), one line per recipient:
 *
 *   This message was created automatically by mail delivery software.
 *   A message that you sent could not be delivered to one or more of its
 *   recipients. This is a permanent error.
 *
 *   user@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1
 *   <user@example.jp>... User Unknown
 *
 * (the first ERROR_CODE is the reply code, the second the server's text).
 * A warning reads "THIS IS A WARNING MESSAGE ONLY." and lists
 *
 *   [Status: Error, Address: <user@example.jp>, ResponseCode 421, , Host
 *   not reachable.]
 *
 * "Host not reachable." is Zoho's own answer when it could not connect. */
#include "mta.h"
#include <stdlib.h>
#include <string.h>

static const char *const marks[] = {"ERROR_CODE :", "ResponseCode ", NULL};
static const char *const warnings[] = {"THIS IS A WARNING MESSAGE ONLY", NULL};

static const bn_cause_row causes[] = {
  /* it could not connect and gave up (or will retry) */
  {"Host not reachable", BOUNCE_CAUSE_EXPIRED},
};

/* Whether the mark at p opens a field as Zoho's entry writes it: the mark,
 * its colon (a client re-wrapping may break the line at the blank before it),
 * a reply code and a comma ("ERROR_CODE :550,", "ResponseCode 421,"). A
 * remote server's reply another MTA quotes may name the mark in its own
 * words ("see ERROR_CODE :5.1.1 in the FAQ"): that is no Zoho entry. */
static bool
entry_field(const char *p, const char *end, size_t marklen, bool colon)
{
  p += marklen;
  while (p < end && g_ascii_isspace(*p))
    p++;
  if (colon) {
    if (p == end || *p != ':')
      return false;
    p++;
  }
  return end - p >= 4 && g_ascii_isdigit(p[0]) && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
         p[3] == ',';
}

/* Whether the text holds one of Zoho's entries, by the field every entry
 * writes: its reply code after the first mark. */
static bool
has_entry(const char *text, size_t len)
{
  const char *end = text + len;
  for (int m = 0; marks[m]; m++) {
    size_t n = strlen(marks[m]);
    bool colon = marks[m][n - 1] == ':';
    /* the mark's word alone: a client re-wrapping may break the line at
     * the blank after it ("ResponseCode" / "421, , Host not reachable.") */
    size_t wlen = strcspn(marks[m], " :");
    for (const char *p = bn_strncasestr(text, len, marks[m], wlen); p;
         p = bn_strncasestr(p + 1, (size_t)(end - p - 1), marks[m], wlen))
      if (entry_field(p, end, wlen, colon))
        return true;
  }
  return false;
}

static bool
claim(const bn_view *v)
{
  if (g_str_has_prefix(v->from_addr, "mailer-daemon@") && strstr(v->from_addr, "zoho"))
    return true;
  return has_entry(v->text->str, bn_view_own_len(v, 4096)) && bn_view_looks_like_bounce(v);
}

/* Skips white space and the commas of empty fields. */
static const char *
skip_gap(const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == ',' || *p == '\t'))
    p++;
  return p;
}

static void
add(bounce_report *r, const char *addr, int code, const char *p, const char *end, bool delayed)
{
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  if (rc == NULL)
    return;
  p = skip_gap(p, end);
  while (end > p && (end[-1] == ']' || end[-1] == ' '))
    end--;
  GString *diag = g_string_new(NULL);
  if (code)
    g_string_printf(diag, "%d ", code);
  g_string_append_len(diag, p, end - p);
  bn_squeeze(diag);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag->str, BOUNCE_SOURCE_TEXT);
  if (rc->reply_code == 0)
    bn_rcpt_set_reply_code(rc, code, BOUNCE_SOURCE_TEXT);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, delayed ? bn_prose_warning_action(p < end ? p : NULL)
                                                 : "failed",
               BOUNCE_SOURCE_TEXT);
  if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, bn_cause_table_find(diag->str, diag->len, causes, G_N_ELEMENTS(causes)));
  g_string_free(diag, TRUE);
}

/* "user@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :text" */
static void
error_code_line(bounce_report *r, const bn_span *l, bool delayed)
{
  const char *end = l->p + l->len;
  const char *first = bn_strcasestr(l->p, l->len, "ERROR_CODE :");
  /* a quoted local part may hold blanks: "john doe"@example.jp */
  const char *space = l->p + bn_word_end(l->p, l->len);
  if (first == NULL || space > first)
    return;
  char *addr = bn_address_clean(l->p, (size_t)(space - l->p));
  const char *num = first + strlen("ERROR_CODE :");
  int code = g_ascii_isdigit(*num) ? atoi(num) : 0;
  const char *second = bn_strcasestr(num, (size_t)(end - num), "ERROR_CODE :");
  const char *text = second ? second + strlen("ERROR_CODE :") : end;
  if (addr)
    add(r, addr, code >= 200 && code < 600 ? code : 0, text, end, delayed);
  g_free(addr);
}

/* Where the next entry starts in an ERROR_CODE entry l that a client
 * joined with the ones under it (Zoho writes one a line), or NULL: a third
 * "ERROR_CODE :" is the next entry's first, the reply code ("ERROR_CODE
 * :550,"; a server's text naming the mark goes on with its own words), and
 * the next entry opens with its bare address, the last word holding '@'
 * before that mark (the words between, "Invalid Address,", name none). */
static const char *
next_entry(const bn_span *l)
{
  static const char mark[] = "ERROR_CODE :";
  const char *end = l->p + l->len;
  const char *m = l->p;
  for (int k = 0; k < 3 && m; k++) {
    const char *from = k ? m + 1 : m;
    m = bn_strcasestr(from, (size_t)(end - from), mark);
  }
  const char *code = m ? m + strlen(mark) : NULL;
  if (m == NULL || end - code < 3 || !g_ascii_isdigit(code[0]) || !g_ascii_isdigit(code[1]) ||
      !g_ascii_isdigit(code[2]))
    return NULL;
  const char *w = m;
  while (w > l->p && !(w[-1] == '@'))
    w--;
  if (w == l->p)
    return NULL;
  while (w > l->p && w[-1] != ' ')
    w--;
  return w > l->p && *w != '<' && memchr(w, '>', (size_t)(m - w)) == NULL ? w : NULL;
}

/* "[Status: Error, Address: <user@example.jp>, ResponseCode 421, , text]" */
static void
status_line(bounce_report *r, const bn_span *l, bool delayed)
{
  const char *end = l->p + l->len;
  const char *a = bn_strcasestr(l->p, l->len, "Address:");
  const char *rc = bn_strcasestr(l->p, l->len, "ResponseCode ");
  if (a == NULL || rc == NULL || rc < a)
    return;
  char *addr = bn_find_address(a, (size_t)(rc - a));
  const char *num = rc + strlen("ResponseCode ");
  int code = g_ascii_isdigit(*num) ? atoi(num) : 0;
  while (num < end && g_ascii_isdigit(*num))
    num++;
  if (addr)
    add(r, addr, code >= 200 && code < 600 ? code : 0, num, end, delayed);
  g_free(addr);
}

/* "[Status: Error, Address: ..." even when a re-wrapping client has put
 * its ResponseCode on the next line. */
static bool
status_start(const bn_span *l)
{
  return l->len && l->p[0] == '[' &&
         (bn_strcasestr(l->p, l->len, "ResponseCode ") || bn_span_label(l, "[Status:"));
}

/* A line that starts a recipient's ERROR_CODE entry, not one that goes on
 * with the second ERROR_CODE of the entry above it, as a client re-wrapping
 * at 60 or 72 columns leaves it. */
static bool
coded_continues(const bn_span *l, const GString *entry)
{
  const char *first = bn_strcasestr(entry->str, entry->len, "ERROR_CODE :");
  return bn_span_label(l, "ERROR_CODE :") && first &&
         !bn_strcasestr(first + 1, entry->len - (size_t)(first + 1 - entry->str), "ERROR_CODE :");
}

/* Whether the text ends in the mark's word without its colon: a client
 * re-wrapping at a narrow width breaks "ERROR_CODE :550," at its blank,
 * and the line under it goes on with ":550, ERROR_CODE :5.1.1 ...". */
static bool
mark_split(const char *p, size_t len)
{
  static const char word[] = "ERROR_CODE";
  while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
    len--;
  size_t n = sizeof word - 1;
  return len >= n && g_ascii_strncasecmp(p + len - n, word, n) == 0 &&
         (len == n || p[len - n - 1] == ' ');
}

/* Whether the line's first word is an address: a recipient's entry
 * opens with its bare address. */
static bool
opens_with_address(const bn_span *l)
{
  size_t w = bn_word_end(l->p, l->len);
  return w > 0 && memchr(l->p, '@', w) != NULL;
}

/* The line before the one at p, trimmed (empty at the text's start). */
static bn_span
line_before(const char *text, const char *p)
{
  bn_span l = {p, 0};
  if (l.p == text)
    return l;
  l.p--; /* its '\n' */
  while (l.p > text && l.p[-1] != '\n')
    l.p--;
  l.len = (size_t)(p - 1 - l.p);
  bn_span_trim(&l);
  return l;
}

/* Whether the line m opens a recipient's entry: its address, then the
 * mark on it, or the mark broken at its blank, or the mark opening the
 * line under it (the client broke the entry before it). */
static bool
entry_opening(const bn_span *m, bn_lines look)
{
  if (!opens_with_address(m))
    return false;
  /* an address the remote's reply named, moved to the margin by a hard
   * re-wrap ("... ERROR_CODE :Mailbox" over "user@example.org unavailable;
   * see ERROR_CODE :5.1.1 in the FAQ"), holds the mark in words only */
  if (bn_strcasestr(m->p, m->len, "ERROR_CODE"))
    return has_entry(m->p, m->len) || mark_split(m->p, m->len);
  bn_span n;
  if (!bn_lines_next(&look, &n))
    return false;
  bn_span_trim(&n);
  return bn_span_label(&n, "ERROR_CODE :") > 0;
}

/* "Received:from ...", "Message-ID:<...>": the returned message's header,
 * which Zoho writes under the notice with no space after the colon. */
static bool
header_field(const bn_span *l)
{
  bn_span name, value;
  return bn_dsn_field(l, &name, &value) && name.len >= 2;
}

/* The fields of Zoho's bracketed entry after its first: an archiver's
 * hard re-wrap at 72-76 columns moves them to the margin under "[Status:
 * Error," when the address is long, where they look like a header of the
 * returned message. */
static const char *const entry_fields[] = {"Address:", "ResponseCode ", NULL};

/* Whether l opens with one of the bracketed entry's own fields. */
static bool
own_field(const bn_span *l)
{
  for (int i = 0; entry_fields[i]; i++)
    if (bn_span_label(l, entry_fields[i]))
      return true;
  return false;
}

/* A line wrapped on its way (a relay, a copy of the notice) goes on in
 * the lines under it, up to a blank line, the next recipient's or a
 * header of the returned message; the
 * bracketed form up to its closing ']', over its own fields. */
static void
entry_rest(bn_lines *it, GString *entry, bool bracketed)
{
  bn_lines look = *it;
  bn_span m;
  for (int k = 0; k < 4 && !(bracketed && entry->str[entry->len - 1] == ']') &&
                  bn_lines_next(&look, &m) && m.len > 0 && !status_start(&m) &&
                  (!header_field(&m) || (bracketed && own_field(&m))) &&
                  !entry_opening(&m, look) &&
                  (!bn_strcasestr(m.p, m.len, "ERROR_CODE :") || coded_continues(&m, entry) ||
                   mark_split(entry->str, entry->len) || !has_entry(m.p, m.len));
       k++) {
    g_string_append_c(entry, ' ');
    g_string_append_len(entry, m.p, (gssize)m.len);
    *it = look;
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, NULL, NULL, &sec))
    return false;
  bool delayed = bn_prose_has_any(sec.p, sec.len, warnings);
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, sec.p, sec.len);
  GString *entry = g_string_new(NULL);
  while (bn_lines_next(&it, &line)) {
    /* Zoho writes an entry on the line under its heading's rule ("-----
     * The following addresses had fatal errors -----"); a client that
     * joined the paragraph onto one line puts it after the rule */
    const char *joined = bn_strcasestr(line.p, line.len, "----- [Status:");
    if (joined) {
      line.len -= (size_t)(joined + 6 - line.p);
      line.p = joined + 6;
    }
    bool coded =
        bn_strcasestr(line.p, line.len, "ERROR_CODE :") != NULL || mark_split(line.p, line.len);
    if (!coded && !status_start(&line))
      continue;
    g_string_assign(entry, "");
    /* the address and its words on the line above, where a client
     * re-wrapping at a narrow width broke the entry before its first mark */
    bn_span prev = line_before(sec.p, line.p);
    if (coded && bn_span_label(&line, "ERROR_CODE") && prev.len && opens_with_address(&prev) &&
        !bn_strcasestr(prev.p, prev.len, "ERROR_CODE"))
    {
      g_string_append_len(entry, prev.p, (gssize)prev.len);
      g_string_append_c(entry, ' ');
    }
    g_string_append_len(entry, line.p, (gssize)line.len);
    entry_rest(&it, entry, !coded);
    bn_span l = {entry->str, entry->len}, rest;
    if (coded) {
      while (bn_span_split(&l, &rest, next_entry(&l))) {
        bn_span_trim(&l);
        error_code_line(r, &l, delayed);
        l = rest;
      }
      error_code_line(r, &l, delayed);
    } else
      status_line(r, &l, delayed);
  }
  g_string_free(entry, TRUE);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_zoho = {"zoho", claim, extract};
