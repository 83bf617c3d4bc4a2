/* Courier mail server: a multipart/report whose notice names the server
 * ("This is a delivery status notification from mx.example.com, running
 * the Courier mail server, version 0.65.2.") and, under a heading such as
 * "UNDELIVERABLE MAIL" ("Your message to the following recipients cannot
 * be delivered:"), gives each recipient a short SMTP transcript:
 *
 *   <user@example.jp>:
 *       mx.example.jp [192.0.2.1]:
 *   >>> RCPT TO:<user@example.jp>
 *   <<< 550 5.1.1 <user@example.jp>... User Unknown
 *
 * A greeting the server refused shows ">>> (initial greeting)" as the
 * command; what Courier itself found (a domain that does not exist)
 * follows "<<< " too, with no command before it. Later versions indent the
 * address, the commands and the replies by a space (" <user@example.jp>:",
 * " >>> RCPT TO:<...>", " <<< 550 ...") and write a connection that failed
 * as " *** Connection refused" (X-Network-Error: in the delivery-status
 * part, which then has no Diagnostic-Code). The delivery-status part gives
 * the recipients and a catch-all status; the transcript adds the command
 * in flight, the host, and the reply. */
#include "mta.h"
#include <string.h>

static const char *const sentences[] = {
  "running the Courier mail server", NULL,
};

static bool
claim(const bn_view *v)
{
  const char *ct = bn_view_header(v, "Content-Type");
  if (ct && bn_strcasestr(ct, strlen(ct), "=_courier_"))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), sentences);
}

/* What the notice's heading says happened to the recipients under it. */
static const struct {
  const char *phrase;
  const char *action;
} headings[] = {
  {"cannot be delivered", "failed"},
  {"has not been delivered yet", "delayed"},
  {"not been delivered yet", "delayed"},
  {"was successfully delivered", "delivered"},
  {"successfully delivered", "delivered"},
};

/* The words of Courier's local delivery agent (courierdeliver), written
 * under the address with no host and no command before them: its own
 * verdict, not a remote server's reply ("<<< Unknown user." is a missing
 * mailbox, whatever a filter's "user unknown" after DATA would be). */
static const bn_cause_row local_verdicts[] = {
  {"Unknown user", BOUNCE_CAUSE_USERUNKNOWN},
};

/* What Courier's SMTP client (module.esmtp/libesmtp.c) writes of its own
 * under an address, in place of a remote reply: words no server sends. */
static const bn_cause_row own_words[] = {
  /* the MX records are unusable (an address for a name, the domain's own
   * name), so the domain has no mail host; permanent */
  {"This domain's DNS violates RFC 1035", BOUNCE_CAUSE_HOSTUNKNOWN},
  /* the route or the message asked for TLS and the server offers none, or
   * no trusted certificates are configured to check it */
  {"set, but TLS is not available", BOUNCE_CAUSE_FAILEDSTARTTLS},
  {"Unable to set minimum security level", BOUNCE_CAUSE_FAILEDSTARTTLS},
  {"Remote mail server disconnected after receiving the STARTTLS command",
   BOUNCE_CAUSE_FAILEDSTARTTLS},
  /* the relay wants SMTP AUTH that Courier cannot give */
  {"Compatible SASL authentication not available", BOUNCE_CAUSE_SECURITYERROR},
  {"Temporary SASL authentication error", BOUNCE_CAUSE_SECURITYERROR},
  /* a Unicode address or message for a server without SMTPUTF8: the
   * message cannot take that form there */
  {"Unable to deliver Unicode E-mail to a non-Unicode mail server", BOUNCE_CAUSE_CONTENTERROR},
  {"does not support the sender's international E-mail address", BOUNCE_CAUSE_CONTENTERROR},
  {"DNS lookup failed", BOUNCE_CAUSE_NETWORKERROR},
  {"Cannot obtain local socket IP address", BOUNCE_CAUSE_SYSTEMERROR},
};

/* Whether s starts with what Courier writes after ">>> ": a command it
 * sent, or "(initial greeting)". */
static bool
sent_command(const char *s, size_t len)
{
  return bn_smtp_command_name(s, len) != NULL || bn_has_prefix_ci(s, "(initial greeting)");
}

/* Where the transcript's lines start in a joined paragraph's rest (its
 * blank before ">>> ", "<<< " or "*** "), or NULL. A ">>> " starts a line
 * only before a command: a reply's own words may hold the mark ("<<< 550
 * Rejected, see >>> https://..."), and a command line ends the reply. */
static const char *
transcript_mark(const char *s, size_t len)
{
  static const char *const marks[] = {" >>> ", " <<< ", " *** "};
  const char *first = NULL, *end = s + len;
  for (size_t i = 0; i < G_N_ELEMENTS(marks); i++)
    for (const char *m = s; (m = bn_strcasestr(m, (size_t)(end - m), marks[i])) != NULL; m++)
      if (i > 0 || sent_command(m + 5, (size_t)(end - m - 5))) {
        if (first == NULL || m < first)
          first = m;
        break;
      }
  return first;
}

/* "<user@example.jp>: mx [ip]: >>> RCPT TO:<...> <<< 550 ...": the
 * address's paragraph a client joined onto one line. head keeps
 * "<user@example.jp>:", body gets its lines back, one a line as Courier
 * wrote them; false for a line with no transcript after the address. */
static bool
joined_head(bn_span *head, GString *body)
{
  const char *gt = memchr(head->p, '>', head->len);
  if (gt == NULL || gt + 2 >= head->p + head->len || gt[1] != ':' || gt[2] != ' ' ||
      memchr(head->p, '@', (size_t)(gt - head->p)) == NULL)
    return false;
  const char *s = gt + 1, *end = head->p + head->len;
  /* looked for from the colon on: a reply may follow it straight
   * ("<a@b>: <<< No such domain.") */
  if (transcript_mark(s, (size_t)(end - s)) == NULL)
    return false;
  head->len = (size_t)(gt + 2 - head->p);
  s++;
  for (const char *m; (m = transcript_mark(s, (size_t)(end - s))) != NULL; s = m + 1) {
    g_string_append_len(body, s, m - s);
    g_string_append_c(body, '\n');
  }
  g_string_append_len(body, s, end - s);
  g_string_append_c(body, '\n');
  return true;
}

static size_t
paragraph(bounce_report *r, const bn_span *head, const char *body, size_t len,
          const char *action)
{
  const char *gt = memchr(head->p, '>', head->len);
  if (gt == NULL)
    return 0;
  char *addr = bn_address_clean(head->p + 1, (size_t)(gt - head->p - 1));
  bool known = addr && bn_report_find(r, addr);
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  g_free(addr);
  if (rc == NULL)
    return 0;
  GString *reply = g_string_new(NULL);
  bool session = false; /* a remote host or a command is named */
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, body, len);
  while (bn_lines_next(&it, &l)) {
    bn_span raw = l;
    bn_span_trim(&l);
    if (l.len > 4 && strncmp(l.p, ">>> ", 4) == 0) {
      const char *cmd = bn_smtp_command_name(l.p + 4, l.len - 4);
      /* Courier shows a refused greeting as sent ">>> (initial greeting)" */
      if (cmd == NULL && bn_has_prefix_ci(l.p + 4, "(initial greeting)"))
        cmd = "CONN";
      if (cmd)
        bn_rcpt_set(rc, BOUNCE_FIELD_SMTP_COMMAND, cmd, BOUNCE_SOURCE_TEXT);
      session = true;
      g_string_truncate(reply, 0); /* the reply to the last command counts */
    } else if (l.len >= 4 && (strncmp(l.p, "<<< ", 4) == 0 || strncmp(l.p, "*** ", 4) == 0)) {
      /* the server's reply, or Courier's own words on the connection */
      if (reply->len)
        g_string_append_c(reply, '\n');
      g_string_append_len(reply, l.p + 4, (gssize)(l.len - 4));
    } else {
      char *host = bn_prose_host(raw.p, raw.len);
      if (host) {
        bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
        session = true;
      }
      g_free(host);
    }
  }
  char *diag = bn_prose_join_reply(reply->str, reply->len);
  /* the delivery-status part may give one line of a multi-line reply */
  if (diag && rc->diagnostic &&
      bn_reply_holds(diag, strlen(diag), rc->diagnostic, strlen(rc->diagnostic)))
    bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  else
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  for (size_t i = 0; !session && i < G_N_ELEMENTS(local_verdicts); i++)
    if (bn_has_prefix_ci(diag, local_verdicts[i].phrase))
      bn_prose_set_cause(rc, local_verdicts[i].cause);
  if (diag) {
    bounce_cause own = bn_cause_table_find(diag, strlen(diag), own_words, G_N_ELEMENTS(own_words));
    if (own != BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, own);
  }
  g_free(diag);
  g_string_free(reply, TRUE);
  if (!known && action)
    bn_prose_set_action(rc, action);
  return 1;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  /* not in an inline copy of the returned message: Courier attaches its
   * copy, and one a gateway flattened may quote another notice's
   * "<addr>:" paragraph */
  size_t len = bn_view_own_len(v, t->len);
  const char *action = NULL;
  size_t found = 0;
  bn_lines it;
  bn_span l, head = {NULL, 0};
  const char *body = NULL;
  bn_lines_init(&it, t->str, len);
  while (bn_lines_next(&it, &l)) {
    bool rule = l.len >= 10 && strncmp(l.p, "----------", 10) == 0;
    bn_span tl = l;
    bn_span_trim(&tl);
    /* "<user@example.jp>:", or " <user@example.jp>:" (later versions); not
     * a reply line "<<< ... <a@b>:" */
    bool is_head = tl.len > 4 && tl.p[0] == '<' && tl.p[1] != '<' && tl.p[tl.len - 1] == ':' &&
                   tl.p[tl.len - 2] == '>' && memchr(tl.p, '@', tl.len);
    if (head.p && (is_head || rule || tl.len == 0)) {
      found += paragraph(r, &head, body, (size_t)(l.p - body), action);
      head.p = NULL;
    }
    if (is_head) {
      head = tl;
      body = it.p;
      continue;
    }
    if (head.p == NULL && tl.len > 4 && tl.p[0] == '<' && tl.p[1] != '<') {
      bn_span jh = tl;
      GString *jb = g_string_new(NULL);
      bool joined = joined_head(&jh, jb);
      if (joined)
        found += paragraph(r, &jh, jb->str, jb->len, action);
      g_string_free(jb, TRUE);
      if (joined)
        continue;
    }
    for (size_t i = 0; head.p == NULL && i < G_N_ELEMENTS(headings); i++)
      if (bn_strcasestr(l.p, l.len, headings[i].phrase)) {
        action = headings[i].action;
        break;
      }
  }
  if (head.p)
    found += paragraph(r, &head, body, (size_t)(t->str + len - body), action);
  bn_prose_reporting_mta(r, t->str, MIN(t->len, 2048), "delivery status notification from ");
  return found > 0;
}

const bn_mta bn_mta_courier = {"courier", claim, extract};
