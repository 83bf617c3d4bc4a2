/* The bounce of the gateway that stamps "Received: By OpenMail Mailer" (a
 * Mail2000 ESMTP relay in the samples): "Returned Mail: <reason>" from
 * "Mail Deliver System", a multipart/mixed whose text says
 *
 *   The original message was received at <date>
 *   from <sender>
 *
 *   ---The following addresses had delivery errors---
 *
 *   user@example.co.jp [User unknown]
 *
 * and whose second part is the returned message, without a MIME header. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"---The following addresses had delivery errors---", NULL};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), starts);
}

/* How many brackets stay open after p..end, depth being open before it. */
static int
bracket_depth(const char *p, const char *end, int depth)
{
  for (; p < end; p++)
    depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
  return depth;
}

/* The reason a hard re-wrap by an archiver broke before its closing ']'
 * ("[554 5.7.1 ... Client host [192.0.2.1]" over "blocked using
 * zen.spamhaus.org]"): the lines bn_line_continues takes (at most three)
 * up to the one that closes it, joined onto l and consumed from it. NULL,
 * it untouched, when the bracket closes on l or no such line closes it. */
static bool
closes_brackets(const bn_span *m, void *data)
{
  int *depth = data;
  *depth = bracket_depth(m->p, m->p + m->len, *depth);
  return *depth <= 0;
}

static GString *
reason_rewrapped(const bn_span *l, const char *open, bn_lines *it)
{
  int depth = bracket_depth(open, l->p + l->len, 0);
  if (depth <= 0)
    return NULL;
  return bn_read_on_until(l, it, closes_brackets, &depth);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, starts);
  if (from < 0)
    return false;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + from, t->len - (size_t)from);
  bool seen = false;
  while (bn_lines_next(&it, &l)) {
    /* a quoted local part may hold blanks: "chen wei"@example.tw */
    size_t w = bn_word_end(l.p, l.len);
    const char *sp = w < l.len ? l.p + w : NULL;
    if (l.len == 0 || l.p[0] == ' ' || l.p[0] == '\t') {
      if (seen)
        break;
      continue;
    }
    size_t alen = sp ? (size_t)(sp - l.p) : l.len;
    char *addr = bn_address_clean(l.p, alen);
    if (addr == NULL)
      break; /* the returned message begins */
    seen = true;
    bounce_recipient *rc = bn_prose_recipient(r, addr);
    g_free(addr);
    if (rc == NULL)
      continue;
    /* The reason runs to the line's last ']': a server's reply quoted in
     * it can hold brackets of its own ("Client host [192.0.2.1] blocked"). */
    const char *open = sp ? memchr(sp, '[', (size_t)(l.p + l.len - sp)) : NULL;
    GString *whole = open ? reason_rewrapped(&l, open, &it) : NULL;
    if (whole) {
      open = whole->str + (open - l.p);
      l = (bn_span){whole->str, whole->len};
    }
    const char *close = l.p + l.len;
    while (open && close > open && close[-1] != ']')
      close--;
    close = open && close > open + 1 ? close - 1 : NULL;
    if (open && close) {
      char *diag = g_strndup(open + 1, (size_t)(close - open - 1));
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
      g_free(diag);
    }
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    if (whole)
      g_string_free(whole, TRUE);
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_openmail = {"openmail", claim, extract};
