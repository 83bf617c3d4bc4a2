/* Cyrus IMAP's lmtpd when a Sieve script says "reject": from "Mail Sieve
 * Subsystem <postmaster>", "Subject: Automatically rejected mail",
 * "Auto-Submitted: auto-replied (rejected)" and an X-Sieve header, a
 * multipart/report (disposition-notification) whose text is
 *
 *   Your message was automatically rejected by Sieve, a mail
 *   filtering language.
 *
 *   The following reason was given:
 *   <the reason the script gives>
 *
 * with "Reporting-UA: host; Cyrus <version>/<sieve version>" and the
 * recipient as Final-Recipient in the notification part. */
#include "mta.h"
#include <string.h>

static const char *const sentences[] = {"automatically rejected by Sieve, a mail", NULL};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), sentences);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  return bn_prose_rejection(v, r);
}

const bn_mta bn_mta_cyrus = {"cyrus", claim, extract};
