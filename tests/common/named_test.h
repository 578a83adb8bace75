/* SPDX-License-Identifier: MIT */
/*
 * Named cmocka tests: one test program holds a table of tests, and ctest runs
 * each entry on its own, by name (cmake/named-tests.cmake reads the names from
 * the source, so the two cannot drift apart).
 */
#ifndef STM32DFU_NAMED_TEST_H
#define STM32DFU_NAMED_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* One table entry; the name is a path such as "sim/dnload/outside-map". */
#define NAMED_TEST(name, fn)                                                                       \
    {                                                                                              \
        name, fn, NULL, NULL, NULL                                                                 \
    }

/*
 * Runs the test named by argv[1], every test (as group \p group) without an
 * argument, or prints the names with --list. Returns cmocka's result, or 1 if
 * no test has that name.
 */
int named_test_main(int argc, char **argv, const char *group, const struct CMUnitTest *tests,
                    size_t count);

#endif
