/* Google Groups refusing a post: a plain-text "Delivery Status
 * Notification (Failure)" from mailer-daemon@googlemail.com whose
 * X-Failed-Recipients names the group, written in the sender's language:
 *
 *   Hello user@example.jp,
 *
 *   We're writing to let you know that the group you tried to contact
 *   (groupname) may not exist, or you may not have permission to post
 *   messages to the group. A few more details on why you weren't able to
 *   post: ...
 *
 *   If you have questions related to this or any other Google Group, visit
 *   the Help Center at https://groups.google.com/support/.
 *
 *   Thanks,
 *
 *   Google Groups
 *
 * Every translation keeps the help address and the "Google Groups"
 * signature, and names the group in parentheses (or 「」) in its first
 * paragraph, which is the diagnostic. A group of a Google Workspace
 * domain sends the same notice with the domain's own help centre,
 * "https://support.google.com/a/example.com/bin/topic.py?topic=25838",
 * and signs "example.com admins". The group refused the message: the
 * cause is "rejected". */
#include "mta.h"
#include "google-senders.h"
#include <string.h>

static const char *const marks[] = {"groups.google.com/support", NULL};
static const char *const copy_starts[] = {"----- Original message -----", NULL};

/* A Workspace domain's help centre: "support.google.com/a/", the domain,
 * then the help-topic page, all in one URL. Gmail's own answers link to
 * "support.google.com/a/answer/..." pages, never to topic.py. */
static bool
has_workspace_help(const char *s, size_t len)
{
  static const char centre[] = "support.google.com/a/";
  const char *end = s + len;
  const char *p = s;
  while ((p = bn_strcasestr(p, (size_t)(end - p), centre)) != NULL) {
    p += sizeof centre - 1;
    const char *q = p;
    while (q < end && !g_ascii_isspace(*q) && *q != '/')
      q++;
    static const char topic[] = "/bin/topic.py";
    if (q > p && (size_t)(end - q) >= sizeof topic - 1 &&
        g_ascii_strncasecmp(q, topic, sizeof topic - 1) == 0)
      return true;
  }
  return false;
}

/* Whether span names a group: its marks, or the group's help centre. */
static bool
names_group(const bn_span *span)
{
  return bn_prose_has_any(span->p, span->len, marks) || has_workspace_help(span->p, span->len);
}

/* Paragraphs of a notice's opening: the greeting and the sentence after
 * it. Below come the server's own words in Gmail's notices, where a reply
 * may name a user in parentheses too ("User unknown ... (info)"). */
enum { OPENING_PARAGRAPHS = 2 };

/* The length of the first OPENING_PARAGRAPHS paragraphs of head. */
static size_t
opening_len(const bn_span *head)
{
  bn_lines it;
  bn_span l;
  bool text = false;
  int paragraphs = 0;
  bn_lines_init(&it, head->p, head->len);
  while (bn_lines_next(&it, &l)) {
    if (l.len == 0 && text && ++paragraphs == OPENING_PARAGRAPHS)
      return (size_t)(l.p - head->p);
    text = l.len != 0;
  }
  return head->len;
}

/* Whether the notice's opening names the group refused as every
 * translation does, its name (the local part of the first address of
 * X-Failed-Recipients, xfr) in parentheses or 「」 ("the group you tried
 * to contact (groupname) may not exist"): a notice cut before its help
 * centre still says it. Gmail's own notices name the whole address. */
static bool
names_refused_group(const bn_span *head, const char *xfr)
{
  size_t opening = opening_len(head);
  char *addr = bn_find_address(xfr, strlen(xfr));
  const char *at = addr ? strchr(addr, '@') : NULL;
  bool named = false;
  if (at && at > addr) {
    static const char *const opens[] = {"(", "\xE3\x80\x8C", NULL}; /* "(", "「" */
    static const char *const closes[] = {")", "\xE3\x80\x8D", NULL}; /* ")", "」" */
    GString *g = g_string_new(NULL);
    for (size_t i = 0; opens[i] && !named; i++) {
      g_string_printf(g, "%s%.*s%s", opens[i], (int)(at - addr), addr, closes[i]);
      named = bn_strcasestr(head->p, opening, g->str) != NULL;
    }
    g_string_free(g, TRUE);
  }
  g_free(addr);
  return named;
}

/* Whether the text opens on the notice's greeting, which in every
 * translation names the poster's address ("Hello a@b,", "a@b 様"): another
 * server's notice returning a forwarded group refusal as plain text opens
 * on its own words, and its copy is no group's. */
static bool
opens_on_greeting(const bn_view *v)
{
  bn_span l;
  return bn_prose_opening(v, &l) && memchr(l.p, '@', l.len) != NULL;
}

/* Google's From and X-Failed-Recipients, or where a relay rewrote the
 * From or dropped the X- fields, the group's help centre in the notice
 * above the returned copy. The opening is read first: where the copy
 * starts is looked for over the whole text. */
static bool
claim(const bn_view *v)
{
  static const char *const senders[] = {BN_GOOGLE_SENDERS, NULL};
  const char *xfr = bn_view_header(v, "X-Failed-Recipients");
  bn_span head = {v->text->str, bn_view_own_len(v, 8192)};
  if (!names_group(&head))
    return xfr && bn_from_has(v, senders) && names_refused_group(&head, xfr);
  if (xfr && bn_from_has(v, senders))
    return true;
  /* with neither field to say it, the group's notice must be the text's own */
  if (!bn_view_looks_like_bounce(v) || (!xfr && !opens_on_greeting(v)))
    return false;
  bn_span sec = head;
  bn_prose_section(v, NULL, copy_starts, &sec);
  sec.len = MIN(sec.len, head.len);
  return names_group(&sec);
}

/* The paragraph after the greeting: the first one longer than a line. */
static char *
first_paragraph(const bn_span *sec)
{
  bn_lines it;
  bn_span line;
  const char *start = NULL, *end = NULL;
  bool greeting = true;
  bn_lines_init(&it, sec->p, sec->len);
  while (bn_lines_next(&it, &line)) {
    if (line.len == 0) {
      if (start) {
        if (!greeting)
          break;
        start = NULL;
        greeting = false;
      }
      continue;
    }
    if (start == NULL)
      start = line.p;
    end = line.p + line.len;
  }
  return start ? bn_prose_squeeze_capped(start, (size_t)(end - start)) : NULL;
}

/* Where X-Failed-Recipients is gone, the group the copy was posted to:
 * the envelope recipient its Received field names, else its one To or Cc
 * address. The notice names the group only by its name. */
static bool
copy_recipient(const bn_view *v, bounce_report *r)
{
  gssize copy_at = bn_prose_after(v->text, copy_starts);
  bn_prose_original(v, r, copy_at);
  return bn_prose_sole_recipient(v, r, copy_at, NULL) != NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, NULL, copy_starts, &sec))
    return false;
  if (bn_prose_failed_recipients(v, r) == 0 && !copy_recipient(v, r))
    return false;
  char *diag = first_paragraph(&sec);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, BOUNCE_CAUSE_REJECTED);
  }
  g_free(diag);
  return true;
}

const bn_mta bn_mta_googlegroups = {"googlegroups", claim, extract};
