/* Trend Micro InterScan Messaging Security Suite (InterScan MSS, IMSS,
 * IMSVA): From "InterScan MSS" or "InterScan Notification", a MIME
 * boundary "InterScan_NT_MIME_Boundary", and a notice either with the SMTP
 * exchange that failed,
 *
 *   Sent <<< RCPT TO:<user@example.jp>
 *   Received >>> 550 5.1.1 <user@example.jp>... user unknown
 *
 * or a sentence,
 *
 *   ****** Message from InterScan Messaging Security Suite ******
 *   Unable to deliver message to <user@example.jp> (and other recipients
 *   in the same domain).
 *
 * The subject is in the administrator's language ("Mail could not be
 * delivered").
 *
 * InterScan writes the sentence when the next server refused the
 * recipients of one domain, and adds at most "Please check if address is
 * correct": the address is what was refused, so the cause is userunknown
 * unless the words name another. */
#include "mta.h"
#include <string.h>

static const char *const names[] = {"InterScan", NULL};
static const char *const marks[] = {
  "Message from InterScan Messaging Security Suite", "InterScan_NT_MIME_Boundary", NULL,
};

static bool
claim(const bn_view *v)
{
  if (bn_from_has(v, names))
    return true;
  const char *ct = bn_view_header(v, "Content-Type");
  if (ct && bn_strcasestr(ct, strlen(ct), "InterScan_NT_MIME_Boundary"))
    return true;
  if (bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), marks))
    return true;
  /* the exchange itself, whatever the administrator made of the notice
   * around it: no other MTA writes its SMTP dialogue with these arrows */
  const char *sent = bn_strcasestr(v->text->str, v->text->len, "Sent <<< ");
  return sent && bn_strcasestr(sent, v->text->len - (size_t)(sent - v->text->str),
                               "Received >>> ") != NULL;
}

/* Where the paragraph holding p ends: at the next empty line, or after
 * a few lines (the sentence and its address take two at most). */
static const char *
paragraph_end(const char *p, const char *stop)
{
  for (int lines = 0; p < stop && lines < 4; lines++) {
    const char *nl = memchr(p, '\n', (size_t)(stop - p));
    if (nl == NULL)
      return stop;
    bn_span next = {nl + 1, 0};
    const char *e = memchr(next.p, '\n', (size_t)(stop - next.p));
    next.len = (size_t)((e ? e : stop) - next.p);
    bn_span_trim(&next);
    if (next.len == 0)
      return nl;
    p = nl + 1;
  }
  return p;
}

/* The recipient of the sentence "Unable to deliver message to <a@b>"
 * opening on the line l, or NULL; *at (when given) is where the sentence
 * starts and *end where its address ends. A client that re-wrapped the
 * notice broke the sentence at any of its blanks ("Unable to deliver
 * message to" over "<a@b> (and other ..."), so it is read on through its
 * paragraph. */
static bounce_recipient *
sentence_recipient(bounce_report *r, bn_span l, const char *stop, bool add, const char **at,
                   const char **end)
{
  const char *para = paragraph_end(l.p, stop);
  const char *u = bn_prose_find(l.p, (size_t)(para - l.p), "Unable to deliver message to ");
  if (u && u >= l.p + l.len)
    u = NULL;
  if (at)
    *at = u;
  if (u == NULL)
    return NULL;
  size_t n = (size_t)(para - u);
  char *addr = bn_find_address(u, n);
  const char *a = addr ? bn_strcasestr(u, n, addr) : NULL;
  if (end)
    *end = a ? a + strlen(addr) : l.p + l.len;
  bounce_recipient *rc = bn_prose_recipient_if(r, addr, add);
  g_free(addr);
  return rc;
}

/* The mailboxes of header type of the original: of returned, else of the
 * header the notice returns without its body (text/rfc822-headers), which
 * names the recipients as well. A copy cut inside the field ("To:
 * kaede@example.co.jp, tsubaki@exa") names its whole addresses, and then
 * only the start of one, which is no recipient's. */
static void
original_mailboxes(const bn_view *v, GMimeMessage *returned, GMimeAddressType type, guint max,
                   GPtrArray *out)
{
  static const char *const header[] = {
      [GMIME_ADDRESS_TYPE_FROM] = "From", [GMIME_ADDRESS_TYPE_TO] = "To",
      [GMIME_ADDRESS_TYPE_CC] = "Cc"};
  guint before = out->len;
  if (returned) {
    bn_header_mailboxes(g_mime_message_get_addresses(returned, type),
                        g_mime_object_get_header(GMIME_OBJECT(returned), header[type]), max, out);
  } else {
    char *value = bn_view_returned_header(v, header[type]);
    bn_parse_mailboxes(value, max, out);
    g_free(value);
  }
  /* the note of the cut is of the returned message, not of a report it
   * wraps */
  if (out->len > before && (returned == NULL || returned != v->wrapped) &&
      bn_original_cut_short(v->report, header[type], g_ptr_array_index(out, out->len - 1)))
    g_ptr_array_remove_index(out, out->len - 1);
}

/* A reply to MAIL or DATA under no sentence refused the whole message:
 * its recipients are all those of the returned original, To and Cc alike
 * (the server took none of them). That original is the message InterScan
 * attached, a delivery report too (one it could not pass on), never the
 * message that report returns in turn. */
static bool
to_recipients(const bn_view *v, bounce_report *r, const char *cmd, const char *diag)
{
  GMimeMessage *returned = v->wrapped ? v->wrapped : v->returned;
  GPtrArray *to = g_ptr_array_new_with_free_func(g_free);
  original_mailboxes(v, returned, GMIME_ADDRESS_TYPE_TO, 64, to);
  original_mailboxes(v, returned, GMIME_ADDRESS_TYPE_CC, 64, to);
  /* the sender's copy to itself went to its own server, not the refusing one */
  GPtrArray *from = g_ptr_array_new_with_free_func(g_free);
  if (to->len)
    original_mailboxes(v, returned, GMIME_ADDRESS_TYPE_FROM, 1, from);
  const char *sender = from->len ? g_ptr_array_index(from, 0) : NULL;
  /* so did the copies to the sender's own domain ("Cc: colleague@"), when
   * the message went outside it too */
  bool inside = false, outside = false;
  for (guint i = 0; sender && i < to->len; i++)
    *(bn_same_domain(g_ptr_array_index(to, i), sender) ? &inside : &outside) = true;
  bool found = false;
  for (guint i = 0; i < to->len; i++) {
    const char *addr = g_ptr_array_index(to, i);
    bool own = (sender && g_ascii_strcasecmp(addr, sender) == 0) ||
               (inside && outside && bn_same_domain(addr, sender));
    bounce_recipient *rc = own ? NULL : bn_prose_recipient(r, addr);
    if (rc == NULL)
      continue;
    found = true;
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, cmd, BOUNCE_SOURCE_TEXT);
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  }
  g_ptr_array_unref(from);
  g_ptr_array_unref(to);
  return found;
}

/* The SMTP exchange: the command the MTA sent and the reply it received.
 * A RCPT names its recipient; another command (MAIL, DATA) belongs to the
 * recipient of the sentence above it, or with none to the original's. */
static bool
exchange(const bn_view *v, bounce_report *r, bool add)
{
  bool found = false;
  bounce_recipient *rc = NULL;
  bounce_recipient *block = NULL;
  const char *unnamed = NULL; /* a command in flight that names no one */
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, v->text->len);
  bn_span rest = {NULL, 0}; /* the rest of a joined line, read next */
  for (;;) {
    bool joined = rest.len > 0;
    if (!bn_lines_resume(&it, &rest, &l, bn_lines_next_trimmed))
      break;
    size_t sent = bn_span_label(&l, "Sent <<< "), received = bn_span_label(&l, "Received >>> ");
    /* InterScan writes the reply on the line under the command, and the
     * next recipient's command under that; a client that joined each
     * paragraph onto one line put them on the line before (a reply on a
     * line of its own keeps its words) */
    const char *next = sent ? bn_strcasestr(l.p + sent, l.len - sent, " Received >>> ")
                       : received && joined
                           ? bn_strcasestr(l.p + received, l.len - received, " Sent <<< ")
                           : NULL;
    if (bn_span_split(&l, &rest, next))
      bn_span_trim(&l);
    if (sent) {
      const char *cmd = l.p + sent;
      size_t n = l.len - sent;
      const char *name = bn_smtp_command_name(cmd, n);
      char *addr = name && strcmp(name, "RCPT") == 0 ? bn_find_address(cmd, n) : NULL;
      rc = addr ? bn_prose_recipient_if(r, addr, add) : block;
      unnamed = rc == NULL && addr == NULL && add ? name : NULL;
      g_free(addr);
      if (rc && name)
        bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, name, BOUNCE_SOURCE_TEXT);
    } else if (received && (rc || unnamed)) {
      char *d = bn_squeeze_dup(l.p + received, l.len - received);
      if (rc) {
        found = true;
        bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
      } else {
        found = to_recipients(v, r, unnamed, d) || found;
      }
      g_free(d);
      rc = NULL;
      unnamed = NULL;
    } else if (l.len == 0) {
      block = NULL;
    } else {
      bounce_recipient *named = sentence_recipient(r, l, it.end, add, NULL, NULL);
      if (named)
        block = named;
    }
  }
  return found;
}

/* The sentence, for the recipients the exchange (which InterScan may write
 * after it) did not explain. */
static bool
sentences(const bn_view *v, bounce_report *r, bool add)
{
  bool found = false;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next_trimmed(&it, &l)) {
    const char *u, *e;
    bounce_recipient *named = sentence_recipient(r, l, it.end, add, &u, &e);
    if (named == NULL)
      continue;
    found = true;
    if (named->diagnostic)
      continue;
    /* the sentence to the end of its address's line, and the advice the
     * paragraph adds on the next line (or the next few, re-wrapped) */
    const char *nl = memchr(e, '\n', (size_t)(it.end - e));
    GString *d = g_string_new_len(u, (gssize)((nl ? nl : it.end) - u));
    bn_lines look;
    bn_lines_init(&look, nl ? nl + 1 : it.end, nl ? (size_t)(it.end - nl - 1) : 0);
    bn_span m;
    for (int k = 0; k < 3 && bn_lines_next(&look, &m) && m.len &&
                    !memchr(m.p, '*', MIN(m.len, 3)) && !bn_has_prefix_ci(m.p, "Sent <<< ");
         k++)
    {
      g_string_append_c(d, ' ');
      g_string_append_len(d, m.p, (gssize)m.len);
    }
    bn_squeeze(d);
    bn_rcpt_set(named, BOUNCE_FIELD_DIAGNOSTIC, d->str, BOUNCE_SOURCE_TEXT);
    bounce_cause said = bn_text_cause(d->str, d->len);
    if (said == BOUNCE_CAUSE_UNDEFINED || said == BOUNCE_CAUSE_USERUNKNOWN)
      bn_prose_set_cause(named, BOUNCE_CAUSE_USERUNKNOWN);
    g_string_free(d, TRUE);
  }
  return found;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool add = bn_report_count(r) == 0;
  bool found = exchange(v, r, add);
  return sentences(v, r, add) || found;
}

const bn_mta bn_mta_trendmicro = {"trendmicro", claim, extract};
