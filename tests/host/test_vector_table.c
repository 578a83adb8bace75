/* SPDX-License-Identifier: MIT */
/* The vector-table check before a leave (stm32dfu_check_vector_table): a
 * table-driven walk of F405 words (SRAM 0x20000000 + 320 KiB and CCM
 * 0x10000000 + 64 KiB, flash from the F405 ROM's layout string). */
#include <string.h>

#include "host_test.h"

static struct stm32dfu_device_info f405(void)
{
    struct stm32dfu_device_info info;
    memset(&info, 0, sizeof(info));
    info.vid = STM32DFU_ST_VID;
    info.pid = STM32DFU_ROM_PID;
    info.alt_count = 2;
    strcpy(info.alt_names[0], "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg");
    strcpy(info.alt_names[1], "@Option Bytes  /0x1FFFC000/01*016 e");
    return info;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void words_decide(void **state)
{
    (void)state;
    static const struct {
        uint32_t sp, pc;
        int result;
        const char *fragment;
    } cases[] = {
        {0x20020000u, 0x08000101u, 0, NULL},
        {0x20050000u, 0x08000101u, 0, NULL}, /* top of SRAM */
        {0x10010000u, 0x080FFFF1u, 0, NULL}, /* top of CCM, last flash */
        {0x20050004u, 0x08000101u, STM32DFU_ERROR_FORMAT, "initial SP 0x20050004"},
        {0x20000000u, 0x08000101u, STM32DFU_ERROR_FORMAT, "not inside the SRAM"},
        {0xFFFFFFFFu, 0xFFFFFFFFu, STM32DFU_ERROR_FORMAT, "initial SP 0xFFFFFFFF"}, /* blank */
        {0x20020000u, 0x08000100u, STM32DFU_ERROR_FORMAT, "0x08000100 is even"},
        {0x20020000u, 0x08100001u, STM32DFU_ERROR_FORMAT, "0x08100001 is not inside the flash"},
    };
    struct stm32dfu_device_info info = f405();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t table[8];
        put32(table, cases[i].sp);
        put32(table + 4, cases[i].pc);
        struct stm32dfu_error_detail detail = {0};
        int r = stm32dfu_check_vector_table(&info, 0x08000000u, table, &detail);
        if (r != cases[i].result ||
            (cases[i].fragment && !strstr(detail.message, cases[i].fragment)))
            fail_msg("SP 0x%08X PC 0x%08X: %d \"%s\", expected %d \"%s\"", cases[i].sp, cases[i].pc,
                     r, detail.message, cases[i].result,
                     cases[i].fragment ? cases[i].fragment : "");
    }
}

static void unknown_series_uses_armv7m_sram(void **state)
{
    (void)state;
    struct stm32dfu_device_info info = f405();
    info.alt_count = 1; /* no option bytes: series unknown */
    uint8_t table[8];
    put32(table, 0x30000000u);
    put32(table + 4, 0x08000101u);
    assert_int_equal(stm32dfu_check_vector_table(&info, 0x08000000u, table, NULL), 0);
    put32(table, 0x10010000u);
    assert_int_equal(stm32dfu_check_vector_table(&info, 0x08000000u, table, NULL),
                     STM32DFU_ERROR_FORMAT);
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/vector-table/words-decide", words_decide),
        NAMED_TEST("host/vector-table/unknown-series-uses-armv7m-sram",
                   unknown_series_uses_armv7m_sram),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
