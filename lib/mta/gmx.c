/* GMX, web.de and mail.com (one system): a plain-text "Mail delivery failed:
 * returning message to sender" from MAILER-DAEMON@mail.gmx.com, in Exim's
 * words but its own layout:
 *
 *   This message was created automatically by mail delivery software.
 *
 *   A message that you sent could not be delivered to one or more of
 *   its recipients. This is a permanent error. The following address
 *   failed:
 *
 *   "user@example.jp":
 *   SMTP error from remote server after RCPT command:
 *   host: mx.example.jp
 *   5.2.2 <user@example.jp>... Mailbox Full
 *
 *   --- The header of the original message is following. ---
 *
 * Each quoted address opens its recipient's lines: the command in flight,
 * the remote host, then the server's answer. */
#include "mta.h"
#include <string.h>

static const char *const ends[] = {"--- The header of the original message is following. ---",
                                   NULL};
/* A warning: the message is still queued. The German notices say "noch
 * nicht zugestellt" (not yet delivered) and "verzögert" (delayed) in the
 * subject. */
static const char *const delays[] = {"has not yet been delivered", "noch nicht zugestellt", NULL};
static const char *const delay_subjects[] = {"delayed", "verzögert", NULL};

/* The error line of the template since about 2019 ("SMTP error from
 * remote server for RCPT TO command, host: H (IP) reason: 550 ..."), which
 * IONOS sends unindented and without the trailer above, from its own
 * customers' hosts as much as its own. Exim itself writes "SMTP error
 * from remote mail server after" (deliver.c), never "for ... command". */
static const char *const error_lines[] = {"SMTP error from remote server for ", NULL};

/* The line that ends the notice's own text in every language: "--- The
 * header of the original message is following. ---", translated. */
static bool
separator_line(const bn_span *l)
{
  return l->len > 6 && strncmp(l->p, "---", 3) == 0 && strncmp(l->p + l->len - 3, "---", 3) == 0;
}

/* '"user@example.jp":' alone on its line, or (the template since about
 * 2019, shared with web.de and IONOS) 'user@example.jp:'. */
static char *
address_line(const bn_span *l)
{
  bn_span a = *l; /* trimmed by the caller */
  if (a.len < 4 || a.p[a.len - 1] != ':')
    return NULL;
  a.len--;
  if (a.p[0] == '"' && a.len >= 2 && a.p[a.len - 1] == '"') {
    a.p++;
    a.len -= 2;
  }
  /* a quoted local part may hold blanks ('"john doe"@example.com:') */
  if (memchr(a.p, '@', a.len) == NULL || bn_word_end(a.p, a.len) < a.len)
    return NULL;
  return bn_address_clean(a.p, a.len);
}

/* Whether the template's error line opens a line right under a recipient's
 * address line ('gus@example.net:' over 'SMTP error from remote server for
 * RCPT TO command, ...'), as IONOS lays it out: the words alone may be a
 * reply that another MTA's notice quotes ("Remote host said: 550 5.1.1
 * relay said: SMTP error from remote server for ..."), which is that MTA's
 * to read. */
static bool
error_under_address(const bn_view *v)
{
  bn_lines it;
  bn_span line, above = {NULL, 0};
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next_trimmed(&it, &line)) {
    if (above.p && line.len > strlen(error_lines[0]) &&
        g_ascii_strncasecmp(line.p, error_lines[0], strlen(error_lines[0])) == 0) {
      char *a = address_line(&above);
      bool under = a != NULL;
      g_free(a);
      if (under)
        return true;
    }
    above = line;
  }
  return false;
}

static bool
claim(const bn_view *v)
{
  /* IONOS's mail system (kundenserver.de) is GMX's */
  if (g_str_has_prefix(v->from_addr, "mailer-daemon@") &&
      (strstr(v->from_addr, "gmx.") || g_str_has_suffix(v->from_addr, "@web.de") ||
       g_str_has_suffix(v->from_addr, "kundenserver.de")))
    return true;
  return (bn_prose_has_any(v->text->str, v->text->len, ends) || error_under_address(v)) &&
         bn_view_looks_like_bounce(v);
}

/* "SMTP error from remote server for RCPT TO command, host: H (IP) reason:
 * 550 ...": the host, and the reply as rc's first line. False when the line
 * holds no " reason: ". */
static bool
read_error_line(bounce_recipient *rc, GString *reply, const char *s, size_t len)
{
  char *host = NULL;
  bn_span rest;
  if (!bn_prose_host_reason(s, len, &host, &rest))
    return false;
  bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
  g_string_append_len(reply, rest.p, (gssize)rest.len);
  g_string_append_c(reply, '\n');
  g_free(host);
  return true;
}

/* The error line a long host name wrapped, with its next line: the notice
 * cuts lines at a fixed width, in a word or at a space, so the two are
 * tried joined as they were cut, then with the space the cut took. */
static bool
read_wrapped_error(bounce_recipient *rc, GString *reply, GString *head, const bn_span *next)
{
  size_t cut = head->len;
  g_string_append_len(head, next->p, (gssize)next->len);
  bool ok = read_error_line(rc, reply, head->str, head->len);
  if (!ok) {
    g_string_insert_c(head, (gssize)cut, ' ');
    ok = read_error_line(rc, reply, head->str, head->len);
  }
  g_string_truncate(head, 0);
  return ok;
}

/* The recipient being read, with its answer so far. */
typedef struct {
  bounce_recipient *rc;
  GString *reply;   /* rc's answer, one line each */
  GString *wrapped; /* an error line cut before its reply */
} gmx_scan;

/* Ends the current recipient's lines: a reply of several lines
 * ("550-5.1.1 ..." / "550 5.1.1 ...") is joined into one. */
static void
end_recipient(gmx_scan *s)
{
  if (s->rc && s->reply->len) {
    char *joined = bn_prose_join_reply(s->reply->str, s->reply->len);
    bn_prose_add_line(s->rc, joined, strlen(joined));
    g_free(joined);
  }
  g_string_truncate(s->reply, 0);
  g_string_truncate(s->wrapped, 0);
  s->rc = NULL;
}

/* Reads one trimmed, non-empty line under the current recipient: the
 * SMTP error, the host, or a line of its answer. */
static void
read_detail_line(gmx_scan *s, const bn_span *line)
{
  if (s->wrapped->len && read_wrapped_error(s->rc, s->reply, s->wrapped, line))
    return;
  if (bn_has_prefix_ci(line->p, "SMTP error from remote")) {
    bn_rcpt_fill(s->rc, BOUNCE_FIELD_SMTP_COMMAND, bn_find_smtp_command(line->p, line->len),
                 BOUNCE_SOURCE_TEXT);
    /* the cut may take the space after "host:" */
    if (!read_error_line(s->rc, s->reply, line->p, line->len) &&
        bn_strcasestr(line->p, line->len, " host:"))
      g_string_append_len(s->wrapped, line->p, (gssize)line->len);
  } else if (bn_has_prefix_ci(line->p, "host:")) {
    size_t skip = 5 + (line->len > 5 && line->p[5] == ' ');
    char *host = bn_prose_hostname(line->p + skip, line->len - skip);
    bn_rcpt_fill(s->rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
    g_free(host);
  } else if (s->reply->len < BN_PROSE_DIAG_MAX) {
    g_string_append_len(s->reply, line->p, (gssize)line->len);
    g_string_append_c(s->reply, '\n');
  }
}

/* A client that joins each paragraph onto one line (a converter from
 * HTML, some webmail) runs a recipient's lines together, and the next
 * recipient's after them. line is cut where the notice starts a line of
 * its own: after "... command:" that "host:" follows, after the word of
 * "host: H" (and the host's address in brackets after it), and around an address that ": SMTP error from remote"
 * follows; the rest goes to *rest, read as the next line. A line the
 * notice wrote whole ("... for RCPT TO command, host: H (IP) reason:
 * ...") is not cut. */
static void
cut_joined(bn_span *line, bn_span *rest)
{
  static const char error[] = ": SMTP error from remote";
  const char *end = line->p + line->len;
  const char *cut = NULL;
  const char *command = bn_strcasestr(line->p, line->len, "command: host: ");
  if (bn_has_prefix_ci(line->p, "host: ")) {
    cut = line->p + 6 + bn_word_end(line->p + 6, line->len - 6);
    /* the host's address, "(192.0.2.1)" or "[192.0.2.1]", is the host's */
    size_t n = cut + 1 < end && *cut == ' ' ? bn_word_end(cut + 1, (size_t)(end - cut - 1)) : 0;
    if (n > 2 && (cut[1] == '(' || cut[1] == '[') && (cut[n] == ')' || cut[n] == ']'))
      cut += 1 + n;
  } else if (bn_has_prefix_ci(line->p, "SMTP error from remote") && command) {
    cut = command + 8;
  }
  const char *from = line->p;
  const char *e;
  while ((e = bn_strcasestr(from, (size_t)((cut ? cut : end) - from), error)) != NULL) {
    from = e + 1;
    const char *w = e;
    bool quoted = false;
    while (w > line->p && (quoted || w[-1] != ' ')) {
      quoted = quoted != (w[-1] == '"');
      w--;
    }
    if (memchr(w, '@', (size_t)(e - w))) {
      cut = w > line->p ? w : e + 1; /* the address opens its own line */
      break;
    }
  }
  if (!bn_span_split(line, rest, cut))
    return;
  while (line->len && line->p[line->len - 1] == ' ')
    line->len--;
}

/* Reads the recipients of the list section sec, each an address line
 * followed by its details, up to the separator. */
static void
read_list(bounce_report *r, const bn_span *sec)
{
  gmx_scan s = {NULL, g_string_new(NULL), g_string_new(NULL)};
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, sec->p, sec->len);
  bn_span rest = {NULL, 0}; /* the rest of a joined line, read next */
  /* trimmed: IONOS indents the list */
  while (bn_lines_resume(&it, &rest, &line, bn_lines_next_trimmed)) {
    cut_joined(&line, &rest);
    if (separator_line(&line))
      break;
    char *addr = address_line(&line);
    /* a blank line after the answer ends the recipient's lines: a
     * warning's advice ("No action is required on your part.") follows */
    if (addr || (line.len == 0 && s.reply->len > 0)) {
      end_recipient(&s);
      s.rc = addr ? bn_prose_recipient(r, addr) : NULL;
      g_free(addr);
    } else if (s.rc == NULL || line.len == 0) {
      g_string_truncate(s.wrapped, 0);
    } else {
      read_detail_line(&s, &line);
    }
  }
  end_recipient(&s);
  g_string_free(s.reply, TRUE);
  g_string_free(s.wrapped, TRUE);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, NULL, ends, &sec))
    return false;
  bool delayed = bn_prose_has_any(sec.p, sec.len, delays) || bn_subject_has(v, delay_subjects);
  read_list(r, &sec);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *x = bn_report_rcpt(r, i);
    bn_rcpt_fill(x, BOUNCE_FIELD_ACTION,
                 delayed ? bn_prose_warning_action(x->diagnostic) : "failed", BOUNCE_SOURCE_TEXT);
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_gmx = {"gmx", claim, extract};
