/* The mailboxes an address header lists. GMime's list parser drops every
 * mailbox that breaks RFC 5322's dot rules, even "Hanako
 * <hanako.@docomo.ne.jp>", yet NTT docomo and au handed out such
 * addresses for years ("taro.@docomo.ne.jp", "ta..ro@ezweb.ne.jp"), and
 * their owners' auto-replies and the originals returned to them name them.
 * GMime reads every list; only where it gave fewer mailboxes than the
 * header has items is each item it left out read here. A group's members
 * are mailboxes of the list like any other ("team: a@b, c@d;"), an empty
 * group ("undisclosed-recipients:;") has none. Outlook and the mailers that
 * copy it part a list with ";" ("a@example.com; b@example.org"), where
 * GMime stops reading or skips the next item: such a list is read one
 * part at a time. */
#include "private.h"
#include <string.h>

/* The length of the item at s: up to the first comma or semicolon outside
 * quotes, comments and angle brackets. *group is set when a colon outside
 * them opens a group ("team: a@b, c@d;"), and *from is where the item's
 * own text starts, past that colon (0 without one); *lt is where its first
 * "<" past *from outside quotes and comments stands, or the length when it
 * has none. */
static size_t
item_len(const char *s, size_t len, bool *group, size_t *from, size_t *lt)
{
  *lt = len;
  *from = 0;
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
    else if (c == ':' && !angle && !literal) {
      *group = true;
      *from = i + 1;
      *lt = len;
    }
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

/* How many items of the list h have text of their own, a group's members
 * among them; where a ";" parts items, *commas is set to a copy of h with
 * a "," in place of each such ";". */
static guint
count_items(const char *h, size_t len, char **commas)
{
  guint items = 0;
  bool in_group = false;
  for (size_t at = 0; at < len;) {
    bool group = in_group;
    size_t from, lt;
    size_t end = item_len(h + at, len - at, &group, &from, &lt);
    items += !bn_all_space(h + at + from, end - from);
    bool semicolon = at + end < len && h[at + end] == ';';
    if (semicolon && !group) {
      if (*commas == NULL)
        *commas = g_strndup(h, len);
      (*commas)[at + end] = ',';
    }
    in_group = group && !semicolon;
    at += end + 1;
  }
  return items;
}

/* GMime's mailboxes in order, a group's members in its place; a group in
 * a group, which RFC 5322 does not allow, gives none. */
static GPtrArray *
flat_mailboxes(InternetAddressList *list)
{
  int n = list ? internet_address_list_length(list) : 0;
  GPtrArray *flat = g_ptr_array_sized_new((guint)n);
  for (int i = 0; i < n; i++) {
    InternetAddress *ia = internet_address_list_get_address(list, i);
    InternetAddressList *members =
        INTERNET_ADDRESS_IS_GROUP(ia) ? internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)) : NULL;
    int m = members ? internet_address_list_length(members) : 0;
    for (int k = 0; k < m; k++) {
      InternetAddress *member = internet_address_list_get_address(members, k);
      if (INTERNET_ADDRESS_IS_MAILBOX(member))
        g_ptr_array_add(flat, member);
    }
    if (INTERNET_ADDRESS_IS_MAILBOX(ia))
      g_ptr_array_add(flat, ia);
  }
  return flat;
}

/* How far past the last mailbox's written form the next one's is looked
 * for: a list names its mailboxes in order, and a search of the whole
 * header for each would be quadratic in the list. */
#define WRITTEN_WINDOW 4096

/* GMime's next mailbox from entry *j of flat on, as written in header from
 * *pos on (moved past it); NULL at the end. */
static char *
next_mailbox(GPtrArray *flat, guint *j, const char *header, size_t len, size_t *pos)
{
  for (; *j < flat->len; (*j)++) {
    size_t end = 0;
    char *addr = bn_mailbox_as_written(g_ptr_array_index(flat, *j), header ? header + *pos : NULL,
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

/* The mailboxes of header[0..len), a list with no ";" that parts it, of
 * which GMime read list. */
static void
list_mailboxes(InternetAddressList *list, const char *header, size_t len, guint items, guint max,
               GPtrArray *out)
{
  GPtrArray *flat = flat_mailboxes(list);
  guint start = out->len, j = 0;
  size_t pos = 0;
  char *next = NULL;
  /* the items in order: GMime's next mailbox where the item holds it, the
   * item read here when only its dots kept GMime from reading it; an item
   * that is neither ("Yamada" of an unquoted "Yamada, Taro <t@...>") is
   * skipped, and GMime's mailboxes no item held come after */
  if (items > flat->len) {
    bool in_group = false;
    for (size_t at = 0; at < len && out->len - start < max;) {
      bool group = in_group;
      size_t from, lt;
      size_t end = item_len(header + at, len - at, &group, &from, &lt);
      const char *item = header + at + from;
      size_t ilen = end - from;
      lt -= from;
      if (next == NULL)
        next = next_mailbox(flat, &j, header, len, &pos);
      /* by its address, not its name: "\"Sato (sato@example.jp)\"
       * <sato.@docomo.ne.jp>" does not hold GMime's sato@example.jp */
      size_t alen = ilen;
      const char *addr = item_address(item, &alen, lt);
      bool holds = next && bn_strcasestr(addr ? addr : item, addr ? alen : ilen, next);
      char *own = holds ? NULL : dotted_mailbox(item, ilen, lt);
      if (own) {
        push(out, own, start, max);
      } else if (holds) {
        push(out, next, start, max);
        next = NULL;
        j++;
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
  while (out->len - start < max && (next = next_mailbox(flat, &j, header, len, &pos))) {
    push(out, next, start, max);
    j++;
  }
  g_ptr_array_free(flat, TRUE);
}

guint
bn_group_depth(const char *h, size_t len, guint cap)
{
  guint open = 0, most = 0;
  size_t comment = 0, opener = 0; /* where the quote, comment, ... began */
  bool quoted = false, angle = false, literal = false;
  /* raw ISO-2022-JP is not skipped as item_len skips it: GMime reads its
   * bytes as ASCII, colons among them */
  size_t i = 0;
  for (; i < len && most < cap; i++) {
    char c = h[i];
    if (c == '\\' && (quoted || comment) && i + 1 < len)
      i++;
    else if (quoted)
      quoted = c != '"';
    else if (comment && (c == '(' || c == ')'))
      comment = c == '(' ? comment + 1 : comment - 1;
    else if (comment)
      continue;
    else if (c == '"' || c == '(') {
      quoted = c == '"';
      comment = c == '(';
      opener = i;
    } else if (c == '<' || c == '>') {
      angle = c == '<';
      opener = i;
    } else if (c == '[' || c == ']') {
      literal = c == '[';
      opener = i;
    } else if (c == ':' && !angle && !literal) {
      open++;
      most = MAX(most, open);
    } else if (c == ';' && !angle && open)
      open--;
  }
  /* Never closed: GMime may read on past the opener as if it were not
   * there, so each colon after it counts as a group opened. */
  if (i == len && (quoted || comment || angle || literal))
    for (const char *c = h + opener + 1;
         most < cap && (c = memchr(c, ':', len - (size_t)(c - h))) != NULL; c++) {
      open++;
      most = MAX(most, open);
    }
  return most;
}

/* The mailboxes of header, of which GMime read list, or when parse is
 * set, which GMime is to read here (list unused). */
static void
mailboxes(InternetAddressList *list, bool parse, const char *header, guint max, GPtrArray *out)
{
  size_t len = header ? strlen(header) : 0;
  char *commas = NULL;
  guint items = count_items(header, len, &commas);
  /* parted by ";": GMime stops there or skips the next item, so it reads
   * the list again with commas in their place */
  const char *text = commas ? commas : header;
  InternetAddressList *own = (parse || commas) && len &&
                                     bn_group_depth(text, len, BN_MAX_GROUP_DEPTH + 1) <=
                                         BN_MAX_GROUP_DEPTH
                                 ? internet_address_list_parse(NULL, text)
                                 : NULL;
  list_mailboxes(parse || commas ? own : list, text, len, items, max, out);
  if (own)
    g_object_unref(own);
  g_free(commas);
}

void
bn_header_mailboxes(InternetAddressList *list, const char *header, guint max, GPtrArray *out)
{
  mailboxes(list, false, header, max, out);
}

void
bn_parse_mailboxes(const char *header, guint max, GPtrArray *out)
{
  mailboxes(NULL, true, header, max, out);
}

const char *const bn_no_reply_locals[] = {"no-reply", "noreply", "do-not-reply", "donotreply",
                                          "no_reply", NULL};
