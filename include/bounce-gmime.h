/*
 * libbounce for programs that already parsed the message with GMime 3.
 * Include this after <gmime/gmime.h>; link with gmime-3.0 as well.
 */
#ifndef BOUNCE_GMIME_H
#define BOUNCE_GMIME_H

#include <bounce.h>
#include <gmime/gmime.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Classifies @message, which the caller parsed and still owns (it is only
 *  read, never changed or kept). @opts may be NULL; its size limit does not
 *  apply (the message is already in memory), its depth, part, text and
 *  recipient limits do.
 *  Returns a report (transfer full: bounce_report_free), of kind
 *  BOUNCE_KIND_NONE when the message is not a bounce; NULL with *@error set
 *  when @message is NULL or its MIME tree is deeper than the depth limit. */
BOUNCE_API bounce_report *bounce_parse_gmime_message(GMimeMessage *message,
                                                     const bounce_options *opts,
                                                     bounce_error **error);

#ifdef __cplusplus
}
#endif

#endif /* BOUNCE_GMIME_H */
