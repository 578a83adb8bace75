/* SPDX-License-Identifier: MIT */
#include "mailbox.h"

volatile struct mailbox mailbox __attribute__((section(".qemu_mailbox")));

void mailbox_start(uint32_t scenario)
{
    mailbox.magic = MAILBOX_MAGIC;
    mailbox.scenario = scenario;
    mailbox.path = 0;
    mailbox.standin_resets = 0;
    mailbox.teardown_began = 0;
    mailbox.app_runs_after_teardown = 0;
    mailbox.reset_requested = 0;
    mailbox.handovers = 0;
    mailbox.standin_stray_interrupts = 0;
}
