/* Which address a notice of an unknown MTA names as the returned
 * message's sender, not a recipient: after "MAIL FROM" or "sender", after
 * "from" and a display name, inside a reply quoted about the recipient
 * ("553 5.1.8 <bob@...>... Domain of sender address bob@... does not
 * exist"), or given as the sender by the returned message's own header;
 * and where a line quotes a reply, whose other addresses (an alias, a
 * forward) are the recipient's, not recipients. */
#include "fallback.h"
#include <string.h>

/* "MAIL FROM:<a@b>" and "sender <a@b>" name the sender. The words are
 * read after any address before it: those of "from bob@sender.example to
 * anna@..." or "MAIL FROM:<bob@...> RCPT TO:<anna@...>" are bob's. */
bool
bn_fb_named_as_sender(const bn_span *line, const char *addr)
{
  const char *at = bn_strcasestr(line->p, line->len, addr);
  if (at == NULL)
    return false;
  size_t before = (size_t)(at - line->p);
  const char *from = line->p + (before > 24 ? before - 24 : 0);
  const char *other = NULL;
  for (const char *p = line->p; p < at; p++)
    if (*p == '@')
      other = p;
  while (other && other < at && !strchr(" \t>,;", *other))
    other++;
  if (other && other > from)
    from = other;
  size_t n = (size_t)(at - from);
  return bn_strcasestr(from, n, "mail from") || bn_strcasestr(from, n, "sender") ||
         bn_strcasestr(from, n, "envelope-from") || bn_strcasestr(from, n, "return-path");
}

/* The labels a notice writes before the server's reply ("Reason: ...",
 * "Diagnostic: ...", "Error: ...", "Remote server said: ..."): whole
 * words before the line's first colon. */
static const char *const reply_labels[] = {"reason", "diagnostic", "error", "response",
                                           "reply",  "said",       "cause", NULL};

/* Where the server's reply starts on line l: its reply code or status, or
 * the text after a label; NULL when the line quotes none. */
static const char *
reply_start(const bn_span *l)
{
  const char *start = bn_find_reply(l->p, l->len);
  char st[16];
  const char *status = bn_find_status_at(l->p, l->len, st);
  if (status && (start == NULL || status < start))
    start = status;
  const char *colon = memchr(l->p, ':', MIN(l->len, 40));
  for (size_t i = 0; colon && reply_labels[i]; i++)
    if (bn_fb_has_word(l->p, (size_t)(colon - l->p), reply_labels[i])) {
      if (start == NULL || colon + 1 < start)
        start = colon + 1;
      break;
    }
  return start;
}

bool
bn_fb_replies(const bn_span *l)
{
  return reply_start(l) != NULL;
}

/* Whether addr stands first inside the reply line l quotes, after its
 * code or its label ("Reason: 550 5.1.1 forwarded to <b@...>: mailbox
 * unavailable"), not before it as the item of a list ("b@...: 550 ...").
 */
bool
bn_fb_in_reply(const bn_span *l, const char *addr)
{
  const char *start = reply_start(l);
  const char *at = bn_strcasestr(l->p, l->len, addr);
  return start && at && start <= at;
}

/* The words a notice or a reply writes before the sender's address
 * ("Domain of sender address bob@...", "MAIL FROM:<bob@...>", "your
 * envelope sender bob@...", "Your message from bob@..."),
 * and before the recipient's ("RCPT TO:<anna@...>"); after the address, it
 * names which it is with its first word ("<bob@...>: Sender address
 * rejected", "<anna@...>: Recipient address rejected"). */
static const char *const sender_before[] = {"sender",      "sender address", "sender's address",
                                            "from",        "return-path",    "from address",
                                            NULL};
static const char *const recipient_before[] = {"rcpt to", "recipient", "recipient address", NULL};

static bool
ends_with_word(const char *s, size_t len, const char *const *words)
{
  return bn_ends_with_word(s, len, " \t<:\"'(", words);
}

/* Whether the text at s (up to end) opens with word. */
static bool
opens_with_word(const char *s, const char *end, const char *word)
{
  size_t n = strlen(word);
  return (size_t)(end - s) >= n && g_ascii_strncasecmp(s, word, n) == 0;
}

/* Whether the address on line l stands in the reply the line quotes as
 * the sender ("Reason: 553 5.1.8 <bob@...>... Domain of sender address
 * bob@... does not exist"): the returned message's sender (one of
 * senders), or named so by the reply's words. The reply is about the
 * recipient above it: the address is no recipient of its own. */
bool
bn_fb_sender_in_reply(const bn_span *l, const char *addr, const GPtrArray *senders)
{
  const char *start = reply_start(l);
  if (start == NULL)
    return false;
  const char *end = l->p + l->len;
  size_t n = strlen(addr);
  bool in_reply = false, sender = false;
  for (const char *at = start; (at = bn_strcasestr(at, (size_t)(end - at), addr)) != NULL;
       at += n) {
    const char *rest = at + n;
    while (rest < end && strchr(">]):;,.'\" \t", *rest))
      rest++;
    if (ends_with_word(start, (size_t)(at - start), recipient_before) ||
        opens_with_word(rest, end, "recipient"))
      return false;
    in_reply = true;
    sender |= ends_with_word(start, (size_t)(at - start), sender_before) ||
              opens_with_word(rest, end, "sender");
  }
  return in_reply && (sender || (senders && bn_fb_listed(senders, addr)));
}

/* Where the display name before the mailbox whose address is at at
 * starts ("from \"Miller, Bob\" <bob@...>", "from Bob Miller <bob@...>":
 * a quoted name, or up to four words that open with a capital), s being
 * the line's start; at itself when there is none. */
static const char *
display_name_start(const char *s, const char *at)
{
  const char *q = at;
  while (q > s && (q[-1] == ' ' || q[-1] == '\t'))
    q--;
  if (q == s || q[-1] != '<')
    return at;
  q--;
  while (q > s && q[-1] == ' ')
    q--;
  if (q > s && q[-1] == '"') {
    const char *o = q - 1;
    while (o > s && o[-1] != '"')
      o--;
    return o > s ? o - 1 : at;
  }
  /* read back into a sentence, a word with a '.' ends the one before */
  return bn_fb_name_words(s, q, ":;,.!?@<>()\"");
}

/* The first address on line l that its words do not name the sender
 * ("Your message from bob@... could not be delivered to anna@...": anna;
 * "The message from Bob Miller <bob@...> to Anna Smith <anna@...>":
 * anna), or NULL. */
char *
bn_fb_first_not_sender(const bn_span *l)
{
  const char *p = l->p, *end = l->p + l->len;
  for (int k = 0; k < 4 && p < end; k++) {
    char *addr = bn_find_address(p, (size_t)(end - p));
    const char *at = addr ? bn_strcasestr(p, (size_t)(end - p), addr) : NULL;
    if (at == NULL ||
        !ends_with_word(l->p, (size_t)(display_name_start(p, at) - l->p), sender_before))
      return addr;
    p = at + strlen(addr);
    g_free(addr);
  }
  return NULL;
}

/* Adds the address value[0..len) gives to a, once. */
static void
add_address(GPtrArray *a, const char *value, size_t len)
{
  char *addr = value ? bn_find_address(value, len) : NULL;
  if (addr && !bn_fb_listed(a, addr))
    g_ptr_array_add(a, addr);
  else
    g_free(addr);
}

/* The addresses the returned message names as its sender: its From, and
 * the From, Return-Path and Sender of its header (a returned message,
 * text/rfc822-headers, or the copy inline in the text from end). */
GPtrArray *
bn_fb_returned_senders(const bn_view *v, const bounce_report *r, gssize end)
{
  static const char *const names[] = {"From", "Return-Path", "Sender", NULL};
  GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
  const char *from = bn_report_original(r, "From");
  add_address(a, from, strlen(from));
  for (size_t i = 0; v->returned && names[i]; i++) {
    const char *h = g_mime_object_get_header(GMIME_OBJECT(v->returned), names[i]);
    add_address(a, h, h ? strlen(h) : 0);
  }
  const GString *t = v->returned_headers->len ? v->returned_headers : v->text;
  size_t at = v->returned_headers->len ? 0 : end >= 0 ? (size_t)end : t->len;
  bn_lines it;
  bn_span l, name, value;
  bn_lines_init(&it, t->str + at, t->len - at);
  while (bn_lines_next(&it, &l) && l.len > 0) {
    if (!bn_dsn_field(&l, &name, &value))
      continue;
    bn_dsn_value_unfold(&it, &value);
    for (size_t i = 0; names[i]; i++)
      if (name.len == strlen(names[i]) && g_ascii_strncasecmp(name.p, names[i], name.len) == 0)
        add_address(a, value.p, value.len);
  }
  return a;
}
