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
 * The delivery-status part gives the recipients; the "<address>:"
 * paragraphs are Postfix's own and postfix.c reads them (remote host,
 * answer, command in flight). This file knows Yandex by its sender and its
 * Russian notice. */
#include "mta.h"
#include <string.h>

extern const bn_mta bn_mta_postfix;

static bool
claim(const bn_view *v)
{
  static const char *const marks[] = {"почтовым сервером yandex", NULL};
  if (g_str_has_prefix(v->from_addr, "mailer-daemon@") && strstr(v->from_addr, "yandex."))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 1024), marks) &&
         bn_view_looks_like_bounce(v);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  return bn_mta_postfix.extract(v, r) || bn_report_count(r) > 0;
}

const bn_mta bn_mta_yandex = {"yandex", claim, extract};
