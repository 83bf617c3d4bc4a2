/* Reading the non-delivery reports of Exchange Server 2007 and later and of
 * Exchange Online (Office 365): the two share their template, so the
 * recognizers exchange2007.c and office365.c share this reader. */
#ifndef BOUNCE_MTA_EXCHANGE_H
#define BOUNCE_MTA_EXCHANGE_H

#include "mta.h"

/* Whether the text carries the marks of such a report (its fixed English
 * sentences, or the diagnostic lines every translation keeps). */
bool bn_exchange_ndr_text(const bn_view *v);
/* Reads the report's prose: adds its recipients when there was no
 * delivery-status part, else completes those the part gave. Returns
 * whether the prose named any recipient. */
bool bn_exchange_ndr_read(const bn_view *v, bounce_report *r);
/* The address in Exchange Online's heading "Your message to a@b couldn't
 * be delivered." when the line [p, p+len) is that heading; a new string
 * or NULL. */
char *bn_exchange_heading_address(const char *p, size_t len);

#endif
