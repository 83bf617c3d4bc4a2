/* m-FILTER (Digital Arts), a mail gateway common in Japan: a plain-text
 * notice in Japanese (X-Mailer: m-FILTER) that lists the failed addresses
 * one a line, then sections under fixed rules:
 *
 *   以下のメールアドレスへの送信に失敗しました。
 *   user@example.jp
 *
 *   -------server message
 *   550 unknown user <user@example.jp>
 *
 *   -------SMTP command
 *   DATA
 *
 *   -------original message       (or "-------original mail info")
 */
#include "mta.h"
#include <string.h>

static const char *const server_rule[] = {"-------server message", NULL};
/* "以下のメールアドレスへの送信に失敗しました。", above the failed addresses */
static const char failed_sentence[] = "送信に失敗しました。";
static const char *const command_rule[] = {"-------SMTP command", NULL};
static const char *const original_rules[] = {
  "-------original message", "-------original mail info", NULL,
};

static bool
claim(const bn_view *v)
{
  const char *xm = bn_view_header(v, "X-Mailer");
  if (xm && bn_strcasestr(xm, strlen(xm), "m-FILTER"))
    return true;
  return bn_strcasestr(v->text->str, bn_view_own_len(v, 1024), "m-FILTER") &&
         bn_strcasestr(v->text->str, v->text->len, server_rule[0]);
}

/* The text of the section after rule: up to the next "-------" line. */
static char *
section(const GString *t, const char *const *rule, bool first_line_only)
{
  /* the section under its rule, or after it on the rule's line where a
   * client joined the paragraph onto one line */
  gssize at = bn_prose_after_heading(t, 0, rule);
  if (at < 0)
    return NULL;
  GString *g = g_string_new(NULL);
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + at, t->len - (size_t)at);
  while (bn_lines_next(&it, &l)) {
    if (l.len >= 7 && strncmp(l.p, "-------", 7) == 0)
      break;
    if (g->len)
      g_string_append_c(g, '\n');
    g_string_append_len(g, l.p, (gssize)l.len);
    if (first_line_only && g->len && l.len)
      break;
  }
  char *out = bn_prose_join_reply(g->str, g->len);
  g_string_free(g, TRUE);
  return out;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize server_at = bn_prose_before(t, server_rule);
  if (server_at < 0)
    return false;
  char *reply = section(t, server_rule, false);
  char *cmd_line = section(t, command_rule, true);
  const char *cmd = cmd_line ? bn_smtp_command_name(cmd_line, strlen(cmd_line)) : NULL;
  bn_lines it;
  bn_span l;
  size_t found = 0;
  bn_lines_init(&it, t->str, (size_t)server_at);
  while (bn_lines_next(&it, &l)) {
    bn_span_untrail(&l);
    bn_span_unindent(&l);
    /* m-FILTER lists the addresses one a line under its sentence; a
     * client that joined the paragraph puts them after the sentence */
    const char *sent = bn_strcasestr(l.p, l.len, failed_sentence);
    if (sent) {
      l.len -= (size_t)(sent - l.p) + strlen(failed_sentence);
      l.p = sent + strlen(failed_sentence);
      bn_span_trim(&l);
    }
    if (l.len == 0 || bn_word_end(l.p, l.len) < l.len || !memchr(l.p, '@', l.len))
      continue;
    bounce_recipient *rc = bn_prose_recipient_at(r, l.p, l.len, true);
    if (rc == NULL)
      continue;
    found++;
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, reply, BOUNCE_SOURCE_TEXT);
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, cmd, BOUNCE_SOURCE_TEXT);
    bn_prose_set_action(rc, "failed");
  }
  g_free(reply);
  g_free(cmd_line);
  bn_prose_original(v, r, bn_prose_after(t, original_rules));
  return found > 0;
}

const bn_mta bn_mta_mfilter = {"mfilter", claim, extract};
