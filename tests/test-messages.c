/* Data-driven: every tests/data/NAME.eml that has a NAME.json beside it is
 * parsed, and each value the JSON names must come out exactly so. The JSON
 * lists the report's kind, mta, reporting_mta, original headers, warnings and,
 * for every recipient in order, any of the fields bounceparse --json prints. */
#include "testutil.h"
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

static GPtrArray *cases; /* base names */

static const char *
recipient_string(const bounce_recipient *rc, const char *key)
{
  static const struct {
    const char *key;
    const char *(*get)(const bounce_recipient *);
  } getters[] = {
    {"address", bounce_recipient_get_address},
    {"original_recipient", bounce_recipient_get_original_recipient},
    {"action", bounce_recipient_get_action},
    {"status", bounce_recipient_get_status},
    {"smtp_command", bounce_recipient_get_smtp_command},
    {"remote_mta", bounce_recipient_get_remote_mta},
    {"diagnostic", bounce_recipient_get_diagnostic},
    {"last_attempt_date", bounce_recipient_get_last_attempt_date},
    {"will_retry_until", bounce_recipient_get_will_retry_until},
    {"feedback_type", bounce_recipient_get_feedback_type},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(getters); i++)
    if (strcmp(getters[i].key, key) == 0)
      return getters[i].get(rc);
  if (strcmp(key, "reason") == 0)
    return bounce_cause_to_string(bounce_recipient_get_cause(rc));
  return NULL;
}

static void
check_recipient(const char *name, size_t i, const bounce_recipient *rc, JsonObject *want)
{
  GList *members = json_object_get_members(want);
  for (GList *m = members; m; m = m->next) {
    const char *key = m->data;
    JsonNode *node = json_object_get_member(want, key);
    if (strcmp(key, "reply_code") == 0) {
      ck_assert_msg(bounce_recipient_get_reply_code(rc) == json_node_get_int(node),
                    "%s: recipient %zu: reply_code %d, want %d", name, i,
                    bounce_recipient_get_reply_code(rc), (int)json_node_get_int(node));
    } else if (strcmp(key, "hard") == 0) {
      ck_assert_msg(bounce_recipient_is_hard(rc) == json_node_get_boolean(node),
                    "%s: recipient %zu: hard %d, want %d", name, i, bounce_recipient_is_hard(rc),
                    json_node_get_boolean(node));
    } else if (strcmp(key, "permanent") == 0) {
      ck_assert_msg(bounce_recipient_is_permanent(rc) == json_node_get_boolean(node),
                    "%s: recipient %zu: permanent %d, want %d", name, i,
                    bounce_recipient_is_permanent(rc), json_node_get_boolean(node));
    } else {
      const char *got = recipient_string(rc, key);
      ck_assert_msg(got != NULL, "%s: unknown recipient key %s", name, key);
      const char *exp = json_node_get_string(node);
      ck_assert_msg(strcmp(got, exp) == 0, "%s: recipient %zu: %s is \"%s\", want \"%s\"", name,
                    i, key, got, exp);
    }
  }
  g_list_free(members);
}

static void
check_original(const char *name, const bounce_report *r, JsonObject *want)
{
  GList *members = json_object_get_members(want);
  for (GList *m = members; m; m = m->next) {
    const char *key = m->data;
    const char *header = strcmp(key, "message_id") == 0 ? "Message-ID" : key;
    const char *got = bounce_report_get_original_header(r, header);
    const char *exp = json_object_get_string_member(want, key);
    ck_assert_msg(strcmp(got, exp) == 0, "%s: original %s is \"%s\", want \"%s\"", name, key, got,
                  exp);
  }
  g_list_free(members);
}

/* "warnings": the report's warnings, all of them, in order. */
static void
check_warnings(const char *eml, const bounce_report *r, JsonArray *want)
{
  guint n = json_array_get_length(want);
  size_t got = bounce_report_get_warning_count(r);
  ck_assert_msg(got == n, "%s: %zu warnings (first: %s), want %u", eml, got,
                got ? bounce_report_get_warning(r, 0) : "", n);
  for (guint i = 0; i < n; i++)
    ck_assert_msg(strcmp(bounce_report_get_warning(r, i), json_array_get_string_element(want, i)) == 0,
                  "%s: warning %u \"%s\", want \"%s\"", eml, i, bounce_report_get_warning(r, i),
                  json_array_get_string_element(want, i));
}

START_TEST(test_message)
{
  const char *base = g_ptr_array_index(cases, _i);
  char *eml = g_strconcat(base, ".eml", NULL);
  char *json = g_strconcat(base, ".json", NULL);
  char *eml_path = test_data_path(eml);
  char *json_path = test_data_path(json);

  JsonParser *jp = json_parser_new();
  GError *e = NULL;
  ck_assert_msg(json_parser_load_from_file(jp, json_path, &e), "%s: %s", json_path,
                e ? e->message : "");
  JsonObject *want = json_node_get_object(json_parser_get_root(jp));

  bounce_error *err = NULL;
  bounce_report *r = bounce_parse_file(eml_path, NULL, &err);
  ck_assert_msg(r != NULL, "%s: %s", eml, bounce_error_get_message(err));

  if (json_object_has_member(want, "kind"))
    ck_assert_msg(strcmp(bounce_kind_to_string(bounce_report_get_kind(r)),
                         json_object_get_string_member(want, "kind")) == 0,
                  "%s: kind %s, want %s", eml, bounce_kind_to_string(bounce_report_get_kind(r)),
                  json_object_get_string_member(want, "kind"));
  if (json_object_has_member(want, "mta"))
    ck_assert_msg(strcmp(bounce_report_get_mta(r), json_object_get_string_member(want, "mta")) == 0,
                  "%s: mta %s, want %s", eml, bounce_report_get_mta(r),
                  json_object_get_string_member(want, "mta"));
  if (json_object_has_member(want, "reporting_mta"))
    ck_assert_msg(strcmp(bounce_report_get_reporting_mta(r),
                         json_object_get_string_member(want, "reporting_mta")) == 0,
                  "%s: reporting_mta %s, want %s", eml, bounce_report_get_reporting_mta(r),
                  json_object_get_string_member(want, "reporting_mta"));
  if (json_object_has_member(want, "original"))
    check_original(eml, r, json_object_get_object_member(want, "original"));
  if (json_object_has_member(want, "warnings"))
    check_warnings(eml, r, json_object_get_array_member(want, "warnings"));
  if (json_object_has_member(want, "recipients")) {
    JsonArray *rcpts = json_object_get_array_member(want, "recipients");
    guint n = json_array_get_length(rcpts);
    ck_assert_msg(bounce_report_get_recipient_count(r) == n, "%s: %zu recipients, want %u", eml,
                  bounce_report_get_recipient_count(r), n);
    for (guint i = 0; i < n; i++)
      check_recipient(eml, i, bounce_report_get_recipient(r, i),
                      json_array_get_object_element(rcpts, i));
  }
  bounce_report_free(r);
  g_object_unref(jp);
  g_free(eml);
  g_free(json);
  g_free(eml_path);
  g_free(json_path);
}
END_TEST

static int
cmp_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
find_cases(void)
{
  cases = g_ptr_array_new_with_free_func(g_free);
  char *dir = test_data_path("");
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *n;
  while (d && (n = g_dir_read_name(d)) != NULL) {
    if (!g_str_has_suffix(n, ".eml"))
      continue;
    char *base = g_strndup(n, strlen(n) - 4);
    char *json = g_strconcat(dir, G_DIR_SEPARATOR_S, base, ".json", NULL);
    if (g_file_test(json, G_FILE_TEST_EXISTS))
      g_ptr_array_add(cases, base);
    else
      g_free(base);
    g_free(json);
  }
  if (d)
    g_dir_close(d);
  g_free(dir);
  g_ptr_array_sort(cases, cmp_names);
}

int
main(void)
{
  find_cases();
  Suite *s = suite_create("messages");
  TCase *tc = tcase_create("tests/data");
  if (cases->len == 0) {
    fprintf(stderr, "no test messages found in tests/data\n");
    return 1;
  }
  tcase_add_loop_test(tc, test_message, 0, (int)cases->len);
  suite_add_tcase(s, tc);
  int rc = test_run(s);
  g_ptr_array_free(cases, TRUE);
  return rc;
}
