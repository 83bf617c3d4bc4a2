/* gromox (grommunio)'s local delivery bounces, its data/local_bounce
 * templates: "Delivery failure, user's mailbox is full" / "Delivery
 * failure, user doesn't exist!" / "Delivery failure, mail system error!"
 * from "Mail Daemon" <postmaster@...>, plain text:
 *
 *   Hi,
 *     I am sorry to tell you that <user@example.org>'s mailbox is full, we cannot
 *   deliver any message into this mailbox, please try it later.
 *
 *     ... that that the address "user@example.org" does not
 *   exist. Please check whether the addess is rigthly composed ...
 *
 *     ... that some error occurs in our mail system, your message to
 *   "user@example.org" cannot be delivered, please contact ...
 *
 *   Below is the original mail information:
 *      Time:    ...
 *      From:    ...
 *      To:      ...
 *      Subject: ...
 *
 * The sentence names the recipient and, for sure, the cause. Its
 * translated templates (data/local_bounce/gb2312, big5, euc-jp, sent as
 * UTF-8) keep the layout: "很抱歉通知您，您发送到“user@example.org”的邮件无法
 * 被正确投递，因为该收件人并不存在！" above "以下是您所发送邮件的一些基本信息：",
 * whose "邮件主题：" and "发送时间：" are the original's subject and date;
 * the Japanese opens with "お知らせ：" and lists under "送信情報は下記となりま
 * す：" ("メール標題：", "送信時間："). */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"I am sorry to tell you that", "很抱歉通知您", "お知らせ：", NULL};
static const char *const infos[] = {
  "Below is the original mail information:",
  "以下是您所发送邮件的一些基本信息",
  "以下是您所發送郵件的一些基本信息",
  "送信情報は下記となります",
  NULL,
};

static const struct {
  const char *sentence;
  bounce_cause cause;
} own_causes[] = {
  {"mailbox is full, we cannot", BOUNCE_CAUSE_MAILBOXFULL},
  {"does not exist. Please check whether the addess", BOUNCE_CAUSE_USERUNKNOWN},
  {"some error occurs in our mail system", BOUNCE_CAUSE_SYSTEMERROR},
  {"因为该收件人并不存在", BOUNCE_CAUSE_USERUNKNOWN},
  {"因為該收件人並不存在", BOUNCE_CAUSE_USERUNKNOWN},
  {"受信者が存在していない", BOUNCE_CAUSE_USERUNKNOWN},
  {"因为收件人邮箱已满", BOUNCE_CAUSE_MAILBOXFULL},
  {"因為收件人郵箱已滿", BOUNCE_CAUSE_MAILBOXFULL},
  {"受信者のメールボックスが一杯", BOUNCE_CAUSE_MAILBOXFULL},
  {"我们的邮件系统出错", BOUNCE_CAUSE_SYSTEMERROR},
  /* "システムエラーが\nあったため": the line breaks inside the sentence */
  {"システムエラーが", BOUNCE_CAUSE_SYSTEMERROR},
};

/* The cause of the last of the failure sentences above that s (len bytes)
 * holds, or BOUNCE_CAUSE_UNDEFINED where it holds none. */
static bounce_cause
own_cause(const char *s, size_t len)
{
  bounce_cause c = BOUNCE_CAUSE_UNDEFINED;
  for (size_t i = 0; i < G_N_ELEMENTS(own_causes); i++)
    if (bn_strcasestr(s, len, own_causes[i].sentence))
      c = own_causes[i].cause;
  return c;
}

/* The English and Chinese openings say the mail failed ("I am sorry to
 * tell you that", "很抱歉通知您"); the Japanese "お知らせ：" ("Notice:") also
 * opens BOUNCE_MAIL_DELIVERED ("あなたのメールは"<rcpt>"に届きました。", over
 * the same "送信情報は下記となります："), so under it only a failure
 * sentence makes the notice a bounce. */
static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  const char *s = v->text->str;
  if (!bn_prose_has_any(s, head, starts) || !bn_prose_has_any(s, head, infos))
    return false;
  static const char *const failing[] = {"I am sorry to tell you that", "很抱歉通知您", NULL};
  return bn_prose_has_any(s, head, failing) || own_cause(s, head) != BOUNCE_CAUSE_UNDEFINED;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize at = bn_prose_before(t, starts);
  gssize info = bn_prose_before(t, infos);
  if (at < 0 || info <= at)
    return false;
  char *para = bn_squeeze_dup(t->str + at, (size_t)(info - at));
  bounce_recipient *rc = bn_prose_recipient_in(r, para, strlen(para));
  if (rc) {
    bn_set_str(&rc->diagnostic, para);
    rc->source[BOUNCE_FIELD_DIAGNOSTIC] = BOUNCE_SOURCE_TEXT;
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    bounce_cause c = own_cause(para, strlen(para));
    if (c != BOUNCE_CAUSE_UNDEFINED) {
      rc->cause = c;
      rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    }
  }
  g_free(para);
  /* "   Subject: ..." and "   Time: ..." describe the original */
  static const char *const keys[][2] = {
    {"Subject:", "Subject"}, {"Time:", "Date"},
    {"邮件主题：", "Subject"}, {"发送时间：", "Date"},
    {"郵件主題：", "Subject"}, {"發送時間：", "Date"},
    {"メール標題：", "Subject"}, {"送信時間：", "Date"},
  };
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + info, t->len - (size_t)info);
  while (rc && bn_lines_next(&it, &l)) {
    while (l.len && g_ascii_isspace(l.p[0])) {
      l.p++;
      l.len--;
    }
    for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
      size_t n = strlen(keys[k][0]);
      if (l.len > n && g_ascii_strncasecmp(l.p, keys[k][0], n) == 0 &&
          bn_report_original(r, keys[k][1])[0] == '\0') {
        char *val = bn_squeeze_dup(l.p + n, l.len - n);
        bn_report_set_original(r, keys[k][1], val);
        g_free(val);
      }
    }
  }
  return rc != NULL;
}

const bn_mta bn_mta_gromox = {"gromox", claim, extract};
