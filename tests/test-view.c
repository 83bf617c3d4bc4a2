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
  ck_assert(bn_view_init(&f->v, f->msg, NULL, f->r, NULL));
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
  ck_assert(bn_view_init(&v, m, o, r, NULL));
  ck_assert_msg(v.text->len < 200, "%zu", v.text->len);
  ck_assert(strstr(v.text->str, "next line") != NULL);
  bn_view_clear(&v);
  bounce_report_free(r);
  bounce_options_free(o);
  g_object_unref(m);
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
  tcase_add_test(tc, test_charsets);
  tcase_add_test(tc, test_broken_bytes);
  tcase_add_test(tc, test_orphan_prologue);
  tcase_add_test(tc, test_line_limit);
  suite_add_tcase(s, tc);
  return test_run(s);
}
