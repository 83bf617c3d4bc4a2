/* Yahoo! Mail (and Yahoo! JAPAN, AOL and hosts that run the same
 * software): a plain-text "Failure Notice" from MAILER-DAEMON:
 *
 *   Sorry, we were unable to deliver your message to the following address.
 *
 *   <user@example.org>:
 *   Remote host said: 550 5.1.1 <user@example.org>... User Unknown [RCPT_TO]
 *
 *   --- Below this line is a copy of the message.
 *
 * Newer texts write the answer as "550: 5.1.1 ..." without "Remote host
 * said:" and the command. A bracketed word at the end names the command in
 * flight ("[RCPT_TO]", "[MAIL_FROM]"). When Yahoo itself gave up after
 * retrying, the paragraph is "Unable to deliver message after multiple
 * retries, giving up."
 *
 * Yahoo writes the notice in its user's language ("Désolé, nous n'avons
 * pas pu ...", "Leider konnten wir ..."): the layout stays, the sentences
 * do not. Such a notice is known by its sender, MAILER-DAEMON at a Yahoo
 * domain, and read from its start to the "--- ..." line before the copy;
 * the translated "Remote host said:" is dropped as the English one is. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "Sorry, we were unable to deliver your message to the following address", NULL,
};
static const char *const ends[] = {"--- Below this line is a copy of the message", NULL};

static const bn_cause_row causes[] = {
  {"Unable to deliver message after multiple retries", BOUNCE_CAUSE_EXPIRED},
};

/* MAILER-DAEMON@yahoo.com, @yahoo.co.jp, @mta1021.mail.ir2.yahoo.com */
static bool
from_yahoo(const bn_view *v)
{
  const char *at = strchr(v->from_addr, '@');
  return g_str_has_prefix(v->from_addr, "mailer-daemon@") && at &&
         (g_str_has_prefix(at + 1, "yahoo.") || strstr(at, ".yahoo.") != NULL);
}

/* The old qmail-based notices: the one yahoo-legacy.c reads, and
 * qmail-send's own ("Hi. This is the qmail-send program at yahoo.com.",
 * as Yahoo's help page on undelivered mail shows it), which qmail.c reads
 * with its "failed after I sent the message" stage. */
static const char *const legacy[] = {"Unable to deliver message to the following address(es)",
                                     "This is the qmail-send program", NULL};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 1024);
  return bn_prose_has_any(v->text->str, head, starts) ||
         (from_yahoo(v) && v->dsn->len == 0 && !bn_prose_has_any(v->text->str, head, legacy));
}

/* The answer after a label that introduces it, in any language ("Remote
 * host said:", "L'hôte distant a répondu :"): a short lead of words
 * ending in a colon, ASCII or the full-width one of Chinese and Japanese,
 * no digits, before the reply code. The answer's offset, or 0 when there
 * is no such lead. */
static size_t
after_lead(const GString *text)
{
  static const char wide_colon[] = "\xEF\xBC\x9A";
  const char *answer = bn_find_reply(text->str, text->len);
  if (answer == NULL || answer == text->str || answer - text->str > 64)
    return 0;
  size_t n = (size_t)(answer - text->str);
  while (n > 0 && g_ascii_isspace(text->str[n - 1]))
    n--;
  size_t words; /* the lead before its colon */
  if (n >= 3 && memcmp(text->str + n - 3, wide_colon, 3) == 0)
    words = n - 3;
  else if (n > 0 && text->str[n - 1] == ':')
    words = n - 1;
  else
    return 0;
  for (size_t i = 0; i < words; i++)
    if (g_ascii_isdigit(text->str[i]) || text->str[i] == ':')
      return 0;
  return (size_t)(answer - text->str);
}

/* "[RCPT_TO]" at the end of the answer: the command; removed from s. */
static const char *
take_command(GString *s)
{
  if (s->len < 4 || s->str[s->len - 1] != ']')
    return NULL;
  const char *open = strrchr(s->str, '[');
  if (open == NULL)
    return NULL;
  char *word = g_strndup(open + 1, s->len - (size_t)(open - s->str) - 2);
  g_strdelimit(word, "_", ' ');
  const char *cmd = bn_smtp_command_name(word, strlen(word));
  g_free(word);
  if (cmd) {
    g_string_truncate(s, (size_t)(open - s->str));
    bn_squeeze(s);
  }
  return cmd;
}

/* "550: 5.2.2 ..." or "550 5.1.1 ...": the reply code at the start. */
static int
leading_code(const char *s)
{
  if (!g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[1]) || !g_ascii_isdigit(s[2]))
    return 0;
  if (s[3] != ':' && s[3] != ' ' && s[3] != '-' && s[3] != '\0')
    return 0;
  int code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
  return code >= 200 && code < 600 ? code : 0;
}

static void
paragraph(bounce_report *r, const char *addr, GString *text)
{
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  if (rc == NULL)
    return;
  /* the lead goes first: a reply written over several lines ("550-5.7.1
   * ..." over "550 5.7.1 ...") is then joined saying its code once */
  g_string_erase(text, 0, (gssize)after_lead(text));
  char *joined = bn_prose_join_reply(text->str, text->len);
  g_string_assign(text, joined);
  g_free(joined);
  const char *cmd = take_command(text);
  bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, cmd, BOUNCE_SOURCE_TEXT);
  if (rc->reply_code == 0)
    bn_rcpt_set_reply_code(rc, leading_code(text->str), BOUNCE_SOURCE_TEXT);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, text->str, BOUNCE_SOURCE_TEXT);
  if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, bn_cause_table_find(text->str, text->len, causes,
                                             G_N_ELEMENTS(causes)));
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, starts, ends, &sec) &&
      !(from_yahoo(v) && bn_prose_section(v, NULL, ends, &sec)))
    return false;
  bn_lines it;
  bn_span line;
  char *addr = NULL;
  GString *text = g_string_new(NULL);
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next(&it, &line)) {
    /* "--- Below this line is a copy of the message.", translated */
    if (bn_has_prefix_ci(line.p, "--- "))
      break;
    /* "<user@example.org>:" opens a recipient's paragraph, alone on its
     * line; a client that joined each paragraph onto one line put the
     * paragraph's words after it ("<a@b>: Remote host said: 550 ...") */
    char *next = NULL;
    size_t word = bn_word_end(line.p, line.len);
    if (word > 3 && line.p[word - 1] == ':' && memchr(line.p, '@', word))
      next = bn_address_clean(line.p, word - 1);
    if (next) {
      if (addr)
        paragraph(r, addr, text);
      g_free(addr);
      addr = next;
      g_string_truncate(text, 0);
      bn_span words = {line.p + word, line.len - word};
      bn_span_trim(&words);
      if (words.len == 0)
        continue;
      line = words;
    }
    if (addr) {
      g_string_append_len(text, line.p, (gssize)line.len);
      g_string_append_c(text, '\n');
    }
  }
  if (addr)
    paragraph(r, addr, text);
  g_free(addr);
  g_string_free(text, TRUE);
  /* the copy under the rule: read here, as its header block may be one
   * line a client joined, which the search for an inline copy passes */
  if (bn_report_count(r) > 0)
    bn_prose_original(v, r, bn_prose_after(v->text, ends));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_yahoo = {"yahoo", claim, extract};
