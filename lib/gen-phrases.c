/* Run by the build: compiles the cause phrase table (reason-phrases.c) and
 * each provider's rule phrases (lib/rhost/) into matchers and writes them
 * as C source, the file given as the only argument. The library then
 * starts with its tables ready: a hook that runs bounceparse once per
 * bounce would otherwise spend more on building them than on the bounce. */
#include "reason.h"
#include "rhost/rhost.h"
#include <stdio.h>

static void
write_set(FILE *out, const char *const *phrases, size_t n, const char *name, bool exported)
{
  bn_phrase_set *set = bn_phrase_set_new(phrases, n);
  bn_matcher_write_c(set, name, exported, out);
  bn_phrase_set_free(set);
  fputc('\n', out);
}

int
main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: gen-phrases OUTPUT.c\n");
    return 2;
  }
  FILE *out = fopen(argv[1], "w");
  if (out == NULL) {
    perror(argv[1]);
    return 1;
  }
  fputs("/* Written by lib/gen-phrases.c from lib/reason-phrases.c and lib/rhost/ when\n"
        " * the library is built. Do not edit. */\n"
        "#include \"match-impl.h\"\n#include \"reason.h\"\n#include \"rhost/rhost.h\"\n\n",
        out);

  const char **phrases = g_new(const char *, bn_cause_phrase_count);
  for (size_t i = 0; i < bn_cause_phrase_count; i++)
    phrases[i] = bn_cause_phrases[i].phrase;
  write_set(out, phrases, bn_cause_phrase_count, "bn_compiled_causes", true);
  g_free(phrases);

  size_t n = 0;
  for (; bn_rhost_registry[n]; n++) {
    const bn_rhost *p = bn_rhost_registry[n];
    const char **rule_phrases = g_new(const char *, p->n_rules + 1);
    char *name = g_strdup_printf("rhost_%s", p->name);
    write_set(out, rule_phrases, bn_rhost_phrases(p, rule_phrases), name, false);
    g_free(name);
    g_free(rule_phrases);
  }
  fputs("const bn_phrase_set *const bn_compiled_rhost[] = {\n", out);
  for (size_t i = 0; i < n; i++)
    fprintf(out, "  &rhost_%s,\n", bn_rhost_registry[i]->name);
  fputs("  NULL,\n};\n", out);
  return fclose(out) == 0 ? 0 : 1;
}
