/* RFC 3834 automatic responses: vacation and out-of-office replies. The
 * person who is away is the recipient the report speaks of. */
#include "private.h"
#include "mta/mta.h"
#include <string.h>

/* Subject openings of auto-replies, as mail clients and servers write them,
 * in lower case: the subject is case-folded (Unicode, so "RÉPONSE" and
 * "Автоматический" match too) before it is compared. */
static const char *const subject_prefixes[] = {
  "auto:", "automatic reply", "auto reply", "auto-reply", "autoreply", "auto response",
  "auto-response", "autoresponse", "out of office", "out of the office", "out-of-office",
  "vacation", "on vacation", "away from", "abwesenheitsnotiz", "automatische antwort",
  "réponse automatique", "respuesta automática", "risposta automatica",
  "resposta automática", "自動返信", "自動応答", "自动回复",
  /* "Out of office" as Microsoft's French and Spanish products name it
   * (Outlook's, Teams' "Absent du bureau", "Fuera de la oficina"), which
   * people set as their responder's subject */
  "absent du bureau", "absente du bureau", "absence du bureau", "fuera de la oficina",
  /* "absence notice": the subject Japanese responders are commonly set to */
  "不在通知", "不在のお知らせ",
  /* Outlook's "Automatic reply:" in its other languages */
  "automatisch antwoord", "automatiskt svar", "automatisk svar", "autosvar",
  "automaattinen vastaus", "odpowiedź automatyczna", "automatická odpověď",
  "automatikus válasz", "otomatik yanıt", "자동 회신", "автоматический ответ",
  "автоматична відповідь", "автоответ", "αυτόματη απάντηση", "自動回覆",
  "răspuns automat", "balasan otomatis", "trả lời tự động", "automatická odpoveď",
  "automatski odgovor", "samodejni odgovor", "автоматичен отговор",
  "automatinis atsakymas", "automātiskā atbilde", "automaatne vastus",
  "resposta automàtica", "תשובה אוטומטית", "رد تلقائي", "ตอบกลับอัตโนมัติ",
};

/* Openings above that are everyday English too ("Out of office tomorrow?",
 * "Vacation plans for 2027"): a responder writes them alone or before a
 * colon, a dash, a date, or the word that names its notice ("Out of Office
 * AutoReply: ...", "Vacation reply", "On vacation until 14 May"); a
 * person's sentence or question goes on with other words. */
static const char *const plain_openings[] = {
  "out of office", "out of the office", "out-of-office", "vacation", "on vacation",
  "absent du bureau", "absente du bureau", "absence du bureau", "fuera de la oficina",
  /* Japanese names the topic the same way: "不在通知について" ("about
   * absence notices"), "不在通知の設定" are a person's */
  "不在通知", "不在のお知らせ",
};
static bool
is_plain_opening(const char *opening)
{
  for (size_t i = 0; i < G_N_ELEMENTS(plain_openings); i++)
    if (strcmp(opening, plain_openings[i]) == 0)
      return true;
  return false;
}

static const char *const notice_words[] = {
  "reply", "autoreply", "auto-reply", "auto reply", "response", "autoresponse",
  "auto-response", "auto response", "responder", "autoresponder", "auto-responder",
  "auto responder", "automatic", "notice", "notification", "alert", "message", "from",
  "until", "till", "returning",
};

/* A question with no colon after the opening ("Away from desk today?"): a
 * person asks it. A responder states, or puts the answered mail's subject,
 * question mark and all, after a colon (its own, as in "Auto:", or
 * another). */
static bool
asks(const char *rest)
{
  if (strchr(rest, ':') || strstr(rest, "\xef\xbc\x9a")) /* ':' or U+FF1A '：' */
    return false;
  size_t n = strlen(rest);
  while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t'))
    n--;
  return (n >= 1 && rest[n - 1] == '?') ||
         (n >= 3 && memcmp(rest + n - 3, "\xef\xbc\x9f", 3) == 0); /* U+FF1F '？' */
}

/* What follows an opening leaves it a responder's: unless it asks, a colon
 * (the opening's own, as in "Auto:", or the one after it), a date or a dash,
 * or a word that names the notice. A responder that writes a mark without
 * its colon ("Automatic reply", "Autoreply") writes it alone or before such
 * a word; "Automatic reply settings not working", "Automatische Antwort
 * einrichten" are a person's, asking about the feature. */
static bool
opening_stands(const char *opening, const char *rest, bool null_sender)
{
  bool colon = opening[strlen(opening) - 1] == ':';
  if (!colon && asks(rest))
    return false;
  const char *p = rest + strspn(rest, " \t");
  /* "away from" takes what follows as its object: vacation(1)'s default
   * subject is "away from my mail" */
  if (colon || !g_unichar_isalpha(g_utf8_get_char(p)) || strcmp(opening, "away from") == 0)
    return true;
  /* the word goes on: "vacations", "不在通知の" are a person's; a mark
   * that is not everyday English runs on only where the language has no
   * spaces ("自動返信メール") */
  if (p == rest)
    return !is_plain_opening(opening);
  /* sent from the null sender, as responders send so that nothing answers
   * them back (a person's mail bears the person's address): a mark before
   * any words is the responder's ("Auto reply to your message",
   * "Automatische Antwort von Max Muster") */
  if (null_sender)
    return true;
  /* nor does a space after such a mark end it: what follows in a wide
   * script is the answered subject ("自動返信 ご注文の確認"), as when it
   * runs on */
  if (!is_plain_opening(opening) && g_unichar_iswide(g_utf8_get_char(p)))
    return true;
  for (size_t i = 0; i < G_N_ELEMENTS(notice_words); i++) {
    size_t n = strlen(notice_words[i]);
    if (strncmp(p, notice_words[i], n) == 0 && !g_ascii_isalpha(p[n]))
      return true;
  }
  /* a second opening ("Out of Office Automatic Reply", "Out of Office
   * Autosvar"), or the mark of the answered reply or forward before its
   * subject ("Out of Office Re:Invoice 4711", "... AW: Rechnung") */
  for (size_t i = 0; i < G_N_ELEMENTS(subject_prefixes); i++)
    if (g_str_has_prefix(p, subject_prefixes[i]))
      return true;
  return bn_subject_marks_reply(p);
}

/* Lotus Notes names the person first: "Tama Neko is out of the office.",
 * "Tama Neko is out of the office (returning 13/05/2024)". */
static const char *const subject_phrases[] = {
  " is out of the office", " is out of office",
};

/* The phrase is the whole subject after the person's name: a name has no
 * colon (a "Re:" or "FYI:" before it is a person writing about someone
 * away), and the template ends the sentence there or gives the return date
 * in parentheses ("... is out of the office next week" is a person's). */
static bool
names_person_away(const char *subject, const char *phrase)
{
  const char *at = strstr(subject, phrase);
  if (at == NULL || memchr(subject, ':', (size_t)(at - subject)) ||
      g_strstr_len(subject, at - subject, "\xef\xbc\x9a")) /* U+FF1A, a full-width colon */
    return false;
  const char *after = at + strlen(phrase);
  after += strspn(after, " ");
  return after[0] == '\0' || after[0] == '.' || after[0] == '(';
}

/* Sieve's mark (RFC 5230: "Auto: " and the answered subject) is also a
 * person's topic ("Auto: insurance quote", "Auto: policy renewal"): it
 * counts alone only with more evidence than itself. */
static const char sieve_mark[] = "auto:";

/* plain: the everyday openings ("Out of office", "Vacation") and Notes'
 * sentence count too; null_sender: the message came from the null sender;
 * sieve: Sieve's "Auto:" counts. */
static bool
subject_says_autoreply(const char *subject, bool plain, bool null_sender, bool sieve)
{
  /* the opening is all that is read: a bounded, cheap fold */
  size_t n = bn_utf8_cut(subject, strlen(subject), 128);
  if (!g_utf8_validate(subject, (gssize)n, NULL))
    return false;
  char *folded = g_utf8_casefold(subject, (gssize)n);
  bool found = false;
  for (size_t i = 0; i < G_N_ELEMENTS(subject_prefixes) && !found; i++)
    found = (plain || !is_plain_opening(subject_prefixes[i])) &&
            (sieve || strcmp(subject_prefixes[i], sieve_mark) != 0) &&
            g_str_has_prefix(folded, subject_prefixes[i]) &&
            opening_stands(subject_prefixes[i], folded + strlen(subject_prefixes[i]),
                           null_sender);
  for (size_t i = 0; i < G_N_ELEMENTS(subject_phrases) && !found && plain; i++)
    found = names_person_away(folded, subject_phrases[i]);
  g_free(folded);
  return found;
}

/* Senders that write bounces, not auto-replies (bounces carry
 * "Auto-Submitted: auto-replied" too: Exim, Postfix, Gmail). */
static bool
from_mailer(const bn_view *v)
{
  const char *a = v->from_addr;
  return bn_view_from_mailer(v) || bn_has_prefix_ci(a, "mailer-daemon") ||
         bn_has_prefix_ci(a, "postmaster") || bn_has_prefix_ci(a, "mail-daemon") ||
         bn_has_prefix_ci(a, "maildelivery") ||
         /* Exchange's system mailbox, "MicrosoftExchange329e71ec...@",
          * sends its NDRs; an out-of-office comes from the person */
         bn_has_prefix_ci(a, "microsoftexchange");
}

/* Headers auto-responders write, and the word in the value that says
 * "auto-reply" (NULL: the header alone says it). */
static const struct {
  const char *name, *value;
} reply_headers[] = {
  {"Auto-Submitted", "auto-replied"}, /* RFC 3834 */
  {"X-Autoreply", NULL},              /* Gmail, Yahoo */
  {"X-Autorespond", NULL},            /* cPanel */
  {"X-Vacation", NULL},
  {"X-Autoreply-From", NULL},         /* Domain Technologie Control */
  {"X-Mail-Autoreply", NULL},         /* Domain Technologie Control */
  {"Precedence", "auto_reply"},       /* cPanel */
  {"X-Autogenerated", "reply"},       /* CommuniGate Pro (also Forward, Redirect ...) */
  /* Webmin's and Virtualmin's autoreply.pl writes it on every reply, as
   * its loop guard; the subject is the user's to set ("Autoreply to
   * <subject>" by default) */
  {"X-Webmin-Autoreply", NULL},
  /* vmailadmin's .autorespond template for qmail's autorespond
   * ("X-Autoresponder: vmailadmin", the user's From and Subject and no
   * other mark), b1gMail's responder ("X-Autoresponder: yes") */
  {"X-Autoresponder", NULL},
  /* vacation(1): the header its manual's example .vacation.msg has, which
   * people copy ("Delivered-By-The-Graces-Of: The Vacation program"), and
   * the program's own name where it gives one ("X-Mailer: vacation 1.46") */
  {"Delivered-By-The-Graces-Of", "vacation"},
  {"X-Delivered-By-The-Graces-Of", "vacation"},
  {"X-Mailer", "vacation"},
  {"X-Mailer", "autoresponder"},      /* "Confixx Autoresponder" and its like */
  /* Postfix Admin's vacation.pl sends the user's own subject with only
   * "Precedence: junk" and "X-Loop: Postfix Admin Virtual Vacation"; the
   * program's name, not the word: a list's X-Loop names its address
   * ("X-Loop: vacation-list@example.net", SmartList, procmail) */
  {"X-Loop", "virtual vacation"},
};

static bool tag_says_autoreply(const char *subject);
static bool closing_says_autoreply(const char *subject);

/* The text opens as a vacation message: "I'm away until October 19"
 * (RFC 5230's example), "I am on vacation until July 22" (vacation(1)'s
 * manual), "I am out of the office" (Outlook's and Notes' templates). */
static const char *const away_words[] = {
  "i'm away", "i am away", "i'm on vacation", "i am on vacation", "i'm out of the office",
  "i am out of the office", "i'm out of office", "i am out of office", NULL,
};

static bool
says_away(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_utf8_cut(v->text->str, v->text->len, 300), away_words);
}

/* The message answers another without marking itself a reply ("Re:"):
 * RFC 5230 requires a Sieve vacation message to carry In-Reply-To, and its
 * "Auto:" stands where a person's client writes "Re:"; a person opening a
 * topic "Auto: ..." answers no message. */
static bool
answers_unmarked(const bn_view *v)
{
  return bn_view_header(v, "In-Reply-To") != NULL;
}

/* A challenge-response system's request that the sender confirm: sent
 * with RFC 3834's headers, but no one is away, and the message is held,
 * not failed. DESIGN.md's kinds have no place for it: none, as the same
 * request without the headers reads. */
static const char *const challenge_words[] = {
  /* TMDA, templates/confirm_request.txt: "To release your message for
   * delivery, please send an empty message ..." */
  "to release your message for delivery",
  /* cPanel BoxTrapper's verify template: "The message you sent requires
   * that you verify that you are a real live human being and not a spam
   * source." */
  "requires that you verify that you are a real live human being",
  /* ChoiceMail One's default Registration Request, its link's text
   * (digiportal.com, ChoiceMail One help, "Messages customization") */
  "click here to verify your identity",
  /* Spam Arrest's challenge, as one received was posted with its headers
   * (pastebin.com/R1FNPaKh): "Spam Arrest requests that senders verify
   * themselves before their email is delivered." */
  "spam arrest requests that senders verify themselves",
  NULL,
};

static bool
challenges_sender(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), challenge_words);
}

/* A list manager's notice about a post, sent with RFC 3834's headers:
 * to its poster, that it is held for the moderators or was distributed,
 * or to a moderator, that the post they let through or refused was dealt
 * with. No one is away, and no mail of the recipient's failed: none.
 * Sympa writes each as the whole text of its "Message distribution"
 * notice, one line (default/mail_tt2/message_report.tt2, its older
 * wording too; the refusal the poster gets is reject.tt2,
 * lib/mta/sympa.c): the line's opening, words it holds after it (""
 * none) and close, around the list's name and the post's key. */
static const struct {
  const char *open, *mid, *close;
} post_notices[] = {
  {"Your message to the list '", "", "' has been forwarded to the moderator(s)"},
  {"Your message for list ", "", " has been forwarded to editor(s)"},
  {"Message ", " for list '", "' has been distributed."},
  {"Message ", " for list '", "' has been validated; it will be distributed soon."},
  {"Your message for list '", "' with the ", " ID has been confirmed and distributed."},
  {"Your message for list '", "' with the ", " ID has been confirmed; it will be distributed soon."},
  /* sent to the moderator who gave the REJECT command */
  {"Message ", " for list '", "' has been rejected."},
};

/* The lines an archiver's re-wrap breaks the notice's one line into. */
#define POST_NOTICE_LINES 3

static bool
is_post_notice(const char *l, size_t len)
{
  for (size_t i = 0; i < G_N_ELEMENTS(post_notices); i++) {
    size_t no = strlen(post_notices[i].open), nc = strlen(post_notices[i].close);
    if (len > no + nc && g_ascii_strncasecmp(l, post_notices[i].open, no) == 0 &&
        g_ascii_strncasecmp(l + len - nc, post_notices[i].close, nc) == 0 &&
        (post_notices[i].mid[0] == '\0' || bn_strcasestr(l + no, len - no - nc, post_notices[i].mid)))
      return true;
  }
  return false;
}

/* The opening line, and the lines an archiver's re-wrap broke from it
 * (bn_line_continues) joined back onto it with a blank. */
static bool
reports_post(const bn_view *v)
{
  bn_span l;
  if (!bn_prose_opening(v, &l))
    return false;
  if (is_post_notice(l.p, l.len))
    return true;
  const char *end = v->text->str + v->text->len;
  bn_lines it;
  bn_lines_init(&it, l.p + l.len, (size_t)(end - (l.p + l.len)));
  bn_span nl, more, last = l;
  if (!bn_lines_next(&it, &nl)) /* the rest of the opening line: its line break */
    return false;
  GString *joined = g_string_new_len(l.p, (gssize)l.len);
  bool found = false;
  for (int k = 0; k < POST_NOTICE_LINES && !found && bn_lines_next(&it, &more) &&
                  bn_line_continues(&last, &more);
       k++) {
    g_string_append_c(joined, ' ');
    g_string_append_len(joined, more.p, (gssize)more.len);
    found = is_post_notice(joined->str, joined->len);
    last = more;
  }
  g_string_free(joined, TRUE);
  return found;
}

bool
bn_autoreply_claim(const bn_view *v)
{
  /* a report (a read receipt, a TLS or delivery report), a challenge and
   * a list's notice about a post are sent with "Auto-Submitted:
   * auto-replied" too, and are none */
  if (from_mailer(v) || v->from_addr[0] == '\0' || v->report_type[0] || challenges_sender(v) ||
      reports_post(v))
    return false;
  /* RFC 3834: "no" says a person sent it, whatever its subject says */
  const char *as = bn_view_header(v, "Auto-Submitted");
  if (as) {
    as += strspn(as, " \t");
    if (bn_has_prefix_ci(as, "no") && !g_ascii_isalnum(as[2]) && as[2] != '-')
      return false;
  }
  for (size_t i = 0; i < G_N_ELEMENTS(reply_headers); i++) {
    const char *h = bn_view_header(v, reply_headers[i].name);
    if (h && (reply_headers[i].value == NULL ||
              bn_strcasestr(h, strlen(h), reply_headers[i].value)))
      return true;
  }
  const char *untagged = bn_subject_untagged(v->subject);
  bool null_sender = bn_view_null_sender(v);
  return tag_says_autoreply(v->subject) || closing_says_autoreply(v->subject) ||
         subject_says_autoreply(untagged, true, false,
                                null_sender || answers_unmarked(v) || says_away(v)) ||
         (null_sender && subject_says_autoreply(untagged, true, true, true));
}

/* rest is one of the words that name a responder's notice, and no more. */
static bool
notice_word_alone(const char *rest)
{
  for (size_t i = 0; i < G_N_ELEMENTS(notice_words); i++) {
    size_t n = strlen(notice_words[i]);
    if (strncmp(rest, notice_words[i], n) == 0 && rest[n + strspn(rest + n, " \t.!")] == '\0')
      return true;
  }
  return false;
}

/* The parentheses hold an auto-reply's mark and nothing more ("Auto
 * Response", "Auto-Reply message"), or the mark runs on into a word in a
 * language written without spaces ("自動返信メール"; not Russian
 * "автоответчик ...", an answering machine). Not the everyday openings
 * ("Re: schedule (vacation)" is a person's), and not a mark that starts a
 * topic: "(Auto: 2019 Honda Civic)", "(auto-reply settings)". */
static bool
mark_fills(const char *inner)
{
  size_t n = bn_utf8_cut(inner, strlen(inner), 128);
  if (!g_utf8_validate(inner, (gssize)n, NULL))
    return false;
  char *folded = g_utf8_casefold(inner, (gssize)n);
  const char *p = folded + strspn(folded, " \t");
  bool found = false;
  for (size_t i = 0; i < G_N_ELEMENTS(subject_prefixes) && !found; i++) {
    const char *mark = subject_prefixes[i];
    if (is_plain_opening(mark) || !g_str_has_prefix(p, mark))
      continue;
    const char *rest = p + strlen(mark);
    bool runs_on = (unsigned char)rest[0] >= 0x80 && g_unichar_iswide(g_utf8_get_char(rest));
    rest += strspn(rest, " \t.!");
    found = rest[0] == '\0' || runs_on || notice_word_alone(rest);
  }
  g_free(folded);
  return found;
}

/* Brackets a responder puts its mark in: "[Auto-Reply] Order 4411",
 * "[Abwesenheitsnotiz] ...", Japanese "【自動返信】..." and full-width
 * "［自動返信］" (no space after the close is needed there). */
static const struct {
  const char *open, *close;
} brackets[] = {
  {"[", "]"},
  {"\xe3\x80\x90", "\xe3\x80\x91"}, /* U+3010, U+3011 */
  {"\xef\xbc\xbb", "\xef\xbc\xbd"}, /* U+FF3B, U+FF3D */
};

/* The tag holds an everyday opening and nothing more ("[Out of Office]",
 * "[Vacation:]"): "[Vacation 2027]", "[vacation-rentals]" name a topic or
 * a list, whatever follows them. */
static bool
plain_mark_alone(const char *inner)
{
  const char *p = inner + strspn(inner, " \t");
  size_t n = strlen(p);
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == ':'))
    n--;
  if (n == 0 || !g_utf8_validate(p, (gssize)n, NULL))
    return false;
  char *folded = g_utf8_casefold(p, (gssize)n);
  bool found = is_plain_opening(folded);
  g_free(folded);
  return found;
}

/* One of the first few bracketed tags of the subject is an auto-reply's
 * mark, alone in its brackets: the tags a gateway adds ("[EXTERNAL]") are
 * passed over, and a bracket that holds more ("[Vacation plans]") is not
 * one. */
static bool
tag_says_autoreply(const char *subject)
{
  const char *s = subject;
  for (int n = 0; n < 4; n++) {
    s += strspn(s, " \t");
    const char *open = NULL, *close = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(brackets) && open == NULL; i++)
      if (g_str_has_prefix(s, brackets[i].open)) {
        open = s + strlen(brackets[i].open);
        close = brackets[i].close;
      }
    if (open == NULL)
      return false;
    const char *end = g_strstr_len(open, 64, close);
    if (end == NULL || end == open)
      return false;
    char *inner = g_strndup(open, (size_t)(end - open));
    s = end + strlen(close);
    /* an everyday opening alone in its tag is read with what follows
     * it, as if unbracketed: "[Out of Office] Re: Order 4411" is a responder's,
     * "[Out of Office] Dec 24-26" a person's announcement */
    bool found = mark_fills(inner);
    if (!found && plain_mark_alone(inner)) {
      char *joined = g_strconcat(inner, " ", s, NULL);
      found = subject_says_autoreply(joined, true, false, true);
      g_free(joined);
    }
    g_free(inner);
    if (found)
      return true;
  }
  return false;
}

/* Parentheses a responder closes the answered subject with: "Re: Order
 * 4411 (Auto Response)", Japanese "ご注文について（自動返信）". */
static const struct {
  const char *open, *close;
} parens[] = {
  {"(", ")"},
  {"\xef\xbc\x88", "\xef\xbc\x89"}, /* U+FF08, U+FF09 */
};

/* The subject ends with an auto-reply's mark alone in parentheses. */
static bool
closing_says_autoreply(const char *subject)
{
  size_t n = strlen(subject);
  while (n > 0 && (subject[n - 1] == ' ' || subject[n - 1] == '\t'))
    n--;
  for (size_t i = 0; i < G_N_ELEMENTS(parens); i++) {
    size_t cl = strlen(parens[i].close);
    if (n < cl || memcmp(subject + n - cl, parens[i].close, cl) != 0)
      continue;
    const char *open = g_strrstr_len(subject, (gssize)(n - cl), parens[i].open);
    if (open == NULL || (size_t)(subject + n - cl - open) > 64)
      return false;
    open += strlen(parens[i].open);
    char *inner = g_strndup(open, (size_t)(subject + n - cl - open));
    bool found = mark_fills(inner);
    g_free(inner);
    return found;
  }
  return false;
}

bool
bn_autoreply_subject(const char *subject)
{
  return tag_says_autoreply(subject) ||
         subject_says_autoreply(bn_subject_untagged(subject), true, false, true) ||
         closing_says_autoreply(subject);
}

/* Whether the reply at reply (len bytes, its line) says its code's own
 * words from RFC 5321 ("550 Requested action not taken: mailbox
 * unavailable", "554 Transaction failed"), as servers that give no
 * enhanced status answer. A number in a vacation message ("550 Market
 * Street", a phone number) is followed by no such words. */
static bool
says_rfc5321_words(const char *reply, size_t len)
{
  int code = bn_reply_code_at(reply, len);
  const char *words = code ? bn_reply_meaning(code) : NULL;
  if (words == NULL || len < 4)
    return false;
  const char *p = reply + 4, *end = reply + len;
  while (p < end && (*p == ' ' || *p == '-'))
    p++;
  size_t n = strlen(words);
  return (size_t)(end - p) >= n && g_ascii_strncasecmp(p, words, n) == 0;
}

/* The text's first paragraph: up to its first blank line, within the
 * notice's own text (len bytes). */
static size_t
first_paragraph(const char *t, size_t len)
{
  size_t start = strspn(t, " \t\r\n");
  if (start >= len)
    return 0;
  for (const char *nl = t + start; (nl = memchr(nl, '\n', len - (size_t)(nl - t))) != NULL; nl++) {
    const char *p = nl + 1;
    while (p < t + len && (*p == ' ' || *p == '\t' || *p == '\r'))
      p++;
    if (p >= t + len || *p == '\n')
      return (size_t)(nl - t);
  }
  return len;
}

/* Whether the opening (len bytes) says the delivery failed outside the
 * titles it quotes: a helpdesk's acknowledgement names the request it
 * opened by its subject ('Case 7731 "Fwd: Undelivered Mail Returned to
 * Sender" was opened'), whose words are its customer's, not its own. */
static bool
opening_says_failed(const char *t, size_t len)
{
  char *own = g_strndup(t, len);
  bool quoted = false;
  for (size_t i = 0; i < len; i++) {
    bool mark = own[i] == '"';
    size_t n = 1;
    /* U+201C and U+201D, the quotes word processors write */
    if (i + 2 < len && memcmp(own + i, "\xe2\x80", 2) == 0 &&
        (own[i + 2] == '\x9c' || own[i + 2] == '\x9d')) {
      mark = true;
      n = 3;
    }
    if (mark)
      quoted = !quoted;
    if (mark || quoted)
      memset(own + i, ' ', n);
    i += n - 1;
  }
  /* a quote never closed quoted no title */
  bool failed = bn_says_failed(quoted ? t : own, len);
  g_free(own);
  return failed;
}

/* A failure notice a gateway or a hosted mailbox sends from the address
 * it could not deliver to opens saying so ("Your message could not be
 * delivered to bob@example.org."), names that address there or in the
 * reply, and quotes the server's permanent reply with its enhanced status
 * ("550 5.1.1 <bob@example.org>: User unknown") or, from a server that
 * gives none, with its code's own words from RFC 5321. The envelope
 * sender does not tell it from an auto-reply: a gateway sends with the
 * null sender, a mailbox that bounces under its user's name with the
 * user's own, and a responder with either. A vacation message says none
 * of it, and a number that opens a line of it ("550 Market Street") has
 * neither after it; one that opens saying its sender is away is a
 * vacation message whatever failure it goes on to tell of ("mail to me
 * was returned with 550 5.1.1 ... during the move"), and a helpdesk's
 * acknowledgement opens with its thanks, whatever bounce its customer
 * wrote of or it quotes further down. The reply's line, *len bytes from
 * the result, or NULL. */
static const char *
own_failure_reply(const bn_view *v, size_t *len)
{
  size_t head = bn_view_own_len(v, 4096);
  const char *t = v->text->str;
  size_t opening = first_paragraph(t, head);
  /* a notice the fallback claims as one (the null sender, a subject or
   * text of a bounce) may open with a greeting or a title ("Dear
   * sender,"): its failure and the address are read anywhere in its text */
  bool claimed = bn_mta_fallback.claim(v);
  if (claimed)
    opening = head;
  if (says_away(v) || !(claimed || opening_says_failed(t, opening)))
    return NULL;
  const char *reply = bn_find_reply(t, head);
  if (reply == NULL || reply[0] != '5')
    return NULL;
  const char *end = memchr(reply, '\n', head - (size_t)(reply - t));
  *len = end ? (size_t)(end - reply) : head - (size_t)(reply - t);
  if (bn_strcasestr(t, opening, v->from_addr) == NULL &&
      bn_strcasestr(reply, *len, v->from_addr) == NULL)
    return NULL;
  char status[16];
  if ((bn_find_status(reply, *len, status) && status[0] == '5') || says_rfc5321_words(reply, *len))
    return reply;
  return NULL;
}

/* The reply at reply (its first line len bytes), with the lines that go
 * on with it (RFC 5321 4.2.1: "550-5.1.1 ...", then the same code on the
 * next line), up to a few lines and the end of the notice's own text
 * (at end). */
static GString *
reply_lines(const char *reply, size_t len, const char *end)
{
  GString *out = g_string_new_len(reply, (gssize)len);
  const char *line = reply;
  for (int n = 0; n < 8 && len > 3 && line[3] == '-' && line + len < end; n++) {
    const char *next = line + len + 1;
    next += strspn(next, " \t");
    if ((size_t)(end - next) < 4 || memcmp(next, reply, 3) != 0 ||
        (next[3] != ' ' && next[3] != '-'))
      break;
    const char *nl = memchr(next, '\n', (size_t)(end - next));
    line = next;
    len = nl ? (size_t)(nl - next) : (size_t)(end - next);
    g_string_append_c(out, ' ');
    g_string_append_len(out, line, (gssize)len);
  }
  return out;
}

bool
bn_autoreply_extract(const bn_view *v, bounce_report *r)
{
  bounce_recipient *rc = bn_report_add(r, v->from_mailbox, BOUNCE_SOURCE_HEADER);
  if (rc == NULL)
    return false;
  /* the failure wins over the headers: its cause and kind are the
   * text's, read as the fallback reads an unknown MTA's, and the reply
   * it quotes says them better than its opening */
  size_t len = 0;
  const char *reply = own_failure_reply(v, &len);
  if (reply) {
    GString *lines = reply_lines(reply, len, v->text->str + bn_view_own_len(v, 4096));
    char *d = bn_squeeze_dup(lines->str, lines->len);
    bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
    g_free(d);
    g_string_free(lines, TRUE);
    bn_set_str(&r->mta, bn_mta_fallback.name);
    return true;
  }
  rc->cause = BOUNCE_CAUSE_VACATION;
  rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_HEADER;
  if (v->text->len) {
    /* its opening words, cut between two characters (the text is UTF-8) */
    char *d = bn_squeeze_dup(v->text->str, bn_utf8_cut(v->text->str, v->text->len, 200));
    bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
    g_free(d);
  }
  r->kind = BOUNCE_KIND_AUTOREPLY;
  bn_set_str(&r->mta, "rfc3834");
  return true;
}
