/* SPDX-License-Identifier: MIT */
/*
 * ARM semihosting for the QEMU test images: text out, the command line in,
 * and an exit status back to the host (qemu -semihosting-config enable=on).
 */
#ifndef QEMU_SEMIHOST_H
#define QEMU_SEMIHOST_H

#include <stdint.h>

/* Writes a NUL-terminated string to the host console. */
void semihost_puts(const char *text);

/* Writes v as 0x followed by eight hexadecimal digits. */
void semihost_put_hex(uint32_t v);

/* Writes v in decimal. */
void semihost_put_dec(uint32_t v);

/* Copies the command line (QEMU: the -semihosting-config arg= words, joined
 * by spaces) into buf, NUL-terminated. Returns 0, or -1 if it did not fit. */
int semihost_cmdline(char *buf, uint32_t len_bytes);

/* Ends the emulation with the given exit status. */
void semihost_exit(uint32_t status) __attribute__((noreturn));

#endif /* QEMU_SEMIHOST_H */
