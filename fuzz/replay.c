/* A main() for the fuzz targets when they are built without libFuzzer
 * (the default): each argument, a file or a folder of files, is read and
 * handed to LLVMFuzzerTestOneInput() once. CI runs the seed corpus this
 * way, with gcc and the sanitizers, and a crash a fuzzer found can be
 * replayed the same way. With --seeds, each file is a raw seed (a message
 * as in tests/data) and is run once after each of the target's option
 * prefixes (fuzz_prefixes) instead. */
#include "fuzz.h"
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool seeds;

static int
run_file(const char *path)
{
  gchar *data = NULL;
  gsize len = 0;
  GError *e = NULL;
  if (!g_file_get_contents(path, &data, &len, &e)) {
    fprintf(stderr, "replay: %s\n", e->message);
    g_error_free(e);
    return 1;
  }
  if (!seeds) {
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
  } else {
    for (size_t i = 0; fuzz_prefixes[i]; i++) {
      guint8 *buf = g_malloc(fuzz_prefix_len + len);
      memcpy(buf, fuzz_prefixes[i], fuzz_prefix_len);
      memcpy(buf + fuzz_prefix_len, data, len);
      LLVMFuzzerTestOneInput(buf, fuzz_prefix_len + len);
      g_free(buf);
    }
  }
  g_free(data);
  return 0;
}

int
main(int argc, char **argv)
{
  int bad = 0, runs = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--seeds") == 0) {
      seeds = true;
      continue;
    }
    if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
      bad += run_file(argv[i]);
      runs++;
      continue;
    }
    GDir *d = g_dir_open(argv[i], 0, NULL);
    const char *name;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    while (d && (name = g_dir_read_name(d)) != NULL)
      g_ptr_array_add(names, g_build_filename(argv[i], name, NULL));
    if (d)
      g_dir_close(d);
    for (guint k = 0; k < names->len; k++) {
      const char *p = g_ptr_array_index(names, k);
      if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
        bad += run_file(p);
        runs++;
      }
    }
    g_ptr_array_free(names, TRUE);
  }
  printf("replayed %d inputs, %d unreadable\n", runs, bad);
  return bad ? 1 : 0;
}
