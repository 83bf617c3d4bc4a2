/* DragonFly Mail Agent (dma), the small MTA of DragonFly BSD, sends one
 * bounce per address:
 *
 *   This is the DragonFly Mail Agent v0.13 at mail.example.com.
 *
 *   There was an error delivering your mail to <user@example.jp>.
 *
 *   mx.example.jp [192.0.2.1] did not like our RCPT TO:
 *   550 5.1.1 <user@example.jp>: Recipient address rejected: User unknown
 *
 *   Original message follows.        (or "Message headers follow.")
 *
 * A remote refusal names the command ("connect", "EHLO", "MAIL FROM",
 * "RCPT TO", "DATA", "final DATA"); the older DragonFly BSD copy names the
 * host without its address ("mx.example.jp did not like our EHLO:").
 * Otherwise dma writes its own line ("DNS lookup failure: host x not
 * found", "Could not deliver for the last N seconds. Giving up.", "SMTP
 * login to x failed"). Local delivery and TLS trouble only defer the
 * message in current releases, so they end in the expiry line. */
#include "mta.h"
#include <string.h>

static const char *const sentences[] = {
  "This is the DragonFly Mail Agent", "There was an error delivering your mail to <", NULL,
};

static const char *const error_starts[] = {"There was an error delivering your mail to", NULL};

static const char *const error_ends[] = {
  "Original message follows.", "Message headers follow.", NULL,
};

/* dma's own messages. */
static const bn_mta_fact facts[] = {
  /* dma gives up once the message has waited its whole queue lifetime */
  {"Could not deliver for the last", BOUNCE_CAUSE_EXPIRED, "5.4.7", true},
  {"DNS lookup failure: host", BOUNCE_CAUSE_HOSTUNKNOWN, NULL, false},
  /* net.c: the server answered our AUTH with a 5xx */
  {"SMTP login to ", BOUNCE_CAUSE_SECURITYERROR, NULL, false},
  /* net.c, local.c: dma could not read back its own spooled copy */
  {"corrupted queue file", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  {"can not seek: ", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
};

/* The host a "DNS lookup failure: host x not found" names is the
 * recipient's domain, or the smarthost dma is set to relay through, whose
 * name failing says nothing of the address (net.c deliver_remote()). */
static bool
names_other_host(const bounce_recipient *rc, const char *diag)
{
  static const char lead[] = "DNS lookup failure: host ";
  const char *h = strstr(diag, lead);
  const char *at = rc->address ? strrchr(rc->address, '@') : NULL;
  if (h == NULL || at == NULL)
    return false;
  h += strlen(lead);
  const char *end = strchr(h, ' ');
  size_t n = end ? (size_t)(end - h) : strlen(h);
  return n != strlen(at + 1) || g_ascii_strncasecmp(h, at + 1, n) != 0;
}

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), sentences);
}

/* "mx.example.jp [192.0.2.1] did not like our final DATA:", or
 * "mx.example.jp did not like our EHLO:"; a branch of dma writes "remote
 * host" instead, which names none. */
static void
refusal(bounce_recipient *rc, const char *s, size_t len, const char *like)
{
  char *host = bn_prose_host(s, (size_t)(like - s));
  if (host == NULL)
    host = bn_prose_hostname(s, (size_t)(like - s));
  bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
  g_free(host);
  const char *c = like + strlen(" did not like our ");
  size_t rest = len - (size_t)(c - s);
  if (bn_has_prefix_ci(c, "final ")) {
    c += 6;
    rest -= 6;
  }
  bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, bn_smtp_command_name(c, rest), BOUNCE_SOURCE_TEXT);
}

/* How many colons come before at in s; and where the n-th colon (from 0)
 * of s[0..len) is: the squeezed line and the text it was taken from have
 * the same ones. */
static size_t
colon_count(const char *s, const char *at)
{
  size_t n = 0;
  for (; s < at; s++)
    n += *s == ':';
  return n;
}

static const char *
nth_colon(const char *s, size_t len, size_t n)
{
  const char *c = memchr(s, ':', len);
  for (; c && n; n--)
    c = memchr(c + 1, ':', len - (size_t)(c + 1 - s));
  return c;
}

/* The length in s of the line that names the refused command, with the
 * lines under it up to its colon when a client re-wrapping the notice at
 * 60 columns broke it ("mx.example.jp [192.0.2.1] did" / "not like our
 * final DATA:"); the first line's alone when no such sentence ends within
 * three lines. */
static size_t
refusal_len(const char *s, size_t len, size_t first)
{
  static const char like[] = " did not like our ";
  size_t n = first;
  for (int i = 0; i < 3; i++) {
    char *head = bn_squeeze_dup(s, n);
    const char *l = bn_strcasestr(head, strlen(head), like);
    bool whole = l && strchr(l + strlen(like), ':') != NULL;
    g_free(head);
    if (whole)
      return n;
    if (n >= len)
      break;
    const char *nl = memchr(s + n + 1, '\n', len - n - 1);
    size_t next = nl ? (size_t)(nl - s) : len;
    /* the reply under a whole line, which opens with its code, is no
     * part of it; nor is anything past a blank line, which re-wrapping
     * keeps */
    if (g_ascii_isdigit(s[n + 1]) || s[n + 1] == '\n')
      break;
    n = next;
  }
  return first;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  const char *lead = bn_strcasestr(t->str, t->len, error_starts[0]);
  if (lead == NULL)
    return false;
  /* "There was an error delivering your mail to <user@example.jp>." */
  size_t head_len = bn_prose_lead_line_len(lead, t->len - (size_t)(lead - t->str), strlen(error_starts[0]));
  bounce_recipient *rc = bn_prose_recipient_in(r, lead, head_len);
  if (rc == NULL)
    return false;

  gssize start = (gssize)(lead + head_len - t->str);
  if (start < (gssize)t->len)
    start++;
  gssize end = bn_prose_before_from(t, (gsize)start, error_ends);
  if (end < 0)
    end = (gssize)t->len;
  const char *s = t->str + start;
  size_t len = (size_t)(end - start);
  while (len && (*s == '\n' || *s == ' ')) {
    s++;
    len--;
  }
  const char *nl = memchr(s, '\n', len);
  size_t first = refusal_len(s, len, nl ? (size_t)(nl - s) : len);
  char *head = bn_squeeze_dup(s, first);
  const char *like = bn_strcasestr(head, strlen(head), " did not like our ");
  char *diag;
  if (like) {
    refusal(rc, head, strlen(head), like);
    /* the reply starts on the next line, or after the colon when a
     * mailer re-flowed the paragraph onto one line ("... did not like our
     * RCPT TO: 550 5.1.1 ...") */
    const char *colon = strchr(like, ':');
    size_t at = first;
    if (colon && bn_find_reply_code(colon, strlen(colon)))
      at = (size_t)(nth_colon(s, first, colon_count(head, colon)) + 1 - s);
    diag = bn_prose_join_reply(s + at, len - at);
  } else {
    diag = bn_squeeze_dup(s, len);
  }
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  bn_prose_set_action(rc, "failed");
  if (!like) {
    const bn_mta_fact *f = bn_prose_fact(facts, G_N_ELEMENTS(facts), diag, strlen(diag));
    bn_prose_apply_fact(rc, f);
    if (f && f->cause == BOUNCE_CAUSE_HOSTUNKNOWN && names_other_host(rc, diag)) {
      rc->cause = BOUNCE_CAUSE_NETWORKERROR;
      rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    }
  }
  g_free(diag);
  g_free(head);

  const char *me = bn_strcasestr(t->str, (size_t)(lead - t->str), "DragonFly Mail Agent");
  if (me) {
    const char *mend = memchr(me, '\n', (size_t)(lead - me));
    bn_prose_reporting_mta(r, me, mend ? (size_t)(mend - me) : (size_t)(lead - me), " at ");
  }
  if (end < (gssize)t->len)
    bn_prose_original(v, r, bn_prose_after_from(t, (gsize)end, error_ends));
  return true;
}

const bn_mta bn_mta_dragonfly = {"dragonfly", claim, extract};
