/* The flow: sort the message (feedback report, delivery-status report, an
 * MTA's prose, an auto-reply), extract its recipients, complete them. */
#include "private.h"
#include "mta/mta.h"
#include <string.h>

static gpointer
init_gmime(gpointer unused)
{
  g_mime_init();
  return NULL;
}

void
bn_gmime_init(void)
{
  static GOnce once = G_ONCE_INIT;
  g_once(&once, init_gmime, NULL);
}

/* The recognizers in order, the fallback's guess too when guess is set. */
static void
run_recognizers(const bn_view *v, bounce_report *r, bool guess)
{
  for (size_t i = 0; bn_mta_registry[i]; i++) {
    const bn_mta *m = bn_mta_registry[i];
    if ((m == &bn_mta_fallback && !guess) || !m->claim(v))
      continue;
    if (m->extract(v, r) && bn_report_count(r) > 0) {
      bn_set_str(&r->mta, m->name);
      return;
    }
  }
}

/* A mail client's own name: a person wrote the message in it. Mail
 * systems write bounces with no User-Agent; an X-Mailer names the MTA
 * (or, in a bounce, is copied from the original: the bounce signs are
 * asked first). */
static bool
written_in_mail_client(const bn_view *v)
{
  static const char *const clients[] = {
    "Apple Mail", "iPhone Mail", "iPad Mail", "Microsoft Outlook", "Microsoft Office Outlook",
    "Microsoft Windows Live Mail", "Mozilla", "Thunderbird", "Evolution", "Claws Mail",
    "Sylpheed", "Becky!", "Mutt", "KMail", "eM Client", "Mailbird", "The Bat!", NULL,
  };
  if (bn_view_header(v, "User-Agent"))
    return true;
  const char *xm = bn_view_header(v, "X-Mailer");
  if (xm == NULL)
    return false;
  xm += strspn(xm, " \t");
  for (size_t i = 0; clients[i]; i++)
    if (bn_has_prefix_ci(xm, clients[i]))
      return true;
  return false;
}

/* The marks mail clients put before the subject of a reply or a forward,
 * in their languages, case-folded, without the colon. */
static const char *const reply_marks[] = {
  "re", "fwd", "fw", "aw", "wg", "tr", "rv", "enc", "res", "vs", "vl", "sv", "vb", "fs",
  "antw", "doorst", "r", "i", "rif", "odp", "pd", "ynt", "i̇lt", "ilt", "odg", "posl", "ats",
  "pers", "atb", "pārs", "edasi", "vá", "továbbítás", "отв", "пересл", "ответ", "απ", "πρθ",
  "答复", "回复", "转发", "回覆", "轉寄", "返信", "転送", "회신", "전달", "השב", "הועבר",
};

/* The subject opens with a reply's or a forward's mark: "RE:", French
 * Outlook's "TR :", Foxmail's full-width "回复：", "[Fwd: ...]". */
bool
bn_subject_marks_reply(const char *subject)
{
  const char *s = subject + strspn(subject, " \t[");
  const char *colon = NULL;
  for (const char *p = s; *p && p - s < 32 && colon == NULL; p++)
    if (*p == ':' || strncmp(p, "\xef\xbc\x9a", 3) == 0) /* ':' or U+FF1A '：' */
      colon = p;
  if (colon == NULL || colon == s)
    return false;
  const char *end = colon;
  while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if (!g_utf8_validate(s, end - s, NULL))
    return false;
  char *mark = g_utf8_casefold(s, end - s);
  bool found = false;
  for (size_t i = 0; i < G_N_ELEMENTS(reply_marks) && !found; i++)
    found = strcmp(mark, reply_marks[i]) == 0;
  g_free(mark);
  return found;
}

/* A reply sent with its author as the envelope sender: a bounce is sent
 * with the null one (RFC 5321), so even the postmaster's own "Re: ..."
 * answering a user, whose From looks like a mail system's, is a person's. */
static bool
reply_from_author(const bn_view *v)
{
  if (v->report_type[0] || v->dsn->len || bn_view_header(v, "Auto-Submitted") ||
      !bn_subject_marks_reply(v->subject))
    return false;
  const char *rp = bn_view_header(v, "Return-Path");
  if (rp == NULL || v->from_addr[0] == '\0')
    return false;
  InternetAddressList *list = internet_address_list_parse(NULL, rp);
  char *addr = list && internet_address_list_length(list) == 1 ? bn_list_address(list, 0) : NULL;
  bool same = addr && g_ascii_strcasecmp(addr, v->from_addr) == 0;
  g_free(addr);
  if (list)
    g_object_unref(list);
  return same;
}

/* A bounce's own marks, which an auto-reply never carries: a report part,
 * Exchange's NDR header, Exim's X-Failed-Recipients, a bounce's subject. A
 * bounce of an auto-reply ("Undeliverable: Tama is out of the office")
 * carries the auto-reply's subject and may carry Auto-Submitted too. A
 * subject that opens as an auto-reply's or a reply's ("Automatic reply:
 * Your parcel was not delivered", "Re: Delivery problem") is the answered
 * mail's behind the responder's mark: its words are no bounce's. */
static bool
marked_as_bounce(const bn_view *v)
{
  return v->dsn->len || v->report_type[0] || bn_view_header(v, "X-MS-Exchange-Message-Is-Ndr") ||
         bn_view_header(v, "X-Failed-Recipients") ||
         (bn_subject_says_bounce(v) && !bn_autoreply_subject(v->subject) &&
          !bn_subject_marks_reply(bn_subject_untagged(v->subject)));
}

/* A person forwarding a bounce, or answering one, or pasting one into a
 * message of their own, or a mailing list's post or digest, with a bounce
 * quoted in the text: no mail system sent it (a bounce's own subject is
 * never a forward's or a reply's, a bounce is not written in a mail
 * client nor posted to a list), so it reports nothing. */
static bool
quoted_by_person(const bn_view *v)
{
  if (reply_from_author(v))
    return true;
  if (bn_view_looks_like_bounce(v))
    return false;
  if (bn_subject_marks_reply(v->subject) || bn_view_header(v, "List-Id") ||
      bn_view_header(v, "List-Post") || written_in_mail_client(v))
    return true;
  /* lists that write no List-* header still mark what they send so */
  const char *prec = bn_view_header(v, "Precedence");
  return prec && bn_strcasestr(prec, strlen(prec), "list") != NULL;
}

/* An Exchange journal report: the archive's copy of a message that passed
 * through (an NDR too, and sent from the system mailbox NDRs come from),
 * its subject the message's own, its text the envelope's "Sender:" and
 * "Recipient:" lines. It reports no delivery. */
static bool
journal_copy(const bn_view *v)
{
  return bn_view_header(v, "X-MS-Journal-Report") != NULL;
}

/* A bounce whose delivery-status fields sit in its text (no MIME structure,
 * or a broken one): they are read first, as a DSN part would be. A person's
 * message that quotes such fields is no bounce, hence the first test. */
static bool
has_prose_dsn(const bn_view *v)
{
  if (!bn_view_looks_like_bounce(v))
    return false;
  const char *fr = bn_strcasestr(v->text->str, v->text->len, "Final-Recipient:");
  if (fr == NULL)
    fr = bn_strcasestr(v->text->str, v->text->len, "Original-Recipient:");
  if (fr == NULL)
    return false;
  size_t rest = v->text->len - (size_t)(fr - v->text->str);
  return bn_strcasestr(fr, rest, "Action:") || bn_strcasestr(fr, rest, "Status:");
}

/* The delivery-status fields, then the MTA's prose (by the fallback's
 * guess too when guess is set). */
static void
read_bounce(const bn_view *v, bounce_report *r, bool guess)
{
  if (v->dsn->len && bn_dsn_read(v->dsn->str, v->dsn->len, r, false))
    bn_set_str(&r->mta, "rfc3464");
  else if (has_prose_dsn(v) && bn_dsn_read(v->text->str, v->text->len, r, true))
    bn_set_str(&r->mta, "rfc3464");
  run_recognizers(v, r, guess);
}

static void
read_original(const bn_view *v, bounce_report *r)
{
  if (v->returned)
    bn_original_from_message(r, v->returned, v->opts);
  else if (v->returned_headers->len)
    bn_original_from_text(r, v->returned_headers->str, v->returned_headers->len, v->opts);
}

/* Kinds the caller chose not to hear about become none. */
static void
apply_include(bounce_report *r, unsigned int include)
{
  bool drop = (r->kind == BOUNCE_KIND_DELIVERED && !(include & BOUNCE_INCLUDE_DELIVERED)) ||
              (r->kind == BOUNCE_KIND_AUTOREPLY && !(include & BOUNCE_INCLUDE_AUTOREPLY)) ||
              (r->kind == BOUNCE_KIND_FEEDBACK && !(include & BOUNCE_INCLUDE_FEEDBACK));
  if (drop) {
    bn_report_clear(r);
    r->kind = BOUNCE_KIND_NONE;
  }
}

bounce_report *
bn_analyse(GMimeMessage *msg, const bounce_options *opts, const char *input, const char *tail,
           size_t tail_len, bounce_error **err)
{
  bounce_report *r = bn_report_new(opts);
  bn_view v;
  if (!bn_view_init(&v, msg, opts, r, err)) {
    bounce_report_free(r);
    return NULL;
  }
  read_original(&v, r);
  if (bn_arf_claim(&v)) {
    bn_arf_extract(&v, r);
  } else {
    /* An auto-reply without a bounce's marks is one unless an MTA's
     * recognizer knows it (a warning from a renamed sender, with the
     * Auto-Submitted: auto-replied Exim writes): the fallback's guess from
     * its text ("this mailbox is no longer monitored, write to
     * desk@example.org") must not make a failure of the address it names.
     * A person's forward or reply is read only as an auto-reply ("Re: ..."
     * from vacation(1)). The claim is asked first: it stops at a mail
     * system's sender, which most bounces have, before the subject is
     * folded. */
    bool claimed = bn_autoreply_claim(&v);
    bool autoreply = claimed && !marked_as_bounce(&v);
    if (!quoted_by_person(&v) && !journal_copy(&v))
      read_bounce(&v, r, !autoreply);
    if (bn_report_count(r) == 0 && claimed)
      bn_autoreply_extract(&v, r);
  }
  if (bn_report_count(r) > 0 && bn_report_original(r, "Message-ID")[0] == '\0' &&
      bn_report_original(r, "From")[0] == '\0') {
    gssize at = bn_original_find_inline(v.text->str, v.text->len);
    if (at >= 0)
      bn_original_from_text(r, v.text->str + at, v.text->len - (size_t)at, opts);
  }
  if (tail)
    bn_cut_drop_partial(r, input, tail, tail_len);
  if (bn_report_count(r) == 0) {
    r->kind = BOUNCE_KIND_NONE;
    bn_set_str(&r->mta, NULL);
  } else {
    bn_finish(r, &v);
  }
  apply_include(r, bn_include(opts));
  bn_report_make_valid(r);
  bn_view_clear(&v);
  return r;
}
