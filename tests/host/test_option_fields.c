/* SPDX-License-Identifier: MIT */
/* Option-byte fields per layout: fixed option bytes, as each ROM returns them
 * from its "@Option Bytes" alternate setting, decoded into named values. */
#include <string.h>

#include "host_test.h"

static struct stm32dfu_device_info rom_with_option_bytes(const char *layout)
{
    struct stm32dfu_device_info info;
    memset(&info, 0, sizeof(info));
    info.vid = STM32DFU_ST_VID;
    info.pid = STM32DFU_ROM_PID;
    info.alt_count = 2;
    strcpy(info.alt_names[0], "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg");
    strcpy(info.alt_names[1], layout);
    return info;
}

static const struct stm32dfu_option_field *find(const struct stm32dfu_option_field *fields,
                                                size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    }
    fail_msg("no field %s", name);
    return NULL;
}

/* Option bytes as read from a ROM with this layout string. */
struct ob_read {
    struct stm32dfu_device_info info;
    const struct stm32dfu_option_field *fields;
    size_t count;
    const uint8_t *bytes;
    size_t len;
};

static struct ob_read decode(const char *layout, const uint8_t *bytes, size_t len)
{
    struct ob_read r = {.info = rom_with_option_bytes(layout), .bytes = bytes, .len = len};
    r.count = stm32dfu_option_fields(&r.info, &r.fields);
    assert_true(r.count > 0);
    return r;
}

static unsigned int value(const struct ob_read *r, const char *name)
{
    unsigned int v = 0xDEADu;
    assert_true(stm32dfu_option_field_value(find(r->fields, r->count, name), r->bytes, r->len, &v));
    return v;
}

static void f4_fields_follow_rm0090(void **state)
{
    (void)state;
    /* USER 0xE4: nRST_STDBY 1, nRST_STOP 1, WDG_SW 1, BOR_LEV 1; RDP 0xBB (level 1); nWRP
     * 0xAF5 at +8. */
    static const uint8_t ob[16] = {0xE4, 0xBB, 0x1B, 0x44, 0, 0, 0, 0, 0xF5, 0x0A};
    struct ob_read r = decode("@Option Bytes  /0x1FFFC000/01*016 g", ob, sizeof(ob));
    assert_int_equal(r.count, 6);
    assert_int_equal(value(&r, "RDP"), 0xBB);
    assert_int_equal(value(&r, "nRST_STDBY"), 1);
    assert_int_equal(value(&r, "WDG_SW"), 1);
    assert_int_equal(value(&r, "BOR_LEV"), 1);
    assert_int_equal(value(&r, "nWRP"), 0xAF5);
}

static void f1_fields_follow_pm0075(void **state)
{
    (void)state;
    /* RDP/nRDP, USER 0x06 (WDG_SW 0, nRST_STOP 1, nRST_STDBY 1), Data0 0x12, Data1 0x34,
     * WRP0..3, each byte followed by its complement. */
    static const uint8_t ob[16] = {0xA5, 0x5A, 0x06, 0xF9, 0x12, 0xED, 0x34, 0xCB,
                                   0xFE, 0x01, 0xFF, 0x00, 0x7F, 0x80, 0xFF, 0x00};
    struct ob_read r = decode("@Option Bytes  /0x1FFFF800/01*016 g", ob, sizeof(ob));
    assert_int_equal(value(&r, "RDP"), 0xA5);
    assert_int_equal(value(&r, "nRDP"), 0x5A);
    assert_int_equal(value(&r, "WDG_SW"), 0);
    assert_int_equal(value(&r, "nRST_STOP"), 1);
    assert_int_equal(value(&r, "nRST_STDBY"), 1);
    assert_int_equal(value(&r, "nUSER"), 0xF9);
    assert_int_equal(value(&r, "Data0"), 0x12);
    assert_int_equal(value(&r, "Data1"), 0x34);
    assert_int_equal(value(&r, "WRP0"), 0xFE);
    assert_int_equal(value(&r, "WRP2"), 0x7F);
    assert_int_equal(value(&r, "nWRP2"), 0x80);
}

static void f7_fields_follow_rm0385(void **state)
{
    (void)state;
    /* USER 0xE8: nRST_STDBY 1, nRST_STOP 1, IWDG_SW 1, WWDG_SW 0, BOR_LEV 2; RDP 0xCC;
     * nWRP 0xF0 at +8. */
    static const uint8_t ob[32] = {0xE8, 0xCC, 0x17, 0x33, 0, 0, 0, 0, 0xF0, 0xFF, 0x0F, 0x00};
    struct ob_read r = decode("@Option Bytes  /0x1FFF0000/01*032 g", ob, sizeof(ob));
    assert_int_equal(value(&r, "RDP"), 0xCC);
    assert_int_equal(value(&r, "IWDG_SW"), 1);
    assert_int_equal(value(&r, "WWDG_SW"), 0);
    assert_int_equal(value(&r, "BOR_LEV"), 2);
    assert_int_equal(value(&r, "nWRP"), 0xF0);
}

static void h7_fields_follow_rm0433(void **state)
{
    (void)state;
    /* FLASH_OPTSR_CUR 0xA03ACCD4. */
    static const uint8_t ob[128] = {0xD4, 0xCC, 0x3A, 0xA0};
    struct ob_read r = decode("@Option Bytes   /0x5200201C/01*128 e", ob, sizeof(ob));
    assert_int_equal(value(&r, "RDP"), 0xCC);
    assert_int_equal(value(&r, "NRST_STBY_D1"), 1);
    assert_int_equal(value(&r, "NRST_STOP_D1"), 1);
    assert_int_equal(value(&r, "IWDG1_SW"), 1);
    assert_int_equal(value(&r, "BOR_LEV"), 1);
    assert_int_equal(value(&r, "FZ_IWDG_STOP"), 1);
    assert_int_equal(value(&r, "FZ_IWDG_SDBY"), 0);
    assert_int_equal(value(&r, "ST_RAM_SIZE"), 3);
    assert_int_equal(value(&r, "SECURITY"), 1);
    assert_int_equal(value(&r, "IO_HSLV"), 1);
    assert_int_equal(value(&r, "SWAP_BANK_OPT"), 1);
}

static void l4_fields_follow_rm0351(void **state)
{
    (void)state;
    /* FLASH_OPTR 0x022953BB and its complement. */
    static const uint8_t ob[40] = {0xBB, 0x53, 0x29, 0x02, 0x44, 0xAC, 0xD6, 0xFD};
    struct ob_read r = decode("@Option Bytes  /0x1FFF7800/01*040 e", ob, sizeof(ob));
    assert_int_equal(value(&r, "RDP"), 0xBB);
    assert_int_equal(value(&r, "BOR_LEV"), 3);
    assert_int_equal(value(&r, "nRST_STOP"), 1);
    assert_int_equal(value(&r, "nRST_STDBY"), 0);
    assert_int_equal(value(&r, "nRST_SHDW"), 1);
    assert_int_equal(value(&r, "IWDG_SW"), 1);
    assert_int_equal(value(&r, "IWDG_STOP"), 0);
    assert_int_equal(value(&r, "WWDG_SW"), 1);
    assert_int_equal(value(&r, "DUALBANK"), 1);
    assert_int_equal(value(&r, "nBOOT1"), 0);
    assert_int_equal(value(&r, "SRAM2_PE"), 0);
    assert_int_equal(value(&r, "SRAM2_RST"), 1);
}

static void g4_fields_follow_rm0440(void **state)
{
    (void)state;
    /* FLASH_OPTR 0x2D5004AA; the G474 ROM's two option-byte groups. */
    static const uint8_t ob[48] = {0xAA, 0x04, 0x50, 0x2D, 0x55, 0xFB, 0xAF, 0xD2};
    struct ob_read r =
        decode("@Option Bytes   /0x1FFF7800/01*048 e/0x1FFFF800/01*048 e", ob, sizeof(ob));
    assert_int_equal(value(&r, "RDP"), 0xAA);
    assert_int_equal(value(&r, "BOR_LEV"), 4);
    assert_int_equal(value(&r, "BFB2"), 1);
    assert_int_equal(value(&r, "DBANK"), 1);
    assert_int_equal(value(&r, "nBOOT1"), 0);
    assert_int_equal(value(&r, "SRAM_PE"), 1);
    assert_int_equal(value(&r, "CCMSRAM_RST"), 0);
    assert_int_equal(value(&r, "nSWBOOT0"), 1);
    assert_int_equal(value(&r, "nBOOT0"), 1);
    assert_int_equal(value(&r, "NRST_MODE"), 2);
    assert_int_equal(value(&r, "IRHEN"), 0);
}

static void field_beyond_bytes_has_no_value(void **state)
{
    (void)state;
    /* Only the first F4 word was read: nWRP at +8 is out of reach. */
    static const uint8_t ob[4] = {0xEC, 0xAA, 0x13, 0x55};
    struct ob_read r = decode("@Option Bytes  /0x1FFFC000/01*016 g", ob, sizeof(ob));
    unsigned int v = 7;
    assert_false(stm32dfu_option_field_value(find(r.fields, r.count, "nWRP"), ob, 4, &v));
    assert_int_equal(v, 7);
    assert_int_equal(value(&r, "RDP"), 0xAA);
}

static void meanings_follow_the_value(void **state)
{
    (void)state;
    /* F4 option bytes with RDP 0xCC (level 2), WDG_SW 0 and nRST_STOP 1. */
    static const uint8_t ob[16] = {0xC0, 0xCC};
    struct ob_read r = decode("@Option Bytes  /0x1FFFC000/01*016 g", ob, sizeof(ob));
    const struct stm32dfu_option_field *rdp = find(r.fields, r.count, "RDP");
    const struct stm32dfu_option_field *wdg = find(r.fields, r.count, "WDG_SW");
    const struct stm32dfu_option_field *bor = find(r.fields, r.count, "BOR_LEV");
    assert_string_equal(stm32dfu_option_field_meaning(&r.info, rdp, value(&r, "RDP")),
                        "level 2 (permanent)");
    assert_string_equal(stm32dfu_option_field_meaning(&r.info, rdp, 0xAA), "level 0");
    assert_string_equal(stm32dfu_option_field_meaning(&r.info, rdp, 0x55), "level 1");
    assert_string_equal(stm32dfu_option_field_meaning(&r.info, wdg, value(&r, "WDG_SW")),
                        "hardware independent watchdog");
    assert_string_equal(stm32dfu_option_field_meaning(&r.info, wdg, 1),
                        "software independent watchdog");
    assert_string_equal(stm32dfu_option_field_meaning(&r.info, find(r.fields, r.count, "nRST_STOP"),
                                                      value(&r, "nRST_STOP")),
                        "no reset on entering Stop");
    /* A wider field has no one-bit reading. */
    assert_null(stm32dfu_option_field_meaning(&r.info, bor, 0));
}

/* set(layout, bytes, name, value): stm32dfu_option_field_set on a copy. */
static int set(const char *layout, uint8_t *bytes, size_t len, const char *name, unsigned int v)
{
    struct ob_read r = decode(layout, bytes, len);
    return stm32dfu_option_field_set(&r.info, find(r.fields, r.count, name), bytes, len, v);
}

#define F1_LAYOUT "@Option Bytes  /0x1FFFF800/01*016 g"
#define F4_LAYOUT "@Option Bytes  /0x1FFFC000/01*016 g"
#define F7_LAYOUT "@Option Bytes  /0x1FFF0000/01*032 g"
#define H7_LAYOUT "@Option Bytes   /0x5200201C/01*128 e"
#define L4_LAYOUT "@Option Bytes  /0x1FFF7800/01*040 e"

static void set_f1_keeps_complement_bytes(void **state)
{
    (void)state;
    uint8_t ob[16] = {0xA5, 0x5A, 0x07, 0xF8, 0xFF, 0x00, 0xFF, 0x00,
                      0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00};
    assert_int_equal(set(F1_LAYOUT, ob, sizeof(ob), "WDG_SW", 0), 0);
    assert_int_equal(ob[2], 0x06);
    assert_int_equal(ob[3], 0xF9);
    assert_int_equal(set(F1_LAYOUT, ob, sizeof(ob), "WRP3", 0x7F), 0);
    assert_int_equal(ob[14], 0x7F);
    assert_int_equal(ob[15], 0x80);
    assert_int_equal(set(F1_LAYOUT, ob, sizeof(ob), "RDP", 0x00), 0);
    assert_int_equal(ob[0], 0x00);
    assert_int_equal(ob[1], 0xFF);
}

static void set_f4_changes_only_the_field(void **state)
{
    (void)state;
    uint8_t ob[16] = {0xEC, 0xAA, 0xFF, 0x0F, 0, 0, 0, 0, 0xFF, 0x0F};
    uint8_t want[16] = {0xEC, 0xAA, 0xFF, 0x0F, 0, 0, 0, 0, 0xFE, 0x0F};
    assert_int_equal(set(F4_LAYOUT, ob, sizeof(ob), "nWRP", 0xFFE), 0);
    assert_memory_equal(ob, want, sizeof(ob));
    assert_int_equal(set(F4_LAYOUT, ob, sizeof(ob), "BOR_LEV", 1), 0);
    assert_int_equal(ob[0], 0xE4);
}

static void set_f7_keeps_complement_half_word(void **state)
{
    (void)state;
    uint8_t ob[32] = {0xFC, 0xAA, 0x03, 0x55, 0xFF, 0xFF, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00};
    assert_int_equal(set(F7_LAYOUT, ob, sizeof(ob), "nWRP", 0xFD), 0);
    assert_int_equal(ob[8], 0xFD);
    assert_int_equal(ob[10], 0x02);
    assert_int_equal(ob[9], 0xFF);
    assert_int_equal(ob[11], 0x00);
}

static void set_h7_writes_the_program_register_too(void **state)
{
    (void)state;
    uint8_t ob[128] = {0xF0, 0xAA, 0x16, 0x14, 0xF0, 0xAA, 0x16, 0x14};
    assert_int_equal(set(H7_LAYOUT, ob, sizeof(ob), "SWAP_BANK_OPT", 1), 0);
    assert_int_equal(ob[3], 0x94);
    assert_int_equal(ob[7], 0x94);
}

static void set_l4_keeps_complement_word(void **state)
{
    (void)state;
    uint8_t ob[40] = {0xAA, 0xF8, 0xEF, 0xFF, 0x55, 0x07, 0x10, 0x00};
    assert_int_equal(set(L4_LAYOUT, ob, sizeof(ob), "BFB2", 1), 0);
    assert_int_equal(ob[2], 0xFF);
    assert_int_equal(ob[6], 0x00);
}

static void set_refuses_wide_value_and_complement(void **state)
{
    (void)state;
    uint8_t ob[16] = {0xA5, 0x5A};
    uint8_t before[16];
    memcpy(before, ob, sizeof(ob));
    assert_int_equal(set(F1_LAYOUT, ob, sizeof(ob), "RDP", 0x100), STM32DFU_ERROR_OUT_OF_RANGE);
    assert_int_equal(set(F1_LAYOUT, ob, sizeof(ob), "WDG_SW", 2), STM32DFU_ERROR_OUT_OF_RANGE);
    assert_int_equal(set(F1_LAYOUT, ob, sizeof(ob), "nRDP", 0x5A), STM32DFU_ERROR_INVALID_ARGUMENT);
    /* Only the first 8 bytes: WRP0 at +8 is out of reach. */
    assert_int_equal(set(F1_LAYOUT, ob, 8, "WRP0", 0), STM32DFU_ERROR_INVALID_ARGUMENT);
    assert_memory_equal(ob, before, sizeof(ob));
}

static void unknown_layout_has_no_fields(void **state)
{
    (void)state;
    /* The L4/G4 address with a size neither ROM reports. */
    struct stm32dfu_device_info info = rom_with_option_bytes("@Option Bytes  /0x1FFF7800/01*024 e");
    const struct stm32dfu_option_field *fields = NULL;
    assert_int_equal(stm32dfu_option_fields(&info, &fields), 0);
    assert_null(fields);
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/option-fields/f4-follow-rm0090", f4_fields_follow_rm0090),
        NAMED_TEST("host/option-fields/f1-follow-pm0075", f1_fields_follow_pm0075),
        NAMED_TEST("host/option-fields/f7-follow-rm0385", f7_fields_follow_rm0385),
        NAMED_TEST("host/option-fields/h7-follow-rm0433", h7_fields_follow_rm0433),
        NAMED_TEST("host/option-fields/l4-follow-rm0351", l4_fields_follow_rm0351),
        NAMED_TEST("host/option-fields/g4-follow-rm0440", g4_fields_follow_rm0440),
        NAMED_TEST("host/option-fields/beyond-bytes-no-value", field_beyond_bytes_has_no_value),
        NAMED_TEST("host/option-fields/meanings-follow-value", meanings_follow_the_value),
        NAMED_TEST("host/option-fields/unknown-layout-none", unknown_layout_has_no_fields),
        NAMED_TEST("host/option-fields/set-f1-complement-bytes", set_f1_keeps_complement_bytes),
        NAMED_TEST("host/option-fields/set-f4-only-the-field", set_f4_changes_only_the_field),
        NAMED_TEST("host/option-fields/set-f7-complement-half-word",
                   set_f7_keeps_complement_half_word),
        NAMED_TEST("host/option-fields/set-h7-program-register",
                   set_h7_writes_the_program_register_too),
        NAMED_TEST("host/option-fields/set-l4-complement-word", set_l4_keeps_complement_word),
        NAMED_TEST("host/option-fields/set-refuses-wide-and-complement",
                   set_refuses_wide_value_and_complement),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
