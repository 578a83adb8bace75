/* The option-byte fields of each series whose layout is known, for decoding
 * what stm32dfu_read_option_bytes() returns. */
#include <string.h>

#include "device_private.h"

/* STM32F2/F4: the word at 0x1FFFC000 holds RDP (15:8), nRST_STDBY (7),
 * nRST_STOP (6), WDG_SW (5) and BOR_LEV (3:2); the word at 0x1FFFC008 holds
 * nWRP (11:0), one bit per sector, 0 = write-protected (RM0090 Rev 19 §3.7.1,
 * table 16). */
static const struct stm32dfu_option_field f2_f4_fields[] = {
    {"RDP", 0, 0xFF00},    {"nRST_STDBY", 0, 0x0080}, {"nRST_STOP", 0, 0x0040},
    {"WDG_SW", 0, 0x0020}, {"BOR_LEV", 0, 0x000C},    {"nWRP", 8, 0x0FFF},
};

static const struct {
    const char *series;
    const struct stm32dfu_option_field *fields;
    int count;
} layouts[] = {
    {"STM32F2/F4", f2_f4_fields, (int)(sizeof(f2_f4_fields) / sizeof(f2_f4_fields[0]))},
};

int stm32dfu_option_fields(const struct stm32dfu_device_info *info,
                           const struct stm32dfu_option_field **fields)
{
    const char *series = stm32dfu_series_name(info);
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        if (strcmp(series, layouts[i].series) == 0) {
            *fields = layouts[i].fields;
            return layouts[i].count;
        }
    }
    return 0;
}
