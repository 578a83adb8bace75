/* SPDX-License-Identifier: MIT */
/* SIGINT and SIGTERM: before exiting 130 or 143, say what state the device is
 * left in. The handler only reads what the command recorded here, in
 * volatile sig_atomic_t and lock-free atomic objects (C11 §7.14.1.1), and the
 * device's current address, which the library keeps in a lock-free atomic
 * (stm32dfu_get_current_address); it formats with its own code and calls
 * strcmp(3), write(2) and _exit(2), which are async-signal-safe (POSIX.1-2017
 * §2.4.3). */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "the device pointer must be a lock-free atomic");

/* set before the handler is installed, never after */
static const char *command_name = "";
static _Atomic(stm32dfu_device *) device;
static volatile sig_atomic_t phase = -1;
static volatile sig_atomic_t device_left;
static volatile sig_atomic_t several;
static volatile sig_atomic_t released;

static size_t append(char *buf, size_t at, size_t size, const char *s)
{
    while (*s && at + 1 < size)
        buf[at++] = *s++;
    buf[at] = '\0';
    return at;
}

static size_t append_hex32(char *buf, size_t at, size_t size, uint32_t v)
{
    char hex[11] = "0x";
    for (int i = 0; i < 8; i++)
        hex[2 + i] = "0123456789ABCDEF"[(v >> (28 - 4 * i)) & 0xF];
    hex[10] = '\0';
    return append(buf, at, size, hex);
}

static const char *const phase_verbs[] = {"reading", "erasing", "writing", "verifying"};
/* What each phase has done to the device so far. */
static const char *const phase_states[] = {", unchanged", " with some sectors erased",
                                           " with the image partly written",
                                           " with the image written but not verified"};

static void on_signal(int sig)
{
    char msg[320];
    size_t n = append(msg, 0, sizeof(msg), "stm32dfu: ");
    n = append(msg, n, sizeof(msg), command_name);
    n = append(msg, n, sizeof(msg), ": interrupted");
    stm32dfu_device *dev = atomic_load(&device);
    int ph = phase;
    bool in_phase = ph >= STM32DFU_PHASE_READ && ph <= STM32DFU_PHASE_VERIFY;
    bool flash = strcmp(command_name, "flash") == 0;
    if (device_left) {
        n = append(msg, n, sizeof(msg),
                   " after the device was told to leave its bootloader; it is starting the "
                   "application; check with 'stm32dfu list'");
    } else if (several) {
        n = append(msg, n, sizeof(msg),
                   "; each device is still in its bootloader, possibly partly written, and no "
                   "application was started; run the command again");
    } else if (!dev && released) {
        n = append(msg, n, sizeof(msg), " after the work on the device ended (see above)");
    } else if (!dev) {
        n = append(msg, n, sizeof(msg), " before any device was changed");
    } else {
        if (in_phase) {
            n = append(msg, n, sizeof(msg), " while ");
            n = append(msg, n, sizeof(msg), phase_verbs[ph]);
            uint32_t address = stm32dfu_get_current_address(dev);
            if (address != UINT32_MAX) {
                n = append(msg, n, sizeof(msg), " ");
                n = append_hex32(msg, n, sizeof(msg), address);
            }
        }
        n = append(msg, n, sizeof(msg), "; the device is still in its bootloader");
        n = append(msg, n, sizeof(msg), in_phase ? phase_states[ph] : ", unchanged");
        if (flash)
            n = append(msg, n, sizeof(msg), "; the application was not started");
        n = append(msg, n, sizeof(msg), "; run the command again");
    }
    n = append(msg, n, sizeof(msg), "\n");
    ssize_t ignored = write(STDERR_FILENO, msg, n);
    (void)ignored;
    _exit(128 + sig);
}

void cli_interrupt_install(const char *command)
{
    command_name = command;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

void cli_interrupt_device(stm32dfu_device *dev)
{
    if (!dev && atomic_load(&device))
        released = 1;
    atomic_store(&device, dev);
    phase = -1;
}

void cli_interrupt_phase(int new_phase)
{
    phase = new_phase;
}

void cli_interrupt_left(void)
{
    atomic_store(&device, NULL);
    device_left = 1;
}

void cli_interrupt_several(void)
{
    several = 1;
}
