/* Gmail and Google Workspace since about 2016: a multipart/report from
 * "Mail Delivery Subsystem <mailer-daemon@googlemail.com>" with
 * X-Failed-Recipients, a text and an HTML part, and a delivery-status part
 * that is sometimes empty. The text part reads
 *
 *   ** Address not found **
 *
 *   Your message wasn't delivered to user@example.jp because the address
 *   couldn't be found, or is unable to receive mail.
 *
 *   The response from the remote server was:
 *   550 5.1.1 <user@example.jp>: User unknown
 *
 * with other headlines ("** Message not delivered **", "** Delivery
 * incomplete **" for a warning) and "The response was:" when the answer is
 * Gmail's own. The headlines are translated to the sender's language; the
 * delivery-status part and X-Failed-Recipients are not. */
#include "mta.h"
#include "google-senders.h"
#include <string.h>

static const char *const responses[] = {"The response from the remote server was:",
                                        "The response was:", NULL};
static const char *const ends[] = {"----- Original message -----",
                                   "----- Message truncated -----", NULL};

/* Gmail's own answers (after "The response was:"), and what they mean. */
static const bn_cause_row causes[] = {
  /* it retried the connection for days: the queue time ran out */
  {"did not accept our requests to connect", BOUNCE_CAUSE_EXPIRED},
  /* a Google group refused the post as spam */
  {"was rejected due to spam classification", BOUNCE_CAUSE_SPAMDETECTED},
  /* a Google group refused the post as bulk mail: "Message rejected by
   * Google Groups. Please visit http://mail.google.com/support/answer/188131
   * ?hl=en to review our Bulk Email Senders Guidelines." (quoted in
   * DynamoRIO/dynamorio#5897); the page is Gmail's sender guidelines, which
   * its spam refusals cite ("likely unsolicited mail", cgeo/cgeo#5737) */
  {"Message rejected by Google Groups", BOUNCE_CAUSE_SPAMDETECTED},
  /* "** Message blocked **" over "Message rejected. For more information,
   * go to https://support.google.com/mail/answer/69585" (earlier "See ...
   * for more information."): Gmail would not send the message on, its help
   * page ("Why has Gmail blocked my messages?") saying its filters took it
   * for spam or suspicious content; the answer names no other cause */
  {"support.google.com/mail/answer/69585", BOUNCE_CAUSE_SPAMDETECTED},
};

/* Gmail's own explanations above the answer, known by their help link,
 * which every translation of the notice keeps. They say more than the
 * answer below them, which then comes from another server. */
static const bn_cause_row explanations[] = {
  /* "You're sending this from a different address or alias using the 'Send
   * mail as' feature. The settings for your 'Send mail as' account are
   * misconfigured or out of date.": Gmail would not send as that sender;
   * the answer is the alias's own SMTP server failing the login */
  {"?p=CustomFromDenied", BOUNCE_CAUSE_REJECTED},
};

/* The explanation by its help link: in the text, or, for a notice read
 * from HTML alone, in the HTML's markup, where the link is an <a href>
 * under a "LEARN MORE" label the text keeps (its text/plain twin writes
 * "Learn more here: https://support.google.com/mail/?p=CustomFromDenied").
 * The link is Google's own name for the error. */
static bounce_cause
explanation(const bn_view *v, size_t len)
{
  bounce_cause c = bn_cause_table_find(v->text->str, len, explanations, G_N_ELEMENTS(explanations));
  if (c != BOUNCE_CAUSE_UNDEFINED || !v->html_only)
    return c;
  GString *markup = bn_view_html_markup(v);
  if (markup) {
    c = bn_cause_table_find(markup->str, markup->len, explanations, G_N_ELEMENTS(explanations));
    g_string_free(markup, TRUE);
  }
  return c;
}

/* Gmail's sentence under "** Address not found **" when the recipient's
 * domain has no DNS record: "Your message wasn't delivered to a@b because
 * the domain b couldn't be found. Check for typos or unnecessary spaces and
 * try again." (quoted in public issue threads, e.g. samouraiworld/zenao
 * #646, BitcoinDeveloperNetwork/tutorials #16). Gmail's "DNS Error:" answer
 * usually follows and decides; where it was left out, the sentence is the
 * only word on the cause. */
static bool
domain_not_found(const bn_view *v, size_t len)
{
  const char *at = bn_prose_find(v->text->str, len, "because the domain");
  if (at == NULL)
    return false;
  size_t left = (size_t)(v->text->str + len - at);
  return bn_prose_find(at, MIN(left, 320), "couldn't be found") != NULL;
}

/* The text part's headline, between asterisks ("** Address not found **",
 * in any language). */
static bool
starred(const bn_span *l)
{
  return l->len > 6 && memcmp(l->p, "** ", 3) == 0 && memcmp(l->p + l->len - 3, " **", 3) == 0;
}

/* The text opens on the headline. Where a client joined the notice onto
 * a gateway's banner and an archiver's hard re-wrap then broke that line
 * inside the headline ("... ZjQcmQRYFpfptBannerEnd **" over "Message not
 * delivered **"), the notice opens on the headline's first asterisks and
 * the next line closes it: one line, no more. */
static bool
opens_on_headline(const bn_view *v)
{
  bn_span l, m;
  if (!bn_prose_opening(v, &l))
    return false;
  if (starred(&l))
    return true;
  if (l.len < 2 || memcmp(l.p, "**", 2) != 0 || (l.len > 2 && l.p[2] != ' ') ||
      (l.len > 3 && memcmp(l.p + l.len - 3, " **", 3) == 0))
    return false;
  bn_lines it;
  const char *end = v->text->str + v->text->len;
  bn_lines_init(&it, l.p + l.len, (size_t)(end - (l.p + l.len)));
  /* the rest of l's own line, then the one under it */
  return bn_lines_next(&it, &m) && bn_lines_next_trimmed(&it, &m) && m.len > 3 &&
         m.p[0] != '*' && memcmp(m.p + m.len - 3, " **", 3) == 0;
}

/* The Message-ID Gmail writes on its own notices: hex fields, then a tag
 * naming the notice ("<6880f151.050a0220.3414c9.27f3.GMR@mx.google.com>",
 * "GMRIR" in 2017-2018), the host mx.google.com. A relay that rewrites the
 * From keeps it. Only these tags: Gmail's ids for mail that reached it
 * without one of its own carry others ("SMTPIN_ADDED_MISSING"), and another
 * system's bounce may arrive so. */
static bool
gmail_notice_id(const bn_view *v)
{
  static const char *const tags[] = {".GMR@mx.google.com>", ".GMRIR@mx.google.com>"};
  const char *id = bn_view_header(v, "Message-ID");
  if (id == NULL)
    return false;
  size_t n = strlen(id);
  while (n && g_ascii_isspace(id[n - 1]))
    n--;
  for (size_t i = 0; i < G_N_ELEMENTS(tags); i++) {
    size_t t = strlen(tags[i]);
    if (n > t && g_ascii_strncasecmp(id + n - t, tags[i], t) == 0)
      return true;
  }
  return false;
}

/* Google's From, or, where a relay rewrote it, what Google always writes:
 * its report's Reporting-MTA, its notices' Message-ID, or the headline over
 * Google's help link, its "The response was:" or X-Failed-Recipients. */
static bool
claim(const bn_view *v)
{
  static const char *const senders[] = {BN_GOOGLE_SENDERS, NULL};
  static const char *const mtas[] = {"googlemail.com", NULL};
  static const char *const help[] = {"support.google.com/", NULL};
  if (bn_from_has(v, senders))
    return true;
  if (!bn_view_looks_like_bounce(v))
    return false;
  if (bn_reporting_mta_has(v, mtas) || gmail_notice_id(v))
    return true;
  size_t head = bn_view_own_len(v, 4096);
  return opens_on_headline(v) &&
         (bn_prose_has_any(v->text->str, head, help) ||
          bn_prose_has_any(v->text->str, head, responses) ||
          bn_view_header(v, "X-Failed-Recipients"));
}

/* The paragraph under the notice's headline: the sentence that names the
 * address ("Ihre Nachricht wurde nicht an user@example.jp zugestellt, ...";
 * other languages put the address elsewhere in it). The text part writes
 * the headline between asterisks ("** Adresse nicht gefunden **"); the
 * HTML part sets it as a heading of its own (<h2>) with none, so there it
 * is a short paragraph of one line that names no address, over a
 * paragraph that names one. */
static bool
headline_paragraph(const char *s, size_t len, bool html, bn_span *out)
{
  bool after = false; /* the last paragraph closed was a headline */
  const char *start = NULL, *stop = NULL;
  int lines = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s, len);
  for (bool more = true; more;) {
    more = bn_lines_next_trimmed(&it, &l);
    bool stars = more && starred(&l);
    if (more && l.len && !stars) {
      start = start ? start : l.p;
      stop = l.p + l.len;
      lines++;
      continue;
    }
    /* a blank line, a headline or the end closes the paragraph in hand */
    if (start) {
      size_t n = (size_t)(stop - start);
      bool named = memchr(start, '@', n) != NULL;
      if (after && (named || !html)) {
        out->p = start;
        out->len = n;
        return true;
      }
      after = html && lines == 1 && !named && n <= 96;
      start = NULL;
      lines = 0;
    }
    after = after || stars;
  }
  return false;
}

/* Without the report's fields or X-Failed-Recipients: the address in the
 * English sentence under the headline, or the first one of that sentence
 * in the sender's language. */
static void
read_sentence(const bn_view *v, bounce_report *r)
{
  static const char *const leads[] = {"wasn't delivered to ", "delivering your message to ",
                                      NULL};
  size_t head = MIN(v->text->len, 4096);
  for (size_t i = 0; leads[i]; i++) {
    const char *p = bn_strcasestr(v->text->str, head, leads[i]);
    if (p == NULL)
      continue;
    p += strlen(leads[i]);
    const char *end = p;
    while (end < v->text->str + head && *end != ' ' && *end != '\n')
      end++;
    bn_prose_recipient_at(r, p, (size_t)(end - p), true);
    return;
  }
  bn_span sentence;
  if (headline_paragraph(v->text->str, head, v->html_only, &sentence)) {
    bn_prose_recipient_in(r, sentence.p, sentence.len);
  }
}

/* A line that is only a label: short words ending in a colon, ASCII or
 * full-width (the translations of "The response was:"), with no address or
 * link in it. */
static bool
label_line(const bn_span *l)
{
  if (l->len < 2 || l->len > 96 || memchr(l->p, '@', l->len) || memchr(l->p, '/', l->len))
    return false;
  return bn_prose_ends_in_colon(l);
}

/* The server's answer when the label above it is in the sender's language
 * ("Antwort des Remote-Servers:"): the first paragraph that opens with a
 * reply code ("550 5.1.1 ...") or with Gmail's own "DNS Error:"; else,
 * for Gmail's other own answers, which open on words ("The email account
 * that you tried to reach does not exist."), the paragraph under the
 * first label line that stands alone after a blank line. */
static char *
answer_paragraph(const bn_view *v)
{
  gssize end = bn_prose_before(v->text, ends);
  size_t len = end >= 0 ? (size_t)end : v->text->len;
  const char *start = NULL, *stop = NULL;
  enum { SEEK, LABEL, UNDER, DONE } at = SEEK; /* the paragraph under a label */
  const char *under = NULL, *under_stop = NULL;
  bool blank = true;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, len);
  while (bn_lines_next(&it, &l)) {
    bn_span s = l;
    bn_span_trim(&s);
    if (start == NULL) {
      if (bn_reply_code_at(s.p, s.len) || bn_has_prefix_ci(s.p, "DNS Error:")) {
        start = s.p;
        stop = s.p + s.len;
      } else if (at == SEEK && blank && label_line(&s)) {
        at = LABEL;
      } else if (at == LABEL && s.len) {
        /* a link alone under its lead ("Learn more here:") is no answer */
        at = bn_has_prefix_ci(s.p, "http") ? SEEK : UNDER;
        under = at == UNDER ? s.p : NULL;
        under_stop = s.p + s.len;
      } else if (at == UNDER) {
        at = s.len ? UNDER : DONE;
        under_stop = s.len ? s.p + s.len : under_stop;
      }
    } else if (s.len == 0) {
      break;
    } else {
      stop = s.p + s.len;
    }
    blank = s.len == 0;
  }
  if (start)
    return bn_prose_squeeze_capped(start, (size_t)(stop - start));
  return under ? bn_prose_squeeze_capped(under, (size_t)(under_stop - under)) : NULL;
}

/* The remote's answer: Google writes it on the line under its heading; a
 * client that joined each paragraph onto one line puts it on the heading's
 * own line ("The response from the remote server was: 550 5.1.1 ..."),
 * where the section then starts. */
static bool
response_section(const bn_view *v, bn_span *sec)
{
  if (!bn_prose_section(v, responses, ends, sec))
    return false;
  gssize at = bn_prose_after_heading(v->text, 0, responses);
  const char *p = at >= 0 ? v->text->str + at : NULL;
  if (p && p < sec->p && memchr(p, '\n', (size_t)(sec->p - p)) == sec->p - 1) {
    sec->len += (size_t)(sec->p - p);
    sec->p = p;
  }
  return true;
}

/* The host Gmail could not reach, which its own answer names in brackets
 * with the host's address and the error, after "The recipient server did
 * not accept our requests to connect.": "[mx.example.net. 192.0.2.1: timed
 * out]", "[example.org 2001:db8::25: Connection refused]". A new string,
 * or NULL. */
static char *
bracketed_host(const char *s)
{
  size_t len = strlen(s);
  for (const char *b = memchr(s, '[', len); b != NULL;
       b = memchr(b + 1, '[', len - (size_t)(b + 1 - s))) {
    const char *p = b + 1, *end = s + len;
    bool letter = false;
    for (; p < end && (g_ascii_isalnum(*p) || *p == '.' || *p == '-'); p++)
      letter = letter || g_ascii_isalpha(*p);
    if (!letter || p >= end || *p != ' ')
      continue;
    /* the address, digits or an IPv6 one's hex, closed by the error's
     * colon: not Exchange Online's "[host 2026-03-05T16:02:10.563Z id]",
     * whose host made the reply, not the one Gmail could not reach */
    const char *q = p + 1;
    while (q < end && (g_ascii_isxdigit(*q) || *q == '.' || *q == ':'))
      q++;
    if (q - p < 3 || q[-1] != ':' || q >= end || *q != ' ')
      continue;
    /* no later bracket closes either */
    if (memchr(q, ']', (size_t)(end - q)) == NULL)
      break;
    char *host = bn_prose_hostname(b + 1, (size_t)(p - b - 1));
    if (host)
      return host;
  }
  return NULL;
}

/* Whether the notice is Gmail's warning: by its English headline, "**
 * Delivery incomplete **" in the text part, a line of its own (the <h2>)
 * opening a notice read from HTML alone; by the sentence Gmail writes under
 * any of its warning headlines ("** Message delayed **" too), "There was a
 * temporary problem delivering your message to a@b. Gmail will retry for 44
 * more hours. You'll be notified if the delivery fails permanently.", which
 * a relay that retitles the notice keeps, unless the headline is the
 * failure's "** Message not delivered **"; or by the subject, which unlike
 * the headline is never translated. A notice that says the message
 * "wasn't delivered" (the sentence of Gmail's failure, "Your message wasn't
 * delivered to a@b because the remote server refused it") is no warning,
 * whatever headline a template or a relay put over it: its words say what
 * happened. */
static bool
is_warning(const bn_view *v)
{
  static const char headline[] = "Delivery incomplete";
  static const char *const warnings[] = {"** Delivery incomplete **", NULL};
  static const char *const retry[] = {"notified if the delivery fails permanently", NULL};
  static const char *const not_delivered[] = {"Message not delivered", NULL};
  static const char *const delays[] = {"Delivery Status Notification (Delay)", NULL};
  static const char *const failed[] = {"message wasn't delivered to", NULL};
  size_t head = MIN(v->text->len, 1024);
  if (bn_prose_has_any(v->text->str, head, failed))
    return false;
  if (bn_prose_has_any(v->text->str, head, warnings) || bn_subject_starts(v, delays))
    return true;
  /* the sentence under the failure's headline is the failure's word */
  if (bn_prose_has_any(v->text->str, head, retry) && !bn_prose_has_any(v->text->str, head, not_delivered))
    return true;
  bn_span l;
  return v->html_only && bn_prose_opening(v, &l) && l.len == sizeof headline - 1 &&
         g_ascii_strncasecmp(l.p, headline, l.len) == 0;
}

/* A notice whose sentence names no recipient is a verdict on the whole
 * message: "You're sending this from a different address or alias using
 * the 'Send mail as' feature. ...", Gmail never reaching the alias's own
 * server, so no recipient got it. Where X-Failed-Recipients was dropped
 * too, the one the returned message went to is the one it failed for (its
 * envelope's, or its To and Cc's only address); more than one, and the
 * notice does not say which. */
static void
whole_message_recipient(const bn_view *v, bounce_report *r)
{
  gssize copy_at = bn_prose_after(v->text, ends);
  bn_prose_original(v, r, copy_at);
  bn_prose_sole_recipient(v, r, copy_at, NULL);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_report_count(r) == 0)
    bn_prose_failed_recipients(v, r);
  if (bn_report_count(r) == 0)
    read_sentence(v, r);
  if (bn_report_count(r) == 0)
    whole_message_recipient(v, r);
  if (bn_report_count(r) == 0)
    return false;
  bn_span sec;
  char *response = NULL;
  if (response_section(v, &sec))
    response = bn_prose_squeeze_capped(sec.p, sec.len);
  else
    response = answer_paragraph(v);
  bool delayed = is_warning(v);
  gssize copy = bn_prose_before(v->text, ends);
  bounce_cause explained = explanation(v, copy >= 0 ? (size_t)copy : v->text->len);
  if (explained == BOUNCE_CAUSE_UNDEFINED && response == NULL &&
      domain_not_found(v, copy >= 0 ? (size_t)copy : v->text->len))
    explained = BOUNCE_CAUSE_HOSTUNKNOWN;
  bool names_any = bn_prose_names_any(response, r);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    /* a delivery-status part may list a recipient the text does not speak of */
    bool theirs = bn_prose_names_other(response, names_any, rc);
    if (!theirs)
      bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, response, BOUNCE_SOURCE_TEXT);
    /* Gmail's warning is a delay whatever answer it quotes: "There was a
     * temporary problem delivering your message to a@b. Gmail will retry
     * for 44 more hours. You'll be notified if the delivery fails
     * permanently." Its own delivery-status part writes "Action: delayed"
     * over that very answer as Diagnostic-Code, so the text says no more
     * than the report does; unlike the warnings that quote a refusal as
     * the reason they give up on a recipient (bn_prose_warning_action). */
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, delayed ? "delayed" : "failed", BOUNCE_SOURCE_TEXT);
    if (delayed)
      bn_prose_warning_class(rc, response);
    /* the text answers once for the whole bounce; a recipient that brought its
     * own Diagnostic-Code (one of several, each with its own reply) is read by it */
    if (rc->cause == BOUNCE_CAUSE_UNDEFINED && !theirs)
      bn_prose_set_cause(rc, explained);
    const char *said = rc->diagnostic ? rc->diagnostic : theirs ? NULL : response;
    if (said && rc->cause == BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, bn_cause_table_find(said, strlen(said), causes, G_N_ELEMENTS(causes)));
    if (said && rc->remote_mta == NULL) {
      char *host = bracketed_host(said);
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_free(host);
    }
  }
  g_free(response);
  return true;
}

const bn_mta bn_mta_googleworkspace = {"googleworkspace", claim, extract};
