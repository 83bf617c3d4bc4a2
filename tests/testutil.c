#include "testutil.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>

char *
test_data_path(const char *name)
{
  const char *dir = g_getenv("BOUNCE_TEST_DATA");
  return g_build_filename(dir ? dir : "tests/data", name, NULL);
}

char *
test_data_read(const char *name, size_t *len)
{
  char *path = test_data_path(name);
  char *data = NULL;
  gsize n = 0;
  GError *e = NULL;
  if (!g_file_get_contents(path, &data, &n, &e)) {
    ck_abort_msg("cannot read %s: %s", path, e->message);
  }
  g_free(path);
  if (len)
    *len = n;
  return data;
}

bounce_report *
test_parse_string(const char *msg)
{
  bounce_error *err = NULL;
  bounce_report *r = bounce_parse_bytes(msg, strlen(msg), NULL, &err);
  ck_assert_msg(r != NULL, "parse failed: %s", bounce_error_get_message(err));
  bounce_error_free(err);
  return r;
}

int
test_run(Suite *s)
{
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
