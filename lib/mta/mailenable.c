/* MailEnable (Windows): "Message Delivery Failure" from POSTMASTER@<host>,
 * plain text, the headers of the returned message below it:
 *
 *   MailEnable: Message could not be delivered to some recipients.
 *   The following recipient(s) could not be reached:
 *
 *   	Recipient: [SMTP:user@example.jp]
 *   	Reason: Remote SMTP Server Returned: 550 5.1.1 User unknown
 *
 *   Message headers follow:
 *
 * The headline names the product. A reason that quotes the remote server
 * is its reply alone; any other reason is MailEnable's own sentence. */
#include "mta.h"
#include <string.h>

static const char *const headlines[] = {
  "MailEnable: Message could not be delivered", NULL,
};
static const char *const quoted = "Remote SMTP Server Returned:";

/* Its own reasons that leave no doubt: "The message could not be delivered
 * because the domain name (example.jp) does not appear to be registered."
 * is written when the recipient's domain has no DNS records at all. */
static const bn_cause_row own_causes[] = {
  {"does not appear to be registered", BOUNCE_CAUSE_HOSTUNKNOWN},
};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), headlines);
}

static void
reason(bounce_recipient *rc, const char *s, size_t len)
{
  bn_span l = {s, len};
  bn_span_trim(&l);
  size_t q = strlen(quoted);
  if (l.len >= q && g_ascii_strncasecmp(l.p, quoted, q) == 0) {
    bn_prose_add_line(rc, l.p + q, l.len - q);
    return;
  }
  bn_prose_add_line(rc, l.p, l.len);
  bn_prose_set_cause(rc, bn_cause_table_find(l.p, l.len, own_causes, G_N_ELEMENTS(own_causes)));
}

/* The lines at most one reason is broken over by a re-wrap. */
#define MAILENABLE_WRAPPED_LINES 3

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize copy = bn_view_inline_copy(v);
  bounce_recipient *rc = NULL;
  size_t found = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str, copy >= 0 ? (size_t)copy : t->len);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      rc = NULL;
    } else if (bn_has_prefix_ci(l.p, "Recipient:")) {
      rc = bn_prose_recipient_in(r, l.p, l.len);
      if (rc) {
        found++;
        bn_set_str(&rc->diagnostic, NULL);
        bn_prose_set_action(rc, "failed");
      }
    } else if (rc && bn_has_prefix_ci(l.p, "Reason:")) {
      /* with the lines an archiver's re-wrap moved to the margin ("...
       * because the domain name" over "(example.jp) does not appear to be
       * registered.") */
      GString *whole = g_string_new_len(l.p + 7, (gssize)(l.len - 7));
      bn_lines look = it;
      bn_span last = l, more;
      for (int k = 0; k < MAILENABLE_WRAPPED_LINES && bn_lines_next(&look, &more) &&
                      bn_line_continues(&last, &more);
           k++) {
        g_string_append_c(whole, ' ');
        g_string_append_len(whole, more.p, (gssize)more.len);
        last = more;
        it = look;
      }
      reason(rc, whole->str, whole->len);
      g_string_free(whole, TRUE);
    } else if (rc && rc->diagnostic) {
      bn_prose_add_line(rc, l.p, l.len);
    }
  }
  return found > 0;
}

const bn_mta bn_mta_mailenable = {"mailenable", claim, extract};
