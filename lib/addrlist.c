/* The mailboxes an address header lists. GMime's list parser drops every
 * mailbox that breaks RFC 5322's dot rules, even "Hanako
 * <hanako.@docomo.ne.jp>", yet NTT docomo and au handed out such
 * addresses for years ("taro.@docomo.ne.jp", "ta..ro@ezweb.ne.jp"), and
 * their owners' auto-replies and the originals returned to them name them.
 * GMime reads every list; only where it gave fewer mailboxes than the
 * header has items is each item it left out read here. */
#include "private.h"
#include <string.h>

/* The length of the item at s: up to the first comma or semicolon outside
 * quotes, comments and angle brackets. *group is set when a colon outside
 * them opens a group ("team: a@b, c@d;"); *lt is where its first "<"
 * outside quotes and comments stands, or the length when it has none. */
static size_t
item_len(const char *s, size_t len, bool *group, size_t *lt)
{
  *lt = len;
  int depth = 0;
  bool quoted = false, angle = false, literal = false;
  size_t i = 0;
  for (; i < len; i++) {
    char c = s[i];
    /* raw ISO-2022-JP, as old Japanese mailers wrote names: its two-byte
     * text is ASCII bytes ("(", ";", "\"") up to the escape back */
    const char *back = c == '\x1b' && i + 1 < len && s[i + 1] == '$'
                           ? memmem(s + i, len - i, "\x1b(", 2)
                           : NULL;
    if (back)
      i = (size_t)(back - s) + 2;
    else if (c == '\\' && (quoted || depth) && i + 1 < len)
      i++;
    else if (quoted)
      quoted = c != '"';
    else if (depth)
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    else if (c == '"')
      quoted = true;
    else if (c == '(')
      depth = 1;
    else if (c == '<' || c == '>') {
      angle = c == '<';
      *lt = angle ? MIN(*lt, i) : *lt;
    }
    else if (c == '[' || c == ']') /* "postmaster@[IPv6:2001:db8::1]" */
      literal = c == '[';
    else if (c == ':' && !angle && !literal)
      *group = true;
    else if ((c == ',' || c == ';') && !angle)
      break;
  }
  size_t end = MIN(i, len);
  *lt = MIN(*lt, end);
  return end;
}

/* Where an item writes its address: inside the "<...>" that opens at lt
 * (item_len), else all of it; NULL when that "<" is never closed. */
static const char *
item_address(const char *s, size_t *len, size_t lt)
{
  if (lt >= *len)
    return s;
  const char *gt = memchr(s + lt, '>', *len - lt);
  if (gt == NULL)
    return NULL;
  *len = (size_t)(gt - s) - lt - 1;
  return s + lt + 1;
}

/* The address of an item GMime dropped for its dots alone: "<...>" or the
 * first word, with a local part that ends in a dot or holds two in a row
 * and is otherwise valid; a new string or NULL. Anything else GMime
 * refused stays refused. */
static char *
dotted_mailbox(const char *s, size_t len, size_t lt)
{
  bn_span w = {NULL, len};
  w.p = item_address(s, &w.len, lt);
  if (w.p == NULL)
    return NULL;
  bn_span_trim(&w);
  /* an address only a comment names, "(taro.@docomo.ne.jp)", is no
   * mailbox: GMime refuses "(taro@docomo.ne.jp)" too */
  if (w.len && w.p[0] == '(')
    return NULL;
  w.len = bn_word_end(w.p, w.len);
  char *addr = w.len ? bn_address_clean(w.p, w.len) : NULL;
  const char *at = addr ? strrchr(addr, '@') : NULL;
  bool dots = at && at > addr && (at[-1] == '.' || g_strstr_len(addr, at - addr, ".."));
  if (!dots || !bn_address_valid(addr)) {
    g_free(addr);
    return NULL;
  }
  return addr;
}

/* The items outside groups, which GMime gives as one mailbox each. */
static guint
count_items(const char *h, size_t len)
{
  guint n = 0;
  bool in_group = false;
  for (size_t at = 0; at < len;) {
    bool group = in_group;
    size_t lt;
    size_t end = item_len(h + at, len - at, &group, &lt);
    n += !group;
    in_group = group && !(at + end < len && h[at + end] == ';');
    at += end + 1;
  }
  return n;
}

/* How far past the last mailbox's written form the next one's is looked
 * for: a list names its mailboxes in order, and a search of the whole
 * header for each would be quadratic in the list. */
#define WRITTEN_WINDOW 4096

/* GMime's next mailbox from entry *j on, as written in header from *pos
 * on (moved past it); NULL at the end. */
static char *
next_mailbox(InternetAddressList *list, int n, int *j, const char *header, size_t len, size_t *pos)
{
  for (; *j < n; (*j)++) {
    InternetAddress *ia = internet_address_list_get_address(list, *j);
    if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
      continue;
    size_t end = 0;
    char *addr = bn_mailbox_as_written(INTERNET_ADDRESS_MAILBOX(ia), header ? header + *pos : NULL,
                                       MIN(len - *pos, WRITTEN_WINDOW), &end);
    *pos += end;
    if (addr)
      return addr;
  }
  return NULL;
}

static void
push(GPtrArray *out, char *addr, guint start, guint max)
{
  if (out->len - start < max)
    g_ptr_array_add(out, addr);
  else
    g_free(addr);
}

void
bn_header_mailboxes(InternetAddressList *list, const char *header, guint max, GPtrArray *out)
{
  int n = list ? internet_address_list_length(list) : 0;
  guint start = out->len, mailboxes = 0;
  for (int i = 0; i < n; i++)
    mailboxes += INTERNET_ADDRESS_IS_MAILBOX(internet_address_list_get_address(list, i));
  size_t len = header ? strlen(header) : 0, pos = 0;
  int j = 0;
  char *next = NULL;
  /* the items in order: GMime's next mailbox where the item holds it, the
   * item read here when only its dots kept GMime from reading it; an item
   * that is neither ("Yamada" of an unquoted "Yamada, Taro <t@...>") is
   * skipped, and GMime's mailboxes no item held come after */
  if (len && count_items(header, len) > mailboxes) {
    bool in_group = false;
    for (size_t at = 0; at < len && out->len - start < max;) {
      bool group = in_group;
      size_t lt;
      size_t end = item_len(header + at, len - at, &group, &lt);
      if (!group) {
        if (next == NULL)
          next = next_mailbox(list, n, &j, header, len, &pos);
        /* by its address, not its name: "\"Sato (sato@example.jp)\"
         * <sato.@docomo.ne.jp>" does not hold GMime's sato@example.jp */
        size_t alen = end;
        const char *addr = item_address(header + at, &alen, lt);
        bool holds = next && bn_strcasestr(addr ? addr : header + at, addr ? alen : end, next);
        char *own = holds ? NULL : dotted_mailbox(header + at, end, lt);
        if (own) {
          push(out, own, start, max);
        } else if (holds) {
          push(out, next, start, max);
          next = NULL;
          j++;
        }
      }
      in_group = group && !(at + end < len && header[at + end] == ';');
      at += end + 1;
    }
  }
  /* the rest of GMime's, in its order */
  if (next) {
    push(out, next, start, max);
    j++;
  }
  while (out->len - start < max && (next = next_mailbox(list, n, &j, header, len, &pos))) {
    push(out, next, start, max);
    j++;
  }
}

void
bn_parse_mailboxes(const char *header, guint max, GPtrArray *out)
{
  InternetAddressList *list = header && header[0] ? internet_address_list_parse(NULL, header) : NULL;
  bn_header_mailboxes(list, header, max, out);
  if (list)
    g_object_unref(list);
}
