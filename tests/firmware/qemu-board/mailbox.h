/* SPDX-License-Identifier: MIT */
/*
 * State shared by the test application and the stand-in bootloader. It lives
 * in RAM that neither the image loader nor the startup code initialises, so
 * it survives the system resets of the request/reset scenarios.
 */
#ifndef QEMU_MAILBOX_H
#define QEMU_MAILBOX_H

#include <stdint.h>

/* Marks a mailbox the application has initialised on this emulation run;
 * QEMU starts with RAM zeroed, so a cold boot never sees it. */
#define MAILBOX_MAGIC 0x51454D55u

#define MAILBOX_PATH_JUMP    1u
#define MAILBOX_PATH_REQUEST 2u

struct mailbox {
    uint32_t magic;
    /* Scenario the application runs (its index in the scenario table; 'D'
     * for the demo). */
    uint32_t scenario;
    /* MAILBOX_PATH_JUMP or MAILBOX_PATH_REQUEST. */
    uint32_t path;
    /* Set when the stand-in must reset the chip after its checks, as a ROM
     * that misses its HSE detection does (docs/research/device_side.md#p3). */
    uint32_t standin_resets;
    /* Set by the application just before it starts the hand-over. */
    uint32_t teardown_began;
    /* Application handler runs counted after teardown_began was set. */
    uint32_t app_runs_after_teardown;
    /* Set when the application has asked for the bootloader through a reset. */
    uint32_t reset_requested;
    /* Entries into the stand-in bootloader. */
    uint32_t handovers;
    /* Exceptions that reached the stand-in's own handlers. */
    uint32_t standin_stray_interrupts;
};

extern volatile struct mailbox mailbox;

/* Starts a run of the given scenario (a cold boot): every count to zero. */
void mailbox_start(uint32_t scenario);

/* Counts an application handler run that happened after teardown began. */
static inline void mailbox_note_app_handler(void)
{
    if (mailbox.teardown_began)
        mailbox.app_runs_after_teardown++;
}

#endif /* QEMU_MAILBOX_H */
