/* SPDX-License-Identifier: MIT */
/* Error codes: every constant of enum stm32dfu_error, read from the public
 * header itself, has its own name and message, so the enum and the tables in
 * host/src/error.c cannot drift apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_test.h"

#define MAX_CODES 64

struct code {
    char name[64];
    int value;
};

/* Reads "    STM32DFU_ERROR_X = -n," lines of enum stm32dfu_error from the header. */
static size_t read_codes(struct code *codes)
{
    FILE *f = fopen(STM32DFU_HOST_HEADER, "r");
    assert_non_null(f);
    char line[256];
    bool in_enum = false;
    size_t n = 0;
    while (fgets(line, sizeof(line), f)) {
        if (strstr(line, "enum stm32dfu_error {"))
            in_enum = true;
        else if (in_enum && strstr(line, "};"))
            break;
        struct code c;
        if (in_enum && sscanf(line, " %63[A-Z0-9_] = %d ,", c.name, &c.value) == 2) {
            assert_true(n < MAX_CODES);
            codes[n++] = c;
        }
    }
    fclose(f);
    return n;
}

static void header_lists_success_and_other(void **state)
{
    (void)state;
    struct code codes[MAX_CODES];
    size_t n = read_codes(codes);
    assert_true(n > 2);
    assert_string_equal(codes[0].name, "STM32DFU_SUCCESS");
    assert_int_equal(codes[0].value, 0);
    assert_string_equal(codes[n - 1].name, "STM32DFU_ERROR_OTHER");
}

static void every_code_has_its_constant_name(void **state)
{
    (void)state;
    struct code codes[MAX_CODES];
    size_t n = read_codes(codes);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(stm32dfu_error_name(codes[i].value), codes[i].name);
}

static void every_message_is_capitalised_without_dot(void **state)
{
    (void)state;
    struct code codes[MAX_CODES];
    size_t n = read_codes(codes);
    for (size_t i = 0; i < n; i++) {
        const char *m = stm32dfu_strerror(codes[i].value);
        size_t len = strlen(m);
        if (len < 2 || m[0] < 'A' || m[0] > 'Z' || m[len - 1] == '.') {
            print_error("%s: message \"%s\"\n", codes[i].name, m);
            fail();
        }
    }
}

static void every_message_is_distinct(void **state)
{
    (void)state;
    struct code codes[MAX_CODES];
    size_t n = read_codes(codes);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(stm32dfu_strerror(codes[i].value), stm32dfu_strerror(codes[j].value)) == 0) {
                print_error("%s and %s share a message\n", codes[i].name, codes[j].name);
                fail();
            }
        }
    }
}

static void unknown_code_gets_generic_text(void **state)
{
    (void)state;
    const int unknown[] = {1, -50, -98, -100, -1000000};
    for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        assert_string_equal(stm32dfu_strerror(unknown[i]), "Unknown error");
        assert_string_equal(stm32dfu_error_name(unknown[i]), "STM32DFU_ERROR_UNKNOWN");
    }
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/error/header-lists-success-and-other", header_lists_success_and_other),
        NAMED_TEST("host/error/every-code-has-its-name", every_code_has_its_constant_name),
        NAMED_TEST("host/error/messages-capitalised-without-dot",
                   every_message_is_capitalised_without_dot),
        NAMED_TEST("host/error/messages-distinct", every_message_is_distinct),
        NAMED_TEST("host/error/unknown-code-generic", unknown_code_gets_generic_text),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
