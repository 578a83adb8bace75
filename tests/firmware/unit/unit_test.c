#include "unit_test.h"

#include <stdio.h>
#include <string.h>

int firmware_test_main(int argc, char **argv, const struct CMUnitTest *tests, size_t count)
{
    if (argc < 2) {
        return _cmocka_run_group_tests("firmware/unit", tests, count, NULL, NULL);
    }
    for (size_t i = 0; i < count; i++) {
        if (strcmp(tests[i].name, argv[1]) == 0) {
            return _cmocka_run_group_tests(argv[1], &tests[i], 1, NULL, NULL);
        }
    }
    fprintf(stderr, "no test named %s\n", argv[1]);
    return 1;
}
