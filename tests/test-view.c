/* Sorting a message into its pieces: which parts are prose, which are the
 * report, which is the returned message, and decoding to UTF-8. */
#include "testutil.h"
#include "private.h"
#include <string.h>

static GMimeMessage *
message(const char *raw)
{
  GMimeStream *s = g_mime_stream_mem_new_with_buffer(raw, strlen(raw));
  GMimeParser *p = g_mime_parser_new_with_stream(s);
  GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
  g_object_unref(p);
  g_object_unref(s);
  ck_assert_ptr_nonnull(m);
  return m;
}

/* a message whose bytes did not run out */
static const bn_ran_out intact = {BN_RAN_OUT_NOWHERE, NULL, NULL, 0};

typedef struct {
  GMimeMessage *msg;
  bounce_report *r;
  bn_view v;
} fixture;

static void
open_view(fixture *f, const char *raw)
{
  f->msg = message(raw);
  f->r = bn_report_new(NULL);
  ck_assert(bn_view_init(&f->v, f->msg, NULL, f->r, intact, NULL));
}

static void
close_view(fixture *f)
{
  bn_view_clear(&f->v);
  bounce_report_free(f->r);
  g_object_unref(f->msg);
}

static bool
has_warning(const bounce_report *r, const char *needle)
{
  for (size_t i = 0; i < bounce_report_get_warning_count(r); i++)
    if (strstr(bounce_report_get_warning(r, i), needle))
      return true;
  return false;
}

START_TEST(test_parts)
{
  fixture f;
  open_view(&f, "From: MAILER-DAEMON@x.example\nSubject: =?UTF-8?Q?=C3=A9chec?=\n"
                "Content-Type: multipart/report; report-type=Delivery-Status; boundary=b\n\n"
                "--b\nContent-Type: multipart/alternative; boundary=a\n\n"
                "--a\nContent-Type: text/html\n\n<p>html copy</p>\n"
                "--a\nContent-Type: text/plain\n\nplain words\n--a--\n"
                "--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
                "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x.example\n"
                "--b\nContent-Type: message/rfc822\n\nSubject: orig\nFrom: a@b.example\n\nsecret body\n"
                "--b--\n");
  ck_assert_str_eq(f.v.subject, "échec");
  ck_assert_str_eq(f.v.from_addr, "mailer-daemon@x.example");
  ck_assert_str_eq(f.v.report_type, "Delivery-Status");
  ck_assert_msg(strstr(f.v.text->str, "plain words") != NULL, "%s", f.v.text->str);
  ck_assert(strstr(f.v.text->str, "html copy") == NULL);
  ck_assert(strstr(f.v.text->str, "secret body") == NULL);
  ck_assert(strstr(f.v.text->str, "iVBOR") == NULL);
  ck_assert(strstr(f.v.dsn->str, "Reporting-MTA") != NULL);
  ck_assert_ptr_nonnull(f.v.returned);
  ck_assert(bn_view_from_mailer(&f.v));
  ck_assert(bn_view_looks_like_bounce(&f.v));
  close_view(&f);
}
END_TEST

/* A relay's notice carrying a report whole: the report's prose is not the
 * notice's, and is not decoded (its charset fault is no warning). */
START_TEST(test_wrapped_report_prose_unread)
{
  fixture f;
  open_view(&f, "From: postmaster@gw.example.net\nSubject: Undeliverable mail returned\n"
                "Content-Type: multipart/mixed; boundary=o\n\n"
                "--o\nContent-Type: text/plain\n\nThe attached report is forwarded to you.\n"
                "--o\nContent-Type: message/rfc822\n\n"
                "From: MAILER-DAEMON@mx.example.jp\nSubject: Undelivered Mail Returned to Sender\n"
                "Content-Type: multipart/report; report-type=delivery-status; boundary=i\n\n"
                "--i\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                "Gr\xfc\xdf" "e from the mail system\n"
                "--i\nContent-Type: text/plain\n\nReporting-MTA: dns; mx.example.jp\n\n"
                "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 5.2.2\n"
                "--i\nContent-Type: text/rfc822-headers\n\nMessage-ID: <orig1@example.org>\n"
                "--i--\n--o--\n");
  ck_assert_ptr_nonnull(f.v.wrapped);
  ck_assert_msg(strstr(f.v.wrapped_dsn->str, "Final-Recipient") != NULL, "%s", f.v.wrapped_dsn->str);
  ck_assert_msg(strstr(f.v.returned_headers->str, "orig1@example.org") != NULL, "%s",
                f.v.returned_headers->str);
  ck_assert_msg(strstr(f.v.text->str, "forwarded to you") != NULL, "%s", f.v.text->str);
  ck_assert(strstr(f.v.text->str, "mail system") == NULL);
  ck_assert_uint_eq(bounce_report_get_warning_count(f.r), 0);
  close_view(&f);
}
END_TEST

START_TEST(test_html_only)
{
  fixture f;
  open_view(&f, "From: postmaster@x.example\nContent-Type: text/html; charset=utf-8\n\n"
                "<html><body>Delivery to <b>a@b.example</b> failed<br>550 5.1.1</body></html>\n");
  ck_assert_msg(strstr(f.v.text->str, "Delivery to a@b.example failed\n550 5.1.1") != NULL, "%s",
                f.v.text->str);
  ck_assert(f.v.html_only);
  close_view(&f);
}
END_TEST

/* The markup of the notice's own HTML parts, decoded once: each of them,
 * a line between two, and neither an HTML attachment nor the returned
 * message's HTML */
START_TEST(test_html_markup)
{
  fixture f;
  open_view(&f, "From: postmaster@x.example\n"
                "Content-Type: multipart/mixed; boundary=b\n\n"
                "--b\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n"
                "PGEgaHJlZj0iaHR0cHM6Ly9leGFtcGxlLmNvbS8/cD1PbmUiPg==\n"
                "--b\nContent-Type: text/html\n\n<a href=\"?p=Two\">\n"
                "--b\nContent-Type: text/html\nContent-Disposition: attachment\n\n?p=Three\n"
                "--b\nContent-Type: message/rfc822\n\nSubject: orig\n"
                "Content-Type: text/html\n\n?p=Four\n--b--\n");
  GString *m = bn_view_html_markup(&f.v);
  ck_assert_ptr_nonnull(m);
  ck_assert_str_eq(m->str, "<a href=\"https://example.com/?p=One\">\n<a href=\"?p=Two\">");
  g_string_free(m, TRUE);
  close_view(&f);
  open_view(&f, "From: postmaster@x.example\nContent-Type: text/plain\n\nno markup\n");
  ck_assert_ptr_null(bn_view_html_markup(&f.v));
  close_view(&f);
}
END_TEST

START_TEST(test_charsets)
{
  fixture f;
  /* UTF-7 under the name Exchange gives it; EUC-JP labelled ISO-2022-JP;
   * ISO-2022-JP with no label at all. */
  open_view(&f, "From: a@x.example\nContent-Type: multipart/mixed; boundary=b\n\n"
                "--b\nContent-Type: text/plain; charset=\"unicode-1-1-utf-7\"\n\n"
                "Delivery has failed +ACI-quoted+ACI-\n"
                "--b\nContent-Type: text/plain; charset=iso-2022-jp\nContent-Transfer-Encoding: 8bit\n\n"
                "\xc1\xf7\xbf\xae\xa4\xc7\xa4\xad\xa4\xde\xa4\xbb\xa4\xf3\n"
                "--b\nContent-Type: text/plain\n\n\x1b$B%F%9%H\x1b(B\n"
                "--b--\n");
  ck_assert_msg(strstr(f.v.text->str, "Delivery has failed \"quoted\"") != NULL, "%s", f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "送信できません") != NULL, "%s", f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "テスト") != NULL, "%s", f.v.text->str);
  ck_assert(has_warning(f.r, "labelled iso-2022-jp is not; read as EUC-JP"));
  ck_assert(g_utf8_validate(f.v.text->str, -1, NULL));
  close_view(&f);
}
END_TEST

/* Text of ASCII bytes alone is taken as it is only under a label that
 * reads ASCII as ASCII (bn_charset_ascii_same): UTF-7's "+" and
 * ISO-2022-JP's escapes are ASCII bytes that stand for other characters,
 * and such text still goes through its converter. */
START_TEST(test_ascii_bytes_converted)
{
  fixture f;
  open_view(&f, "From: a@x.example\nContent-Type: multipart/mixed; boundary=b\n\n"
                "--b\nContent-Type: text/plain; charset=utf-7\n\n"
                "Unknown user +ACI-a+AEA-example.org+ACI-\n"
                "--b\nContent-Type: text/plain; charset=ISO-2022-JP\n\n"
                "\x1b$B%F%9%H\x1b(B: delivery failed\n"
                "--b\nContent-Type: text/plain; charset=iso-8859-1\n\n"
                "Plain +ACI- text~\\\n"
                "--b\nContent-Type: text/plain; charset=shift_jis\n\n"
                "C:\\mail~box\n"
                "--b--\n");
  ck_assert_msg(strstr(f.v.text->str, "Unknown user \"a@example.org\"") != NULL, "%s",
                f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "テスト: delivery failed") != NULL, "%s", f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "Plain +ACI- text~\\") != NULL, "%s", f.v.text->str);
  /* JIS X 0201 Roman, as glibc's converter reads Shift_JIS */
  ck_assert_msg(strstr(f.v.text->str, "C:\u00a5mail\u203ebox") != NULL, "%s", f.v.text->str);
  ck_assert_int_eq((int)bounce_report_get_warning_count(f.r), 0);
  close_view(&f);
}
END_TEST

START_TEST(test_unlabelled_legacy)
{
  fixture f;
  /* 8-bit text with no charset at all, as old Japanese, Chinese and
   * Russian MTAs send it: each part read in its own script. GB2312 Chinese
   * passes a strict EUC-JP decode, but has no kana; Russian passes none of
   * the CJK ones, and lowercase tells KOI8-R from windows-1251. */
  open_view(&f, "From: a@x.example\nContent-Type: multipart/mixed; boundary=b\n\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xb0\xb8\xc0\xe8\xa4\xce\xa5\xe1\xa1\xbc\xa5\xeb\xa5\xa2\xa5\xc9\xa5\xec\xa5\xb9"
                "\xa4\xac\xb8\xab\xa4\xc4\xa4\xab\xa4\xea\xa4\xde\xa4\xbb\xa4\xf3\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xca\xd5\xbc\xfe\xc8\xcb\xd3\xca\xcf\xe4\xb2\xbb\xb4\xe6\xd4\xda\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xe1\xc4\xd2\xc5\xd3 \xd0\xcf\xcc\xd5\xde\xc1\xd4\xc5\xcc\xd1 \xce\xc5 "
                "\xce\xc1\xca\xc4\xc5\xce (koi8)\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xc0\xe4\xf0\xe5\xf1 \xef\xee\xeb\xf3\xf7\xe0\xf2\xe5\xeb\xff \xed\xe5 "
                "\xed\xe0\xe9\xe4\xe5\xed (1251)\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xf7\xee\xe9\xed\xe1\xee\xe9\xe5! \xf3\xef\xef\xe2\xfd\xe5\xee\xe9\xe5 \xee\xe5 "
                "\xe4\xef\xf3\xf4\xe1\xf7\xec\xe5\xee\xef. \xe1\xc4\xd2\xc5\xd3 \xce\xc5 "
                "\xce\xc1\xca\xc4\xc5\xce\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xb0\xb8\xc0\xe8\xc9\xd4\xcc\xc0: a@b.example\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "Adresse introuvable, r\xe9"
                "essayez plus tard\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xc7\xdb\xbf\xae\xc9\xd4\xc7\xbd\xa1\xa3\xb0\xb8\xc0\xe8\xc9\xd4\xcc\xc0\xa1\xa2"
                "\xc1\xf7\xbf\xae\xbc\xba\xc7\xd4\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xca\xd5\xbc\xfe\xc8\xcb\xd3\xca\xcf\xe4\xb2\xbb\xb4\xe6\xd4\xda\xa1\xa3\xcb\xfb"
                "\x82\x83\xd5" "f\xdf@\x82\x80\xb5\xd8\xd6\xb7\xd2\xd1\xbd\x9b\xcd\xa3\xd3\xc3"
                "\xc1\xcb\xa1\xa3\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\x91\x97\x90M\x8e\xb8\x94s\x81" "A\x88\xb6\x90\xe6\x95s\x96\xbe\x81" "B\n"
                "--b--\n");
  ck_assert_msg(strstr(f.v.text->str, "宛先のメールアドレスが見つかりません") != NULL, "%s",
                f.v.text->str);
  ck_assert(has_warning(f.r, "read as EUC-JP"));
  ck_assert_msg(strstr(f.v.text->str, "收件人邮箱不存在") != NULL, "%s", f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "Адрес получателя не найден (koi8)") != NULL, "%s",
                f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "Адрес получателя не найден (1251)") != NULL, "%s",
                f.v.text->str);
  /* mostly capitals, but "Адрес" is capitalised the KOI8-R way */
  ck_assert_msg(strstr(f.v.text->str, "ВНИМАНИЕ! СООБЩЕНИЕ НЕ ДОСТАВЛЕНО. Адрес не найден") != NULL,
                "%s", f.v.text->str);
  /* a few kanji and no kana: too little to call it Chinese */
  ck_assert_msg(strstr(f.v.text->str, "宛先不明: a@b.example") != NULL, "%s", f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "Adresse introuvable, réessayez") != NULL, "%s",
                f.v.text->str);
  /* kanji only, none led by 0xD0 or above: Japanese, not GB2312 */
  ck_assert_msg(strstr(f.v.text->str, "配信不能。宛先不明、送信失敗") != NULL, "%s",
                f.v.text->str);
  /* GBK's characters beyond GB2312, some with an ASCII second byte */
  ck_assert_msg(strstr(f.v.text->str, "他們說這個地址已經停用了") != NULL, "%s", f.v.text->str);
  /* Shift_JIS kanji only, their second bytes in the ASCII range as GBK's
   * additions' are: Japanese, not GB18030 */
  ck_assert_msg(strstr(f.v.text->str, "送信失敗、宛先不明。") != NULL, "%s", f.v.text->str);
  close_view(&f);
}
END_TEST

START_TEST(test_utf8_labelled_latin1)
{
  fixture f;
  /* A template or gateway that labels every text ISO-8859-1 sends UTF-8
   * under that label; real Latin-1 beside it stays Latin-1. */
  open_view(&f, "From: a@x.example\nContent-Type: multipart/mixed; boundary=b\n\n"
                "--b\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
                "Votre message n'a pas encore \xc3\xa9t\xc3\xa9 remis.\n"
                "--b\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
                "Zustellung an den Empf\xe4nger fehlgeschlagen.\n"
                "--b\nContent-Type: text/plain; charset=ISO8859-15\nContent-Transfer-Encoding: 8bit\n\n"
                "Zustellung verz\xc3\xb6gert.\n"
                "--b--\n");
  ck_assert_msg(strstr(f.v.text->str, "pas encore été remis") != NULL, "%s", f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "Empfänger fehlgeschlagen") != NULL, "%s", f.v.text->str);
  /* the same labels spelt otherwise */
  ck_assert_msg(strstr(f.v.text->str, "Zustellung verzögert") != NULL, "%s", f.v.text->str);
  ck_assert(has_warning(f.r, "labelled iso-8859-1 is not; read as UTF-8"));
  close_view(&f);
}
END_TEST

START_TEST(test_short_legacy_line_not_utf8)
{
  fixture f;
  /* Short Chinese or Japanese lines can be valid UTF-8 by chance ('谢谢'
   * in GBK reads 'лл', '年' in EUC-JP 'ǯ'): they stay in their charset,
   * labelled or guessed. A UTF-8 line no legacy reading rivals is kept. */
  open_view(&f, "From: a@x.example\nContent-Type: multipart/mixed; boundary=b\n\n"
                "--b\nContent-Type: text/plain; charset=GBK\nContent-Transfer-Encoding: 8bit\n\n"
                "\xca\xd5\xbc\xfe\xc8\xcb\xd3\xca\xcf\xe4\xb2\xbb\xb4\xe6\xd4\xda\n"
                "\xd0\xbb\xd0\xbb\n"
                "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
                "\xb0\xb8\xc0\xe8\xa4\xce\xa5\xe1\xa1\xbc\xa5\xeb\xa5\xa2\xa5\xc9\xa5\xec\xa5\xb9"
                "\xa4\xac\xb8\xab\xa4\xc4\xa4\xab\xa4\xea\xa4\xde\xa4\xbb\xa4\xf3\n"
                "2012\xc7\xaf\n"
                "--b\nContent-Type: text/plain; charset=KOI8-R\nContent-Transfer-Encoding: 8bit\n\n"
                "\xe1\xc4\xd2\xc5\xd3 \xce\xc5 \xce\xc1\xca\xc4\xc5\xce\n"
                "550 \xd0\x9d\xd0\xb5\xd1\x82 \xd1\x82\xd0\xb0\xd0\xba\xd0\xbe\xd0\xb3\xd0\xbe\n"
                "--b--\n");
  ck_assert_msg(strstr(f.v.text->str, "收件人邮箱不存在\n谢谢") != NULL, "%s", f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "見つかりません\n2012年") != NULL, "%s", f.v.text->str);
  ck_assert_msg(strstr(f.v.text->str, "Адрес не найден\n550 Нет такого") != NULL, "%s",
                f.v.text->str);
  close_view(&f);
}
END_TEST

START_TEST(test_broken_bytes)
{
  fixture f;
  open_view(&f, "From: a@x.example\nContent-Type: text/plain; charset=no-such-charset\n\n"
                "bad \xff\xfe bytes\r\nand a lone\rcarriage return\n");
  ck_assert(g_utf8_validate(f.v.text->str, -1, NULL));
  ck_assert_msg(strstr(f.v.text->str, "and a lone\ncarriage return") != NULL, "%s", f.v.text->str);
  ck_assert(strchr(f.v.text->str, '\r') == NULL);
  close_view(&f);
}
END_TEST

START_TEST(test_orphan_prologue)
{
  fixture f;
  open_view(&f, "From: MAILER-DAEMON@x.example\n"
                "Content-Type: multipart/report; report-type=delivery-status; boundary=never\n\n"
                "The following addresses had permanent fatal errors\n<a@b.example>\n");
  ck_assert_msg(strstr(f.v.text->str, "<a@b.example>") != NULL, "%s", f.v.text->str);
  close_view(&f);
}
END_TEST

/* Where the bytes ran out reaches the view as the parse found it: a
 * header block cut short is the view's header_ran_out, returned headers
 * cut inside their content end where the message does. */
START_TEST(test_ran_out)
{
  GMimeMessage *m = message("From: MAILER-DAEMON@x.example\n"
                            "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
                            "--b\nContent-Type: text/plain\n\nnot delivered\n"
                            "--b\nContent-Type: text/rfc822-headers\n\nSubject: orig\nMessage-ID: <a@b");
  GMimeObject *last = g_mime_multipart_get_part(GMIME_MULTIPART(g_mime_message_get_mime_part(m)), 1);
  const bn_ran_out cases[] = {intact, {BN_RAN_OUT_IN_HEADER, last, NULL, 0},
                              {BN_RAN_OUT_IN_CONTENT, last, NULL, 0}};
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    bounce_report *r = bn_report_new(NULL);
    bn_view v;
    ck_assert(bn_view_init(&v, m, NULL, r, cases[i], NULL));
    ck_assert(v.header_ran_out == (i == 1 ? last : NULL));
    ck_assert_int_eq(v.returned_headers_ran_out, i == 2);
    bn_view_clear(&v);
    bounce_report_free(r);
  }
  g_object_unref(m);
}
END_TEST

START_TEST(test_line_limit)
{
  GString *raw = g_string_new("From: a@x.example\nContent-Type: text/plain\n\n");
  for (int i = 0; i < 40000; i++)
    g_string_append_c(raw, 'x');
  g_string_append(raw, "\nnext line\n");
  GMimeMessage *m = message(raw->str);
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_LINE_LENGTH, 100);
  bounce_report *r = bn_report_new(o);
  bn_view v;
  ck_assert(bn_view_init(&v, m, o, r, intact, NULL));
  ck_assert_msg(v.text->len < 200, "%zu", v.text->len);
  ck_assert(strstr(v.text->str, "next line") != NULL);
  bn_view_clear(&v);
  bounce_report_free(r);
  bounce_options_free(o);
  g_object_unref(m);
  g_string_free(raw, TRUE);
}
END_TEST

/* Which text is read as it is: ASCII and UTF-8 at any offset (the check
 * goes eight bytes at a time), ISO-2022-JP escapes up to the last bytes. */
START_TEST(test_ascii_and_escapes_anywhere)
{
  for (size_t pad = 0; pad < 17; pad++) {
    GString *raw = g_string_new("From: a@x.example\nContent-Type: multipart/mixed; boundary=b\n\n"
                                "--b\nContent-Type: text/plain\n\n");
    for (size_t i = 0; i < pad; i++)
      g_string_append_c(raw, 'x');
    g_string_append(raw, "caf\xc3\xa9\n--b\nContent-Type: text/plain\n\n");
    for (size_t i = 0; i < pad; i++)
      g_string_append_c(raw, 'y');
    g_string_append(raw, "caf\xe9\n--b\nContent-Type: text/plain\n\n");
    for (size_t i = 0; i < pad; i++)
      g_string_append_c(raw, 'z');
    g_string_append(raw, "\x1b$B%F\n--b--\n");
    fixture f;
    open_view(&f, raw->str);
    /* UTF-8 as it is, Latin-1 guessed (with a warning), the escape seen */
    ck_assert_msg(strstr(f.v.text->str, "café\n") != NULL, "%zu: %s", pad, f.v.text->str);
    ck_assert_msg(g_strstr_len(f.v.text->str, -1, "y" "café") || pad == 0, "%zu: %s", pad,
                  f.v.text->str);
    ck_assert(has_warning(f.r, "read as windows-1252"));
    ck_assert_msg(strstr(f.v.text->str, "テ") != NULL, "%zu: %s", pad, f.v.text->str);
    ck_assert_uint_eq(bounce_report_get_warning_count(f.r), 1);
    close_view(&f);
    g_string_free(raw, TRUE);
  }
}
END_TEST

/* A text part far over the text limit is decoded only as far as the limit
 * needs (base64 and quoted-printable alike), and the report says so. */
START_TEST(test_big_text_part)
{
  GString *plain = g_string_new(NULL);
  for (int i = 0; plain->len < 200000; i++)
    g_string_append_printf(plain, "line %d of the returned text =\n", i);
  char *b64 = g_base64_encode((const guchar *)plain->str, plain->len);
  GString *raw = g_string_new("From: a@x.example\nContent-Type: multipart/mixed; boundary=b\n\n"
                              "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n");
  for (size_t i = 0, n = strlen(b64); i < n; i += 76)
    g_string_append_printf(raw, "%.76s\n", b64 + i);
  g_string_append(raw, "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n");
  for (size_t i = 0; i < plain->len; i++)
    if (plain->str[i] == '=')
      g_string_append(raw, "=3D");
    else
      g_string_append_c(raw, plain->str[i]);
  g_string_append(raw, "--b--\n");
  GMimeMessage *m = message(raw->str);
  bounce_options *o = bounce_options_new();
  bounce_options_set_limit(o, BOUNCE_LIMIT_TEXT_SIZE, 3000);
  bounce_report *r = bn_report_new(o);
  bn_view v;
  ck_assert(bn_view_init(&v, m, o, r, intact, NULL));
  ck_assert_uint_le(v.text->len, 3000);
  ck_assert(g_str_has_prefix(v.text->str, "line 0 of the returned text =\nline 1 of"));
  ck_assert(bounce_report_is_truncated(r));
  bn_view_clear(&v);
  bounce_report_free(r);

  /* Each part alone, decoded into a text that can take all of it. */
  for (int k = 0; k < 2; k++) {
    GMimeMultipart *mp = GMIME_MULTIPART(g_mime_message_get_mime_part(m));
    GMimePart *part = GMIME_PART(g_mime_multipart_get_part(mp, k));
    GString *out = g_string_new(NULL);
    bn_part_text(part, out, 1u << 20, 1000, NULL);
    /* (the line end before the boundary is the boundary's) */
    ck_assert_msg(out->len >= plain->len - 1 && strncmp(out->str, plain->str, plain->len - 1) == 0,
                  "part %d: %zu bytes", k, out->len);
    /* and into one that can take 100 bytes: read no further than needed */
    g_string_truncate(out, 0);
    r = bn_report_new(NULL);
    bn_part_text(part, out, 100, 1000, r);
    /* (less the white space that ends the last line taken) */
    size_t want = 100;
    while (plain->str[want - 1] == ' ')
      want--;
    ck_assert_uint_eq(out->len, want);
    ck_assert(strncmp(out->str, plain->str, want) == 0);
    ck_assert(bounce_report_is_truncated(r));
    bounce_report_free(r);
    g_string_free(out, TRUE);
  }
  bounce_options_free(o);
  g_object_unref(m);
  g_string_free(raw, TRUE);
  g_free(b64);
  g_string_free(plain, TRUE);
}
END_TEST

static int once_calls;

static bool
count_and_look(const bn_view *v)
{
  once_calls++;
  return strstr(v->text->str, "permanent") != NULL;
}

static bool
never(const bn_view *v)
{
  once_calls += 100;
  return false;
}

/* A shared test is done once per message, and again for the next one. */
START_TEST(test_once)
{
  fixture f;
  open_view(&f, "From: a@x.example\nContent-Type: text/plain\n\npermanent error\n");
  once_calls = 0;
  ck_assert(bn_view_once(&f.v, count_and_look));
  ck_assert(bn_view_once(&f.v, count_and_look));
  ck_assert(!bn_view_once(&f.v, never));
  ck_assert(!bn_view_once(&f.v, never));
  ck_assert_int_eq(once_calls, 101);
  close_view(&f);
  open_view(&f, "From: a@x.example\nContent-Type: text/plain\n\ntemporary error\n");
  ck_assert(!bn_view_once(&f.v, count_and_look));
  ck_assert_int_eq(once_calls, 102);
  close_view(&f);
}
END_TEST

/* Line ends and limits, byte by byte: what bn_part_text must give. */
static void
lines_reference(GString *out, const char *s, size_t len, size_t max_line, size_t max_total)
{
  size_t col = 0, start = out->len;
  for (size_t i = 0; i < len && out->len < max_total; i++) {
    char c = s[i];
    if (c == '\r') {
      if (i + 1 < len && s[i + 1] == '\n')
        continue;
      c = '\n';
    }
    if (c == '\n') {
      while (out->len > start && out->str[out->len - 1] == ' ')
        g_string_truncate(out, out->len - 1);
      g_string_append_c(out, '\n');
      start = out->len;
      col = 0;
      continue;
    }
    if (col >= max_line)
      continue;
    g_string_append_c(out, c);
    col++;
  }
  while (out->len > start && out->str[out->len - 1] == ' ')
    g_string_truncate(out, out->len - 1);
}

START_TEST(test_line_ends_and_limits)
{
  static const char bytes[] = "ab \r\n";
  GRand *rnd = g_rand_new_with_seed(11);
  for (int round = 0; round < 3000; round++) {
    char text[80];
    size_t len = (size_t)g_rand_int_range(rnd, 0, sizeof text);
    for (size_t i = 0; i < len; i++)
      text[i] = bytes[g_rand_int_range(rnd, 0, sizeof bytes - 1)];
    size_t max_line = (size_t)g_rand_int_range(rnd, 1, 12);
    size_t max = (size_t)g_rand_int_range(rnd, 1, 100);
    GMimePart *part = g_mime_part_new_with_type("text", "plain");
    GMimeStream *st = g_mime_stream_mem_new_with_buffer(text, len);
    GMimeDataWrapper *dw = g_mime_data_wrapper_new_with_stream(st, GMIME_CONTENT_ENCODING_DEFAULT);
    g_mime_part_set_content(part, dw);
    GString *got = g_string_new(NULL), *want = g_string_new(NULL);
    bn_part_text(part, got, max, max_line, NULL);
    lines_reference(want, text, len, max_line, max);
    ck_assert_str_eq(got->str, want->str);
    g_string_free(got, TRUE);
    g_string_free(want, TRUE);
    g_object_unref(dw);
    g_object_unref(st);
    g_object_unref(part);
  }
  g_rand_free(rnd);
}
END_TEST

/* bn_view_header answers a name the message lacks without asking GMime,
 * by a bit per name: whatever case a name is written or asked in, and
 * whatever its length, a header the message has is found. */
START_TEST(test_header_lookup)
{
  GString *raw = g_string_new("From: MAILER-DAEMON@x.example\nSubject: failure\n"
                              "x-failed-recipients: u@example.org\nX-MAILER: Mailer 1\n");
  for (int n = 1; n <= 40; n++) {
    GString *name = g_string_new(NULL);
    for (int i = 0; i < n; i++)
      g_string_append_c(name, (char)((i % 2 ? 'a' : 'Q') + i % 7));
    g_string_append_printf(raw, "%s: v%d\n", name->str, n);
    g_string_free(name, TRUE);
  }
  g_string_append(raw, "Content-Type: text/plain\n\nbody\n");
  fixture f;
  open_view(&f, raw->str);
  ck_assert_str_eq(bn_view_header(&f.v, "X-Failed-Recipients"), "u@example.org");
  ck_assert_str_eq(bn_view_header(&f.v, "x-mailer"), "Mailer 1");
  ck_assert_str_eq(bn_view_header(&f.v, "content-type"), "text/plain");
  for (int n = 1; n <= 40; n++) {
    GString *name = g_string_new(NULL);
    for (int i = 0; i < n; i++) /* the other case */
      g_string_append_c(name, (char)((i % 2 ? 'A' : 'q') + i % 7));
    char *want = g_strdup_printf("v%d", n);
    const char *got = bn_view_header(&f.v, name->str);
    ck_assert_msg(got && strcmp(got, want) == 0, "%s", name->str);
    g_free(want);
    g_string_free(name, TRUE);
  }
  ck_assert_ptr_null(bn_view_header(&f.v, "X-Mailer-Version"));
  ck_assert_ptr_null(bn_view_header(&f.v, "Received"));
  ck_assert_ptr_null(bn_view_header(&f.v, "Content-Language"));
  close_view(&f);
  g_string_free(raw, TRUE);
}
END_TEST

int
main(void)
{
  bn_gmime_init();
  Suite *s = suite_create("view");
  TCase *tc = tcase_create("view");
  tcase_add_test(tc, test_parts);
  tcase_add_test(tc, test_html_only);
  tcase_add_test(tc, test_html_markup);
  tcase_add_test(tc, test_charsets);
  tcase_add_test(tc, test_ascii_bytes_converted);
  tcase_add_test(tc, test_short_legacy_line_not_utf8);
  tcase_add_test(tc, test_unlabelled_legacy);
  tcase_add_test(tc, test_utf8_labelled_latin1);
  tcase_add_test(tc, test_broken_bytes);
  tcase_add_test(tc, test_orphan_prologue);
  tcase_add_test(tc, test_line_limit);
  tcase_add_test(tc, test_line_ends_and_limits);
  tcase_add_test(tc, test_big_text_part);
  tcase_add_test(tc, test_ran_out);
  tcase_add_test(tc, test_once);
  tcase_add_test(tc, test_ascii_and_escapes_anywhere);
  tcase_add_test(tc, test_wrapped_report_prose_unread);
  tcase_add_test(tc, test_header_lookup);
  suite_add_tcase(s, tc);
  return test_run(s);
}
