/* The generic code that chooses a provider of lib/rhost/ by host name and
 * applies its rules. The rules of each provider are matched in one pass
 * over the diagnostic: one phrase set per provider, compiled when the
 * library is built (bn_compiled_rhost). */
#include "rhost.h"
#include <stdint.h>
#include <string.h>

/* Built once: domain -> provider. */
typedef struct {
  GHashTable *by_domain; /* char * -> const bn_rhost * */
  size_t n;
} tables;

static gpointer
build_tables(gpointer unused)
{
  (void)unused;
  tables *t = g_new0(tables, 1);
  while (bn_rhost_registry[t->n])
    t->n++;
  t->by_domain = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; i < t->n; i++) {
    const bn_rhost *p = bn_rhost_registry[i];
    for (size_t d = 0; p->domains[d]; d++)
      if (!g_hash_table_contains(t->by_domain, p->domains[d]))
        g_hash_table_insert(t->by_domain, (gpointer)p->domains[d], (gpointer)p);
  }
  return t;
}

static const tables *
get_tables(void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once(&once, build_tables, NULL);
}

static size_t
index_of(const tables *t, const bn_rhost *p)
{
  for (size_t i = 0; i < t->n; i++)
    if (bn_rhost_registry[i] == p)
      return i;
  return SIZE_MAX;
}

const bn_rhost *
bn_rhost_for_host(const char *host, size_t len)
{
  if (host == NULL || len == 0 || len > 255)
    return NULL;
  char buf[256];
  for (size_t i = 0; i < len; i++)
    buf[i] = bn_ascii_lower(host[i]);
  buf[len] = '\0';
  while (len && buf[len - 1] == '.')
    buf[--len] = '\0';
  const tables *t = get_tables();
  /* The host itself, then each parent domain: mx1.mail.example.com,
   * mail.example.com, example.com. */
  for (const char *at = buf; at && *at;) {
    const bn_rhost *p = g_hash_table_lookup(t->by_domain, at);
    if (p)
      return p;
    at = strchr(at, '.');
    if (at)
      at++;
  }
  return NULL;
}

/* want: "5.7.509" exact, "x.7.509" in any class, '?' one digit
 * ("4.7.5??" is 4.7.500 to 4.7.599). */
static bool
status_matches(const char *want, const char *have)
{
  if (want == NULL)
    return true;
  if (have == NULL || have[0] == '\0')
    return false;
  size_t i = 0;
  for (; want[i] && have[i]; i++) {
    if (i == 0 && want[0] == 'x')
      continue;
    if (want[i] == '?' ? !g_ascii_isdigit(have[i]) : want[i] != have[i])
      return false;
  }
  return want[i] == '\0' && have[i] == '\0';
}

/* Which of a provider's rules read a reply. */
typedef enum {
  RULES_ALL,
  /* those that name a status (the provider's own codes), not those keyed
   * on a reply's words alone */
  RULES_CODES,
  /* those for codes its sending servers write themselves (rule->own) */
  RULES_OWN,
} rule_scope;

/* Whether a rule's command holds for a recipient's: "" holds where the
 * report names none (a reply whose own words say which command it
 * answers). */
static bool
command_matches(const char *want, const char *have)
{
  if (have == NULL || *have == '\0')
    return *want == '\0';
  return strcmp(want, have) == 0;
}

/* Whether text[i..len) is Postfix's trailer after a reply, "(in reply to
 * end of DATA command)" (smtp_proto.c): its SMTP client's words, which a
 * notice without a report part keeps in the diagnostic, never the reply's. */
static bool
is_postfix_trailer(const char *text, size_t i, size_t len)
{
  static const char lead[] = "(in reply to ";
  static const char tail[] = " command)";
  size_t n = len - i;
  return n >= strlen(lead) + strlen(tail) &&
         g_ascii_strncasecmp(text + i, lead, strlen(lead)) == 0 &&
         g_ascii_strncasecmp(text + len - strlen(tail), tail, strlen(tail)) == 0 &&
         memchr(text + i + 1, '(', n - 1) == NULL;
}

/* Whether text[0..len) is phrase alone after a reply code and a status
 * ("550 5.0.0 Message Rejected."): case and runs of white space aside,
 * with nothing after it but white space, a full stop and Postfix's
 * trailer. */
static bool
reply_is_only(const char *text, size_t len, const char *phrase)
{
  size_t i = 0;
  while (i < len && (g_ascii_isdigit(text[i]) || text[i] == '.' || text[i] == '-' ||
                     g_ascii_isspace(text[i])))
    i++;
  for (const char *p = phrase; *p; p++) {
    if (*p == ' ') {
      if (i >= len || !g_ascii_isspace(text[i]))
        return false;
      while (i < len && g_ascii_isspace(text[i]))
        i++;
    } else if (i < len && bn_ascii_lower(text[i]) == *p) {
      i++;
    } else {
      return false;
    }
  }
  while (i < len && (g_ascii_isspace(text[i]) || text[i] == '.'))
    i++;
  return i == len || is_postfix_trailer(text, i, len);
}

/* The cause the rules of p in scope give for a recipient whose diagnostic
 * reads text[0..len) for phrase matching (first rule that holds wins), or
 * UNDEFINED; its common rules only when common. */
static bounce_cause
apply_rules(const bn_rhost *p, const bounce_recipient *rc, const char *text, size_t len,
            rule_scope scope, bool common)
{
  const tables *t = get_tables();
  size_t i = index_of(t, p);
  if (i == SIZE_MAX || p->n_rules == 0)
    return BOUNCE_CAUSE_UNDEFINED;
  bool stack_hits[128];
  bool *hits = p->n_rules <= G_N_ELEMENTS(stack_hits) ? stack_hits : g_new(bool, p->n_rules);
  bn_phrase_set_scan(bn_compiled_rhost[i], text ? text : "", text ? len : 0, hits);
  bounce_cause found = BOUNCE_CAUSE_UNDEFINED;
  /* The set holds the rules' phrases in the order of the rules. */
  size_t next_phrase = 0;
  for (size_t r = 0; r < p->n_rules; r++) {
    const bn_rhost_rule *rule = &p->rules[r];
    if (rule->phrase && !hits[next_phrase++])
      continue;
    if (scope == RULES_CODES && rule->status == NULL)
      continue;
    if (scope == RULES_OWN && !rule->own)
      continue;
    if (rule->common && !common)
      continue;
    if (!status_matches(rule->status, rc->status))
      continue;
    if (rule->reply && rule->reply != rc->reply_code)
      continue;
    if (rule->command && !command_matches(rule->command, rc->smtp_command))
      continue;
    if (rule->alone && !reply_is_only(text, text ? len : 0, rule->phrase))
      continue;
    found = rule->cause;
    break;
  }
  if (hits != stack_hits)
    g_free(hits);
  return found;
}

static bool
host_byte(char c)
{
  return g_ascii_isalnum(c) || c == '-' || c == '.';
}

/* Adds the provider of a host to the list once. */
static void
add_provider(const bn_rhost **list, size_t *n, size_t cap, const bn_rhost *p)
{
  if (p == NULL || *n >= cap)
    return;
  for (size_t i = 0; i < *n; i++)
    if (list[i] == p)
      return;
  list[(*n)++] = p;
}

/* A list of providers, filled up to its cap. */
typedef struct {
  const bn_rhost **list;
  size_t n, cap;
} provider_list;

/* Host names written in a text: runs of letters, digits, '-' and '.' with
 * a dot inside. The domains of its e-mail addresses go to mailboxes (when
 * not NULL), the others to hosts: one pass over the text for both. */
static void
providers_in_text(const char *s, size_t len, provider_list *mailboxes, provider_list *hosts)
{
  size_t i = 0;
  while (i < len && (hosts->n < hosts->cap || (mailboxes && mailboxes->n < mailboxes->cap))) {
    if (!host_byte(s[i])) {
      i++;
      continue;
    }
    size_t start = i;
    while (i < len && host_byte(s[i]))
      i++;
    size_t end = i;
    while (start < end && (s[start] == '.' || s[start] == '-'))
      start++;
    while (end > start && (s[end - 1] == '.' || s[end - 1] == '-'))
      end--;
    if (end - start < 4 || memchr(s + start, '.', end - start) == NULL)
      continue;
    provider_list *to = start > 0 && s[start - 1] == '@' ? mailboxes : hosts;
    if (to && to->n < to->cap)
      add_provider(to->list, &to->n, to->cap, bn_rhost_for_host(s + start, end - start));
  }
}

/* The word w alone in s (no letter, digit or '.' either side). */
static bool
has_word(const char *s, size_t len, const char *w)
{
  size_t wl = strlen(w);
  const char *end = s + len;
  for (const char *p = s; (p = bn_strcasestr(p, (size_t)(end - p), w)) != NULL; p += wl) {
    bool open = p == s || !(g_ascii_isalnum(p[-1]) || p[-1] == '.');
    bool close = p + wl == end || !(g_ascii_isalnum(p[wl]) || p[wl] == '.');
    if (open && close)
      return true;
  }
  return false;
}

/* The providers whose signature word the text holds ("... - gsmtp"). */
static void
providers_signing(const char *s, size_t len, const bn_rhost **list, size_t *n, size_t cap)
{
  for (size_t i = 0; bn_rhost_registry[i]; i++) {
    const char *const *sig = bn_rhost_registry[i]->signatures;
    for (size_t k = 0; sig && sig[k]; k++)
      if (has_word(s, len, sig[k]))
        add_provider(list, n, cap, bn_rhost_registry[i]);
  }
}

/* Whether a Remote-MTA names a host (its last label letters), not an IP
 * address: only a name says the reply came from someone else's server. */
static bool
named_host(const char *h)
{
  const char *dot = h ? strrchr(h, '.') : NULL;
  if (dot == NULL || dot[1] == '\0')
    return false;
  for (const char *p = dot + 1; *p; p++)
    if (!g_ascii_isalpha(*p))
      return false;
  return true;
}

/* Whether mark m is at s[0..n): its bytes as written, '#' a run of
 * digits. */
static bool
mark_at(const char *s, size_t n, const char *m)
{
  size_t i = 0;
  for (; *m; m++) {
    if (*m != '#') {
      if (i >= n || s[i++] != *m)
        return false;
      continue;
    }
    size_t d = i;
    while (i < n && g_ascii_isdigit(s[i]))
      i++;
    if (i == d)
      return false;
  }
  return true;
}

/* Whether text[0..len) holds one of p's marks. */
static bool
has_mark(const bn_rhost *p, const char *text, size_t len)
{
  for (size_t k = 0; p->marks && p->marks[k]; k++) {
    const char *m = p->marks[k];
    for (const char *at = memchr(text, m[0], len); at;
         at = memchr(at + 1, m[0], len - (size_t)(at + 1 - text)))
      if (mark_at(at, len - (size_t)(at - text), m))
        return true;
  }
  return false;
}

/* Where an MTA's prose names the server that answered: Postfix's "host
 * mx.example.com[192.0.2.1] said:", Exim's "host mx.example.com
 * [192.0.2.1]", Sendmail's "... while talking to mx.example.com.:". The
 * lead's last word and the name may stand on two lines (Postfix wraps its
 * notice: "<long.address@example.net>: host\n    mx.example.net[...]"). */
static const struct {
  const char *lead;
  bool bracket; /* an IP literal must follow the name ("[", " [") */
} prose_hosts[] = {
  {"host", true},
  {"while talking to", false},
};

/* The length of the space, tabs and at most one line end at s[0..len). */
static size_t
gap_at(const char *s, size_t len)
{
  size_t i = 0;
  bool line_end = false;
  while (i < len && (s[i] == ' ' || s[i] == '\t' || ((s[i] == '\n' || s[i] == '\r') && !line_end))) {
    if (s[i] == '\n')
      line_end = true;
    i++;
  }
  return i;
}

/* The host name at s[0..len) (up to the first byte of none), or 0. */
static size_t
host_at(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len && host_byte(s[i]))
    i++;
  size_t end = i;
  while (end && s[end - 1] == '.')
    end--;
  if (end < 4 || memchr(s, '.', end) == NULL)
    return 0;
  return end;
}

/* A server name the prose gives, and where its lead stands. */
typedef struct {
  const char *lead, *host;
  size_t len;
  bool before; /* the lead's kind: its session's addresses follow it */
  const bn_rhost *provider;
} prose_name;

/* a notice names one server per recipient: past a few, which provider
 * each belongs to is not looked up, and the prose does not tell */
enum { MAX_HOSTS = 16 };

/* The names the prose gives at its leads, into names (room for
 * MAX_HOSTS); returns how many, or MAX_HOSTS + 1 where there are more. */
static size_t
prose_names(const char *text, size_t len, prose_name *names)
{
  size_t seen = 0;
  for (size_t k = 0; k < G_N_ELEMENTS(prose_hosts); k++) {
    const char *lead = prose_hosts[k].lead;
    size_t ll = strlen(lead);
    const char *end = text + len;
    for (const char *p = text; (p = bn_strcasestr(p, (size_t)(end - p), lead)); p += ll) {
      if (p > text && g_ascii_isalnum(p[-1]))
        continue;
      size_t gap = gap_at(p + ll, (size_t)(end - p - ll));
      if (gap == 0)
        continue;
      const char *h = p + ll + gap;
      size_t hl = host_at(h, (size_t)(end - h));
      if (hl == 0)
        continue;
      size_t after = hl;
      while (h + after < end && h[after] == '.')
        after++;
      if (prose_hosts[k].bracket) {
        if (h + after < end && h[after] == ' ')
          after++;
        if (h + after >= end || h[after] != '[')
          continue;
      }
      if (seen == MAX_HOSTS)
        return MAX_HOSTS + 1;
      names[seen++] = (prose_name){p, h, hl, !prose_hosts[k].bracket, bn_rhost_for_host(h, hl)};
    }
  }
  return seen;
}

/* The one host of names[0..n) whose provider they all share, or NULL. */
static char *
shared_host(const prose_name *names, size_t n)
{
  const prose_name *first = NULL;
  for (size_t i = 0; i < n; i++) {
    if (first && names[i].provider != first->provider)
      return NULL;
    if (first == NULL)
      first = &names[i];
  }
  return first && first->provider ? g_strndup(first->host, first->len) : NULL;
}

static bool
address_byte(char c)
{
  return g_ascii_isalnum(c) || (c && strchr(".-_+=%'!#$&*/?^`{|}~", c));
}

/* The recipient (its index + 1 in by_address, keyed by the lower-cased
 * address) whose address is written around the '@' at text[at], or 0. */
static size_t
recipient_at(const char *text, size_t len, size_t at, GHashTable *by_address)
{
  size_t b = at, e = at + 1;
  while (b && address_byte(text[b - 1]))
    b--;
  while (e < len && host_byte(text[e]))
    e++;
  while (e > at + 1 && text[e - 1] == '.')
    e--;
  if (e - b > 320)
    return 0;
  char buf[321];
  for (size_t i = b; i < e; i++)
    buf[i - b] = bn_ascii_lower(text[i]);
  buf[e - b] = '\0';
  return GPOINTER_TO_SIZE(g_hash_table_lookup(by_address, buf));
}

/* Whether text[from..to) holds a blank line. */
static bool
blank_line_in(const char *text, size_t from, size_t to)
{
  for (size_t i = from; i < to; i++) {
    if (text[i] != '\n')
      continue;
    size_t j = i + 1;
    while (j < to && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
      j++;
    if (j < to && text[j] == '\n')
      return true;
  }
  return false;
}

/* Whether the line at s[0..len) opens on an address Sendmail puts before
 * its verdict ("<a@example.com>... Deferred: 421 ...": err.c writes the
 * address and "... " before the text, without a code when it defers). */
static bool
opens_on_verdict(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len && s[i] != ' ' && s[i] != '\n' && s[i] != '\r')
    i++;
  return i > 3 && memcmp(s + i - 3, "...", 3) == 0 && memchr(s, '@', i) != NULL;
}

/* Where the session a "while talking to" lead opens ends: at the first
 * line that is neither the dialogue (">>> ", "<<< ") nor the verdict on
 * it ("550 5.1.1 <a@example.com>... User unknown", "<a@example.com>...
 * Deferred: ..."). */
static size_t
session_end(const char *text, size_t len, size_t from)
{
  for (const char *nl = memchr(text + from, '\n', len - from); nl;) {
    size_t line = (size_t)(nl + 1 - text);
    if (line >= len)
      return len;
    bool dialogue = line + 3 <= len && (memcmp(text + line, ">>>", 3) == 0 ||
                                        memcmp(text + line, "<<<", 3) == 0);
    if (!dialogue && !g_ascii_isdigit(text[line]) && !opens_on_verdict(text + line, len - line))
      return line;
    nl = memchr(text + line, '\n', len - line);
  }
  return len;
}

/* Ties name k to recipient who; a recipient tied to names of different
 * providers (or of none) is given none. */
static void
tie(size_t *name_of, bool *clash, const prose_name *names, size_t who, size_t k)
{
  if (name_of[who] == 0)
    name_of[who] = k + 1;
  else if (names[name_of[who] - 1].provider != names[k].provider)
    clash[who] = true;
}

void
bn_rhost_prose_hosts(const char *text, size_t len, const char *const *addresses, size_t n,
                     char **hosts)
{
  for (size_t i = 0; i < n; i++)
    hosts[i] = NULL;
  if (text == NULL || n == 0)
    return;
  prose_name names[MAX_HOSTS];
  size_t found = prose_names(text, len, names);
  if (found > MAX_HOSTS || found == 0)
    return;
  GHashTable *by_address = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = n; i-- > 0;)
    if (addresses[i])
      g_hash_table_insert(by_address, g_ascii_strdown(addresses[i], -1), GSIZE_TO_POINTER(i + 1));
  /* Whose each name is: the recipient last written before a "host X
   * [ip]", in its paragraph (Postfix's "<a@example.com>: host ...", Exim's
   * address over its "host ..." line); those written in the session a
   * "while talking to X.:" opens (Sendmail's transcript). */
  size_t lead[MAX_HOSTS], upto[MAX_HOSTS], owner[MAX_HOSTS], owner_at[MAX_HOSTS];
  for (size_t k = 0; k < found; k++) {
    lead[k] = (size_t)(names[k].lead - text);
    upto[k] = names[k].before ? session_end(text, len, lead[k]) : 0;
    owner[k] = 0;
  }
  size_t *name_of = g_new0(size_t, n);
  bool *clash = g_new0(bool, n);
  for (const char *p = memchr(text, '@', len); p;
       p = p + 1 < text + len ? memchr(p + 1, '@', len - (size_t)(p + 1 - text)) : NULL) {
    size_t at = (size_t)(p - text);
    size_t who = recipient_at(text, len, at, by_address);
    if (who == 0)
      continue;
    for (size_t k = 0; k < found; k++) {
      if (!names[k].before && at < lead[k])
        owner[k] = who, owner_at[k] = at;
      else if (names[k].before && lead[k] < at && at < upto[k])
        tie(name_of, clash, names, who - 1, k);
    }
  }
  for (size_t k = 0; k < found; k++)
    if (owner[k] && !blank_line_in(text, owner_at[k], lead[k]))
      tie(name_of, clash, names, owner[k] - 1, k);
  for (size_t i = 0; i < n; i++) {
    /* an address written twice (two aliases of one mailbox) is tied to
     * the first recipient of that address: the prose is about both */
    size_t w = i;
    if (addresses[i]) {
      char *key = g_ascii_strdown(addresses[i], -1);
      w = GPOINTER_TO_SIZE(g_hash_table_lookup(by_address, key)) - 1;
      g_free(key);
    }
    const prose_name *h = name_of[w] && !clash[w] ? &names[name_of[w] - 1] : NULL;
    if (h && h->provider)
      hosts[i] = g_strndup(h->host, h->len);
    /* one the prose ties to no name (a lone recipient; Sendmail's session
     * whose verdict names nobody, "554 5.0.0 Service unavailable" after
     * the DATA reply) was answered by the servers it names, where they
     * are all one provider's */
    else if (name_of[w] == 0)
      hosts[i] = shared_host(names, found);
  }
  g_free(name_of);
  g_free(clash);
  g_hash_table_destroy(by_address);
}

/* Adds the providers the diagnostic names as hosts, but not one whose
 * mailbox it names while naming the recipient's nowhere: a forwarder
 * quoting that provider's refusal of its forward's target ("forwarding
 * failed: 554 ... This user doesn't have a yahoo.co.jp account
 * (kai@yahoo.co.jp)") speaks of another address than the recipient's. A
 * mailbox of another provider is no such target: a provider's own reply
 * names the sender ("Rejected by header based Anti-Spoofing policy:
 * news@gmail.com - https://community.mimecast.com/..."), and the reply
 * stays that provider's whatever the sender's domain. */
static void
providers_in_diagnostic(const bounce_recipient *rc, const bn_rhost **list, size_t *n, size_t cap)
{
  const char *d = rc->diagnostic;
  size_t len = strlen(d);
  const bn_rhost *target_list[8], *host_list[8];
  provider_list targets = {target_list, 0, G_N_ELEMENTS(target_list)};
  provider_list hosts = {host_list, 0, G_N_ELEMENTS(host_list)};
  bool other_address = rc->address && bn_strcasestr(d, len, rc->address) == NULL;
  providers_in_text(d, len, other_address ? &targets : NULL, &hosts);
  for (size_t i = 0; i < hosts.n; i++) {
    bool target = false;
    for (size_t k = 0; k < targets.n; k++)
      target = target || target_list[k] == host_list[i];
    if (!target)
      add_provider(list, n, cap, host_list[i]);
  }
}

/* Whether a server's reply is the diagnostic: its reply code, or one
 * the parser left out as non-standard ("541 5.4.1 ..."). */
static bool
server_replied(const bounce_recipient *rc)
{
  const char *d = rc->diagnostic;
  return rc->reply_code ||
         (d && (d[0] == '4' || d[0] == '5') && g_ascii_isdigit(d[1]) && g_ascii_isdigit(d[2]) &&
          (d[3] == ' ' || d[3] == '-'));
}

bounce_cause
bn_rhost_cause(const bounce_recipient *rc, const char *reporting_mta, const char *prose_host,
               const char *text, size_t len)
{
  const bn_rhost *list[8];
  size_t n = 0;
  /* A Remote-MTA that gives no name (none, an IP literal) leaves the
   * answering server to the notice's prose, for a server's reply (a DNS
   * failure beside another recipient's reply answered nobody) */
  const char *remote_mta = rc->remote_mta;
  if (!named_host(remote_mta) && prose_host && server_replied(rc))
    remote_mta = prose_host;
  const bn_rhost *remote =
      remote_mta ? bn_rhost_for_host(remote_mta, strlen(remote_mta)) : NULL;
  add_provider(list, &n, G_N_ELEMENTS(list), remote);
  /* A host named in the reply only (a provider's own reply, from its
   * Remote-MTA, reads its rules whatever addresses it names) */
  if (rc->diagnostic) {
    providers_in_diagnostic(rc, list, &n, G_N_ELEMENTS(list) - 1);
    providers_signing(rc->diagnostic, strlen(rc->diagnostic), list, &n, G_N_ELEMENTS(list) - 1);
  }
  /* A reply the reporting MTA relays from another server (the recipient's
   * remote MTA, a host of none or of another provider) is that server's
   * words and codes, which mean what they mean anywhere (a third party's
   * 5.1.10 is RFC 7505's null MX, not Exchange Online's unknown
   * recipient): the reporter's rules read in it only the codes its own
   * sending servers write (5.4.316, the queue expired). */
  const bn_rhost *reporter =
      reporting_mta ? bn_rhost_for_host(reporting_mta, strlen(reporting_mta)) : NULL;
  bool relayed = remote_mta && remote_mta[0] && remote != reporter;
  size_t before = n;
  add_provider(list, &n, G_N_ELEMENTS(list), reporter);
  size_t own_only = relayed && n > before ? before : SIZE_MAX;
  /* A reporter named by nothing else, with no Remote-MTA, may be relaying
   * any server's reply: its common rules hold when one of its marks says
   * the reply is its own */
  size_t unnamed = n > before && (text == NULL || !has_mark(reporter, text, len)) ? before
                                                                                   : SIZE_MAX;
  /* Last, the recipient's own domain: a consumer provider's domain is
   * served by that provider (ezweb.ne.jp, gmail.com, outlook.com), whose
   * words are then its own, whoever reports them. */
  const char *at = rc->address ? strrchr(rc->address, '@') : NULL;
  const bn_rhost *own = at ? bn_rhost_for_host(at + 1, strlen(at + 1)) : NULL;
  if (own && own == reporter)
    own_only = unnamed = SIZE_MAX;
  /* ... unless the Remote-MTA names a server of no provider where only
   * the provider's own hosts take its mail (a smarthost, a forwarder's
   * host): words any server writes ("501 Syntax error in parameters or
   * arguments") are then that server's, and the provider's rules read
   * only its own codes */
  size_t mine = n;
  add_provider(list, &n, G_N_ELEMENTS(list), own);
  bool own_codes = n > mine && own->own_mx && remote == NULL && named_host(remote_mta);
  for (size_t i = 0; i < n; i++) {
    rule_scope scope = i == own_only               ? RULES_OWN
                       : i == mine && own_codes ? RULES_CODES
                                                : RULES_ALL;
    bounce_cause c = apply_rules(list[i], rc, text, len, scope, i != unnamed);
    if (c != BOUNCE_CAUSE_UNDEFINED)
      return c;
  }
  return BOUNCE_CAUSE_UNDEFINED;
}
