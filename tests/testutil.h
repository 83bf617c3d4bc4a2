/* Helpers the Check suites share. */
#ifndef BOUNCE_TESTUTIL_H
#define BOUNCE_TESTUTIL_H

#include <bounce.h>
#include <check.h>
#include <stddef.h>

/* The path of a file in tests/data (caller frees). */
char *test_data_path(const char *name);
/* The contents of a file in tests/data (caller frees), length in *len. */
char *test_data_read(const char *name, size_t *len);
/* Parses a message given as a string; fails the test when it cannot. */
bounce_report *test_parse_string(const char *msg);
/* Runs the suite and returns the process exit status. */
int test_run(Suite *s);

#endif
