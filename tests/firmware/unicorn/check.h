/* SPDX-License-Identifier: MIT */
/*
 * Assertions for the Unicorn tests: each failure prints the expression, the
 * expected and actual values and file:line, and is counted; a test passes
 * when none failed.
 */
#ifndef UNICORN_CHECK_H
#define UNICORN_CHECK_H

#include <stdbool.h>
#include <stdint.h>

/** Failures so far. */
extern unsigned check_failures;

/** Records a failure unless \p actual == \p expected. */
void check_u32(const char *file, int line, const char *expr, uint32_t actual, uint32_t expected);

/** Records a failure unless \p cond; \p why says what was expected. */
void check_true(const char *file, int line, const char *expr, bool cond, const char *why);

#define CHECK_EQ(actual, expected)                                                                 \
    check_u32(__FILE__, __LINE__, #actual, (uint32_t)(actual), (uint32_t)(expected))
#define CHECK(cond, why) check_true(__FILE__, __LINE__, #cond, (cond), (why))

#endif /* UNICORN_CHECK_H */
