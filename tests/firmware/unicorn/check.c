/* SPDX-License-Identifier: MIT */
/* Assertions for the Unicorn tests; see check.h. */
#include "check.h"

#include <stdio.h>

unsigned check_failures;

void check_u32(const char *file, int line, const char *expr, uint32_t actual, uint32_t expected)
{
    if (actual != expected) {
        fprintf(stderr, "%s:%d: %s: expected 0x%08x, got 0x%08x\n", file, line, expr, expected,
                actual);
        check_failures++;
    }
}

void check_true(const char *file, int line, const char *expr, bool cond, const char *why)
{
    if (!cond) {
        fprintf(stderr, "%s:%d: %s is false: %s\n", file, line, expr, why);
        check_failures++;
    }
}
