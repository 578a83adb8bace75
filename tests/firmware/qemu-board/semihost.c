/* SPDX-License-Identifier: MIT */
/*
 * Operation numbers and parameter blocks: Arm "Semihosting for AArch32 and
 * AArch64" v3.0 §6 (SYS_WRITE0 0x04, SYS_GET_CMDLINE 0x15, SYS_EXIT_EXTENDED
 * 0x20); on M-profile the trap is BKPT 0xAB (§4.1).
 */
#include "semihost.h"

#define SYS_WRITE0        0x04u
#define SYS_GET_CMDLINE   0x15u
#define SYS_EXIT_EXTENDED 0x20u
/* ADP_Stopped_ApplicationExit, §6.10 Table 6-4. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static uint32_t semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void semihost_puts(const char *text)
{
    semihost_call(SYS_WRITE0, text);
}

void semihost_put_hex(uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    char text[11];
    text[0] = '0';
    text[1] = 'x';
    for (int i = 0; i < 8; i++)
        text[2 + i] = digits[(v >> (28 - 4 * i)) & 0xFu];
    text[10] = '\0';
    semihost_puts(text);
}

void semihost_put_dec(uint32_t v)
{
    char text[11];
    int i = sizeof(text) - 1;
    text[i] = '\0';
    do {
        text[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    semihost_puts(&text[i]);
}

int semihost_cmdline(char *buf, uint32_t len_bytes)
{
    uint32_t block[2] = {(uint32_t)buf, len_bytes};
    return semihost_call(SYS_GET_CMDLINE, block) == 0u ? 0 : -1;
}

void semihost_exit(uint32_t status)
{
    const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, status};
    for (;;)
        semihost_call(SYS_EXIT_EXTENDED, block);
}
