/* Charset converters to UTF-8 kept open between messages.
 *
 * GMime 3 opens a new iconv descriptor on every call and glibc unloads a
 * charset's module (a dlopen'd library) soon after its last descriptor is
 * closed: a message whose text needed a charset guess (EUC-JP, Shift_JIS,
 * windows-1252) paid for loading and unloading three libraries, several
 * milliseconds each time. Here a few descriptors stay open, one caller at a
 * time uses each, and while one is open its module stays loaded for GMime's
 * own conversions too. A pthread mutex (not a GMutex) guards them, so that
 * ThreadSanitizer sees the locking. */
#include "private.h"
#include <errno.h>
#include <pthread.h>
#include <string.h>

enum { SLOTS = 24 };

typedef struct {
  char *from; /* iconv name of the charset, NULL when the slot is empty */
  iconv_t cd;
  bool busy;
} slot;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot slots[SLOTS];
static unsigned evict_next;

iconv_t
bn_iconv_open(const char *from)
{
  const char *name = g_mime_charset_iconv_name(from);
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS; i++) {
    if (slots[i].from && !slots[i].busy && strcmp(slots[i].from, name) == 0) {
      slots[i].busy = true;
      iconv_t cd = slots[i].cd;
      pthread_mutex_unlock(&lock);
      iconv(cd, NULL, NULL, NULL, NULL); /* back to the initial shift state */
      return cd;
    }
  }
  pthread_mutex_unlock(&lock);
  return iconv_open("UTF-8", name);
}

void
bn_iconv_close(const char *from, iconv_t cd)
{
  if (cd == (iconv_t)-1)
    return;
  const char *name = g_mime_charset_iconv_name(from);
  iconv_t drop = (iconv_t)-1;
  char *drop_name = NULL;
  pthread_mutex_lock(&lock);
  int free_slot = -1;
  for (int i = 0; i < SLOTS; i++) {
    if (slots[i].from && slots[i].cd == cd) {
      slots[i].busy = false;
      pthread_mutex_unlock(&lock);
      return;
    }
    if (free_slot < 0 && slots[i].from == NULL)
      free_slot = i;
  }
  /* A new descriptor: keep it, in an empty slot or in place of an idle one. */
  for (int k = 0; free_slot < 0 && k < SLOTS; k++) {
    int i = (int)(evict_next++ % SLOTS);
    if (!slots[i].busy) {
      drop = slots[i].cd;
      drop_name = slots[i].from;
      free_slot = i;
    }
  }
  if (free_slot >= 0) {
    slots[free_slot] = (slot){g_strdup(name), cd, false};
    cd = (iconv_t)-1;
  }
  pthread_mutex_unlock(&lock);
  if (cd != (iconv_t)-1)
    iconv_close(cd); /* every slot busy */
  if (drop != (iconv_t)-1)
    iconv_close(drop);
  g_free(drop_name);
}

/* Strict, as a guess must be: the charset guessers and the decoding of
 * text that names no charset both try a charset by this, and one bad byte
 * rules it out. */
char *
bn_iconv_strict(const char *s, size_t len, const char *charset, bool cut)
{
  iconv_t cd = bn_iconv_open(charset);
  if (cd == (iconv_t)-1)
    return NULL;
  size_t cap = len * 4 + 16; /* no charset tried needs more than 4 bytes a byte */
  char *out = g_malloc(cap);
  char *in = (char *)s, *op = out;
  size_t inleft = len, outleft = cap - 1;
  bool ok;
  if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1)
    ok = iconv(cd, NULL, NULL, &op, &outleft) != (size_t)-1 && inleft == 0;
  else
    ok = cut && errno == EINVAL;
  bn_iconv_close(charset, cd);
  if (!ok) {
    g_free(out);
    return NULL;
  }
  *op = '\0';
  return out;
}
