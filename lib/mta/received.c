/* The envelope recipient a returned message's own Received field names:
 * Sendmail writes "for <addr>" in the field it adds on taking a message in
 * when the envelope has one recipient (the $u in its Received template),
 * and most servers do the same. Only the field the notice's own host wrote
 * speaks of the envelope it returned: an earlier hop's "for" named another
 * envelope. */
#include "mta.h"
#include <string.h>

/* Whether host (a "by" token, n bytes, a closing dot aside) is name. */
static bool
host_is(const char *host, size_t n, const char *name)
{
  while (n && host[n - 1] == '.')
    n--;
  size_t m = name ? strlen(name) : 0;
  while (m && name[m - 1] == '.')
    m--;
  return m && m == n && g_ascii_strncasecmp(host, name, n) == 0;
}

/* The value's token after word ("by", "for") outside any comment ("(using
 * TLS ... by ...)"), the word after white space or the value's start; its
 * length in *n, or NULL. */
static const char *
token_after(const char *s, size_t len, const char *word, size_t *n)
{
  size_t w = strlen(word);
  long depth = 0;
  for (size_t i = 0; i < len; i++) {
    depth += s[i] == '(' ? 1 : s[i] == ')' && depth > 0 ? -1 : 0;
    if (depth || i + w >= len || (i && !g_ascii_isspace(s[i - 1])) ||
        g_ascii_strncasecmp(s + i, word, w) != 0 || !g_ascii_isspace(s[i + w]))
      continue;
    const char *q = s + i + w, *end = s + len;
    while (q < end && g_ascii_isspace(*q))
      q++;
    const char *e = q;
    while (e < end && !g_ascii_isspace(*e) && *e != ';' && *e != '(')
      e++;
    *n = (size_t)(e - q);
    return *n ? q : NULL;
  }
  return NULL;
}

/* What one Received value says: whether one of hosts wrote it, and then
 * the address after its "for" (a new string), or NULL. */
static bool
written_by(const char *s, size_t len, const char *const *hosts, size_t nhosts, char **env)
{
  size_t n = 0;
  const char *by = token_after(s, len, "by", &n);
  bool ours = false;
  for (size_t i = 0; by && i < nhosts && !ours; i++)
    ours = host_is(by, n, hosts[i]);
  if (!ours)
    return false;
  const char *f = token_after(s, len, "for", &n);
  *env = f ? bn_address_clean(f, n) : NULL;
  return true;
}

/* The first Received field of a header block in text (an inline copy, or a
 * text/rfc822-headers part) that one of hosts wrote. */
static char *
from_text(const char *text, size_t len, const char *const *hosts, size_t nhosts)
{
  len = bn_header_block_len(text, len);
  const char *end = text + len, *p = text;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *next = nl ? nl + 1 : end;
    if ((size_t)(end - p) >= 9 && g_ascii_strncasecmp(p, "Received:", 9) == 0) {
      /* the field's folded lines too */
      while (next < end && (*next == ' ' || *next == '\t')) {
        nl = memchr(next, '\n', (size_t)(end - next));
        next = nl ? nl + 1 : end;
      }
      char *env = NULL;
      if (written_by(p + 9, (size_t)(next - p - 9), hosts, nhosts, &env))
        return env;
    }
    p = next;
  }
  return NULL;
}

static char *
from_message(GMimeMessage *msg, const char *const *hosts, size_t nhosts)
{
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(msg));
  int count = list ? g_mime_header_list_get_count(list) : 0;
  for (int i = 0; i < count; i++) {
    GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
    const char *name = g_mime_header_get_name(h);
    const char *value = g_mime_header_get_value(h);
    char *env = NULL;
    if (name && value && g_ascii_strcasecmp(name, "Received") == 0 &&
        written_by(value, strlen(value), hosts, nhosts, &env))
      return env;
  }
  return NULL;
}

/* The domain after the last '@' of s, or NULL. */
static const char *
domain_of(const char *s)
{
  const char *at = s ? strrchr(s, '@') : NULL;
  return at && at[1] ? at + 1 : NULL;
}

char *
bn_received_for(const bn_view *v, const bounce_report *r, gssize inline_at, const char *also)
{
  const char *id = v->msg ? g_mime_message_get_message_id(v->msg) : NULL;
  const char *hosts[] = {r->reporting_mta, domain_of(v->from_addr), domain_of(id), also};
  size_t n = G_N_ELEMENTS(hosts);
  if (v->returned)
    return from_message(v->returned, hosts, n);
  if (v->returned_headers->len)
    return from_text(v->returned_headers->str, v->returned_headers->len, hosts, n);
  if (inline_at < 0 || (size_t)inline_at >= v->text->len)
    return NULL;
  const char *t = v->text->str + inline_at;
  size_t len = v->text->len - (size_t)inline_at;
  /* blank lines before the copy's header */
  while (len && (*t == '\n' || *t == ' ' || *t == '\t')) {
    t++;
    len--;
  }
  return from_text(t, len, hosts, n);
}

/* Whether addr is the returned message's own From: one who writes to
 * himself and puts the others in Bcc ("To: me@a", the list hidden) names
 * no recipient in To and Cc, and the notice did not fail for its sender. */
static bool
sender_own(const bounce_report *r, const char *addr)
{
  GPtrArray *from = g_ptr_array_new_with_free_func(g_free);
  bn_parse_mailboxes(bn_report_original(r, "From"), 4, from);
  bool own = false;
  for (guint i = 0; i < from->len && !own; i++)
    own = bn_same_mailbox(g_ptr_array_index(from, i), addr, false);
  g_ptr_array_free(from, TRUE);
  return own;
}

char *
bn_sole_recipient(const bn_view *v, const bounce_report *r, gssize inline_at, const char *also,
                  const GPtrArray *addrs)
{
  char *envelope = bn_received_for(v, r, inline_at, also);
  if (envelope == NULL && addrs->len == 1 && !sender_own(r, g_ptr_array_index(addrs, 0)))
    envelope = g_strdup(g_ptr_array_index(addrs, 0));
  return envelope;
}

bounce_recipient *
bn_prose_sole_recipient(const bn_view *v, bounce_report *r, gssize inline_at, const char *also)
{
  GPtrArray *addrs = bn_original_addresses(r);
  char *to = bn_sole_recipient(v, r, inline_at, also, addrs);
  bounce_recipient *rc = to ? bn_prose_recipient(r, to) : NULL;
  g_ptr_array_free(addrs, TRUE);
  g_free(to);
  return rc;
}
