/* Parse options: limits with safe defaults, what to report, extra headers. */
#include "private.h"

/* Defaults chosen so that one message can never cost more than a few times
 * its size in memory, and real bounces (a few KiB to a few MiB with the
 * returned attachment) are never cut. docs/limits.md explains each. */
static const size_t limit_default[BN_LIMIT_COUNT] = {
  [BOUNCE_LIMIT_MESSAGE_SIZE] = 64u << 20,
  [BOUNCE_LIMIT_MIME_DEPTH] = 32,
  [BOUNCE_LIMIT_MIME_PARTS] = 256,
  [BOUNCE_LIMIT_RECIPIENTS] = 10000,
  [BOUNCE_LIMIT_LINE_LENGTH] = 16u << 10,
  [BOUNCE_LIMIT_TEXT_SIZE] = 1u << 20,
};

bounce_options *
bounce_options_new(void)
{
  bounce_options *o = g_new0(bounce_options, 1);
  o->include = BOUNCE_INCLUDE_ALL;
  return o;
}

void
bounce_options_free(bounce_options *opts)
{
  if (opts == NULL)
    return;
  if (opts->headers)
    g_ptr_array_free(opts->headers, TRUE);
  g_free(opts);
}

int
bounce_options_set_limit(bounce_options *opts, bounce_limit which, size_t value)
{
  if (opts == NULL || (unsigned)which >= BN_LIMIT_COUNT)
    return -1;
  opts->limits[which] = value;
  return 0;
}

size_t
bounce_options_get_limit(const bounce_options *opts, bounce_limit which)
{
  if ((unsigned)which >= BN_LIMIT_COUNT)
    return 0;
  return bn_limit(opts, which);
}

size_t
bn_limit(const bounce_options *opts, bounce_limit which)
{
  if (opts && opts->limits[which])
    return opts->limits[which];
  return limit_default[which];
}

void
bounce_options_set_include(bounce_options *opts, unsigned int include)
{
  if (opts)
    opts->include = include & BOUNCE_INCLUDE_ALL;
}

unsigned int
bounce_options_get_include(const bounce_options *opts)
{
  return bn_include(opts);
}

unsigned int
bn_include(const bounce_options *opts)
{
  return opts ? opts->include : BOUNCE_INCLUDE_ALL;
}

int
bounce_options_add_original_header(bounce_options *opts, const char *name)
{
  if (opts == NULL || name == NULL || *name == '\0')
    return -1;
  if (opts->headers == NULL)
    opts->headers = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < opts->headers->len; i++)
    if (g_ascii_strcasecmp(g_ptr_array_index(opts->headers, i), name) == 0)
      return 0;
  g_ptr_array_add(opts->headers, g_strdup(name));
  return 0;
}
