/* Yandex Mail (Postfix underneath): a multipart/report from
 * mailer-daemon@yandex.ru whose text part puts a Russian notice before
 * Postfix's:
 *
 *                 **********
 *   Это письмо отправлено почтовым сервером yandex.ru.
 *   К сожалению, мы вынуждены сообщить Вам о том, что Ваше письмо не может
 *   быть отправлено одному или нескольким адресатам. ...
 *                 **********
 *   This is the mail system at host yandex.ru.
 *   ...
 *   <user@example.jp>: host mx.example.jp[192.0.2.1] said: 550
 *       5.1.1 <user@example.jp>... User Unknown (in reply to RCPT TO
 *       command)
 *
 * Each "<address>:" paragraph (continued by indented lines) gives the
 * remote host, its answer and the command in flight; the delivery-status
 * part gives the recipients, the paragraphs complete them. */
#include "mta.h"
#include <string.h>

static bool
claim(const bn_view *v)
{
  static const char *const marks[] = {"почтовым сервером yandex", NULL};
  if (g_str_has_prefix(v->from_addr, "mailer-daemon@") && strstr(v->from_addr, "yandex."))
    return true;
  return bn_prose_has_any(v->text->str, MIN(v->text->len, 1024), marks) &&
         bn_view_looks_like_bounce(v);
}

/* "<user@example.jp>: host mx.example.jp[192.0.2.1] said: 550 ... (in
 * reply to RCPT TO command)", squeezed. */
static void
paragraph(bounce_report *r, const char *p, size_t len)
{
  char *text = bn_squeeze_dup(p, len);
  const char *gt = strstr(text, ">:");
  char *addr = gt ? bn_address_clean(text, (size_t)(gt - text + 1)) : NULL;
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  if (rc) {
    const char *rest = gt + 2;
    while (*rest == ' ')
      rest++;
    if (g_str_has_prefix(rest, "host ")) {
      char *host = bn_prose_hostname(rest + 5, strlen(rest + 5));
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_free(host);
    }
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, bn_find_smtp_command(rest, strlen(rest)),
                 BOUNCE_SOURCE_TEXT);
    const char *said = strstr(rest, " said: ");
    char *answer = g_strdup(said ? said + 7 : rest);
    char *in_reply = strstr(answer, " (in reply to ");
    if (in_reply)
      *in_reply = '\0';
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, answer, BOUNCE_SOURCE_TEXT);
    g_free(answer);
  }
  g_free(addr);
  g_free(text);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, NULL, NULL, &sec))
    return false;
  bn_lines it;
  bn_span line;
  const char *para = NULL;
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next(&it, &line)) {
    bool cont = line.len && (line.p[0] == ' ' || line.p[0] == '\t');
    if (para && cont)
      continue;
    if (para)
      paragraph(r, para, (size_t)(line.p - para));
    para = line.len > 3 && line.p[0] == '<' && memchr(line.p, '@', line.len) ? line.p : NULL;
  }
  if (para)
    paragraph(r, para, (size_t)(sec.p + sec.len - para));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_yandex = {"yandex", claim, extract};
