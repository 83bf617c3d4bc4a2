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

/* The recognizers in order: the named MTAs' when mtas is set, the
 * fallback's guess when guess is. */
static void
run_recognizers(const bn_view *v, bounce_report *r, bool mtas, bool guess)
{
  for (size_t i = 0; bn_mta_registry[i]; i++) {
    const bn_mta *m = bn_mta_registry[i];
    if (!(m == &bn_mta_fallback ? guess : mtas) || !m->claim(v))
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
bool
bn_view_written_in_mail_client(const bn_view *v)
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
 * in their languages, case-folded, without the colon; forward when the
 * mark is a forward's (or, as Scandinavian "VS", a forward's in one
 * language and a reply's in another: a person's either way). */
static const struct {
  const char *mark;
  bool forward;
} reply_marks[] = {
  {"re", false}, {"fwd", true}, {"fw", true}, {"aw", false}, {"wg", true}, {"tr", true},
  {"rv", true}, {"enc", true}, {"res", false}, {"vs", true}, {"vl", true}, {"sv", false},
  {"vb", true}, {"fs", false}, {"antw", false}, {"doorst", true}, {"r", false}, {"i", true},
  {"rif", false}, {"odp", false}, {"pd", true}, {"ynt", false}, {"i̇lt", true}, {"ilt", true},
  {"odg", false}, {"posl", true}, {"ats", false}, {"pers", true}, {"atb", false}, {"pārs", true},
  {"edasi", true}, {"vá", false}, {"továbbítás", true}, {"отв", false}, {"пересл", true},
  {"ответ", false}, {"απ", false}, {"πρθ", true}, {"答复", false}, {"回复", false},
  {"转发", true}, {"回覆", false}, {"轉寄", true}, {"返信", false}, {"転送", true},
  {"회신", false}, {"전달", true}, {"השב", false}, {"הועבר", true},
};

/* The subject's first words are a reply's or a forward's mark (a
 * forward's only when forward_only is set): "RE:", French Outlook's
 * "TR :", Foxmail's full-width "回复：", "[Fwd: ...]". */
static bool
mark_opens(const char *subject, bool forward_only)
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
    found = (reply_marks[i].forward || !forward_only) && strcmp(mark, reply_marks[i].mark) == 0;
  g_free(mark);
  return found;
}

/* The subject opens with a reply's or a forward's mark (a forward's only
 * when forward_only is set), itself or behind the tags a gateway or a list
 * put before it ("[외부메일] Fwd: ...", "[team] RE: ..."): a tag says
 * where the message passed, and in any language (bn_subject_untagged). */
static bool
subject_mark(const char *subject, bool forward_only)
{
  const char *untagged = bn_subject_untagged(subject);
  return mark_opens(subject, forward_only) ||
         (untagged != subject && mark_opens(untagged, forward_only));
}

bool
bn_subject_marks_reply(const char *subject)
{
  return subject_mark(subject, false);
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
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  bn_parse_mailboxes(rp, 2, addrs);
  bool same = addrs->len == 1 && g_ascii_strcasecmp(g_ptr_array_index(addrs, 0), v->from_addr) == 0;
  g_ptr_array_unref(addrs);
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

/* The message opens with its sender's own words, the rest attached after
 * them: multipart/mixed whose first part is text (or its HTML twin). A
 * multipart/alternative whose report is read (lib/view.c) puts the words
 * and the report side by side the same way. A disclaimer gateway that
 * wraps the message with its footer part after it leaves the sender's
 * body as its first part (v->notice). */
static bool
words_above_attachments(const bn_view *v)
{
  GMimeObject *body = v->notice;
  GMimeContentType *ct = body ? g_mime_object_get_content_type(body) : NULL;
  if (!GMIME_IS_MULTIPART(body) ||
      !(g_mime_content_type_is_type(ct, "multipart", "mixed") ||
        g_mime_content_type_is_type(ct, "multipart", "alternative")) ||
      g_mime_multipart_get_count(GMIME_MULTIPART(body)) < 2)
    return false;
  GMimeObject *first = g_mime_multipart_get_part(GMIME_MULTIPART(body), 0);
  GMimeContentType *fct = g_mime_object_get_content_type(first);
  return g_mime_content_type_is_type(fct, "text", "plain") ||
         g_mime_content_type_is_type(fct, "text", "html") ||
         g_mime_content_type_is_type(fct, "multipart", "alternative");
}

/* A person forwarding a bounce's parts: "FW: Undeliverable: ...", their
 * words first, the delivery-status part attached (labelled, or relabelled
 * as Outlook's ATT00001.txt), or answering with it attached ("RE: ..."
 * written in a mail client). A mail system that sends its notice in
 * multipart/mixed (a gateway, a list manager or helpdesk relaying one)
 * sends it from its own mailbox or with the null envelope sender, marks
 * it a bounce in its headers, and gives it its own subject or the
 * original's, never one opening with a forward's mark; a helpdesk's
 * "Re: [#123] ..." is written in no mail client. */
static bool
forwarded_by_person(const bn_view *v)
{
  if (v->report_type[0] || v->dsn->len == 0 ||
      !(subject_mark(v->subject, true) ||
        (subject_mark(v->subject, false) && bn_view_written_in_mail_client(v))) ||
      bn_view_sent_by_mail_system(v) || bn_view_header(v, "X-Failed-Recipients") ||
      bn_view_header(v, "X-MS-Exchange-Message-Is-Ndr"))
    return false;
  const char *as = bn_view_header(v, "Auto-Submitted");
  if (as && g_ascii_strncasecmp(as + strspn(as, " \t"), "no", 2) != 0)
    return false;
  return words_above_attachments(v);
}

/* A mailing list's marks: its List-* headers, or the Precedence that lists
 * writing none still put on what they send. */
static bool
posted_to_list(const bn_view *v)
{
  if (bn_view_header(v, "List-Id") || bn_view_header(v, "List-Post"))
    return true;
  const char *prec = bn_view_header(v, "Precedence");
  return prec && bn_strcasestr(prec, strlen(prec), "list") != NULL;
}

/* A list manager's administrative sender ("cats-admin@list.example.jp",
 * fml's) of a list other than the one whose List-Id the message carries:
 * that list's notice, relayed. A list's own posts and digests come from
 * its members or from its own addresses. */
static bool
other_list_admin(const bn_view *v, const char *addr, size_t local_len)
{
  static const char suffix[] = "-admin";
  const size_t n = sizeof suffix - 1;
  const char *id = bn_view_header(v, "List-Id");
  if (id == NULL || local_len <= n ||
      g_ascii_strncasecmp(addr + local_len - n, suffix, n) != 0)
    return false;
  /* RFC 2919: the list's id is its name, a dot, then its host */
  char *own = g_strdup_printf("%.*s.%s", (int)(local_len - n), addr, addr + local_len + 1);
  bool other = bn_strcasestr(id, strlen(id), own) == NULL;
  g_free(own);
  return other;
}

/* A sender's name that ends as a mail system's ("MMDF Mail System
 * <mmdf@...>", "mmdf@... (MMDF Mail System)"); a team's name that only
 * opens so ("Mail System Team <it@...>") is people's. */
static bool
named_mail_system(const char *from)
{
  static const char name[] = "mail system";
  const char *p = bn_strcasestr(from, strlen(from), name);
  if (p == NULL)
    return false;
  p += sizeof name - 1;
  p += strspn(p, " \t\"");
  return *p == '\0' || *p == '<' || *p == ')';
}

/* A byte that goes on a host name's label: a host found with one on
 * either side is part of another name ("example.com" in
 * "lists.myexample.com", "lists.example.co" in "lists.example.com"). */
static bool
host_byte(char c)
{
  return g_ascii_isalnum(c) || c == '-';
}

/* Whether text names host whole: as itself or as the domain of a name
 * under it, never inside another name. */
static bool
names_host_whole(const char *text, const char *host)
{
  size_t hl = strlen(host);
  const char *end = text + strlen(text);
  for (const char *p = text; hl && p < end;) {
    const char *at = bn_strcasestr(p, (size_t)(end - p), host);
    if (at == NULL)
      return false;
    if ((at == text || !host_byte(at[-1])) && !host_byte(at[hl]))
      return true;
    p = at + 1;
  }
  return false;
}

/* The list names the sender's host in its List-Id (or List-Post): the
 * sender is the list's own, or a forum's that posts its members' words
 * from its no-reply address. */
static bool
list_names_host(const bn_view *v, const char *host)
{
  const char *id = bn_view_header(v, "List-Id");
  if (id == NULL)
    id = bn_view_header(v, "List-Post");
  return *host == '\0' || (id && names_host_whole(id, host));
}

/* A notice in form, not in words alone: it returns the message it is
 * about (an attached message or its headers, KDDI's), or its text is a
 * machine's document (SNS's JSON). A build log, a ticket or a newsletter
 * that services post from their no-reply mailboxes may paste a bounce's
 * words, and every MTA's opening with them. */
static bool
notice_in_form(const bn_view *v)
{
  bn_span first;
  return v->returned || v->returned_headers->len ||
         (bn_prose_opening(v, &first) && first.p[0] == '{');
}

/* A list relays whatever reaches its address, a service's notice too (an
 * SNS topic's or a carrier's error notice sent to a team's list): it adds
 * its headers and keeps the notice's From, a mailbox no person posts from
 * ("no-reply@", "MMDF Mail System") on a host that is not the list's. A
 * no-reply mailbox posts a service's other mail too: its notice is known
 * by its form (notice_in_form). A list that puts its own address in the
 * From (Google Groups) names the sender it replaced in X-Original-Sender. */
static bool
relayed_notice(const bn_view *v)
{
  const char *original = bn_view_header(v, "X-Original-Sender");
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  if (original)
    bn_parse_mailboxes(original, 1, addrs);
  const char *addr = addrs->len ? g_ptr_array_index(addrs, 0) : v->from_addr;
  const char *at = strchr(addr, '@');
  bool relayed = false;
  if (at) {
    size_t n = (size_t)(at - addr);
    bool no_reply = false;
    for (size_t i = 0; bn_no_reply_locals[i] && !no_reply; i++)
      no_reply = strlen(bn_no_reply_locals[i]) == n &&
                 g_ascii_strncasecmp(addr, bn_no_reply_locals[i], n) == 0;
    bool notifier = named_mail_system(v->from) || (no_reply && notice_in_form(v));
    relayed = other_list_admin(v, addr, n) || (notifier && !list_names_host(v, at + 1));
  }
  g_ptr_array_unref(addrs);
  return relayed;
}

/* A list manager's refusal of a post, which the list sends with its own
 * headers: its recognizer knows it by its template and sender. */
static bool
list_own_refusal(const bn_view *v)
{
  static const bn_mta *const managers[] = {&bn_mta_mailman, &bn_mta_mlmmj, &bn_mta_majordomo};
  for (size_t i = 0; i < G_N_ELEMENTS(managers); i++)
    if (managers[i]->claim(v))
      return true;
  return false;
}

/* A list's post that only its "Auto-Submitted: auto-generated" marks as
 * a mail system's: a tracker, a CI service or a forum posts its
 * notifications to lists so (RFC 3834 asks every automated sender to), and
 * their words may quote a bounce a member reported. A bounce has a report
 * part, a mail system's sender, or the null envelope sender; one a list
 * relays keeps them, and is told from the list's own post below
 * (relayed_notice, list_own_refusal). */
static bool
list_post_marked_automated(const bn_view *v)
{
  return posted_to_list(v) && !v->report_type[0] && !v->dsn->len && !bn_view_from_mailer(v) &&
         !bn_view_null_sender(v);
}

/* A list manager handing a bounce it received to the list's people, the
 * bounce attached whole under the list's own headers: Mailman 3 forwards
 * one it could not read ("Uncaught bounce notification", app/bounces.py
 * maybe_forward) from its host's postmaster, a mail system's mailbox. An
 * MTA's bounce carries no List-Id of its own, and a notice a list relays
 * comes from another host (relayed_notice); this one has no report but
 * the attached one. */
static bool
list_forwards_bounce(const bn_view *v)
{
  const char *at = strchr(v->from_addr, '@');
  return at && !v->report_type[0] && v->dsn->len == 0 && v->wrapped_dsn->len > 0 &&
         bn_view_header(v, "List-Id") && list_names_host(v, at + 1);
}

/* A person forwarding a bounce, or answering one, or pasting one into a
 * message of their own, or a mailing list's post or digest, with a bounce
 * quoted in the text: no mail system sent it (a bounce's own subject is
 * never a forward's or a reply's, a bounce is not written in a mail
 * client nor posted to a list), so it reports nothing. A list's refusal of
 * a post carries the list's headers too (list_own_refusal). */
static bool
quoted_by_person(const bn_view *v)
{
  if (reply_from_author(v) || forwarded_by_person(v) || list_forwards_bounce(v))
    return true;
  if (bn_view_looks_like_bounce(v) && !list_post_marked_automated(v))
    return false;
  /* a ticket system's or a gateway's tag may stand before the reply's or
   * forward's mark ("[Request #48213] Fwd: ...") */
  if (bn_subject_marks_reply(v->subject) || bn_subject_marks_reply(bn_subject_untagged(v->subject)) ||
      bn_view_written_in_mail_client(v))
    return true;
  return posted_to_list(v) && !relayed_notice(v) && !list_own_refusal(v);
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

/* Subject openings, case-folded, that a report of another kind is given by
 * its format: DMARC aggregate (RFC 7489 7.2.1.1) and SMTP TLS (RFC 8460
 * 5.3) reports, "Report Domain: example.com Submitter: google.com
 * Report-ID: <...>" (Google writes "Report domain:"); Outlook's results of
 * a recall, "Message Recall Failure: ..." (Microsoft KB 185038), "Message
 * Recall Success: ...", and Exchange Online's "Message Recall Report for
 * message: ...". A bounce of one puts its own words first ("Undeliverable:
 * Report Domain: ..."). */
static const char *const other_report_subjects[] = {
  "report domain:", "message recall failure:", "message recall success:",
  "message recall report",
};

/* A timestamp field of a report's file name: seconds since the epoch. */
static bool
all_digits(const char *p, size_t n)
{
  if (n == 0)
    return false;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isdigit(p[i]))
      return false;
  return true;
}

/* The file name an aggregate report's attachment is given by its format:
 * "receiver!policy-domain!begin!end[!unique-id].ext", begin and end in
 * seconds ("google.com!example.com!1796342400!1796428799.zip"; RFC 7489
 * 7.2.1.1 for DMARC, RFC 8460 5 for TLS: "sender!domain!begin!end.json.gz").
 * A person or a service names a file so only when it passes a report on. */
static bool
report_file_name(const char *name)
{
  const char *field[5];
  size_t n = 0;
  for (const char *p = name; n < G_N_ELEMENTS(field); p++) {
    field[n++] = p;
    if ((p = strchr(p, '!')) == NULL)
      break;
  }
  if (n < 4 || field[1] - field[0] < 2 || field[2] - field[1] < 2)
    return false;
  /* the end stamp runs to the extension, or to the unique id */
  size_t end_len = n > 4 ? (size_t)(field[4] - field[3] - 1) : strcspn(field[3], ".");
  return all_digits(field[2], (size_t)(field[3] - field[2] - 1)) && all_digits(field[3], end_len) &&
         (n > 4 || field[3][end_len] == '.');
}

/* The message, or one of its top parts, is an attachment named as an
 * aggregate report's. The notice a gateway's footer part follows is read,
 * not the multipart/mixed the gateway wrapped it in (view.c
 * footed_notice). */
static bool
carries_report_file(const bn_view *v)
{
  GMimeObject *body = v->notice;
  int n = GMIME_IS_MULTIPART(body) ? g_mime_multipart_get_count(GMIME_MULTIPART(body)) : 1;
  for (int i = 0; i < n && i < 16; i++) {
    GMimeObject *o = GMIME_IS_MULTIPART(body) ? g_mime_multipart_get_part(GMIME_MULTIPART(body), i)
                                              : body;
    const char *name = GMIME_IS_PART(o) ? g_mime_part_get_filename(GMIME_PART(o)) : NULL;
    if (name && report_file_name(name))
      return true;
  }
  return false;
}

/* A notice a mail system's delivery agent sent ("MAILER-DAEMON@...",
 * "Mail Delivery System <...>"), a bounce's sender: a relay that writes no
 * DSN part may keep the report's subject over its own text, or return the
 * report's attachment alone. A report is sent from a mailbox of its own
 * ("dmarc-noreply@...", Exchange's system mailbox for a recall). */
static bool
from_delivery_agent(const bn_view *v)
{
  return bn_has_prefix_ci(v->from_addr, "mailer-daemon@") ||
         g_ascii_strcasecmp(v->from_addr, "mailer-daemon") == 0 ||
         bn_strcasestr(v->from, strlen(v->from), "mail delivery") != NULL;
}

/* A DMARC or TLS report, or a recall's result: it tells of failures (of
 * authentication, of TLS sessions, of a recall), and names contacts and
 * hosts, but reports no delivery. A bounce of such a report carries a
 * bounce's own marks and returns it. */
static bool
other_report(const bn_view *v)
{
  if (v->dsn->len || v->returned || v->returned_headers->len ||
      bn_view_header(v, "X-Failed-Recipients") ||
      bn_view_header(v, "X-MS-Exchange-Message-Is-Ndr") || from_delivery_agent(v))
    return false;
  /* RFC 8460 5: the report's report-type and its required header */
  if (g_ascii_strcasecmp(v->report_type, "tlsrpt") == 0 || bn_view_header(v, "TLS-Report-Domain"))
    return true;
  const char *s = bn_subject_untagged(v->subject);
  for (size_t i = 0; i < G_N_ELEMENTS(other_report_subjects); i++)
    if (bn_has_prefix_ci(s, other_report_subjects[i]))
      return true;
  return carries_report_file(v);
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

/* The recipients the guess found are the notice's own: each written in its
 * prose (not the returned original's To) and none the wrapped report's
 * (whose fields say more of it than a relay's note that names it). */
static bool
guessed_own_recipients(const bn_view *v, const bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    const char *a = bounce_recipient_get_address(g_ptr_array_index(r->recipients, i));
    /* whole: bob@example.jp is not named by innerbob@example.jp */
    if (a == NULL || !bn_names_whole(v->text->str, v->text->len, a, bn_address_byte, true) ||
        bn_names_whole(v->wrapped_dsn->str, v->wrapped_dsn->len, a, bn_address_byte, false))
      return false;
  }
  return bn_report_count(r) > 0;
}

/* The wrapped report's recipients. A report that names none says nothing
 * of ours: its Reporting-MTA and Arrival-Date are not kept either, since
 * the recipients then come from the notice's own words. */
static bool
read_wrapped_dsn(const bn_view *v, bounce_report *r)
{
  bool had_mta = r->reporting_mta != NULL, had_arrival = r->arrival_date != NULL;
  if (bn_dsn_read(v->wrapped_dsn->str, v->wrapped_dsn->len, r, false))
    return true;
  if (!had_mta)
    bn_set_str(&r->reporting_mta, NULL);
  if (!had_arrival)
    bn_set_str(&r->arrival_date, NULL);
  return false;
}

/* The delivery-status fields, then the MTA's prose (by the fallback's
 * guess too when guess is set). */
static void
read_bounce(const bn_view *v, bounce_report *r, bool guess)
{
  if (v->dsn->len && bn_dsn_read_returned(v->dsn->str, v->dsn->len, r, false, v))
    bn_set_str(&r->mta, "rfc3464");
  else if (has_prose_dsn(v) && bn_dsn_read_returned(v->text->str, v->text->len, r, true, v))
    bn_set_str(&r->mta, "rfc3464");
  /* A relay's notice carrying a report whole: the notice's own MTA
   * recognizers, then the report's fields, where the unknown-MTA guess
   * alone would take the notice's words and the original's To. */
  bool wrapped = v->wrapped_dsn->len > 0 && bn_report_count(r) == 0;
  run_recognizers(v, r, true, guess && !wrapped);
  if (!wrapped || bn_report_count(r) > 0)
    return;
  /* The same shape is an unknown MTA's bounce whose returned original was
   * itself a report (a forwarded bounce that could not be delivered): its
   * own words name the recipient, which a relay's note does not. */
  if (!guess) {
    if (read_wrapped_dsn(v, r))
      bn_set_str(&r->mta, "rfc3464");
    return;
  }
  /* the named MTAs found nothing above: the guess alone, run once; kept
   * aside while the report's fields are read, and the answer when those
   * name no recipient */
  run_recognizers(v, r, false, true);
  if (guessed_own_recipients(v, r))
    return;
  GPtrArray *guessed = bn_report_take(r);
  char *guessed_mta = r->mta;
  r->mta = NULL;
  if (read_wrapped_dsn(v, r)) {
    bn_set_str(&r->mta, "rfc3464");
    g_ptr_array_free(guessed, TRUE);
    g_free(guessed_mta);
  } else {
    bn_report_put_back(r, guessed);
    r->mta = guessed_mta;
  }
}

/* A notice carrying a report whole either passes it on (its recipients
 * are the report's, and the report's own returned message is the
 * original) or bounced it: a report sent to a mailbox that refused it
 * (Exim's "returning message to sender" of a DSN) returns that report as
 * the message it could not deliver, and the report is the original. */
static void
read_bounced_report(const bn_view *v, bounce_report *r)
{
  bn_span named;
  if (v->wrapped == NULL || bn_report_count(r) == 0 ||
      /* a report that names no recipient cannot tell */
      !bn_dsn_part_value(v->wrapped_dsn->str, v->wrapped_dsn->len, "Final-Recipient", &named))
    return;
  const char *address = bn_report_rcpt(r, 0)->address;
  if (address && bn_names_whole(v->wrapped_dsn->str, v->wrapped_dsn->len, address,
                                bn_address_byte, false))
    return;
  g_ptr_array_set_size(r->original, 0);
  bn_original_from_message(r, v->wrapped, v->opts, v->header_ran_out);
}

static void
read_original(const bn_view *v, bounce_report *r)
{
  if (v->returned)
    bn_original_from_message(r, v->returned, v->opts, v->header_ran_out);
  else if (v->returned_headers->len)
    bn_original_from_part_text(r, v->returned_headers->str, v->returned_headers->len, v->opts,
                               v->returned_headers_ran_out);
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
           size_t tail_len, bn_ran_out ran_out, bounce_error **err)
{
  bounce_report *r = bn_report_new(opts);
  bn_view v;
  if (!bn_view_init(&v, msg, opts, r, ran_out, err)) {
    bounce_report_free(r);
    return NULL;
  }
  /* the view's text is read-only from here to bn_view_clear */
  bn_word_filter words;
  const bn_word_filter *outer = bn_word_filter_begin(&words, v.text->str, v.text->len);
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
    if (!quoted_by_person(&v) && !journal_copy(&v) && !other_report(&v)) {
      read_bounce(&v, r, !autoreply);
      read_bounced_report(&v, r);
    }
    if (bn_report_count(r) == 0 && claimed)
      bn_autoreply_extract(&v, r);
  }
  if (bn_report_count(r) > 0 && bn_report_original(r, "Message-ID")[0] == '\0' &&
      bn_report_original(r, "From")[0] == '\0') {
    gssize at = bn_view_inline_copy(&v);
    if (at >= 0)
      bn_original_from_text(r, v.text->str + at, v.text->len - (size_t)at, opts);
  }
  /* an encoded part's raw last line may be unended too (its base64) */
  if (!tail || !bn_cut_drop_partial(r, input, tail, tail_len))
    bn_cut_drop_partial_encoded(r, msg);
  if (bn_report_count(r) == 0) {
    r->kind = BOUNCE_KIND_NONE;
    bn_set_str(&r->mta, NULL);
  } else {
    bn_finish(r, &v);
  }
  apply_include(r, bn_include(opts));
  bn_report_make_valid(r);
  bn_word_filter_end(outer);
  bn_view_clear(&v);
  return r;
}
