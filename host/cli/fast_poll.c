/* SPDX-License-Identifier: MIT */
/* --fast-poll (flash, erase): ask the library for it, and say once per device
 * when the series does not allow it or the device made the tool drop it. */
#include "cli.h"

void cli_fast_poll_start(const struct cli_common *c, stm32dfu_device *dev)
{
    if (!c->fast_poll || stm32dfu_set_fast_poll(dev, true) == 0)
        return;
    const char *series = stm32dfu_series_name(stm32dfu_get_device_info(dev));
    cli_error(c,
              "--fast-poll: not used on %s%s: there is no public evidence that its ROM holds an "
              "early GETSTATUS; each poll waits the time the device asks for (docs/benchmarks.md)",
              series[0] ? "this " : "this device", series);
}

void cli_fast_poll_end(const struct cli_common *c, stm32dfu_device *dev, const char *path)
{
    int state = c->fast_poll ? stm32dfu_get_fast_poll(dev) : STM32DFU_FAST_POLL_OFF;
    if (state != STM32DFU_FAST_POLL_DROPPED_STALL && state != STM32DFU_FAST_POLL_DROPPED_BUSY)
        return;
    cli_error(c,
              "--fast-poll: %s%sthe device %s a GETSTATUS sent before its work ended, so every "
              "poll after that waited the time the device asks for",
              path ? path : "", path ? ": " : "",
              state == STM32DFU_FAST_POLL_DROPPED_STALL ? "stalled" : "answered dfuDNBUSY to");
}
