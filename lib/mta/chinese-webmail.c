/* The bounce notices of the Chinese web mail providers: Tencent (QQ Mail,
 * Tencent Exmail), NetEase (163.com, 126.com, yeah.net), Sina and Aliyun
 * Mail. They write no delivery-status part and no MTA prose, but a page
 * (HTML more often than not, in GB2312, GBK or UTF-8) of labelled fields:
 *
 *   很抱歉您发送的邮件被退回，以下是该邮件的相关信息：
 *   被退回的邮件主题   报价单
 *   收件人             zhang.wei@example.com.cn
 *   发送时间           2026年3月2日 上午10:12
 *   退信原因
 *   收件人邮箱地址不存在。
 *   对方服务器返回：host mx.example.com.cn[192.0.2.25] said: 550 5.1.1 ...
 *
 * Wording and layout differ from one provider and year to the next; the
 * labels do not: 收件人 (recipient) names the address, 退信原因 (bounce
 * reason) or 失败原因 (failure reason) opens the reason, which runs to the
 * next label, the advice (建议...) or the system's footer (此邮件...). In
 * a table each cell may stand on a line of its own, so a label alone on
 * its line takes its value from the next line. The reason holds the
 * provider's own sentence and, when the remote server answered, that
 * answer: the answer is the diagnostic. */
#include "mta.h"
#include <string.h>

typedef enum {
  LABEL_RCPT,
  LABEL_REASON,
  LABEL_OTHER, /* a field or advice that ends the reason */
} label_role;

static const struct {
  const char *word;
  label_role role;
  bool sentence; /* opens a sentence: no separator needs to follow */
} labels[] = {
  /* "收件人" (simplified), "收件者" (traditional), "收信人" */
  {"收件人", LABEL_RCPT, false},
  {"收件者", LABEL_RCPT, false},
  {"收信人", LABEL_RCPT, false},
  /* "退信原因" (bounce reason), "失败原因" / "失敗原因" (failure
   * reason), "退回原因" (reason returned), "错误原因" / "錯誤原因" */
  {"退信原因", LABEL_REASON, false},
  {"失败原因", LABEL_REASON, false},
  {"失敗原因", LABEL_REASON, false},
  {"退回原因", LABEL_REASON, false},
  {"错误原因", LABEL_REASON, false},
  {"錯誤原因", LABEL_REASON, false},
  /* the other fields: "发送时间" (time sent), "时间", "主题" (subject),
   * "被退回的邮件主题" (subject of the returned mail), "原邮件信息" (the
   * original message) */
  {"发送时间", LABEL_OTHER, false},
  {"时间", LABEL_OTHER, false},
  {"主题", LABEL_OTHER, false},
  {"邮件主题", LABEL_OTHER, false},
  {"被退回的邮件主题", LABEL_OTHER, false},
  {"原邮件信息", LABEL_OTHER, false},
  /* advice ("建议解决方案", "建议您...", "解决方案", "解决方法") and the
   * footer of a system message ("此邮件由系统自动发出", "本邮件...",
   * "如有疑问...") */
  {"建议", LABEL_OTHER, true},
  {"解决方案", LABEL_OTHER, true},
  {"解决方法", LABEL_OTHER, true},
  {"此邮件", LABEL_OTHER, true},
  {"本邮件", LABEL_OTHER, true},
  {"如有疑问", LABEL_OTHER, true},
};

/* The reason runs over this many lines at most. */
#define REASON_LINES 8

/* White space as these pages write it: ASCII, the ideographic space that
 * pads "时　间" (U+3000) and &nbsp; (U+00A0). The length at s, or 0. */
static size_t
space_len(const char *s, size_t len)
{
  if (len >= 1 && (s[0] == ' ' || s[0] == '\t'))
    return 1;
  if (len >= 3 && (guchar)s[0] == 0xE3 && (guchar)s[1] == 0x80 && (guchar)s[2] == 0x80)
    return 3;
  if (len >= 2 && (guchar)s[0] == 0xC2 && (guchar)s[1] == 0xA0)
    return 2;
  return 0;
}

static size_t
skip_spaces(const char *s, size_t len)
{
  size_t i = 0, n;
  while (i < len && (n = space_len(s + i, len - i)) > 0)
    i += n;
  return i;
}

/* A full width form at s: U+FF00 plus low, coded EF BC low. */
static bool
colon_like(const char *s, size_t len, guchar low)
{
  return len >= 3 && (guchar)s[0] == 0xEF && (guchar)s[1] == 0xBC && (guchar)s[2] == low;
}

/* The colon after a label: ASCII or full width (U+FF1A). */
static size_t
colon_len(const char *s, size_t len)
{
  if (len >= 1 && s[0] == ':')
    return 1;
  return colon_like(s, len, 0x9A) ? 3 : 0;
}

/* Whether the line starts with word, spaces inside the word allowed ("时
 * 间"); *rest gets the offset just past the word. */
static bool
starts_with_word(const char *s, size_t len, const char *word, size_t *rest)
{
  size_t i = 0, k = 0, wl = strlen(word);
  while (k < wl) {
    if (k > 0 && ((guchar)word[k] & 0xC0) != 0x80)
      i += skip_spaces(s + i, len - i);
    if (i >= len || s[i] != word[k])
      return false;
    i++;
    k++;
  }
  *rest = i;
  return true;
}

/* A translation in parentheses after a label ("收件人(Recipient)：",
 * "退信原因（Reason）"): its length, or 0. */
static size_t
gloss_len(const char *s, size_t len)
{
  size_t open = len >= 1 && s[0] == '(' ? 1 : colon_like(s, len, 0x88) ? 3 : 0;
  if (open == 0)
    return 0;
  for (size_t i = open; i < len && i < 48; i++) {
    if (s[i] == ')')
      return i + 1;
    if (colon_like(s + i, len - i, 0x89))
      return i + 3;
  }
  return 0;
}

/* The label the line starts with: its row, and in *value the text after
 * it and its colon (maybe empty). -1 when the line opens with no label: a
 * label is followed by a colon, a space or the line's end, never by more
 * words ("收件人邮箱地址不存在" is a sentence about the recipient). */
static int
label_of(const bn_span *line, bn_span *value)
{
  size_t lead = skip_spaces(line->p, line->len);
  const char *s = line->p + lead;
  size_t len = line->len - lead;
  int best = -1;
  size_t best_rest = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(labels); i++) {
    size_t rest;
    if (!starts_with_word(s, len, labels[i].word, &rest) || rest <= best_rest)
      continue;
    rest += gloss_len(s + rest, len - rest);
    size_t sp = skip_spaces(s + rest, len - rest);
    if (!labels[i].sentence && rest < len && sp == 0 && colon_len(s + rest, len - rest) == 0)
      continue;
    best = (int)i;
    best_rest = rest;
  }
  if (best < 0)
    return -1;
  size_t at = best_rest + skip_spaces(s + best_rest, len - best_rest);
  if (!labels[best].sentence) {
    at += colon_len(s + at, len - at);
    at += skip_spaces(s + at, len - at);
  }
  value->p = s + at;
  value->len = len - at;
  return best;
}

static bool
blank(const bn_span *l)
{
  return skip_spaces(l->p, l->len) == l->len;
}

/* The addresses a recipient field lists ("a@example.cn; b@example.cn",
 * "<a@example.cn>"): added to r and to waiting. */
static size_t
add_recipients(bounce_report *r, const bn_span *value, GPtrArray *waiting)
{
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  bn_prose_list_addresses(value->p, value->len, addrs);
  size_t n = 0;
  for (guint i = 0; i < addrs->len; i++) {
    bounce_recipient *rc = bn_prose_recipient(r, g_ptr_array_index(addrs, i));
    if (rc) {
      g_ptr_array_add(waiting, rc);
      n++;
    }
  }
  g_ptr_array_unref(addrs);
  return n;
}

/* An answer the provider wrote in parentheses after its own words
 * ("邮件被对方拒收 (550 ...)", full width "（550 ...）") ends at the closing
 * one. */
static size_t
answer_len(const char *text, const char *answer, size_t len)
{
  bool ascii = answer > text && answer[-1] == '(';
  bool wide = answer - text >= 3 && (guchar)answer[-3] == 0xEF && (guchar)answer[-2] == 0xBC &&
              (guchar)answer[-1] == 0x88;
  if (!ascii && !wide)
    return len;
  for (size_t n = len; n > 0; n--) {
    if (ascii && answer[n - 1] == ')')
      return n - 1;
    if (wide && n >= 3 && (guchar)answer[n - 3] == 0xEF && (guchar)answer[n - 2] == 0xBC &&
        (guchar)answer[n - 1] == 0x89)
      return n - 3;
  }
  return len;
}

/* The reason text: the server's answer when it quotes one, else all of
 * it, the provider's own words. "host mx.example.cn[192.0.2.1] said:"
 * before the answer names the remote MTA. When the answer names no cause
 * the provider's words may: they are its reading of the same answer
 * ("收件人邮箱地址不存在" before "550 Mailbox not found"). words, when not
 * NULL, are the provider's words written elsewhere. Given to the
 * recipients waiting for one, or (replace) to all, in place of what they
 * had. */
static void
give_reason(GPtrArray *waiting, const char *reason, size_t len, const GString *words,
            bool replace)
{
  const char *answer = bn_find_reply(reason, len);
  const char *d = answer ? answer : reason;
  size_t dlen = answer ? answer_len(reason, answer, len - (size_t)(answer - reason)) : len;
  char *host = NULL;
  bounce_cause cause = BOUNCE_CAUSE_UNDEFINED;
  if (answer) {
    const char *h = NULL;
    for (const char *p = reason; (p = bn_strcasestr(p, (size_t)(answer - p), "host ")) != NULL;
         p += 5)
      h = p + 5;
    if (h)
      host = bn_prose_host(h, (size_t)(answer - h));
    if (bn_text_cause(d, dlen) == BOUNCE_CAUSE_UNDEFINED)
      cause = words ? bn_text_cause(words->str, words->len)
                    : bn_text_cause(reason, (size_t)(answer - reason));
  }
  for (size_t i = 0; i < waiting->len; i++) {
    bounce_recipient *rc = g_ptr_array_index(waiting, i);
    if (rc->diagnostic && !replace)
      continue;
    bn_set_str(&rc->diagnostic, NULL);
    bn_prose_add_diagnostic(rc, d, dlen);
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
    bn_prose_set_cause(rc, cause);
  }
  g_free(host);
  if (!replace)
    g_ptr_array_set_size(waiting, 0);
}

/* A notice with one reason that does not quote the server may give the
 * answer in a field of its own further down ("错误信息：550 ..."): the
 * first line after the reason that holds one. */
static bool
answer_after(const char *s, size_t len, bn_span *out)
{
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, s, len);
  while (bn_lines_next(&it, &line)) {
    const char *answer = bn_find_reply(line.p, line.len);
    if (answer) {
      out->p = answer;
      out->len = line.len - (size_t)(answer - line.p);
      return true;
    }
  }
  return false;
}

bool
bn_cn_notice_claim(const bn_view *v)
{
  if (!bn_view_looks_like_bounce(v) || v->dsn->len)
    return false;
  bool rcpt = false, reason = false;
  bn_lines it;
  bn_span line, value;
  bn_lines_init(&it, v->text->str, bn_prose_end_before_original(v->text, 0));
  while (!(rcpt && reason) && bn_lines_next(&it, &line)) {
    int k = label_of(&line, &value);
    if (k >= 0 && labels[k].role == LABEL_REASON)
      reason = true;
    else if (k >= 0 && labels[k].role == LABEL_RCPT)
      rcpt = true;
  }
  return rcpt && reason;
}

/* A line cursor over the notice: line is the current line while more. */
typedef struct {
  bn_lines it;
  bn_span line;
  bool more;
} notice_cursor;

static void
cursor_next(notice_cursor *c)
{
  c->more = bn_lines_next(&c->it, &c->line);
}

/* A recipient label in a cell of its own: the address is on the next
 * line that is not blank and holds no label; sets *value to it. */
static void
value_below(notice_cursor *c, bn_span *value)
{
  while (c->more && blank(&c->line))
    cursor_next(c);
  bn_span next;
  if (c->more && label_of(&c->line, &next) < 0) {
    *value = c->line;
    cursor_next(c);
  }
}

/* Reads a reason into reason: its label's value, then up to REASON_LINES
 * lines under it before the next label. */
static void
read_reason(notice_cursor *c, const bn_span *value, GString *reason)
{
  g_string_truncate(reason, 0);
  if (value->len)
    g_string_append_len(reason, value->p, (gssize)value->len);
  for (int n = value->len > 0; c->more && n < REASON_LINES; cursor_next(c)) {
    bn_span next;
    if (blank(&c->line))
      continue;
    if (label_of(&c->line, &next) >= 0)
      break;
    g_string_append_c(reason, '\n');
    g_string_append_len(reason, c->line.p, (gssize)c->line.len);
    n++;
  }
  bn_squeeze(reason);
}

/* Each recipient gets the first reason written after it; those after the
 * last reason (a notice that gives the reason first) get that one. */
bool
bn_cn_notice_read(const bn_view *v, bounce_report *r)
{
  GPtrArray *waiting = g_ptr_array_new();
  GString *reason = g_string_new(NULL);
  size_t reasons = 0;
  size_t len = bn_prose_end_before_original(v->text, 0);
  const char *end = v->text->str + len, *after = end;
  notice_cursor c;
  bn_span value;
  bn_lines_init(&c.it, v->text->str, len);
  cursor_next(&c);
  while (c.more) {
    int k = label_of(&c.line, &value);
    cursor_next(&c);
    if (k < 0 || labels[k].role == LABEL_OTHER)
      continue;
    if (labels[k].role == LABEL_RCPT) {
      if (value.len == 0)
        value_below(&c, &value);
      add_recipients(r, &value, waiting);
      continue;
    }
    read_reason(&c, &value, reason);
    after = c.more ? c.line.p : end;
    reasons++;
    give_reason(waiting, reason->str, reason->len, NULL, false);
  }
  if (reasons)
    give_reason(waiting, reason->str, reason->len, NULL, false);
  bn_span answer;
  if (reasons == 1 && bn_find_reply(reason->str, reason->len) == NULL &&
      answer_after(after, (size_t)(end - after), &answer)) {
    for (size_t i = 0; i < bn_report_count(r); i++)
      g_ptr_array_add(waiting, bn_report_rcpt(r, i));
    give_reason(waiting, answer.p, answer.len, reason, true);
  }
  g_ptr_array_free(waiting, TRUE);
  g_string_free(reason, TRUE);
  for (size_t i = 0; i < bn_report_count(r); i++)
    bn_rcpt_fill(bn_report_rcpt(r, i), BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  return bn_report_count(r) > 0;
}

/* The providers' own senders: the notice comes from their domains. */
static bool
from_domain(const bn_view *v, const char *const *domains)
{
  const char *at = strrchr(v->from_addr, '@');
  if (at == NULL)
    return false;
  for (size_t i = 0; domains[i]; i++)
    if (bn_host_within(at + 1, domains[i]))
      return true;
  return false;
}

#define PROVIDER(id, ...)                                                                      \
  static bool claim_##id(const bn_view *v)                                                     \
  {                                                                                            \
    static const char *const domains[] = {__VA_ARGS__, NULL};                                  \
    return from_domain(v, domains) && bn_cn_notice_claim(v);                                   \
  }                                                                                            \
  const bn_mta bn_mta_##id = {#id, claim_##id, bn_cn_notice_read};

/* QQ Mail and Tencent Exmail (exmail.qq.com), Foxmail */
PROVIDER(tencent, "qq.com", "foxmail.com", "tencent.com")
PROVIDER(netease, "163.com", "126.com", "yeah.net", "188.com", "netease.com")
PROVIDER(sina, "sina.com", "sina.cn", "sina.com.cn")
/* Aliyun Mail and Alibaba Mail for businesses (mxhichina.com) */
PROVIDER(aliyun, "aliyun.com", "mxhichina.com")
