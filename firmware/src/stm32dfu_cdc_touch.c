/* SPDX-License-Identifier: MIT */
/* The 1200-baud touch helper; see stm32dfu_cdc_touch.h. */
#include "fp_free.h"

#include "stm32dfu_cdc_touch.h"

void stm32dfu_cdc_touch_init(struct stm32dfu_cdc_touch *touch,
                             const struct stm32dfu_cdc_touch_config *config)
{
    touch->config = config;
    touch->dwDTERate = 0;
    touch->touched = false;
}

void stm32dfu_cdc_touch_line_coding(struct stm32dfu_cdc_touch *touch, uint32_t dwDTERate)
{
    touch->dwDTERate = dwDTERate;
    touch->touched = false;
}

bool stm32dfu_cdc_touch_line_state(struct stm32dfu_cdc_touch *touch, bool dtr)
{
    touch->touched = !dtr && touch->dwDTERate == STM32DFU_CDC_TOUCH_BAUD;
    return touch->touched;
}

void stm32dfu_cdc_touch_status_done(struct stm32dfu_cdc_touch *touch)
{
    if (!touch->touched) {
        return;
    }
    touch->touched = false;
    const struct stm32dfu_cdc_touch_config *config = touch->config;
    if (config->disconnect_cb != NULL) {
        config->disconnect_cb(config->ctx);
    }
    config->enter_bootloader_cb();
}
