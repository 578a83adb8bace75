/*
 * The simulated application's DFU runtime interface (DFU 1.1 §4.1, Table 4.1: appIDLE and
 * appDETACH). Only GETSTATUS, GETSTATE and DETACH are served, as tinyusb's dfu_rt_device.c does;
 * with bitWillDetach the application disconnects by itself after DETACH and the ROM enumerates.
 */
#include "sim_private.h"

#include "dfu_spec.h"

bool sim_app_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                     struct stm32dfu_sim_reply *r)
{
    bool in = (s->bmRequestType & USB_DIR_IN) != 0;
    switch (s->bRequest) {
    case DFU_GETSTATUS: {
        uint8_t st[6] = {b->status, 0, 0, 0, b->state, 0}; /* DFU 1.1 §6.1.2 */
        return in && sim_reply_in(r, data, s->wLength, st, sizeof(st)) > 0;
    }
    case DFU_GETSTATE:
        return in && sim_reply_in(r, data, s->wLength, &b->state, 1) == 1;
    case DFU_DETACH:
        if (in || b->state != appIDLE)
            return false;
        b->state = appDETACH;
        sim_reenumerate(b, r, STM32DFU_SIM_MODE_ROM, 0, "detach");
        return true;
    default:
        return false;
    }
}
