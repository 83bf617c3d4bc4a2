/* Ipswitch IMail Server: "Undeliverable Mail" from "Postmaster", X-Mailer
 * "<SMTP32 vN>", a plain-text message that names each failed recipient on
 * one line, then "Original message follows." and the returned message:
 *
 *   Unknown user: user@example.com
 *   User mailbox exceeds allowed size: user@example.com
 *   undeliverable to user@example.com
 *
 *   Body of message generated response:
 *   550-REJECTED - ...
 *   550 ...
 *
 * The sentence before the address is IMail's own; the lines after "Body of
 * message generated response:" are the remote's reply. */
#include "mta.h"
#include <string.h>

static const char *const subjects[] = {"Undeliverable Mail", NULL};

static const char *const original_starts[] = {"Original message follows.", NULL};
/* IMail's lead for the remote's reply under a recipient's line. */
static const char response_lead[] = "Body of message generated response:";

/* IMail's own sentences that name the cause for sure. "Unknown user" is
 * IMail's line for a local account it does not have. Each stands right
 * before the recipient's address, so it is one only where it ends the
 * diagnostic: the remote's reply under the response lead can hold the
 * same words inside another sentence ("550 5.5.2 You have attempted to
 * email too many unknown users", the sending host's count). A remote's
 * reply that ends with the sentence and the recipient's address ("550
 * Unknown user a@b", "550 Unknown user: <a@b>.") says it as IMail's line
 * does. */
static const struct {
  const char *sentence;
  bounce_cause cause;
} own_causes[] = {
  {"Invalid final delivery userid", BOUNCE_CAUSE_USERUNKNOWN},
  {"Unknown user", BOUNCE_CAUSE_USERUNKNOWN},
  {"User mailbox exceeds allowed size", BOUNCE_CAUSE_MAILBOXFULL},
};

/* The lines IMail opens its notice with, one a failed recipient. */
static const char *const recipient_leads[] = {
  "Unknown user: ", "User mailbox exceeds allowed size: ", "Invalid final delivery userid: ",
  "undeliverable to ", NULL,
};

/* Without its headers (a relay rewrote From and Subject, stripped
 * X-Mailer): the notice opens with a recipient's line, and "Original
 * message follows." or the response lead comes within its first lines,
 * so a copy forwarded under other text is not taken for the notice. */
static bool
opens_as_notice(const bn_view *v)
{
  const char *t = v->text->str;
  size_t own = bn_view_own_len(v, 1024);
  size_t at = 0;
  while (at < own && (t[at] == '\n' || t[at] == '\r' || t[at] == ' '))
    at++;
  bool lead = false;
  for (size_t i = 0; recipient_leads[i] && !lead; i++)
    lead = g_ascii_strncasecmp(t + at, recipient_leads[i], strlen(recipient_leads[i])) == 0;
  return lead && (bn_strcasestr(t, MIN(v->text->len, 1024), original_starts[0]) != NULL ||
                  bn_strcasestr(t, own, response_lead) != NULL);
}

static bool
claim(const bn_view *v)
{
  const char *xm = bn_view_header(v, "X-Mailer");
  if (xm && bn_strcasestr(xm, strlen(xm), "<SMTP32 v"))
    return true;
  /* without its X-Mailer (a relay strips it): its subject over its lead
   * to the returned copy or to a remote's reply */
  return (bn_subject_starts(v, subjects) &&
          (bn_strcasestr(v->text->str, v->text->len, original_starts[0]) != NULL ||
           bn_strcasestr(v->text->str, bn_view_own_len(v, 4096), response_lead) != NULL)) ||
         opens_as_notice(v);
}

/* Whether the diagnostic ends with the sentence, past trailing blanks
 * and the recipient's address after it. */
static bool
ends_with_sentence(const char *diag, const char *sentence, const char *addr)
{
  size_t n = strlen(diag);
  while (n > 0 && (g_ascii_isspace(diag[n - 1]) || diag[n - 1] == '.' || diag[n - 1] == '>'))
    n--;
  size_t a = addr ? strlen(addr) : 0;
  if (a && n > a && g_ascii_strncasecmp(diag + n - a, addr, a) == 0) {
    n -= a;
    while (n > 0 && (diag[n - 1] == ' ' || diag[n - 1] == ':' || diag[n - 1] == '<'))
      n--;
  }
  size_t k = strlen(sentence);
  return n >= k && g_ascii_strncasecmp(diag + n - k, sentence, k) == 0;
}

static void
own_cause(bounce_recipient *rc)
{
  for (size_t i = 0; i < G_N_ELEMENTS(own_causes); i++)
    if (rc->diagnostic && ends_with_sentence(rc->diagnostic, own_causes[i].sentence, rc->address)) {
      rc->cause = own_causes[i].cause;
      rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
      return;
    }
}

/* One line of the remote's reply under the response lead: a line of a
 * multi-line reply ("550-first", "550 last") after its first loses the
 * code and status it repeats, so that the reply reads as one sentence;
 * open says whether the reply has more lines to come. */
static void
add_reply_line(bounce_recipient *rc, const bn_span *l, bool *open)
{
  int code = bn_reply_code_at(l->p, l->len);
  if (!*open || rc->diagnostic == NULL) {
    bn_prose_add_diagnostic(rc, l->p, l->len);
  } else {
    GString *g = g_string_new(rc->diagnostic);
    bn_reply_append(g, l->p, l->len);
    bn_set_str(&rc->diagnostic, NULL);
    bn_prose_add_diagnostic(rc, g->str, g->len);
    g_string_free(g, TRUE);
  }
  /* a line the reply wrapped (no code) leaves it as open as it was */
  if (code)
    *open = l->len > 3 && l->p[3] == '-';
}

/* The length of the enhanced status that opens s ("5.7.1 ..."), or 0. */
static size_t
opening_status_len(const char *s, size_t len)
{
  const char *sp = memchr(s, ' ', len);
  size_t n = sp ? (size_t)(sp - s) : len;
  return n >= 5 && bn_status_valid(s, n) ? n : 0;
}

/* Where a multi-line reply that a client joined onto one line (one line
 * per paragraph) goes on with its next line: at the blank before the code
 * it opened with, and only while open ("550-first 550-next 550 last");
 * NULL for a reply's last line, which may quote any number. A reply whose
 * first line gives a status repeats it on every line (RFC 2034 4); the
 * code without it is the reply's words ("..., 550 answers are final."). */
static const char *
joined_reply_cut(const bn_span *l)
{
  if (l->len < 5 || !bn_reply_code_at(l->p, l->len) || l->p[3] != '-')
    return NULL;
  size_t st = opening_status_len(l->p + 4, l->len - 4);
  for (size_t i = 4; i + 5 < l->len; i++)
    if (l->p[i] == ' ' && memcmp(l->p + i + 1, l->p, 3) == 0 &&
        (l->p[i + 4] == '-' || l->p[i + 4] == ' ') &&
        (st == 0 || (i + 5 + st < l->len && memcmp(l->p + i + 5, l->p + 4, st) == 0 &&
                     l->p[i + 5 + st] == ' ')))
      return l->p + i;
  return NULL;
}

/* The reply on the response lead's own line (a client joined the
 * paragraph), read line by line as the notice wrote it. */
static void
add_joined_reply(bounce_recipient *rc, bn_span rest, bool *open)
{
  bn_span_trim(&rest);
  for (int k = 0; rest.len && k < 64; k++) {
    bn_span line = rest;
    if (!bn_span_split(&line, &rest, joined_reply_cut(&line)))
      rest.len = 0;
    bn_span_trim(&line);
    add_reply_line(rc, &line, open);
  }
}

/* Whether l is a recipient's lead alone, its address gone to the next
 * line ("User mailbox exceeds allowed size:" / "user@example.com"): a
 * client re-wrapping the notice at 40-55 columns breaks the line there. */
static bool
lead_alone(const bn_span *l)
{
  for (size_t i = 0; recipient_leads[i]; i++) {
    size_t n = strlen(recipient_leads[i]);
    while (n && recipient_leads[i][n - 1] == ' ')
      n--;
    if (l->len == n && g_ascii_strncasecmp(l->p, recipient_leads[i], n) == 0)
      return true;
  }
  return false;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize orig = bn_prose_before(t, original_starts);
  size_t end = orig >= 0 ? (size_t)orig : t->len;
  bn_lines it;
  bn_span l;
  bounce_recipient *last = NULL;
  bool response = false;
  bool open = false;
  bn_span held = {NULL, 0}; /* a lead alone, joined to the line below */
  GString *joined = g_string_new(NULL);
  bn_lines_init(&it, t->str, end);
  while (bn_lines_next(&it, &l)) {
    bn_span_untrail(&l);
    if (l.len == 0) {
      continue;
    }
    if (!response && lead_alone(&l)) {
      held = l;
      continue;
    }
    if (held.p) {
      g_string_assign(joined, "");
      g_string_append_len(joined, held.p, (gssize)held.len);
      g_string_append_c(joined, ' ');
      g_string_append_len(joined, l.p, (gssize)l.len);
      l = (bn_span){joined->str, joined->len};
      held.p = NULL;
    }
    const char *lead = bn_strcasestr(l.p, l.len, response_lead);
    if (lead) {
      response = last != NULL;
      open = false;
      if (last)
        bn_set_str(&last->diagnostic, NULL);
      const char *after = lead + strlen(response_lead);
      if (last)
        add_joined_reply(last, (bn_span){after, (size_t)(l.p + l.len - after)}, &open);
      continue;
    }
    /* the next recipient's line ends the response */
    if (response && !bn_has_prefix_ci(l.p, "undeliverable to ")) {
      add_reply_line(last, &l, &open);
      continue;
    }
    response = false;
    /* "Sentence: user@example.com" or "undeliverable to user@example.com";
     * the sentence may hold a colon of its own, so it ends at the last
     * colon before the first '@' (a domain literal may hold more) */
    const char *at = memchr(l.p, '@', l.len);
    const char *colon = at ? g_strrstr_len(l.p, at - l.p, ":") : NULL;
    const char *to = bn_strcasestr(l.p, l.len, "undeliverable to ");
    const char *a = colon ? colon + 1 : to ? to + 17 : NULL;
    if (a == NULL || bn_has_prefix_ci(l.p, "To:") || bn_has_prefix_ci(l.p, "CC:"))
      continue;
    char *addr = bn_address_clean(a, (size_t)(l.p + l.len - a));
    if (addr == NULL)
      continue;
    last = bn_prose_recipient(r, addr);
    if (last) {
      size_t n = colon ? (size_t)(colon - l.p) : l.len;
      char *diag = g_strndup(l.p, n);
      bn_rcpt_set(last, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
      bn_rcpt_fill(last, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
      g_free(diag);
    }
    g_free(addr);
  }
  g_string_free(joined, TRUE);
  for (size_t i = 0; i < bn_report_count(r); i++)
    own_cause(bn_report_rcpt(r, i));
  bn_prose_original(v, r, bn_prose_after(t, original_starts));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_imailserver = {"imailserver", claim, extract};
