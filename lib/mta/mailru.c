/* Mail.Ru (Exim underneath): a plain-text bounce from
 * mailer-daemon@corp.mail.ru, first in Russian, then Exim's English text:
 *
 *   Это письмо создано автоматически сервером Mail.Ru, ...
 *   К сожалению, Ваше письмо не может быть доставлено одному или
 *   нескольким получателям:
 *     user@example.jp
 *       SMTP error from remote mail server after RCPT TO:<user@example.jp>:
 *       host mx.example.jp [192.0.2.1]: 550 5.1.1 <user@example.jp>... User Unknown
 *   ...
 *   **********************
 *   This message was created automatically by mail delivery software.
 *   A message that you sent could not be delivered to one or more of its
 *   recipients. This is a permanent error. The following address(es) failed:
 *     (the same paragraphs)
 *   ------ This is a copy of the message, including all the headers. ------
 *
 * The English part is Exim's own and exim.c reads it (with Exim's fixed
 * reasons such as "Unrouteable address"); the Russian part, laid out the
 * same way but sometimes with the local part alone, is the fallback when
 * the English one is missing. Each address stands alone on a line, the
 * lines about it are indented deeper: the command in flight, "host NAME
 * [IP]:" and the answer, or Exim's own reason. */
#include "mta.h"
#include <string.h>

extern const bn_mta bn_mta_exim;

static const char *const russian[] = {"Ваше письмо не может быть доставлено", NULL};
static const char *const russian_ends[] = {"**********************", "Рекомендуем Вам",
                                           "------ This is a copy of the message", NULL};
static const char *const delays[] = {"has not yet been delivered", NULL};

static bool
claim(const bn_view *v)
{
  static const char *const marks[] = {"сервером Mail.Ru", NULL};
  if (g_str_has_prefix(v->from_addr, "mailer-daemon@") && g_str_has_suffix(v->from_addr, "mail.ru"))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 1024), marks) &&
         bn_view_looks_like_bounce(v);
}

static size_t
indent(const bn_span *l)
{
  size_t i = 0;
  while (i < l->len && (l->p[i] == ' ' || l->p[i] == '\t'))
    i++;
  return i;
}

/* One detail line about the recipient. */
static void
detail(bounce_recipient *rc, const char *p, size_t n)
{
  if (bn_has_prefix_ci(p, "SMTP error from remote")) {
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, bn_find_smtp_command(p, n), BOUNCE_SOURCE_TEXT);
    return;
  }
  if (bn_has_prefix_ci(p, "host ")) {
    /* "host mx.example.jp [192.0.2.1]: answer" */
    char *host = bn_prose_hostname(p + 5, n - 5);
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
    g_free(host);
    const char *colon = memchr(p, ']', n);
    if (colon && colon + 1 < p + n && colon[1] == ':') {
      colon += 2;
      n -= (size_t)(colon - p);
      p = colon;
    }
  }
  bn_prose_add_line(rc, p, n);
}

static size_t
read_part(const bn_view *v, bounce_report *r, const char *const *starts, const char *const *ends)
{
  bn_span sec;
  if (!bn_prose_section(v, starts, ends, &sec))
    return 0;
  bool delayed = bn_prose_has_any(v->text->str, v->text->len, delays);
  size_t found = 0, base = 0;
  bounce_recipient *rc = NULL;
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next(&it, &line)) {
    if (line.len == 0)
      continue;
    size_t in = indent(&line);
    if (rc && in > base) {
      detail(rc, line.p + in, line.len - in);
      continue;
    }
    rc = NULL;
    if (in == 0 || bn_word_end(line.p + in, line.len - in) < line.len - in)
      continue;
    char *addr = bn_address_clean(line.p + in, line.len - in);
    if (addr) {
      rc = bn_prose_recipient(r, addr);
      base = in;
      found++;
    }
    g_free(addr);
  }
  for (size_t i = 0; found && i < bn_report_count(r); i++) {
    bounce_recipient *x = bn_report_rcpt(r, i);
    bn_rcpt_fill(x, BOUNCE_FIELD_ACTION,
                 delayed ? bn_prose_warning_action(x->diagnostic) : "failed", BOUNCE_SOURCE_TEXT);
  }
  return found;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_mta_exim.extract(v, r) && bn_report_count(r) > 0)
    return true;
  read_part(v, r, russian, russian_ends);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_mailru = {"mailru", claim, extract};
