/* The From addresses of Google's own delivery notices: Gmail's, Google
 * Workspace's and Google Groups'. googlemail.com is the one most notices
 * carry; gmail.com and google.com stand in its place on others. */
#ifndef BN_GOOGLE_SENDERS_H
#define BN_GOOGLE_SENDERS_H

#define BN_GOOGLE_SENDERS                                                                         \
  "mailer-daemon@googlemail.com", "mailer-daemon@gmail.com", "mailer-daemon@google.com"

#endif
