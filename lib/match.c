/* Aho-Corasick over the fragments of all patterns; a pattern with '*' is a
 * chain of fragments that must occur in order, each within BN_MATCH_GAP
 * bytes of the one before. The automaton is built once and only read
 * afterwards, so any number of threads may scan with it at once. */
#include "match-impl.h"
#include <string.h>

/* ---- building ---- */

/* The trie while it is built: children and outputs as linked lists in two
 * flat arrays (no allocation per node); index 0 is the root, so 0 also
 * means "none" for a child or a sibling. */
typedef struct {
  guint32 first_child;
  guint32 next_sibling;
  guint32 first_out; /* into build_out, +1; 0 = none */
  guint8 byte;
} build_node;

typedef struct {
  guint32 frag;
  guint32 next; /* +1; 0 = none */
} build_out;

static guint32
build_child(GArray *bn, guint32 at, guint8 c)
{
  for (guint32 k = g_array_index(bn, build_node, at).first_child; k;
       k = g_array_index(bn, build_node, k).next_sibling)
    if (g_array_index(bn, build_node, k).byte == c)
      return k;
  build_node fresh = {0, g_array_index(bn, build_node, at).first_child, 0, c};
  g_array_append_val(bn, fresh);
  guint32 child = bn->len - 1;
  g_array_index(bn, build_node, at).first_child = child;
  return child;
}

static GString *
normalise(const char *s, size_t len)
{
  GString *g = g_string_sized_new(len);
  bool space = false;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!space)
        g_string_append_c(g, ' ');
      space = true;
    } else {
      g_string_append_c(g, g_ascii_tolower(c));
      space = false;
    }
  }
  return g;
}

/* g_ascii_tolower() inline: the scan's call of it per byte of the text
 * cost more than the lowering. */
static inline guint8
ascii_lower(guint8 c)
{
  return c >= 'A' && c <= 'Z' ? (guint8)(c + ('a' - 'A')) : c;
}

static guint32
goto_next(const bn_matcher *m, guint32 state, guint8 c)
{
  if (state == 0)
    return m->root_next[c];
  const bn_match_node *n = &m->nodes[state];
  guint32 lo = n->first_edge, hi = n->first_edge + n->n_edges;
  while (lo < hi) {
    guint32 mid = (lo + hi) / 2;
    if (m->edge_byte[mid] == c)
      return m->edge_to[mid];
    if (m->edge_byte[mid] < c)
      lo = mid + 1;
    else
      hi = mid;
  }
  return G_MAXUINT32;
}

/* The trie and its outputs while they are built. */
typedef struct {
  GArray *nodes; /* build_node */
  GArray *outs;  /* build_out */
  GArray *frags; /* bn_match_fragment */
  guint32 n_slots;
} trie;

/* One fragment of pattern p: its path in the trie and an output at its
 * end. A fragment of a pattern with a '*' gets a slot of its own, where a
 * scan keeps where it last matched. */
static void
add_fragment(trie *t, size_t p, const char *f, size_t fl, bool first, bool last, bool chained)
{
  guint32 at = 0;
  for (size_t i = 0; i < fl; i++)
    at = build_child(t->nodes, at, (guint8)f[i]);
  bn_match_fragment fr = {(guint32)p, (guint32)fl, 0, first, last};
  if (chained)
    fr.slot = t->n_slots++;
  guint32 id = t->frags->len;
  g_array_append_val(t->frags, fr);
  build_out o = {id, g_array_index(t->nodes, build_node, at).first_out};
  g_array_append_val(t->outs, o);
  g_array_index(t->nodes, build_node, at).first_out = t->outs->len;
}

/* Pattern p, split on '*' into the fragments that are not empty. */
static void
add_pattern(trie *t, size_t p, const char *pattern)
{
  GString *norm = normalise(pattern, strlen(pattern));
  char **parts = g_strsplit(norm->str, "*", -1);
  guint nparts = g_strv_length(parts);
  guint kept = 0;
  for (guint k = 0; k < nparts; k++)
    kept += parts[k][0] != '\0';
  guint seen = 0;
  for (guint k = 0; k < nparts; k++) {
    size_t fl = strlen(parts[k]);
    if (fl == 0)
      continue;
    add_fragment(t, p, parts[k], fl, seen == 0, seen + 1 == kept, kept > 1);
    seen++;
  }
  g_strfreev(parts);
  g_string_free(norm, TRUE);
}

/* The children of b in kids, sorted by byte (for the binary search of
 * goto_next); their count. */
static guint32
sorted_children(GArray *bn, const build_node *b, guint32 kids[256])
{
  guint32 nk = 0;
  for (guint32 k = b->first_child; k; k = g_array_index(bn, build_node, k).next_sibling) {
    guint8 c = g_array_index(bn, build_node, k).byte;
    guint32 j = nk++;
    while (j > 0 && g_array_index(bn, build_node, kids[j - 1]).byte > c) {
      kids[j] = kids[j - 1];
      j--;
    }
    kids[j] = k;
  }
  return nk;
}

/* The outputs of b written at out[o_at...] in the order the patterns came
 * (the list runs newest first); their count. */
static guint32
node_outputs(GArray *bo, const build_node *b, guint32 *out, guint32 o_at)
{
  guint32 no = 0;
  for (guint32 k = b->first_out; k; k = g_array_index(bo, build_out, k - 1).next)
    no++;
  guint32 w = o_at + no;
  for (guint32 k = b->first_out; k; k = g_array_index(bo, build_out, k - 1).next)
    out[--w] = g_array_index(bo, build_out, k - 1).frag;
  return no;
}

/* Flatten into arrays: edges sorted by byte per node for binary search,
 * outputs in the order the patterns came. Returns the nodes, written here
 * and read only once built. Frees the trie. */
static bn_match_node *
flatten(bn_matcher *m, trie *t)
{
  GArray *bn = t->nodes;
  m->n_nodes = bn->len;
  bn_match_node *nodes = g_new0(bn_match_node, m->n_nodes);
  guint8 *edge_byte = g_new0(guint8, m->n_nodes + 1); /* one edge into each node but the root */
  guint32 *edge_to = g_new0(guint32, m->n_nodes + 1);
  guint32 *out = g_new0(guint32, t->outs->len + 1);
  m->nodes = nodes;
  m->edge_byte = edge_byte;
  m->edge_to = edge_to;
  m->out = out;
  guint32 e_at = 0, o_at = 0;
  guint32 kids[256];
  for (guint32 i = 0; i < m->n_nodes; i++) {
    const build_node *b = &g_array_index(bn, build_node, i);
    guint32 nk = sorted_children(bn, b, kids);
    nodes[i].first_edge = e_at;
    nodes[i].n_edges = nk;
    for (guint32 k = 0; k < nk; k++) {
      edge_byte[e_at] = g_array_index(bn, build_node, kids[k]).byte;
      edge_to[e_at] = kids[k];
      e_at++;
    }
    nodes[i].first_out = o_at;
    nodes[i].n_out = node_outputs(t->outs, b, out, o_at);
    o_at += nodes[i].n_out;
  }
  g_array_free(t->nodes, TRUE);
  g_array_free(t->outs, TRUE);
  m->n_frags = t->frags->len;
  m->frags = (bn_match_fragment *)g_array_free(t->frags, FALSE);
  m->n_slots = t->n_slots;
  for (guint32 k = 0; k < m->nodes[0].n_edges; k++) {
    guint32 at = m->nodes[0].first_edge + k;
    m->root_next[m->edge_byte[at]] = m->edge_to[at];
  }
  return nodes;
}

/* Failure and dictionary links, breadth first. */
static void
link_failures(bn_matcher *m, bn_match_node *nodes)
{
  guint32 *queue = g_new(guint32, m->n_nodes);
  guint32 head = 0, tail = 0;
  for (guint32 k = 0; k < m->nodes[0].n_edges; k++) {
    guint32 child = m->edge_to[m->nodes[0].first_edge + k];
    nodes[child].fail = 0;
    queue[tail++] = child;
  }
  while (head < tail) {
    guint32 s = queue[head++];
    for (guint32 k = 0; k < m->nodes[s].n_edges; k++) {
      guint32 at = m->nodes[s].first_edge + k;
      guint8 c = m->edge_byte[at];
      guint32 child = m->edge_to[at];
      guint32 f = m->nodes[s].fail;
      guint32 nx;
      while ((nx = goto_next(m, f, c)) == G_MAXUINT32)
        f = m->nodes[f].fail;
      nodes[child].fail = nx == child ? 0 : nx;
      guint32 fl = nodes[child].fail;
      nodes[child].dict = nodes[fl].n_out ? fl : nodes[fl].dict;
      queue[tail++] = child;
    }
  }
  g_free(queue);
}

bn_matcher *
bn_matcher_new(const char *const *patterns, size_t n)
{
  bn_matcher *m = g_new0(bn_matcher, 1);
  trie t = {
      .nodes = g_array_sized_new(FALSE, FALSE, sizeof(build_node), 1024),
      .outs = g_array_new(FALSE, FALSE, sizeof(build_out)),
      .frags = g_array_new(FALSE, FALSE, sizeof(bn_match_fragment)),
  };
  build_node root = {0, 0, 0, 0};
  g_array_append_val(t.nodes, root);
  m->n_patterns = n;
  for (size_t p = 0; p < n; p++)
    add_pattern(&t, p, patterns[p]);
  link_failures(m, flatten(m, &t));
  return m;
}

void
bn_matcher_free(bn_matcher *m)
{
  if (m == NULL)
    return;
  g_free((gpointer)m->nodes);
  g_free((gpointer)m->edge_byte);
  g_free((gpointer)m->edge_to);
  g_free((gpointer)m->out);
  g_free((gpointer)m->frags);
  g_free(m);
}

size_t
bn_matcher_size(const bn_matcher *m)
{
  return m ? m->n_patterns : 0;
}

/* ---- scanning ---- */

/* A fragment ends at end: a whole pattern when it is its last; chain keeps
 * where each fragment of a pattern with a '*' last ended. True on a hit. */
static bool
emit(const bn_matcher *m, guint32 fid, gint64 end, gint64 *chain, bool *hits)
{
  const bn_match_fragment *f = &m->frags[fid];
  if (f->first && f->last) {
    hits[f->pattern] = true;
    return true;
  }
  gint64 start = end - f->len;
  if (!f->first) {
    gint64 prev = chain[m->frags[fid - 1].slot];
    if (prev < 0 || prev > start || start - prev > BN_MATCH_GAP)
      return false;
  }
  chain[f->slot] = end;
  if (!f->last)
    return false;
  hits[f->pattern] = true;
  return true;
}

bool
bn_matcher_scan(const bn_matcher *m, const char *text, size_t len, bool *hits)
{
  memset(hits, 0, m->n_patterns * sizeof(bool));
  if (text == NULL || len == 0 || m->n_frags == 0)
    return false;
  /* Set up per scan: only the fragments of patterns with a '*' (the cost
   * of a scan of a short text must not grow with the table). */
  gint64 stack_chain[256];
  gint64 *chain = m->n_slots <= 256 ? stack_chain : g_new(gint64, m->n_slots);
  for (guint32 i = 0; i < m->n_slots; i++)
    chain[i] = -1;
  bool any = false;

  guint32 state = 0;
  gint64 pos = 0;
  bool space = false;
  for (size_t i = 0; i < len; i++) {
    guint8 c = (guint8)text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (space)
        continue;
      space = true;
      c = ' ';
    } else {
      space = false;
      c = ascii_lower(c);
    }
    pos++;
    guint32 nx;
    while ((nx = goto_next(m, state, c)) == G_MAXUINT32)
      state = m->nodes[state].fail;
    state = nx;
    for (guint32 t = m->nodes[state].n_out ? state : m->nodes[state].dict; t;
         t = m->nodes[t].dict) {
      const bn_match_node *nd = &m->nodes[t];
      /* Later fragments of a pattern are emitted before earlier ones that
       * end here, so one occurrence never chains to itself. */
      for (guint32 k = nd->n_out; k-- > 0;)
        any |= emit(m, m->out[nd->first_out + k], pos, chain, hits);
    }
  }
  if (chain != stack_chain)
    g_free(chain);
  return any;
}

/* ---- writing as C source ---- */

/* Writes n numbers, sixteen to a line. */
static void
write_numbers(FILE *out, const char *type, const char *name, const char *suffix,
              const guint32 *v, const guint8 *b, size_t n)
{
  fprintf(out, "static const %s %s_%s[] = {", type, name, suffix);
  for (size_t i = 0; i < n; i++)
    fprintf(out, "%s%u,", i % 16 ? " " : "\n  ", v ? v[i] : b[i]);
  if (n == 0)
    fputs("0", out); /* C has no empty arrays */
  fputs("\n};\n", out);
}

void
bn_matcher_write_c(const bn_matcher *m, const char *name, bool exported, FILE *out)
{
  guint32 n_edges = m->n_nodes ? m->n_nodes - 1 : 0;
  fprintf(out, "static const bn_match_node %s_nodes[] = {\n", name);
  for (guint32 i = 0; i < m->n_nodes; i++) {
    const bn_match_node *d = &m->nodes[i];
    fprintf(out, "  {%u, %u, %u, %u, %u, %u},\n", d->first_edge, d->n_edges, d->fail, d->dict,
            d->first_out, d->n_out);
  }
  fputs("};\n", out);
  write_numbers(out, "guint8", name, "edge_byte", NULL, m->edge_byte, n_edges);
  write_numbers(out, "guint32", name, "edge_to", m->edge_to, NULL, n_edges);
  write_numbers(out, "guint32", name, "out", m->out, NULL, m->n_frags);
  fprintf(out, "static const bn_match_fragment %s_frags[] = {\n", name);
  for (guint32 i = 0; i < m->n_frags; i++) {
    const bn_match_fragment *f = &m->frags[i];
    fprintf(out, "  {%u, %u, %u, %s, %s},\n", f->pattern, f->len, f->slot,
            f->first ? "true" : "false", f->last ? "true" : "false");
  }
  if (m->n_frags == 0)
    fputs("  {0, 0, 0, false, false},\n", out);
  fputs("};\n", out);
  fprintf(out, "%sconst bn_matcher %s = {\n", exported ? "" : "static ", name);
  fprintf(out, "  .nodes = %s_nodes,\n  .n_nodes = %u,\n", name, m->n_nodes);
  fprintf(out, "  .edge_byte = %s_edge_byte,\n  .edge_to = %s_edge_to,\n", name, name);
  fprintf(out, "  .out = %s_out,\n  .frags = %s_frags,\n", name, name);
  fprintf(out, "  .n_frags = %u,\n  .n_slots = %u,\n  .n_patterns = %zu,\n", m->n_frags,
          m->n_slots, m->n_patterns);
  fputs("  .root_next = {", out);
  for (size_t c = 0; c < 256; c++)
    fprintf(out, "%s%u,", c % 16 ? " " : "\n    ", m->root_next[c]);
  fputs("\n  },\n};\n", out);
}
