/* bounce-lists: read the bounces in a Maildir and write two lists, one
 * address a line, sorted:
 *   SUPPRESS  hard bounces: the address is dead, stop mailing it;
 *   RETRY     soft bounces and delays: keep the address, send again later
 *             (an address that is also in SUPPRESS is left out).
 * Messages that are not bounces (and feedback reports, auto-replies,
 * delivery notices) add nothing to either list.
 *
 * usage: bounce-lists MAILDIR SUPPRESS RETRY
 *
 * It uses libbounce's public API and the C library only. Build it against
 * the installed library:
 *   cc -o bounce-lists bounce-lists.c $(pkg-config --cflags --libs libbounce)
 */
#define _POSIX_C_SOURCE 200809L
#include <bounce.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing list of addresses. */
typedef struct {
  char **items;
  size_t len, cap;
} list;

static void
list_add(list *l, const char *s)
{
  if (l->len == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 64;
    l->items = realloc(l->items, l->cap * sizeof *l->items);
    if (l->items == NULL) {
      perror("bounce-lists");
      exit(2);
    }
  }
  l->items[l->len] = strdup(s);
  if (l->items[l->len] == NULL) {
    perror("bounce-lists");
    exit(2);
  }
  l->len++;
}

static int
cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the list and drops repeats. */
static void
list_sort(list *l)
{
  size_t out = 0;
  if (l->len == 0)
    return;
  qsort(l->items, l->len, sizeof *l->items, cmp);
  for (size_t i = 0; i < l->len; i++) {
    if (out > 0 && strcmp(l->items[out - 1], l->items[i]) == 0) {
      free(l->items[i]);
      continue;
    }
    l->items[out++] = l->items[i];
  }
  l->len = out;
}

static int
list_has(const list *l, const char *s)
{
  return l->len && bsearch(&s, l->items, l->len, sizeof *l->items, cmp) != NULL;
}

static void
list_free(list *l)
{
  for (size_t i = 0; i < l->len; i++)
    free(l->items[i]);
  free(l->items);
}

typedef struct {
  list hard, soft;
  size_t messages, bounces, unreadable;
} tally;

/* One message: its failed and delayed recipients go to a list. */
static void
read_message(tally *t, const char *path, const bounce_options *opts)
{
  bounce_error *err = NULL;
  bounce_report *r = bounce_parse_file(path, opts, &err);
  t->messages++;
  if (r == NULL) {
    fprintf(stderr, "bounce-lists: %s: %s\n", path, bounce_error_get_message(err));
    bounce_error_free(err);
    t->unreadable++;
    return;
  }
  bounce_kind kind = bounce_report_get_kind(r);
  if (kind == BOUNCE_KIND_FAILURE || kind == BOUNCE_KIND_DELAY) {
    t->bounces++;
    for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++) {
      const bounce_recipient *rc = bounce_report_get_recipient(r, i);
      const char *address = bounce_recipient_get_address(rc);
      const char *action = bounce_recipient_get_action(rc);
      /* A report may also list recipients it delivered to. */
      if (*address == '\0' || strcmp(action, "delivered") == 0 ||
          strcmp(action, "relayed") == 0 || strcmp(action, "expanded") == 0)
        continue;
      list_add(bounce_recipient_is_hard(rc) ? &t->hard : &t->soft, address);
    }
  }
  bounce_report_free(r);
}

/* Every file of MAILDIR/SUB whose name does not start with a dot. */
static int
read_folder(tally *t, const char *maildir, const char *sub, const bounce_options *opts)
{
  size_t n = strlen(maildir) + strlen(sub) + 2;
  char *dir = malloc(n);
  if (dir == NULL)
    return -1;
  snprintf(dir, n, "%s/%s", maildir, sub);
  DIR *d = opendir(dir);
  if (d == NULL) {
    free(dir);
    return -1;
  }
  list names = {0};
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.')
      list_add(&names, e->d_name);
  closedir(d);
  list_sort(&names);
  for (size_t i = 0; i < names.len; i++) {
    size_t m = strlen(dir) + strlen(names.items[i]) + 2;
    char *path = malloc(m);
    if (path == NULL)
      break;
    snprintf(path, m, "%s/%s", dir, names.items[i]);
    read_message(t, path, opts);
    free(path);
  }
  list_free(&names);
  free(dir);
  return 0;
}

/* Writes the addresses of l that are not in except; returns how many, or
 * -1 when the file cannot be written. */
static long
write_list(const char *path, const list *l, const list *except)
{
  long n = 0;
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    perror(path);
    return -1;
  }
  for (size_t i = 0; i < l->len; i++)
    if (except == NULL || !list_has(except, l->items[i])) {
      fprintf(f, "%s\n", l->items[i]);
      n++;
    }
  if (fclose(f) != 0) {
    perror(path);
    return -1;
  }
  return n;
}

int
main(int argc, char **argv)
{
  if (argc != 4) {
    fprintf(stderr, "usage: bounce-lists MAILDIR SUPPRESS RETRY\n");
    return 2;
  }
  tally t = {0};
  /* The defaults. A list manager could also ask for its own header of the
   * returned message: bounce_options_add_original_header(opts, "List-Id"). */
  bounce_options *opts = bounce_options_new();
  int found = 0;
  if (read_folder(&t, argv[1], "new", opts) == 0)
    found++;
  if (read_folder(&t, argv[1], "cur", opts) == 0)
    found++;
  bounce_options_free(opts);
  if (!found) {
    fprintf(stderr, "bounce-lists: %s: not a Maildir (no new/ or cur/)\n", argv[1]);
    return 2;
  }
  list_sort(&t.hard);
  list_sort(&t.soft);
  int status = t.unreadable ? 1 : 0;
  long suppress = write_list(argv[2], &t.hard, NULL);
  long retry = write_list(argv[3], &t.soft, &t.hard);
  if (suppress < 0 || retry < 0)
    status = 2;
  printf("%zu messages, %zu bounces, %zu unreadable: %ld to suppress, %ld to retry "
         "(libbounce %s)\n",
         t.messages, t.bounces, t.unreadable, suppress, retry, bounce_version_string());
  list_free(&t.hard);
  list_free(&t.soft);
  return status;
}
