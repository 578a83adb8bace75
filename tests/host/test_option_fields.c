/* Option-byte fields per series: the F2/F4 layout of RM0090 Rev 19 §3.7.1
 * table 16, and nothing for a series whose layout is not known. */
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

static const struct stm32dfu_option_field *find(const struct stm32dfu_option_field *fields, int n,
                                                const char *name)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    }
    fail_msg("no field %s", name);
    return NULL;
}

static void f4_fields_follow_rm0090(void **state)
{
    (void)state;
    struct stm32dfu_device_info info = rom_with_option_bytes("@Option Bytes  /0x1FFFC000/01*016 g");
    const struct stm32dfu_option_field *fields;
    int n = stm32dfu_option_fields(&info, &fields);
    assert_int_equal(n, 6);
    const struct stm32dfu_option_field *rdp = find(fields, n, "RDP");
    assert_int_equal(rdp->offset, 0);
    assert_int_equal(rdp->mask, 0xFF00);
    assert_int_equal(find(fields, n, "BOR_LEV")->mask, 0x000C);
    assert_int_equal(find(fields, n, "WDG_SW")->mask, 0x0020);
    const struct stm32dfu_option_field *wrp = find(fields, n, "nWRP");
    assert_int_equal(wrp->offset, 8);
    assert_int_equal(wrp->mask, 0x0FFF);
}

static void unknown_layout_has_no_fields(void **state)
{
    (void)state;
    /* L4/G4 option bytes (0x1FFF7800): the series is known, its field table is not. */
    struct stm32dfu_device_info info = rom_with_option_bytes("@Option Bytes  /0x1FFF7800/01*040 e");
    const struct stm32dfu_option_field *fields = NULL;
    assert_int_equal(stm32dfu_option_fields(&info, &fields), 0);
    assert_null(fields);
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/option-fields/f4-follow-rm0090", f4_fields_follow_rm0090),
        NAMED_TEST("host/option-fields/unknown-layout-none", unknown_layout_has_no_fields),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
