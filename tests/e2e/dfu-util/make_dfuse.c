/* SPDX-License-Identifier: MIT */
/*
 * Test helper: writes a DfuSe file (ST UM0391 Rev 1 §2: prefix, one target, image elements)
 * with a DFU 1.1 suffix (DFU 1.1 Appendix B; bcdDFU 0x011A as DfuSe files carry), for the
 * e2e tests that download a .dfu file with dfu-util.
 *
 * usage: e2e-make-dfuse OUT ALT ADDR FILE [ADDR FILE ...]
 * Each FILE becomes one element stored at ADDR (decimal or 0x hex). Exit 0, or 2 on error.
 */
#define _POSIX_C_SOURCE 200809L

#include <zlib.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TARGET_PREFIX_LEN 274 /* UM0391 §2.3: "Target", alt, named, name[255], size, count */

struct buffer {
    uint8_t *data;
    size_t len;
};

static void put(struct buffer *b, const void *p, size_t n)
{
    b->data = realloc(b->data, b->len + n);
    if (!b->data) {
        perror("e2e-make-dfuse");
        exit(2);
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_le(struct buffer *b, uint32_t v, size_t n)
{
    uint8_t bytes[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};

    put(b, bytes, n);
}

static void set_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* One element: address, size, bytes (UM0391 §2.4). */
static void put_element(struct buffer *b, const char *addr, const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t chunk[4096];
    struct buffer data = {NULL, 0};
    size_t n;

    if (!f) {
        perror(path);
        exit(2);
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        put(&data, chunk, n);
    fclose(f);
    put_le(b, (uint32_t)strtoul(addr, NULL, 0), 4);
    put_le(b, (uint32_t)data.len, 4);
    put(b, data.data, data.len);
    free(data.data);
}

int main(int argc, char **argv)
{
    struct buffer b = {NULL, 0};
    uint8_t name[255] = "stm32dfu e2e";
    size_t target_start;
    unsigned elements = (unsigned)(argc - 3) / 2;
    FILE *out;

    if (argc < 5 || (argc - 3) % 2) {
        fprintf(stderr, "usage: e2e-make-dfuse OUT ALT ADDR FILE [ADDR FILE ...]\n");
        return 2;
    }
    put(&b, "DfuSe\x01", 6);
    put_le(&b, 0, 4); /* DFUImageSize, patched below */
    put_le(&b, 1, 1); /* bTargets */
    target_start = b.len;
    put(&b, "Target", 6);
    put_le(&b, (uint32_t)strtoul(argv[2], NULL, 0), 1);
    put_le(&b, 1, 4); /* bTargetNamed */
    put(&b, name, sizeof(name));
    put_le(&b, 0, 4); /* dwTargetSize, patched below */
    put_le(&b, elements, 4);
    for (int i = 3; i + 1 < argc; i += 2)
        put_element(&b, argv[i], argv[i + 1]);
    set_le32(b.data + target_start + TARGET_PREFIX_LEN - 8,
             (uint32_t)(b.len - target_start - TARGET_PREFIX_LEN));
    set_le32(b.data + 6, (uint32_t)b.len);
    /* suffix: bcdDevice, idProduct, idVendor, bcdDFU, "UFD", bLength (DFU 1.1 Table B.1) */
    put_le(&b, 0xffff, 2);
    put_le(&b, 0xdf11, 2);
    put_le(&b, 0x0483, 2);
    put_le(&b, 0x011a, 2);
    put(&b, "UFD\x10", 4);
    /* dwCRC: CRC-32 of everything before it, without the final inversion (Appendix B) */
    put_le(&b, (uint32_t)crc32(0, b.data, (uInt)b.len) ^ 0xffffffffu, 4);
    out = fopen(argv[1], "wb");
    if (!out || fwrite(b.data, 1, b.len, out) != b.len || fclose(out) != 0) {
        perror(argv[1]);
        return 2;
    }
    free(b.data);
    return 0;
}
