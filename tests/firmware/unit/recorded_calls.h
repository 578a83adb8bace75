/* SPDX-License-Identifier: MIT */
/*
 * What the callbacks of the firmware's ROM-entry helpers (DFU run-time and
 * 1200-baud touch) were asked to do, in order: 'D' for a disconnect, 'E' for
 * entering the ROM. A test's config passes &calls as the callbacks' ctx.
 */
#ifndef RECORDED_CALLS_H
#define RECORDED_CALLS_H

#include <stddef.h>

struct recorded_calls {
    char log[8];
    size_t count;
};

extern struct recorded_calls calls;

/* Empties the log; each test's setup calls it first. */
void reset_calls(void);

/* The helpers' disconnect_cb: fails the test unless ctx is &calls. */
void record_disconnect(void *ctx);

/* The helpers' enter_bootloader_cb. */
void record_enter(void);

#endif
