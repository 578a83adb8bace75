/* SPDX-License-Identifier: MIT */
/* The runner of named cmocka tests; see named_test.h. */
#include "named_test.h"

#include <stdio.h>
#include <string.h>

int named_test_main(int argc, char **argv, const char *group, const struct CMUnitTest *tests,
                    size_t count)
{
    if (argc < 2)
        return _cmocka_run_group_tests(group, tests, count, NULL, NULL);
    if (strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < count; i++)
            printf("%s\n", tests[i].name);
        return 0;
    }
    for (size_t i = 0; i < count; i++) {
        if (strcmp(tests[i].name, argv[1]) == 0)
            return _cmocka_run_group_tests(argv[1], &tests[i], 1, NULL, NULL);
    }
    fprintf(stderr, "no test named %s\n", argv[1]);
    return 1;
}
