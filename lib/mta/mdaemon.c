/* MDaemon (Windows): "Permanent Delivery Failure" or "Warning: Temporary
 * Delivery Failure" from MDaemon@<host>, a few fixed sentences ("The
 * attached message had PERMANENT fatal delivery errors!") and the log of
 * the delivery attempt,
 *
 *   --- Session Transcript ---
 *    Tue 2006-04-04 10:00:00: Parsing message <...\pd5000001.msg>
 *    Tue 2006-04-04 10:00:00: *  To: user@example.org
 *    Tue 2006-04-04 10:00:00: Attempting SMTP connection to [mx.example.org : 25]
 *    Tue 2006-04-04 10:00:00: --> RCPT To:<user@example.org>
 *    Tue 2006-04-04 10:00:00: <-- 550 5.1.1 <user@example.org>... User unknown
 *   --- End Transcript ---
 *
 * Every log line starts with the day and time; "-->" is what MDaemon sent,
 * "<--" the remote's answer. A refused RCPT names its recipient; a refusal
 * of anything else (the greeting, MAIL, DATA, the message) is that of every
 * recipient the log names. Without a refusal the last line the log wrote
 * (a socket error, a time-out) is the diagnostic. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"--- Session Transcript ---", NULL};
static const char *const ends[] = {"--- End Transcript ---", NULL};
static const char *const fixed[] = {
  "had PERMANENT fatal delivery errors", "has encountered temporary delivery problems",
  "Temporary Delivery Failure", "Permanent Delivery Failure", NULL,
};
static const char *const warnings[] = {
  "temporary delivery problems", "Temporary Delivery Failure", "will continue to attempt", NULL,
};

static bool
claim(const bn_view *v)
{
  static const char *const senders[] = {"mdaemon@", NULL};
  size_t head = bn_view_own_len(v, 4096);
  if (!bn_prose_has_any(v->text->str, v->text->len, starts))
    return false;
  return bn_from_has(v, senders) || bn_view_header(v, "X-MDaemon-Deliver-To") ||
         bn_prose_has_any(v->text->str, head, fixed) || bn_subject_has(v, fixed);
}

/* The text of a log line after "Ddd YYYY-MM-DD HH:MM:SS: ", or the line.
 * Later versions log milliseconds too: "HH:MM:SS.mmm: ". */
static bn_span
log_text(bn_span l)
{
  bn_span_trim(&l);
  const char *p = l.p, *end = l.p + l.len;
  /* the time "HH:MM:SS", maybe ".mmm", then ": " */
  for (const char *q = p; q + 10 <= end && q < p + 32; q++)
    if (g_ascii_isdigit(q[0]) && g_ascii_isdigit(q[1]) && q[2] == ':' && g_ascii_isdigit(q[3]) &&
        g_ascii_isdigit(q[4]) && q[5] == ':' && g_ascii_isdigit(q[6]) && g_ascii_isdigit(q[7])) {
      const char *c = q + 8;
      if (*c == '.')
        for (c++; c < end && g_ascii_isdigit(*c); c++)
          ;
      if (c + 2 > end || c[0] != ':' || c[1] != ' ')
        continue;
      l.p = c + 2;
      l.len = (size_t)(end - l.p);
      bn_span_trim(&l);
      break;
    }
  return l;
}

/* "[mx.example.org : 25]": the host. */
static char *
connect_host(const bn_span *t)
{
  const char *b = memchr(t->p, '[', t->len);
  if (b == NULL)
    return NULL;
  const char *e = b + 1;
  while (e < t->p + t->len && *e != ' ' && *e != ':' && *e != ']')
    e++;
  return e > b + 1 ? g_ascii_strdown(b + 1, e - b - 1) : NULL;
}

typedef struct {
  bounce_report *r;
  GPtrArray *named;    /* char *: recipients the log names ("*  To:", RCPT) */
  const char *command; /* the last command sent */
  char *rcpt;          /* the address of the last RCPT sent */
  char *host;
  GString *reply;      /* the refusal being read (multi-line), or empty */
  bool refused;
} reader;

static void
name(reader *rd, const char *addr)
{
  for (size_t i = 0; i < rd->named->len; i++)
    if (g_ascii_strcasecmp(rd->named->pdata[i], addr) == 0)
      return;
  g_ptr_array_add(rd->named, g_strdup(addr));
}

static void
fill(reader *rd, bounce_recipient *rc, const char *diag, const char *command)
{
  if (rc == NULL || rc->diagnostic)
    return;
  bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, command, BOUNCE_SOURCE_TEXT);
  bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, rd->host, BOUNCE_SOURCE_TEXT);
}

/* A complete refusal: its recipient's at RCPT, else every one named. */
static void
refusal_done(reader *rd)
{
  bn_squeeze(rd->reply);
  const char *cmd = rd->command ? rd->command : "CONN";
  if (rd->command && strcmp(rd->command, "RCPT") == 0 && rd->rcpt)
    fill(rd, bn_prose_recipient(rd->r, rd->rcpt), rd->reply->str, cmd);
  else
    for (size_t i = 0; i < rd->named->len; i++)
      fill(rd, bn_prose_recipient(rd->r, rd->named->pdata[i]), rd->reply->str, cmd);
  rd->refused = true;
  g_string_truncate(rd->reply, 0);
}

static void
on_line(reader *rd, bn_span t)
{
  if (bn_span_label(&t, "--> ")) {
    const char *cmd = bn_smtp_command_name(t.p + 4, t.len - 4);
    if (cmd == NULL && t.len == 5 && t.p[4] == '.')
      cmd = "DATA"; /* the end of the message */
    rd->command = cmd;
    g_free(rd->rcpt);
    rd->rcpt = cmd && strcmp(cmd, "RCPT") == 0 ? bn_find_address(t.p + 4, t.len - 4) : NULL;
    if (rd->rcpt)
      name(rd, rd->rcpt);
  } else if (bn_span_label(&t, "<-- ")) {
    const char *s = t.p + 4;
    size_t n = t.len - 4;
    int code = bn_reply_code_at(s, n);
    if (code < 400 || (rd->command && strcmp(rd->command, "QUIT") == 0))
      return;
    if (bn_reply_append(rd->reply, s, n))
      refusal_done(rd);
  } else if (bn_has_prefix_ci(t.p, "*  To:")) {
    char *addr = bn_find_address(t.p + 6, t.len - 6);
    if (addr)
      name(rd, addr);
    g_free(addr);
  } else if (bn_has_prefix_ci(t.p, "Attempting SMTP connection to")) {
    g_free(rd->host);
    rd->host = connect_host(&t);
    rd->command = NULL;
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (bn_report_count(r) > 0 || !bn_prose_section(v, starts, ends, &sec))
    return false;
  reader rd = {.r = r, .named = g_ptr_array_new_with_free_func(g_free), .reply = g_string_new(NULL)};
  bn_span last = {NULL, 0};
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next(&it, &l)) {
    bn_span t = log_text(l);
    if (t.len == 0)
      continue;
    on_line(&rd, t);
    if (t.p[0] != '*' && !bn_has_prefix_ci(t.p, "-->") && !bn_has_prefix_ci(t.p, "<--"))
      last = t;
  }
  if (!rd.refused && last.len) {
    char *said = bn_squeeze_dup(last.p, last.len);
    for (size_t i = 0; i < rd.named->len; i++)
      fill(&rd, bn_prose_recipient(r, rd.named->pdata[i]), said, NULL);
    g_free(said);
  }
  const char *action =
      bn_prose_has_any(v->text->str, MIN(v->text->len, 4096), warnings) || bn_subject_has(v, warnings)
          ? "delayed"
          : "failed";
  for (size_t i = 0; i < bn_report_count(r); i++)
    bn_rcpt_fill(bn_report_rcpt(r, i), BOUNCE_FIELD_ACTION, action, BOUNCE_SOURCE_TEXT);
  g_ptr_array_free(rd.named, TRUE);
  g_string_free(rd.reply, TRUE);
  g_free(rd.rcpt);
  g_free(rd.host);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_mdaemon = {"mdaemon", claim, extract};
