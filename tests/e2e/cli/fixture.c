/* SPDX-License-Identifier: MIT */
/* Test inputs for the CLI end-to-end tests:
 *   fixture pattern SEED LENGTH OUT   a firmware-like binary: a Cortex-M vector
 *                                     table (SP in SRAM, odd reset vector in flash,
 *                                     ARMv7-M ARM DDI0403E B1.5.3) then bytes from SEED
 *   fixture dfuse ADDR IN OUT [ALT]   IN wrapped as a one-target DfuSe file (UM0391
 *                                     layout, docs/research/host_side.md#s2.2) for alternate
 * setting ALT (default 0) with a DFU suffix fixture dfuse-empty OUT           a DfuSe file whose
 * one target has no element fixture patch IN OFFSET LENGTH SEED OUT   IN with LENGTH bytes at
 * OFFSET replaced fixture corrupt-crc IN OUT        IN with the last byte (suffix CRC) inverted */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define FLASH_BASE 0x08000000u
#define SRAM_TOP   0x20010000u

static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int write_all(const char *path, const uint8_t *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "fixture: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* xorshift32: deterministic bytes from a seed. */
static void fill(uint8_t *buf, size_t len, uint32_t seed)
{
    uint32_t x = seed ? seed : 1u;
    for (size_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
}

static int pattern(uint32_t seed, size_t len, const char *out)
{
    uint8_t *buf = calloc(len ? len : 1, 1);
    fill(buf, len, seed);
    if (len >= 8) {
        put32(buf, SRAM_TOP);
        put32(buf + 4, FLASH_BASE + 0x101u);
    }
    int r = write_all(out, buf, len);
    free(buf);
    return r;
}

/* in NULL: the target has no element. */
static int dfuse(uint32_t address, const char *in, const char *out, uint8_t alt)
{
    size_t len = 0;
    uint8_t *data = in ? read_all(in, &len) : calloc(1, 1);
    if (!data)
        return 1;
    uint32_t elements = in ? 1 : 0;
    size_t total = 11 + 274 + (in ? 8 + len : 0) + 16;
    uint8_t *f = calloc(total, 1);
    memcpy(f, "DfuSe", 5);
    f[5] = 1;
    put32(f + 6, (uint32_t)total);
    f[10] = 1;
    uint8_t *t = f + 11;
    memcpy(t, "Target", 6);
    t[6] = alt;
    put32(t + 266, (uint32_t)(total - 11 - 274 - 16));
    put32(t + 270, elements);
    if (elements) {
        put32(t + 274, address);
        put32(t + 278, (uint32_t)len);
        memcpy(t + 282, data, len);
    }
    uint8_t *s = f + total - 16;
    s[0] = s[1] = s[2] = s[3] = 0xFF;
    s[4] = 0x83;
    s[5] = 0x04;
    s[6] = 0x1A;
    s[7] = 0x01;
    memcpy(s + 8, "UFD", 3);
    s[11] = 16;
    uint32_t crc = ~(uint32_t)crc32(0, f, (uInt)(total - 4));
    put32(s + 12, crc);
    int r = write_all(out, f, total);
    free(f);
    free(data);
    return r;
}

static int patch(const char *in, size_t offset, size_t len, uint32_t seed, const char *out)
{
    size_t n;
    uint8_t *data = read_all(in, &n);
    if (!data || offset + len > n)
        return 1;
    fill(data + offset, len, seed);
    int r = write_all(out, data, n);
    free(data);
    return r;
}

static int corrupt_crc(const char *in, const char *out)
{
    size_t n;
    uint8_t *data = read_all(in, &n);
    if (!data || n == 0)
        return 1;
    data[n - 1] ^= 0xFF;
    int r = write_all(out, data, n);
    free(data);
    return r;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "pattern") == 0)
        return pattern((uint32_t)strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0), argv[4]);
    if ((argc == 5 || argc == 6) && strcmp(argv[1], "dfuse") == 0)
        return dfuse((uint32_t)strtoul(argv[2], NULL, 0), argv[3], argv[4],
                     argc == 6 ? (uint8_t)strtoul(argv[5], NULL, 0) : 0);
    if (argc == 3 && strcmp(argv[1], "dfuse-empty") == 0)
        return dfuse(0, NULL, argv[2], 0);
    if (argc == 7 && strcmp(argv[1], "patch") == 0)
        return patch(argv[2], strtoul(argv[3], NULL, 0), strtoul(argv[4], NULL, 0),
                     (uint32_t)strtoul(argv[5], NULL, 0), argv[6]);
    if (argc == 4 && strcmp(argv[1], "corrupt-crc") == 0)
        return corrupt_crc(argv[2], argv[3]);
    fprintf(stderr,
            "usage: fixture pattern SEED LENGTH OUT | dfuse ADDR IN OUT [ALT] | dfuse-empty OUT | "
            "patch IN OFFSET LENGTH SEED OUT | corrupt-crc IN OUT\n");
    return 64;
}
