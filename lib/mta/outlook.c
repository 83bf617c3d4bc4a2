/* Outlook.com (formerly Hotmail, Windows Live, MSN): a multipart/report
 * whose text part is the one Windows' SMTP service writes,
 *
 *   This is an automatically generated Delivery Status Notification.
 *
 *   Delivery to the following recipients failed.
 *
 *          user@example.jp
 *
 * or "Unable to deliver message to the following recipients, due to being
 * unable to connect successfully to the destination mail server.", the
 * addresses indented under it. The delivery-status part gives the rest.
 * Told from other users of that service by Microsoft's domains in the
 * From address or the Reporting-MTA (hosts such as BLU004-OMC3S13).
 *
 * The same template comes from any host running that service (IIS SMTP,
 * Exchange 2000/2003's transport, application relays): "iissmtp" reads
 * it there, claimed by the opening and a list sentence in the service's
 * own punctuation, so that a gateway's "failed permanently:" stays its
 * own. Without a delivery-status part the list is all there is. */
#include "mta.h"
#include <string.h>

static const char *const opening[] = {
  "This is an automatically generated Delivery Status Notification.", NULL,
};

/* The sentences that head the list, and the action each means; the
 * service ends each with "." or, before its reason, ",". */
static const struct {
  const char *sentence;
  const char *action;
} lists[] = {
  {"Delivery to the following recipients failed.", "failed"},
  {"Unable to deliver message to the following recipients,", "failed"},
  /* its warning, under "THIS IS A WARNING MESSAGE ONLY." */
  {"Delivery to the following recipients has been delayed.", "delayed"},
};

/* The list sentence l starts with (the text going on to end), or -1;
 * *past: where the sentence ends. An archiver re-wrapping the notice at
 * 45 columns broke "... to the following" over "recipients, due to ...":
 * the sentence is matched over the line's break. */
static int
list_sentence(const bn_span *l, const char *end, const char **past)
{
  for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
    if (bn_prose_sentence_at(l->p, end, lists[i].sentence, past))
      return (int)i;
  return -1;
}

static const char *const signs[] = {
  "hotmail", "outlook.", "live.com", "msn.com", "-omc", NULL,
};

static bool
claim(const bn_view *v)
{
  if (!bn_prose_has_any(v->text->str, bn_view_own_len(v, 1024), opening))
    return false;
  return bn_prose_has_any(v->from_addr, strlen(v->from_addr), signs) ||
         bn_reporting_mta_has(v, signs);
}

/* The service's notice opens on its opening sentence: further down it is
 * quoted, as in a person's forward of the notice, which is no bounce. */
static bool
claim_any(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 1024);
  bn_span first;
  if (!bn_prose_opening(v, &first))
    return false;
  /* the opening's paragraph: a client re-wrapping the notice at 60
   * columns broke the sentence ("... Delivery Status" / "Notification.") */
  bn_lines it;
  bn_span l;
  const char *text_end = v->text->str + head;
  if (first.p >= text_end)
    return false;
  bn_lines_init(&it, first.p, (size_t)(text_end - first.p));
  size_t para = 0;
  for (int k = 0; k < 3 && bn_lines_next_trimmed(&it, &l) && l.len; k++)
    para = (size_t)(l.p + l.len - first.p);
  if (!bn_prose_has_any(first.p, para, opening))
    return false;
  bn_lines_init(&it, v->text->str, head);
  const char *past;
  while (bn_lines_next_trimmed(&it, &l))
    if (list_sentence(&l, text_end, &past) >= 0)
      return true;
  return false;
}

/* The list sentence as the recipient's reason. The service fails a
 * message whose expiration time-out passed with Status 4.4.7 and says why
 * the last attempts failed ("unable to connect successfully to the
 * destination mail server"): it gave up retrying, which its words alone
 * would read as one network failure. */
static void
own_reason(bounce_recipient *rc, const bn_span *reason)
{
  bn_prose_add_diagnostic(rc, reason->p, reason->len);
  if (rc->status && g_str_has_suffix(rc->status, ".4.7") && rc->cause == BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, BOUNCE_CAUSE_EXPIRED);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool add = bn_report_count(r) == 0;
  bool found = false;
  const char *action = NULL;
  bn_span reason = {NULL, 0};
  bn_lines it;
  bn_span l;
  const char *end = v->text->str + v->text->len, *past;
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next_trimmed(&it, &l)) {
    int i = list_sentence(&l, end, &past);
    if (i >= 0) {
      action = lists[i].action;
      reason = l;
      /* the lines the sentence itself was broken over */
      for (bn_span m; reason.p + reason.len < past && bn_lines_next_trimmed(&it, &m);)
        reason.len = (size_t)(m.p + m.len - reason.p);
      /* a client re-wrapping the notice at 60 columns put the sentence's
       * rest ("to being unable to connect ..." / "mail server.") on the
       * lines under it, above the list */
      bn_lines look = it;
      bn_span m;
      for (int k = 0; k < 3 && reason.p[reason.len - 1] != '.' &&
                      bn_lines_next_trimmed(&look, &m) && m.len && !memchr(m.p, '@', m.len);
           k++) {
        reason.len = (size_t)(m.p + m.len - reason.p);
        it = look;
      }
    }
    if (action == NULL || l.len == 0)
      continue;
    if (l.p == reason.p)
      continue;
    char *addr = bn_line_address_only(l.p, l.len);
    if (addr == NULL) {
      action = NULL; /* the list ends */
      continue;
    }
    bounce_recipient *rc = bn_prose_recipient_if(r, addr, add);
    g_free(addr);
    if (rc == NULL)
      continue;
    found = true;
    if (add)
      bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, action, BOUNCE_SOURCE_TEXT);
    /* "Unable to deliver ..., due to ...": the sentence is the reason. The
     * service's delivery-status part gives Action and Status but often no
     * Diagnostic-Code: there the sentence is the only reason too */
    if ((rc->diagnostic == NULL || rc->diagnostic[0] == '\0') &&
        (bn_prose_find(reason.p, reason.len, "due to") ||
         bn_prose_find(reason.p, reason.len, "because")))
      own_reason(rc, &reason);
  }
  return found || bn_report_count(r) > 0;
}

const bn_mta bn_mta_outlook = {"outlook", claim, extract};
const bn_mta bn_mta_iissmtp = {"iissmtp", claim_any, extract};
