/* Shared runner of the firmware unit tests (cmocka). */
#ifndef STM32DFU_FIRMWARE_UNIT_TEST_H
#define STM32DFU_FIRMWARE_UNIT_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* One test; CMakeLists.txt registers each as a ctest of this name. */
#define FIRMWARE_TEST(name, fn)                                                                    \
    {                                                                                              \
        name, fn, NULL, NULL, NULL                                                                 \
    }

/* Runs the test named by argv[1], or every test without an argument. */
int firmware_test_main(int argc, char **argv, const struct CMUnitTest *tests, size_t count);

#endif
