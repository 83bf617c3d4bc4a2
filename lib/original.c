/* The headers of the returned original message: the six every report has,
 * and those the caller asked for by name. */
#include "private.h"
#include <string.h>

/* Cc with To: a notice that names a failed recipient by its local part
 * alone (GroupWise's user ID) stands for any recipient of the original. */
static const char *const basic_headers[] = {"Message-ID", "From", "To", "Cc", "Subject", "Date"};

static void
set_value(bounce_report *r, const char *name, const char *value)
{
  char *v = bn_squeeze_dup(value, strlen(value));
  if (g_ascii_strcasecmp(name, "Message-ID") == 0) {
    /* Without the angle brackets, as GMime's own accessor gives it; the
     * id ends at its '>' (RFC 5322 3.6.4), and words after it are another
     * line's that a client joined on ("<id> BODY: ----") */
    char *gt = v[0] == '<' ? strchr(v, '>') : NULL;
    if (gt) {
      /* and inside a doubled bracket some senders write ("<<id>>") */
      char *lt = v;
      while (lt + 1 < gt && lt[1] == '<')
        lt++;
      memmove(v, lt + 1, (size_t)(gt - lt - 1));
      v[gt - lt - 1] = '\0';
    }
  }
  bn_report_take_original(r, name, v);
}

static void
copy_header(bounce_report *r, GMimeObject *obj, const char *name)
{
  GMimeHeader *h = g_mime_header_list_get_header(g_mime_object_get_header_list(obj), name);
  const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
  char *plain = raw ? bn_header_plain(raw) : NULL;
  if (plain) {
    set_value(r, name, plain);
    g_free(plain);
    return;
  }
  const char *value = g_mime_object_get_header(obj, name);
  if (value == NULL)
    return;
  /* a word GMime could not read gave 8-bit text: ASCII needs no look,
   * unless a run of B words GMime cut short ("AB" of "ABABC休暇中")
   * left only its ASCII start */
  bool ascii = true;
  for (const char *c = value; *c && ascii; c++)
    ascii = (unsigned char)*c < 0x80;
  if (ascii && (raw == NULL || strstr(raw, "=?") == NULL)) {
    set_value(r, name, value);
    return;
  }
  char *again = raw && strstr(raw, "=?") ? bn_header_mended(raw, false) : NULL;
  set_value(r, name, again ? again : value);
  g_free(again);
}

static void
from_object(bounce_report *r, GMimeObject *obj, const bounce_options *opts)
{
  for (size_t i = 0; i < G_N_ELEMENTS(basic_headers); i++)
    copy_header(r, obj, basic_headers[i]);
  if (opts && opts->headers)
    for (guint i = 0; i < opts->headers->len; i++)
      copy_header(r, obj, g_ptr_array_index(opts->headers, i));
}

/* A header that runs into the end of its part, the line it stops in
 * unended ("To: kai@e" then the boundary line), may be a copy cut short
 * in the middle of that line: its last field is no whole value. */
static void
note_cut(bounce_report *r, const char *name, size_t len)
{
  g_free(r->original_cut);
  r->original_cut = name ? g_strndup(name, len) : NULL;
}

/* The header field of msg that came last in its part, when the part
 * ended inside the header: GMime then gives the body no content at all,
 * where a header closed by an empty line (or a line end before the
 * boundary's) gives it an empty one. A header the message's bytes ended
 * in (header_ran_out, the view's: no boundary line came after it) gets an
 * empty one too. The Content-* fields sit on the body, so its header list
 * is looked at too, by where each field began. NULL when the header was
 * closed. */
static const char *
cut_field(GMimeMessage *msg, const GMimeObject *header_ran_out)
{
  GMimeObject *body = g_mime_message_get_mime_part(msg);
  if (!GMIME_IS_PART(body) ||
      (g_mime_part_get_content(GMIME_PART(body)) != NULL && body != header_ran_out))
    return NULL;
  GMimeHeaderList *lists[] = {g_mime_object_get_header_list(GMIME_OBJECT(msg)),
                              g_mime_object_get_header_list(body)};
  GMimeHeader *last = NULL;
  for (size_t k = 0; k < G_N_ELEMENTS(lists); k++) {
    int n = lists[k] ? g_mime_header_list_get_count(lists[k]) : 0;
    for (int i = 0; i < n; i++) {
      GMimeHeader *h = g_mime_header_list_get_header_at(lists[k], i);
      if (last == NULL || g_mime_header_get_offset(h) > g_mime_header_get_offset(last))
        last = h;
    }
  }
  return last ? g_mime_header_get_name(last) : NULL;
}

void
bn_original_from_message(bounce_report *r, GMimeMessage *msg, const bounce_options *opts,
                         const GMimeObject *header_ran_out)
{
  if (msg == NULL)
    return;
  from_object(r, GMIME_OBJECT(msg), opts);
  const char *cut = cut_field(msg, header_ran_out);
  note_cut(r, cut, cut ? strlen(cut) : 0);
}

static bool
addressee_field(const char *name)
{
  return g_ascii_strcasecmp(name, "To") == 0 || g_ascii_strcasecmp(name, "Cc") == 0;
}

/* Whether an address field's value ends as a whole one can: in a closed
 * angle address or domain literal, or on a domain of two labels or more
 * whose last (the top-level domain) is two bytes or more. An unended last
 * line is no proof of a cut by itself: RFC 2046 gives the line end before
 * a boundary to the boundary, so a headers-only copy that ends on its To
 * ("To: kai@example.net" then the boundary line) reads unended too, and
 * only a value that stops short ("kai@e", "kai@example.n", "<kai@ex")
 * shows the cut. */
static bool
ends_whole(const char *value)
{
  size_t n = strlen(value);
  while (n && g_ascii_isspace(value[n - 1]))
    n--;
  const char *open = g_strrstr_len(value, (gssize)n, "<");
  const char *close = g_strrstr_len(value, (gssize)n, ">");
  if (open && (close == NULL || close < open))
    return false;
  if (n && (value[n - 1] == '>' || value[n - 1] == ']' || value[n - 1] == ';'))
    return true;
  size_t label = n;
  while (label && (g_ascii_isalnum(value[label - 1]) || value[label - 1] == '-'))
    label--;
  if (n - label < 2 || label == 0 || value[label - 1] != '.')
    return false;
  for (size_t i = label - 1; i > 0; i--) {
    char c = value[i - 1];
    if (c == '@')
      return i - 1 > 0 && value[i - 2] != ' ' && value[i - 2] != ',';
    if (g_ascii_isspace(c) || c == ',' || c == '<' || c == ':')
      return false;
  }
  return false;
}

/* A copy cut inside its To or Cc hides how many it went to: the other
 * field's whole addresses are not all of them either. */
const char *
bn_original_addressees(const bounce_report *r, const char *name)
{
  if (r->original_cut && addressee_field(r->original_cut) && addressee_field(name) &&
      !ends_whole(bn_report_original(r, r->original_cut)))
    return "";
  return bn_report_original(r, name);
}

bool
bn_original_cut_short(const bounce_report *r, const char *name, const char *addr)
{
  if (r->original_cut == NULL || g_ascii_strcasecmp(r->original_cut, name) != 0)
    return false;
  const char *value = bn_report_original(r, name);
  if (ends_whole(value))
    return false;
  /* the cut start of an address ("tsubaki@exa") is read as one; a cut
   * that leaves no address ("tsub", "Tsubaki Y <tsu", '"Tsubaki') is read
   * as none, and the last address read is a whole one before it. A cut
   * just after a dot of the domain ("tsubaki@example.") is read without
   * that dot ("tsubaki@example"), which a domain never ends in. */
  size_t n = strlen(value), k = strlen(addr);
  while (n && (g_ascii_isspace(value[n - 1]) || value[n - 1] == '.'))
    n--;
  return k && n >= k && g_ascii_strncasecmp(value + n - k, addr, k) == 0;
}

/* The names asked for: the six every report has, then the caller's, but
 * not Content-* (a GMimeMessage keeps those on its body, not its own). */
static GPtrArray *
wanted_names(const bounce_options *opts)
{
  GPtrArray *names = g_ptr_array_new();
  for (size_t i = 0; i < G_N_ELEMENTS(basic_headers); i++)
    g_ptr_array_add(names, (gpointer)basic_headers[i]);
  if (opts && opts->headers)
    for (guint i = 0; i < opts->headers->len; i++) {
      const char *name = g_ptr_array_index(opts->headers, i);
      if (g_ascii_strncasecmp(name, "Content-", 8) != 0)
        g_ptr_array_add(names, (gpointer)name);
    }
  return names;
}

/* A header field line as GMime's parser takes it: a name of printable
 * ASCII other than ':', maybe blanks, then ':'. The name's length (0: no
 * field line); *value gets where the value starts. */
static size_t
field_line(const bn_span *l, size_t *value)
{
  size_t n = 0;
  while (n < l->len && l->p[n] > ' ' && l->p[n] < 127 && l->p[n] != ':')
    n++;
  size_t c = n;
  while (c < l->len && (l->p[c] == ' ' || l->p[c] == '\t'))
    c++;
  if (n == 0 || c >= l->len || l->p[c] != ':')
    return 0;
  *value = c + 1;
  return n;
}

/* Whether l, under the line above in a header block, is the value above
 * going on where a client re-wrapping the text broke it at a blank: it is
 * no field of its own ("Name: value", a name of letters, digits and '-'
 * that opens with a letter: "07:31:37 +0000" is a date's time) nor
 * folded, and its first word would have taken the line above past the
 * narrowest width clients wrap at ("Message-ID:" over "<id@host>"). Under
 * a field's name with no value it is that value, however it reads
 * ("X-Provags-ID:" over "V03:K0:..."): a field below one with no value
 * opens with its name, too short a word to move down.
 * Under a line that is itself such a value's (above_wrapped) it goes on
 * with it whatever its width: a copy its writer had broken short already
 * ("... (via" over "HTTP); Sat, 29 Nov"), re-wrapped, breaks short. */
static bool
wrapped_value(const bn_span *l, const bn_span *above, bool above_wrapped)
{
  if (l->len == 0 || above->len == 0 || l->p[0] == ' ' || l->p[0] == '\t')
    return false;
  size_t n = 0;
  while (n < l->len && (g_ascii_isalnum(l->p[n]) || l->p[n] == '-'))
    n++;
  size_t c = n;
  while (c < l->len && (l->p[c] == ' ' || l->p[c] == '\t'))
    c++;
  if (n > 0 && g_ascii_isalpha(l->p[0]) && c < l->len && l->p[c] == ':') {
    size_t at = 0;
    if (!(field_line(above, &at) > 0 && at == above->len))
      return false; /* a field, unless under one with no value */
  }
  const char *blank = memchr(l->p, ' ', l->len);
  size_t word = blank ? (size_t)(blank - l->p) : l->len;
  /* a line the client moved a word down from, with a blank and that word,
   * is at least as wide as the narrowest width it wraps at (the blank it
   * broke at counts within the width). At 60 a copy re-wrapped at 45
   * ("Received: by mx.example.net with local" over "(envelope-from") read
   * as no header block, and the copy's lines as the notice's (its
   * Authentication-Results' "smtp.auth=a@b" a recipient). */
  return above_wrapped || above->len + 1 + word >= BN_CLIENT_WRAP_MIN;
}

/* The fields of a header block (one that ends at its first empty line)
 * that are asked for, as GMime reads them when it parses the block as a
 * part: nothing when the first line is no field; lines that are no field
 * are skipped with their folded lines; a field's value is its folded lines
 * (and those a client's re-wrap broke from it: wrapped_value) unfolded
 * and decoded by GMime (RFC 2047, 8-bit text); the first field of a name
 * counts. Without building GMime objects for the block. */
static void
from_header_block(bounce_report *r, const char *text, size_t len, const bounce_options *opts)
{
  GPtrArray *names = wanted_names(opts);
  GString *raw = g_string_new(NULL);
  char **values = g_new0(char *, names->len);
  bool *open = g_new0(bool, names->len); /* the field being read is this name */
  bool reading = false, first = true, wrapped = false;
  bn_span above = {text, 0};
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, text, len);
  for (;;) {
    bool more = bn_lines_next(&it, &l) && l.len > 0;
    wrapped = more && !first && wrapped_value(&l, &above, wrapped);
    bool folded = more && (l.p[0] == ' ' || l.p[0] == '\t');
    above = l;
    if (wrapped) {
      /* the blank the client broke at goes back */
      if (reading) {
        g_string_append_c(raw, ' ');
        g_string_append_len(raw, l.p, (gssize)l.len);
        g_string_append_c(raw, '\n');
      }
      continue;
    }
    if (folded && first)
      break; /* GMime reads no field at all */
    if (folded) {
      if (reading) {
        g_string_append_len(raw, l.p, (gssize)l.len);
        g_string_append_c(raw, '\n');
      }
      continue;
    }
    if (reading) {
      char *value = bn_header_mended(raw->str, true);
      for (guint i = 0; i < names->len; i++)
        if (open[i])
          values[i] = g_strdup(value);
      g_free(value);
      reading = false;
    }
    if (!more)
      break;
    size_t at = 0, n = field_line(&l, &at);
    if (n == 0 && first)
      break;
    first = false;
    for (guint i = 0; i < names->len; i++) {
      const char *name = g_ptr_array_index(names, i);
      open[i] = n > 0 && values[i] == NULL && strlen(name) == n &&
                g_ascii_strncasecmp(l.p, name, n) == 0;
      reading = reading || open[i];
    }
    if (reading) {
      g_string_assign(raw, "");
      g_string_append_len(raw, l.p + at, (gssize)(l.len - at));
      g_string_append_c(raw, '\n');
    }
  }
  for (guint i = 0; i < names->len; i++)
    if (values[i]) {
      set_value(r, g_ptr_array_index(names, i), values[i]);
      g_free(values[i]);
    }
  g_free(open);
  g_free(values);
  g_string_free(raw, TRUE);
  g_ptr_array_free(names, TRUE);
}

size_t
bn_header_block_len(const char *text, size_t len)
{
  for (size_t i = 0; i + 1 < len; i++) {
    const char *nl = memchr(text + i, '\n', len - i - 1);
    if (nl == NULL)
      break;
    i = (size_t)(nl - text);
    if (nl[1] == '\n' || (nl[1] == '\r' && i + 2 < len && nl[2] == '\n'))
      return i + (nl[1] == '\n' ? 2 : 3);
  }
  return len;
}

/* The fields a returned header block opens with or names its message
 * by, as a copy spells them. */
static const char *const joined_names[] = {
  "Return-Path", "Received", "Message-ID", "Message-Id", "From", "To", "Cc", "Subject",
  "Date", "MIME-Version", "Content-Type", "Reply-To", "Sender",
  /* and those a copy writes among them, so that they end the value before */
  "Content-Transfer-Encoding", "In-Reply-To", "User-Agent", "Thread-Topic", "Thread-Index",
  "Accept-Language", "Content-Language",
  /* RFC 4021 2.1: a list's or a client's marks (mail.com writes the two
   * last below its Date) */
  "Precedence", "Importance", "Sensitivity",
  /* a bulk sender's tag for Gmail's feedback loop ("Feedback-ID: a:b:c:id",
   * Google's Postmaster Tools), among the fields a newsletter's copy writes */
  "Feedback-ID", NULL,
};

/* The length of an "X-Name" field's name at s (RFC 6648's experimental
 * fields, as X-Mailer), its colon and blank after it in s[0..len), or 0. */
static size_t
x_field_name(const char *s, size_t len)
{
  if (len < 5 || s[0] != 'X' || s[1] != '-' || !g_ascii_isalpha(s[2]))
    return 0;
  size_t n = 2;
  while (n < len && (g_ascii_isalnum(s[n]) || s[n] == '-'))
    n++;
  return n + 1 < len && s[n] == ':' && s[n + 1] == ' ' ? n : 0;
}

static bool
holds_any(const char *p, size_t len, const char *set)
{
  for (size_t i = 0; i < len; i++)
    if (strchr(set, p[i]))
      return true;
  return false;
}

/* What a field's value holds in a message's header and a sentence's
 * "... Date: Friday Received: ok" does not: a Received's ';' before its
 * date, a date's digits, a Message-ID's or Return-Path's '@' (RFC 5322
 * 3.6); NULL for a field whose value may be any words (a To may name a
 * local user alone). */
static const char *
joined_value_mark(const char *name)
{
  static const struct {
    const char *name, *holds;
  } marks[] = {
    {"Return-Path", "@"},
    {"Received", ";"},
    {"Message-ID", "@"},
    {"Message-Id", "@"},
    {"Date", "0123456789"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(marks); i++)
    if (strcmp(marks[i].name, name) == 0)
      return marks[i].holds;
  return NULL;
}

/* Whether the field that opens a joined block is one of those marked
 * fields, its value up to len of its form. */
static bool
opens_marked(const char *s, size_t len)
{
  for (size_t k = 0; joined_names[k]; k++) {
    size_t n = strlen(joined_names[k]);
    const char *mark = joined_value_mark(joined_names[k]);
    if (mark && n + 1 < len && strncmp(s, joined_names[k], n) == 0 && s[n] == ':')
      return holds_any(s + n + 1, len - n - 1, mark);
  }
  return false;
}

/* The index in joined_names of the field a split line at s opens, or -1. */
static int
joined_name_at(const char *s)
{
  for (int k = 0; joined_names[k]; k++) {
    size_t n = strlen(joined_names[k]);
    if (g_ascii_strncasecmp(s, joined_names[k], n) == 0 && s[n] == ':')
      return k;
  }
  return -1;
}

/* A Subject's value may name a field ("Subject: Fwd: To: a@b about your
 * order To: c@d"); a message has one To, From, Cc ... (RFC 5322 3.6), so
 * a field of a free form cut again elsewhere in the block is the
 * Subject's words when it follows the Subject: its break is undone. */
static void
rejoin_subject_words(GString *out)
{
  size_t count[G_N_ELEMENTS(joined_names)] = {0};
  for (size_t i = 0; i < out->len; i++)
    if (i == 0 || out->str[i - 1] == '\n') {
      int k = joined_name_at(out->str + i);
      if (k >= 0)
        count[k]++;
    }
  bool in_subject = false;
  for (size_t i = 0; i < out->len; i++) {
    if (i > 0 && out->str[i - 1] != '\n')
      continue;
    int k = joined_name_at(out->str + i);
    if (in_subject && k >= 0 && count[k] > 1 && joined_value_mark(joined_names[k]) == NULL) {
      out->str[i - 1] = ' ';
      count[k]--;
      continue;
    }
    in_subject = k >= 0 && strcmp(joined_names[k], "Subject") == 0;
  }
}

/* Whether the line at p opens on a field's name and colon (RFC 5322
 * 2.2: printable characters, here letters, digits and '-'). */
static bool
opens_field(const char *p, size_t len)
{
  size_t n = 0;
  while (n < len && n < 76 && (g_ascii_isalnum(p[n]) || p[n] == '-'))
    n++;
  return n > 0 && g_ascii_isalpha(p[0]) && n < len && p[n] == ':';
}

/* The columns of s[0..len): its characters when it is UTF-8, else its
 * bytes. */
static size_t
columns(const char *s, size_t len)
{
  return g_utf8_validate(s, (gssize)len, NULL) ? (size_t)g_utf8_strlen(s, (gssize)len) : len;
}

/* Whether one width fits every break of a paragraph a client re-wrapped:
 * as wide as its widest line (widest), and short of each line with a
 * blank and the first word of the line under it (reach, the least of
 * those). A header block whose own lines are whole fields, one of them
 * re-wrapped ("Message-ID:" over "<id>"), breaks short of that ("To:
 * a@b" over "Subject: ..."): its fields are its lines, and a value's
 * words that read as a field ("Subject: Meeting Date: Friday") stay. */
static bool
rewrap_width_fits(size_t widest, size_t reach)
{
  return widest <= reach;
}

enum { REWRAPPED_LINES_MAX = 256 };

/* A joined block (below) that a client then re-wrapped at its width
 * ("Return-Path: <a@b> Received: from x by" / "mx.example.net with ESMTP
 * id 1; Wed, 11 Nov 2026 10:20:01 +0100 From: a@b To:" / ...): the block
 * with each line that opens on no field's name run onto the one above, a
 * new string. NULL unless the block is that: lines no longer than a
 * client wraps at (BN_CLIENT_WRAP_MAX), none opening on a blank (a
 * header's own folding), the first opening on a field and another on
 * none (in a message's header each line is a field or its fold), and
 * every line broken where one width would break it (rewrap_width_fits).
 * A line under one ending in a name's colon ("... Subject:" / "Fwd: X")
 * is that field's value. At most REWRAPPED_LINES_MAX lines: the split
 * reads each value up to the next field, and a header is no longer. */
static GString *
rewrapped_header_block(const char *text, size_t len)
{
  if (!opens_field(text, len))
    return NULL;
  GString *out = g_string_sized_new(len);
  bool broken = false;
  size_t widest = 0, reach = G_MAXSIZE, above = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, text, len);
  for (int n = 0; bn_lines_next(&it, &l) && l.len; n++) {
    if (n >= REWRAPPED_LINES_MAX || l.len > BN_CLIENT_WRAP_MAX || l.p[0] == ' ' ||
        l.p[0] == '\t') {
      g_string_free(out, TRUE);
      return NULL;
    }
    size_t cols = columns(l.p, l.len);
    const char *blank = memchr(l.p, ' ', l.len);
    size_t word = columns(l.p, blank ? (size_t)(blank - l.p) : l.len);
    if (n > 0)
      reach = MIN(reach, above + 1 + word);
    widest = MAX(widest, cols);
    above = cols;
    bool field = opens_field(l.p, l.len) && !(out->len && out->str[out->len - 1] == ':');
    broken = broken || !field;
    if (out->len)
      g_string_append_c(out, field ? '\n' : ' ');
    g_string_append_len(out, l.p, (gssize)l.len);
  }
  if (!broken || !rewrap_width_fits(widest, reach)) {
    g_string_free(out, TRUE);
    return NULL;
  }
  return out;
}

/* A copy's header block that a client keeping one line per paragraph ran
 * onto one line ("Received: by mx ...; date From: a@b To: c@d Subject:
 * x"): the block with a line break before each of those fields (their
 * name with its capital and a colon, after a blank, and a value
 * of its form up to the next), a new string; NULL when the block is more
 * than one line, names fewer than two or none of them a marked field of
 * its form: a one-line block of another kind ("Subject: Re: Transfer
 * From: savings To: checking") is read whole. */
static GString *
joined_header_block(const char *text, size_t len)
{
  const char *nl = memchr(text, '\n', len);
  size_t line = nl ? (size_t)(nl - text) : len;
  size_t block = nl && (size_t)(nl - text) + 1 < len ? bn_header_block_len(text, len) : 0;
  GString *out = block > line + 3 ? rewrapped_header_block(text, block)
                                  : g_string_new_len(text, (gssize)line);
  if (out == NULL)
    return NULL;
  size_t cuts = 0, marked = 0, next = out->len; /* next: where the field after starts */
  for (size_t i = out->len; i-- > 1;) {
    if (out->str[i - 1] == '\n')
      next = i - 1; /* a line of its own: its field ends the value before */
    if (out->str[i - 1] != ' ' || !g_ascii_isupper(out->str[i]))
      continue;
    /* after a word that ends in a colon ("Subject: Re: X-Mailer: broken",
     * "Subject: X-Ray: results") a name is that value's words: a field's
     * value is not empty or a reply's "Re:" alone */
    bool words = i >= 2 && out->str[i - 2] == ':';
    if (x_field_name(out->str + i, out->len - i)) {
      if (words)
        continue;
      out->str[i - 1] = '\n';
      next = i - 1;
      cuts++;
      continue;
    }
    for (size_t k = 0; joined_names[k]; k++) {
      size_t n = strlen(joined_names[k]);
      /* a copy may spell a name in its own case ("Mime-Version"), and
       * write no blank after the colon ("TO:a@b", "Date:Fri, 12 Dec"):
       * RFC 5322 3.6 asks for none */
      if (i + n + 1 < out->len && g_ascii_strncasecmp(out->str + i, joined_names[k], n) == 0 &&
          out->str[i + n] == ':' && out->str[i + n + 1] != ':') {
        const char *mark = joined_value_mark(joined_names[k]);
        const char *v = out->str + i + n + 1 + (out->str[i + n + 1] == ' ');
        if ((mark && !holds_any(v, (size_t)(out->str + next - v), mark)) || (!mark && words))
          break;
        out->str[i - 1] = '\n';
        next = i - 1;
        cuts++;
        marked += mark != NULL;
        break;
      }
    }
  }
  if (cuts == 0 || (marked == 0 && !opens_marked(out->str, next))) {
    g_string_free(out, TRUE);
    return NULL;
  }
  rejoin_subject_words(out);
  g_string_append_c(out, '\n');
  return out;
}

/* The header block of a copy its writer indented as a quote, every line
 * by the margin its first line opens with (fml's "Original mail as
 * follows:" indents the copy by three spaces, its mbox "From " line too),
 * with that margin taken off: otherwise every field under the first reads
 * as the first one's folded lines. A copy is indented when its second line
 * opens with the first one's margin: a lone indented first line is no
 * quote. The block ends at its first line without the margin, or with
 * only blanks after it (the quote's empty line). NULL when not indented. */
static GString *
unindented_block(const char *text, size_t len, size_t margin)
{
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, text, len);
  if (margin == 0 || !bn_lines_next(&it, &l) || !bn_lines_next(&it, &l) || l.len <= margin ||
      memcmp(l.p, text, margin) != 0)
    return NULL;
  GString *out = g_string_new(NULL);
  bn_lines_init(&it, text, len);
  while (bn_lines_next(&it, &l) && l.len > margin && memcmp(l.p, text, margin) == 0) {
    bn_span rest = {l.p + margin, l.len - margin};
    bn_span_untrail(&rest);
    if (rest.len == 0)
      break;
    g_string_append_len(out, rest.p, (gssize)rest.len);
    g_string_append_c(out, '\n');
  }
  g_string_append_c(out, '\n');
  return out;
}

void
bn_original_from_text(bounce_report *r, const char *text, size_t len, const bounce_options *opts)
{
  if (text == NULL || len == 0)
    return;
  /* Skip blank lines before the header block, and the first line's
   * margin: an indented copy loses it on every line. */
  size_t margin = 0;
  while (len && (*text == '\n' || *text == '\r' || *text == ' ' || *text == '\t')) {
    margin = *text == '\n' || *text == '\r' ? 0 : margin + 1;
    text++;
    len--;
  }
  GString *quoted = unindented_block(text - margin, len + margin, margin);
  if (quoted) {
    bn_original_from_text(r, quoted->str, quoted->len, opts);
    g_string_free(quoted, TRUE);
    return;
  }
  /* Only the header block is parsed: the body of an inline copy (which may
   * be the whole returned message) has nothing to say about its headers. */
  len = bn_header_block_len(text, len);
  /* Only a message takes a leading mbox "From " line: GMime reads that;
   * any other block is read field by field (see from_header_block). */
  if (len > 5 && memcmp(text, "From ", 5) == 0) {
    /* GMime parses its address fields as it builds the message: the
     * pre-scan bounds them (and the fields' length) as for the whole one */
    bn_prescanned pre;
    if (!bn_prescan(text, len, opts, &pre, NULL))
      return;
    r->truncated = r->truncated || pre.truncated;
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(pre.data, pre.len);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
    if (msg) {
      from_object(r, GMIME_OBJECT(msg), opts);
      g_object_unref(msg);
    }
    g_object_unref(parser);
    g_object_unref(stream);
    bn_prescanned_clear(&pre);
  } else {
    GString *split = joined_header_block(text, len);
    if (split)
      from_header_block(r, split->str, split->len, opts);
    else
      from_header_block(r, text, len, opts);
    if (split)
      g_string_free(split, TRUE);
  }
}

/* The last field of the header block text[0..len) opens with (its folded
 * lines go with it), when the block runs to the end of the text and its
 * last line is unended (note_cut). A text the message's bytes ended in
 * (ran_out) has no boundary line after it to take its last line end:
 * that line end may be where the bytes stop, and is set aside. */
static void
note_unended_field(bounce_report *r, const char *text, size_t len, bool ran_out)
{
  while (len && (*text == '\n' || *text == '\r' || *text == ' ' || *text == '\t')) {
    text++;
    len--;
  }
  if (ran_out && len && text[len - 1] == '\n')
    len -= len > 1 && text[len - 2] == '\r' ? 2 : 1;
  if (len == 0 || text[len - 1] == '\n' || text[len - 1] == '\r' ||
      bn_header_block_len(text, len) != len) {
    note_cut(r, NULL, 0);
    return;
  }
  bn_span name = {NULL, 0};
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, text, len);
  while (bn_lines_next(&it, &l)) {
    size_t at = 0, n = field_line(&l, &at);
    if (n > 0)
      name = (bn_span){l.p, n};
  }
  note_cut(r, name.p, name.len);
}

void
bn_original_from_part_text(bounce_report *r, const char *text, size_t len,
                           const bounce_options *opts, bool ran_out)
{
  bn_original_from_text(r, text, len, opts);
  note_unended_field(r, text, len, ran_out);
}

/* Header names that start the copy of a returned message, and those that
 * show a block is a message's header and not a report's fields. A copy
 * may open on the fields a receiving system adds on top: the ARC set and
 * Authentication-Results (Exchange Online's reports return such headers,
 * under a heading in the sender's language). */
static const char *const copy_starts[] = {"Return-Path:", "Received:", "Message-ID:", "From:",
                                          "Date:", "Subject:", "To:", "DKIM-Signature:",
                                          "MIME-Version:", "X-", "ARC-Seal:",
                                          "ARC-Message-Signature:", "ARC-Authentication-Results:",
                                          "Authentication-Results:", "Received-SPF:", NULL};
static const char *const message_headers[] = {"Message-ID:", "Subject:", "From:", "Date:",
                                              "Received:", "Return-Path:", NULL};

/* The fields a notice repeats from the message it returns, inside its own
 * words ("Your message / To: / Subject: / Sent: / did not reach ...", as
 * Exchange, Domino and IMail write them): a block of these alone, and few,
 * may be such an echo and not the copy's header. */
static const char *const echoed_headers[] = {"To:", "Cc:", "Bcc:", "From:", "Subject:",
                                             "Date:", "Sent:", "Reply-To:", NULL};
enum { ECHO_MAX_FIELDS = 6, ECHO_LOOK_LINES = 10 }; /* lines, blank ones too */

/* Asked of every line of the text: the first byte goes first, as most
 * lines start with none of the names' first letters. */
static bool
starts_with_any(const bn_span *l, const char *const *names)
{
  if (l->len == 0)
    return false;
  char first = bn_ascii_lower(l->p[0]);
  for (size_t i = 0; names[i]; i++) {
    if (bn_ascii_lower(names[i][0]) != first)
      continue;
    size_t n = strlen(names[i]);
    if (l->len >= n && g_ascii_strncasecmp(l->p, names[i], n) == 0)
      return true;
  }
  return false;
}

static bool
is_header_line(const bn_span *l)
{
  bn_span name, value;
  return bn_dsn_field(l, &name, &value) && name.len > 1;
}

/* A line that announces what follows with no blank line in between:
 * "Original message follows:", a rule of dashes, or a title framed by
 * rules ("------ Original message follows ------"). */
static bool
introduces(const bn_span *l)
{
  bn_span t = *l;
  bn_span_trim(&t);
  if (t.len == 0)
    return false;
  if (t.p[t.len - 1] == ':')
    return !is_header_line(&t); /* "Subject:" with no value is no announcement */
  if (!strchr("-=_*", t.p[0]) || !strchr("-=_*", t.p[t.len - 1]))
    return false; /* a rule starts and ends with its marks */
  size_t rule = 0, lead = 0, trail = 0;
  for (size_t i = 0; i < t.len; i++)
    rule += t.p[i] == '-' || t.p[i] == '=' || t.p[i] == '_' || t.p[i] == '*';
  while (lead < t.len && strchr("-=_*", t.p[lead]))
    lead++;
  while (trail < t.len && strchr("-=_*", t.p[t.len - 1 - trail]))
    trail++;
  return (rule >= 3 && rule * 2 >= t.len) || (lead >= 3 && trail >= 3 && lead < t.len);
}

/* A line that carries a refusal's code as its first word: a reply's
 * ("550 ...", "451-...") or an RFC 3463 status ("5.1.1"). */
static bool
diagnostic_line(const bn_span *l)
{
  bn_span t = *l;
  bn_span_trim(&t);
  const char *p = t.p;
  if (t.len >= 4 && (p[0] == '4' || p[0] == '5') && p[1] >= '0' && p[1] <= '5' &&
      g_ascii_isdigit(p[2]) && (p[3] == ' ' || p[3] == '-'))
    return true;
  return t.len >= 5 && (p[0] == '4' || p[0] == '5') && p[1] == '.' && g_ascii_isdigit(p[2]) &&
         (p[3] == '.' || (g_ascii_isdigit(p[3]) && t.len >= 6 && p[4] == '.'));
}

/* Whether the line names an address the echoed block (block[0..len))
 * gives as a recipient, in its To:, Cc: or Bcc: field. */
static bool
names_echoed_recipient(const bn_span *l, const char *block, size_t len)
{
  static const char *const recipient_fields[] = {"To:", "Cc:", "Bcc:", NULL};
  char *addr = bn_find_address(l->p, l->len);
  if (addr == NULL)
    return false;
  bn_lines it;
  bn_span f;
  bool named = false;
  bn_lines_init(&it, block, len);
  while (!named && bn_lines_next(&it, &f))
    named = starts_with_any(&f, recipient_fields) &&
            bn_names_whole(f.p, f.len, addr, bn_address_byte, false);
  g_free(addr);
  return named;
}

/* What follows an echoed block (block[0..len); it: past the block) is the
 * notice going on: its sentence runs on in lower case ("did not reach the
 * following recipient(s):", "was not delivered to:"; a greeting, "hi bob,",
 * is a letter's), a line within a few names the echo's recipient under a
 * sentence of its own ("The following recipient could not be reached:" /
 * "amy@example.org"), or, below a greeting, a reply's code comes at or
 * after such a line. A returned message's body starts a text of its own,
 * and may quote codes of its own: a bounce returned, a refusal forwarded to
 * a help desk, naming someone else. */
static bool
notice_goes_on(bn_lines it, const char *block, size_t len)
{
  bn_span l;
  bool first = true, named = false, greeting = false;
  for (int i = 0; i < ECHO_LOOK_LINES && bn_lines_next(&it, &l); i++) {
    if (l.len == 0)
      continue;
    if (first && g_ascii_islower(l.p[0]) && l.p[l.len - 1] != ',')
      return true;
    greeting = greeting || (first && l.p[l.len - 1] == ',');
    named = named || names_echoed_recipient(&l, block, len);
    if (named && (!greeting || diagnostic_line(&l)))
      return true;
    first = false;
  }
  return false;
}

/* A title framed by rules above a block ("------ This is a copy of the
 * message, including headers ------", "--- Original message follows
 * ---"): what follows is the copy it announces, not an echo in the
 * notice's sentence, however its body opens. */
static bool
titled_copy(const bn_span *l)
{
  bn_span t = *l;
  bn_span_trim(&t);
  return t.len && t.p[t.len - 1] != ':' && introduces(&t);
}

/* The text's last line when it is only the start of a field's name
 * ("Dat"): a copy kept to its first bytes stops there. */
static bool
cut_field_name(const bn_span *l, const char *end)
{
  const char *p = l->p + l->len;
  while (p < end && (*p == '\n' || *p == ' ' || *p == '\t'))
    p++;
  if (p != end || l->len == 0)
    return false;
  for (size_t i = 0; i < l->len; i++)
    if (!g_ascii_isalnum(l->p[i]) && l->p[i] != '-')
      return false;
  return true;
}

/* What a header block from a line on holds: its fields, those a message
 * has, and whether all are fields a notice repeats (echoed_headers). */
typedef struct {
  int fields, message;
  bool echoed;
  const char *tail; /* the lines a client's re-wrap broke that end it */
} block_count;

/* Counts the block from m (a line it read) to its first blank line,
 * folded lines, a value a client's re-wrap broke (but for a block that
 * ends on such lines, one of words: a sentence under a notice's echo of a
 * few fields, with the address it names on a line of its own below) and a
 * cut last name allowed; fields is 0 when a line is no field. Leaves it
 * and m at that blank line. */
static block_count
count_block(bn_lines *it, bn_span *m, const char *end)
{
  block_count c = {0, 0, true, NULL};
  bn_span above = {m->p, 0};
  /* the last lines: a re-wrapped value's, one of them of words */
  bool wrapped = false, words = false;
  for (;;) {
    if (m->len == 0)
      break;
    wrapped = c.fields > 0 && wrapped_value(m, &above, wrapped);
    words = wrapped && (words || memchr(m->p, ' ', m->len) != NULL);
    c.tail = !wrapped ? NULL : c.tail ? c.tail : m->p;
    above = *m;
    if (wrapped || m->p[0] == ' ' || m->p[0] == '\t') {
      /* folded */
    } else if (is_header_line(m)) {
      c.fields++;
      c.echoed = c.echoed && starts_with_any(m, echoed_headers);
      c.message += starts_with_any(m, message_headers);
    } else if (!cut_field_name(m, end)) {
      c.fields = 0;
      break;
    }
    if (!bn_lines_next(it, m))
      break;
  }
  if (words)
    c.fields = 0;
  return c;
}

/* Whether a block of c, [block, block + len), is a copy's header: three
 * fields or more, two a message has, and not a few fields a notice
 * repeats inside its own words (they go on at look past the blank line
 * that ended it, or from the lines that end it as a re-wrapped value
 * would: the notice's own, "amy@example.org" under a long "Subject:")
 * below a line (said) that is no copy's title. */
static bool
copy_is_header(block_count c, const bn_span *said, bool ended, bn_lines look, const char *block,
               size_t len)
{
  if (c.tail) {
    look.p = c.tail;
    len = (size_t)(c.tail - block);
  }
  bool echo = ended && c.echoed && !titled_copy(said) && c.fields <= ECHO_MAX_FIELDS &&
              notice_goes_on(look, block, len);
  return c.fields >= 3 && c.message >= 2 && !echo;
}

/* Whether the notice goes on right below with a recipient's refusal: the
 * next line with text, or the one under it when that is a heading ending
 * in a colon ("The following recipient could not be reached:"), names an
 * address with a reply code or status. Only there: the copy's own body
 * may quote a refusal further down (a bounce forwarded under a greeting
 * and its forward's header), the copy's words and no recipient. */
static bool
refusal_below(bn_lines it)
{
  bn_span l;
  int texts = 0;
  for (int i = 0; i < ECHO_LOOK_LINES && texts < 2 && bn_lines_next(&it, &l); i++) {
    if (l.len == 0)
      continue;
    if (memchr(l.p, '@', l.len) && bn_gives_code(l.p, l.len))
      return true;
    if (l.p[l.len - 1] != ':')
      return false;
    texts++;
  }
  return false;
}

/* The same of a header block a client ran onto the one line l (see
 * joined_header_block), its fields counted once split as they were
 * written; look: the text past l. A notice whose paragraphs a client
 * joined may sum up the returned message on one line of its own
 * ("Received: <date>; From: a@b Subject: x Message-ID: <id>") above the
 * recipient's refusal: under no copy's title, a refusal right below is the
 * notice going on, and the line is not the copy (taking it would cut the
 * notice there, its recipient with it). */
static bool
joined_copy_header(const bn_span *l, const char *end, const bn_span *said, bool ended,
                   bn_lines look)
{
  GString *split = joined_header_block(l->p, (size_t)(end - l->p));
  if (split == NULL)
    return false;
  bn_lines it;
  bn_span m;
  bn_lines_init(&it, split->str, split->len);
  bool copy = false;
  if (bn_lines_next(&it, &m)) {
    block_count c = count_block(&it, &m, split->str + split->len);
    copy = copy_is_header(c, said, ended, look, split->str, split->len) &&
           (titled_copy(said) || !refusal_below(look));
  }
  g_string_free(split, TRUE);
  return copy;
}

/* Whether the line's words before at (t, trimmed of blanks and a rule's
 * '|') are a copy's title: closed by a rule of three marks or more
 * ("... follows: -----------|") or a colon, or opened by one over words
 * alone ("-------original message"; a forwarded mailbox's "-----
 * From MAILER-DAEMON Thu Apr 29 ..." dates what follows, a message of
 * its own whose copy lies further in). */
static bool
title_before(bn_span t)
{
  while (t.len && (t.p[t.len - 1] == ' ' || t.p[t.len - 1] == '|'))
    t.len--;
  if (t.len < 3)
    return false;
  if (t.p[t.len - 1] == ':')
    return true;
  size_t lead = 0, trail = 0;
  while (lead < t.len && strchr("-=_*", t.p[lead]))
    lead++;
  while (trail < t.len && strchr("-=_*", t.p[t.len - 1 - trail]))
    trail++;
  if (trail >= 3)
    return true;
  for (size_t i = lead; i < t.len; i++)
    if (g_ascii_isdigit(t.p[i]))
      return false;
  return lead >= 3;
}

/* A title a client ran onto the header block it announces, on one line
 * ("------- Returned Message -------- Received: from ..."): the line
 * from the first field a copy starts with that follows such a title, in
 * copy, and the title in title. */
static bool
title_run_on(const bn_span *l, bn_span *title, bn_span *copy)
{
  /* a title that a rule does not open ends in a colon, a rule or a '|'
   * (title_before): the byte before the blanks says so, without asking
   * every capital word of a sentence whether a field starts there */
  if (l->len == 0 || memchr(l->p, ':', l->len) == NULL)
    return false; /* no field's name ends on the line */
  bool opened = l->p[0] && strchr("-=_*", l->p[0]);
  for (size_t i = 1; i < l->len; i++) {
    if (l->p[i - 1] != ' ' || !g_ascii_isupper(l->p[i]))
      continue;
    size_t k = i - 1;
    while (k > 0 && l->p[k - 1] == ' ')
      k--;
    if (!opened && (k == 0 || !strchr(":-=_*|", l->p[k - 1])))
      continue;
    bn_span rest = {l->p + i, l->len - i};
    if (!starts_with_any(&rest, copy_starts) || !is_header_line(&rest))
      continue;
    *title = (bn_span){l->p, i};
    *copy = rest;
    return title_before(*title);
  }
  return false;
}

gssize
bn_original_find_inline(const char *text, size_t len)
{
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, text, len);
  bool prev_blank = true;
  bn_span prev = {text, 0}, said = {text, 0}; /* said: the last line with text */
  while (bn_lines_next(&it, &l)) {
    bool blank = l.len == 0;
    /* a copy starts on a paragraph's first line, or under a title */
    bool opens = !blank && (prev_blank || introduces(&prev));
    if (opens && starts_with_any(&l, copy_starts) && is_header_line(&l)) {
      /* A block of header lines (continuations allowed) with at least two
       * fields a message has, before the first blank line; a few fields a
       * notice repeats, its own words going on below, are an echo: the
       * copy, if any, comes further down. */
      bn_lines look = it;
      bn_span m = l;
      block_count c = count_block(&look, &m, text + len);
      if (copy_is_header(c, &said, m.len == 0, look, l.p, (size_t)(m.p - l.p)) ||
          (c.fields == 1 && joined_copy_header(&l, text + len, &said, m.len == 0, it)))
        return l.p - text;
    }
    bn_span title, copy;
    if (opens && title_run_on(&l, &title, &copy)) {
      bn_lines look = it;
      bn_span m = copy;
      block_count c = count_block(&look, &m, text + len);
      if (c.fields == 1 && joined_copy_header(&copy, text + len, &title, m.len == 0, it))
        return copy.p - text;
    }
    prev_blank = blank;
    prev = l;
    if (!blank)
      said = l;
  }
  return -1;
}
