/* GNU Mailman refusing a post. A list that refuses a message writes to its
 * sender from the list's own -bounces or -owner address, in one of two
 * fixed templates. The moderator's decision (Mailman 2 refuse.txt, Mailman
 * 3 list:user:notice:refuse):
 *
 *   Your request to the Astro mailing list
 *
 *       Posting of your message titled "Meteor shower"
 *
 *   has been rejected by the list moderator.  The moderator gave the
 *   following reason for rejecting your request:
 *
 *   "Non-members are not allowed to post messages to this list."
 *
 * and Mailman 3's automatic rejection (chains/reject.py), the refused post
 * attached:
 *
 *   Your message to the Ant mailing-list was rejected for the following
 *   reasons:
 *
 *   The message is not from a list member
 *
 * Mailman 2 bounces a post its handlers refuse (MailList.BounceMessage)
 * from the list's -owner, under the post's own Subject, the refusal's
 * notice alone on top of the post: the default of Handlers/Moderate.py
 * do_reject (a non-member, or a From domain with a DMARC policy of
 * reject)
 *
 *   You are not allowed to post to this mailing list, and your message has
 *   been automatically rejected.  If you think that your messages are
 *   being rejected in error, contact the mailing list owner at
 *   hikers-owner@lists.example.org.
 *
 * or Errors.RejectMessage's own default, "Your message was rejected" (a
 * moderated member's post with no member_moderation_notice), or the
 * content filter's one line ("The message's content type was explicitly
 * disallowed", Handlers/MimeDel.py). That notice names the owner, not the
 * list.
 *
 * The recipient that failed is the list, the reason paragraph the
 * diagnostic. A refusal that names no cause of its own is "rejected", as
 * Google Groups' and fml's are. A post Mailman holds for the moderator
 * ("Is being held until the list moderator can review it for approval",
 * postheld.txt) is not refused: it is not claimed here. The same refuse
 * template answers a refused subscription ("Subscription request"): only
 * the one naming a posting is a bounce. */
#include "mta.h"
#include <string.h>

/* The list's own addresses Mailman sends these from. */
static const char *const senders[] = {"-bounces@", "-owner@"};

/* The opening line's start and, where the template gives it a paragraph
 * of its own, that paragraph's last words (a person's "Your request to
 * the Birding mailing list is what non-members see" goes on); the line
 * that must follow somewhere in the notice; the line after which the
 * reason paragraph comes, NULL where the opening paragraph is the reason;
 * whether that paragraph is the opening and nothing more. */
static const struct {
  const char *opening;
  const char *closing[2];
  const char *confirm;
  const char *reason_after;
  bool whole;
} templates[] = {
  {"Your request to the ", {"mailing", "list"}, "Posting of your message titled",
   "following reason for rejecting your request:", false},
  {"Your message to the ", {NULL, NULL}, " mailing-list was rejected for the following", "reasons:",
   false},
  /* do_reject's own sentence, not the words alone: a list owner's post
   * or reply explaining the rule ("such posts are automatically
   * rejected") is no refusal */
  {"You are not allowed to post to this mailing list", {NULL, NULL},
   "and your message has been automatically rejected", NULL, false},
  {"Your message was rejected", {NULL, NULL}, "Your message was rejected", NULL, true},
  /* BounceMessage (Mailman 3: app/bounces.py bounce_message) given no
   * notice */
  {"[No bounce details are available]", {NULL, NULL}, "[No bounce details are available]", NULL,
   true},
  /* Handlers/MimeDel.py, a list whose filter_action bounces */
  {"The message's content type was explicitly disallowed", {NULL, NULL},
   "The message's content type was explicitly disallowed", NULL, true},
  {"The message's content type was not explicitly allowed", {NULL, NULL},
   "The message's content type was not explicitly allowed", NULL, true},
  {"The message's file extension was explicitly disallowed", {NULL, NULL},
   "The message's file extension was explicitly disallowed", NULL, true},
  {"The message's file extension was not explicitly allowed", {NULL, NULL},
   "The message's file extension was not explicitly allowed", NULL, true},
  {"After content filtering, the message was empty", {NULL, NULL},
   "After content filtering, the message was empty", NULL, true},
};

/* Whether the words before e (after s) end with word; *e moves before it. */
static bool
ends_with_word(const char *s, const char **e, const char *word)
{
  const char *p = *e;
  while (p > s && g_ascii_isspace(p[-1]))
    p--;
  size_t n = strlen(word);
  if ((size_t)(p - s) <= n || g_ascii_strncasecmp(p - n, word, n) != 0 ||
      !g_ascii_isspace(*(p - n - 1)))
    return false;
  *e = p - n;
  return true;
}

/* The paragraph opening on line l, up to its blank line: three lines at
 * most. Mailman 3 wraps its notices at 70 columns: a long list address
 * moves words to the next line ("mailing\nlist", or all after "Your
 * request to the"). *end gets where the paragraph (or its third line)
 * ends; false when it goes on past three lines. */
static bool
opening_paragraph(const bn_view *v, const bn_span *l, const char **end)
{
  const char *s = l->p, *stop = v->text->str + bn_view_own_len(v, 4096);
  *end = s;
  if (s >= stop)
    return false;
  const char *e = s;
  bool ended = false;
  for (int lines = 0; lines < 3 && !ended; lines++) {
    const char *nl = memchr(e, '\n', (size_t)(stop - e));
    e = nl ? nl + 1 : stop;
    const char *q = e;
    while (q < stop && (*q == ' ' || *q == '\t' || *q == '\r'))
      q++;
    ended = q >= stop || *q == '\n';
  }
  *end = e;
  return ended;
}

/* Whether the opening paragraph (l.p up to e, ended or not) opens and
 * ends as template t's does, its lines read as one. */
static bool
opening_fits(const bn_span *l, const char *e, bool ended, size_t t)
{
  char *para = bn_squeeze_dup(l->p, (size_t)(e - l->p));
  size_t n = strlen(templates[t].opening);
  bool opens = templates[t].whole
                   ? ended && g_ascii_strcasecmp(para, templates[t].opening) == 0
                   : strlen(para) > n && g_ascii_strncasecmp(para, templates[t].opening, n) == 0;
  g_free(para);
  if (!opens || templates[t].closing[0] == NULL)
    return opens;
  return ended && ends_with_word(l->p, &e, templates[t].closing[1]) &&
         ends_with_word(l->p, &e, templates[t].closing[0]);
}

static bool
from_list(const bn_view *v)
{
  for (size_t i = 0; i < G_N_ELEMENTS(senders); i++)
    if (strstr(v->from_addr, senders[i]))
      return true;
  return false;
}

/* Which template the notice opens on, or -1. */
static int
template_of(const bn_view *v)
{
  bn_span l;
  if (!from_list(v) || !bn_prose_opening(v, &l))
    return -1;
  const char *e;
  bool ended = opening_paragraph(v, &l, &e);
  size_t own = bn_view_own_len(v, 4096);
  for (size_t i = 0; i < G_N_ELEMENTS(templates); i++) {
    if (opening_fits(&l, e, ended, i) &&
        bn_prose_find(v->text->str, own, templates[i].confirm))
      return (int)i;
  }
  return -1;
}

static bool
claim(const bn_view *v)
{
  return template_of(v) >= 0;
}

/* The paragraph after the line holding after, quotes taken off. */
static char *
reason_paragraph(const bn_view *v, const char *after)
{
  bn_span par;
  if (!bn_prose_paragraph_after(v, after, 0, &par))
    return NULL;
  if (par.len >= 2 && par.p[0] == '"' && par.p[par.len - 1] == '"') {
    par.p++;
    par.len -= 2;
  }
  return bn_prose_squeeze_capped(par.p, par.len);
}

/* The opening paragraph, where it is the refusal's own words: up to its
 * blank line, eight lines at most (do_reject's notice takes four). */
static char *
opening_reason(const bn_view *v)
{
  bn_span l;
  if (!bn_prose_opening(v, &l))
    return NULL;
  size_t own = bn_view_own_len(v, 4096);
  const char *base = v->text->str;
  if (l.p < base || (size_t)(l.p - base) >= own)
    return NULL;
  bn_lines it;
  bn_span line;
  const char *end = l.p + l.len;
  bn_lines_init(&it, l.p, own - (size_t)(l.p - base));
  for (int n = 0; n < 8 && bn_lines_next_trimmed(&it, &line) && line.len; n++)
    end = line.p + line.len;
  return bn_prose_squeeze_capped(l.p, (size_t)(end - l.p));
}

/* The list: the address the opening paragraph names where it names the
 * list (Mailman 3 names it so), else X-BeenThere, which Mailman 2 puts on
 * its notices, else the sender without Mailman's -bounces or -owner. */
static char *
list_address(const bn_view *v, int t)
{
  bn_span l;
  const char *e;
  if (templates[t].reason_after && bn_prose_opening(v, &l)) {
    opening_paragraph(v, &l, &e);
    char *a = bn_find_address(l.p, (size_t)(e - l.p));
    if (a)
      return a;
  }
  const char *been = bn_view_header(v, "X-BeenThere");
  if (been) {
    char *a = bn_find_address(been, strlen(been));
    if (a)
      return a;
  }
  for (size_t i = 0; i < G_N_ELEMENTS(senders); i++) {
    const char *s = strstr(v->from_mailbox, senders[i]);
    if (s && s > v->from_mailbox)
      return g_strdup_printf("%.*s%s", (int)(s - v->from_mailbox), v->from_mailbox,
                             s + strlen(senders[i]) - 1);
  }
  return NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  int t = template_of(v);
  if (t < 0)
    return false;
  char *addr = list_address(v, t);
  bounce_recipient *rc = addr ? bn_prose_recipient(r, addr) : NULL;
  g_free(addr);
  if (rc == NULL)
    return false;
  char *diag = templates[t].reason_after ? reason_paragraph(v, templates[t].reason_after)
                                         : opening_reason(v);
  bn_prose_list_refusal(rc, diag);
  g_free(diag);
  return true;
}

const bn_mta bn_mta_mailman = {"mailman", claim, extract};
