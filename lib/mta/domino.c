/* Lotus (IBM, HCL) Domino: Subject "DELIVERY FAILURE: <reason>", a text
 * part
 *
 *   Your message
 *     Subject: ...
 *   was not delivered to:
 *     user@example.jp
 *   because:
 *     User user (user@example.jp) not listed in Domino Directory
 *
 * (in the server's language; the addresses and "because:" block may be
 * repeated), and a delivery-status part with "Diagnostic-Code: X-Notes;".
 * The prose names each recipient as the sender wrote it, the
 * delivery-status part after Domino's own rewriting: the prose wins.
 * Domino writes this report only when it has given up, also on a next
 * server's temporary refusal ("SMTP Protocol Returned a Temporary Error
 * 452 ..."): without a delivery-status part the action is "failed". */
#include "mta.h"
#include <string.h>

static const char *const subjects[] = {"DELIVERY FAILURE:", NULL};
static const char *const lists[] = {"was not delivered to:", NULL};
static const char *const reasons[] = {"because:", NULL};

/* Domino's own reasons that leave no doubt. */
static const bn_cause_row causes[] = {
  {"not listed in Domino Directory", BOUNCE_CAUSE_USERUNKNOWN},
  {"not listed in public Name & Address Book", BOUNCE_CAUSE_USERUNKNOWN},
  /* Japanese: "(user) is not found in the Domino directory" */
  {"Domino ディレクトリには見つかりません", BOUNCE_CAUSE_USERUNKNOWN},
  /* The Notes error the router gives when the directory still names the
   * recipient but the mail file (the mailbox database) it points to is
   * gone: mostly a user removed with the person document left behind.
   * Mail has no mailbox to go to until someone makes a new one, as with
   * an unknown user; not the server's failure (systemerror), which a
   * retry could outlast. */
  {"File does not exist", BOUNCE_CAUSE_USERUNKNOWN},
};

static bool
claim(const bn_view *v)
{
  if (bn_subject_starts(v, subjects))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), lists) &&
         bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), reasons);
}

/* "Error transferring to mx.example.net; SMTP Protocol Returned a
 * Permanent Error 550 Requested action not taken": the next server's reply
 * code stands after Domino's words, where a code alone is not looked for. */
static int
relayed_reply_code(const char *d)
{
  size_t n = strlen(d);
  const char *said = bn_strcasestr(d, n, "SMTP Protocol Returned a ");
  if (said == NULL)
    return 0;
  size_t rest = n - (size_t)(said - d);
  const char *error = bn_strcasestr(said, rest, " Error ");
  if (error == NULL || error - said > 40)
    return 0;
  error += strlen(" Error ");
  int code = bn_reply_code_at(error, n - (size_t)(error - d));
  return code >= 400 ? code : 0;
}

/* Where the text after label begins in d, or NULL without it. */
static const char *
after_label(const char *d, const char *label)
{
  const char *at = bn_strcasestr(d, strlen(d), label);
  return at ? at + strlen(label) : NULL;
}

/* "Error transferring to mx.example.net; ...": the server Domino handed
 * the message to, the one its delivery-status part names in Remote-MTA
 * when it writes one; a notice without that part names it only here. A
 * new string, or NULL. */
static char *
transfer_host(const char *d)
{
  const char *at = after_label(d, "Error transferring to ");
  if (at == NULL)
    return NULL;
  size_t n = strcspn(at, "; ");
  if (at[n] != ';')
    return NULL;
  return bn_prose_hostname(at, n);
}

/* Domino 5's router, for an SMTP address it could not route, gives as the
 * reason "Enhanced Mail System Status Code (RFC1893): .1.2": the status
 * without its class digit (IBM technote 1100477, "Domino R5: Improperly
 * Addressed SMTP Mail Returns Cryptic Error Message", fixed in 6.0). The
 * report is a failure, so the class is 5: ".1.2" is 5.1.2, the bad
 * destination system address of RFC 3463. out holds at least 16 bytes. */
static bool
classless_status(const char *d, char out[16])
{
  const char *at = after_label(d, "(RFC1893): ");
  if (at == NULL)
    return false;
  size_t n = strspn(at, "0123456789.");
  while (n && at[n - 1] == '.') /* the sentence's full stop */
    n--;
  if (n < 4 || n > 9 || at[0] != '.')
    return false;
  out[0] = '5';
  memcpy(out + 1, at, n);
  out[n + 1] = '\0';
  return bn_status_valid(out, n + 1);
}

/* One "was not delivered to:" block: its addresses and its reason. */
static void
block(bounce_report *r, GPtrArray *addrs, GString *reason, bool add, bool *found)
{
  bn_squeeze(reason);
  size_t dsn_count = bn_report_count(r);
  for (guint i = 0; i < addrs->len; i++) {
    const char *addr = g_ptr_array_index(addrs, i);
    bounce_recipient *rc = bn_report_find(r, addr);
    if (rc == NULL && !add && dsn_count == 1 && addrs->len == 1) {
      /* the one recipient, named after rewriting: the sender's form */
      rc = bn_report_rcpt(r, 0);
      bn_rcpt_set(rc, BOUNCE_FIELD_ADDRESS, addr, BOUNCE_SOURCE_TEXT);
    }
    if (rc == NULL && add)
      rc = bn_report_add(r, addr, BOUNCE_SOURCE_TEXT);
    if (rc == NULL)
      continue;
    *found = true;
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, reason->str, BOUNCE_SOURCE_TEXT);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    const char *d = rc->diagnostic ? rc->diagnostic : "";
    if (rc->reply_code == 0)
      bn_rcpt_set_reply_code(rc, relayed_reply_code(d), BOUNCE_SOURCE_TEXT);
    if (rc->remote_mta == NULL) {
      char *host = transfer_host(d);
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_free(host);
    }
    char status[16];
    if (classless_status(d, status))
      bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_TEXT);
    bn_prose_set_cause(rc, bn_cause_table_find(d, strlen(d), causes, G_N_ELEMENTS(causes)));
  }
  g_ptr_array_set_size(addrs, 0);
  g_string_truncate(reason, 0);
}

static bool
line_is(const bn_span *l, const char *words)
{
  size_t n = strlen(words);
  return l->len == n && g_ascii_strncasecmp(l->p, words, n) == 0;
}

/* The returned message's subject, as the report names it, unless known. */
static void
set_subject(bounce_report *r, const char *p, size_t len)
{
  if (bn_report_original(r, "Subject")[0] != '\0')
    return;
  char *subject = bn_squeeze_dup(p, len);
  bn_report_set_original(r, "Subject", subject);
  g_free(subject);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool add = bn_report_count(r) == 0;
  bool found = false;
  enum { NONE, DOCUMENT, ADDRESSES, REASON } state = NONE;
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  GString *reason = g_string_new(NULL);
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (bn_strcasestr(l.p, l.len, "was not delivered to:")) {
      if (state == REASON)
        block(r, addrs, reason, add, &found);
      state = ADDRESSES;
    } else if (state == NONE && line_is(&l, "Your document:")) {
      /* Domino 5: "Your document:" over the subject alone, unlabelled */
      state = DOCUMENT;
    } else if (state == DOCUMENT && l.len) {
      set_subject(r, l.p, l.len);
      state = NONE;
    } else if (state == NONE && bn_has_prefix_ci(l.p, "Subject:")) {
      /* "Your message / Subject: ..." names the original */
      set_subject(r, l.p + 8, l.len - 8);
    } else if (state == ADDRESSES && bn_has_prefix_ci(l.p, "because:")) {
      state = REASON;
    } else if (state == ADDRESSES && l.len) {
      char *addr = bn_line_address_only(l.p, l.len);
      if (addr)
        g_ptr_array_add(addrs, addr);
    } else if (state == REASON && l.len) {
      if (reason->len)
        g_string_append_c(reason, ' ');
      g_string_append_len(reason, l.p, (gssize)l.len);
    } else if (state == REASON && reason->len) {
      block(r, addrs, reason, add, &found);
      state = NONE;
    }
  }
  if (state == REASON || addrs->len)
    block(r, addrs, reason, add, &found);
  g_ptr_array_free(addrs, TRUE);
  g_string_free(reason, TRUE);
  return found;
}

const bn_mta bn_mta_domino = {"domino", claim, extract};
