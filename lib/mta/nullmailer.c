/* nullmailer, the relay-only MTA: nullmailer-dsn writes an RFC 3464
 * report (src/dsn.cc) from "Message Delivery Subsystem <MAILER-DAEMON@host>",
 * "This is the nullmailer delivery system.  The message attached below
 * could not be delivered ..." (or "has not been delivered", a delay), with
 * "Reporting-MTA: x-local-hostname; host" and a Diagnostic-Code holding
 * what its protocol module printed. The report holds all there is; this
 * reader knows the module's own words.
 *
 * nullmailer-send gives up on a message its module failed with a temporary
 * error only once the message is older than queuelifetime (a week by
 * default; src/send.cc), and the module's words then are "Connect failed"
 * when tcpconnect() could not reach the relay (protocols/protocol.cc; host
 * not found, no address, DNS trying again, refused, timed out, unreachable,
 * all temporary in lib/errcodes.h but the resolver's NO_RECOVERY), or "Error
 * sending message to remote" when writing the message broke off
 * (protocols/smtp.cc, ERR_MSG_WRITE). No server answered either: the
 * failure is an expiry. The same words elsewhere ("vdelivermail: mysql
 * connect failed" under qmail's notice, "550 5.1.1 ... LDAP connect
 * failed") are of something else that failed to connect, so they are
 * facts of this reader, not phrases of the cause table. */
#include "mta.h"

static const char *const sentences[] = {"This is the nullmailer delivery system", NULL};

static const bn_mta_fact facts[] = {
  {"Connect failed", BOUNCE_CAUSE_EXPIRED, NULL, true},
  {"Error sending message to remote", BOUNCE_CAUSE_EXPIRED, NULL, true},
};

static bool
claim(const bn_view *v)
{
  return v->dsn && v->dsn->len > 0 && bn_prose_has_any(v->text->str, bn_view_own_len(v, 1024), sentences);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  (void)v;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    const char *d = rc->diagnostic;
    /* a reply code: a server answered, and its words say what failed */
    if (d == NULL || bn_gives_code(d, strlen(d)))
      continue;
    bn_prose_apply_fact(rc, bn_prose_fact(facts, G_N_ELEMENTS(facts), d, strlen(d)));
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_nullmailer = {"nullmailer", claim, extract};
