/* The layout of a matcher, shared by match.c, which builds and scans it,
 * and by the C source the build writes with bn_matcher_write_c(): the
 * phrase tables are compiled when the library is built (gen-phrases.c),
 * so that a process analysing one bounce does not first build them. */
#ifndef BOUNCE_MATCH_IMPL_H
#define BOUNCE_MATCH_IMPL_H

#include "match.h"
#include <glib.h>

typedef struct {
  guint32 first_edge; /* into edge_byte / edge_to */
  guint32 n_edges;
  guint32 fail;
  guint32 dict;      /* next node on the fail chain with output, or 0 */
  guint32 first_out; /* into out */
  guint32 n_out;
} bn_match_node;

typedef struct {
  guint32 pattern;
  guint32 len;
  guint32 slot; /* in the chain of a scan; only for patterns with a '*' */
  bool first;
  bool last;
} bn_match_fragment;

struct bn_matcher {
  const bn_match_node *nodes;
  guint32 n_nodes;
  const guint8 *edge_byte;
  const guint32 *edge_to;
  const guint32 *out; /* fragment ids */
  const bn_match_fragment *frags;
  guint32 n_frags;
  guint32 n_slots; /* fragments of patterns with a '*' */
  size_t n_patterns;
  guint32 root_next[256]; /* goto from the root, 0 = stay at root */
};

#endif
