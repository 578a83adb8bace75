/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700
#include "host_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <unistd.h>

int load_text(const char *text, int format, stm32dfu_image **image,
              struct stm32dfu_error_detail *detail)
{
    struct stm32dfu_load_options options = {.format = format};
    return stm32dfu_load_image_buffer((const uint8_t *)text, strlen(text), &options, image, detail);
}

stm32dfu_image *load_text_ok(const char *text, int format)
{
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    int rc = load_text(text, format, &image, &detail);
    if (rc)
        print_error("load failed: %s\n", detail.message);
    assert_int_equal(rc, STM32DFU_SUCCESS);
    return image;
}

void expect_text_error(const char *text, int format, int code, unsigned long line,
                       const char *fragment)
{
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load_text(text, format, &image, &detail), code);
    assert_null(image);
    assert_int_equal(detail.code, code);
    assert_int_equal(detail.line, line);
    assert_detail_contains(&detail, fragment);
}

void assert_detail_contains_at(const struct stm32dfu_error_detail *detail, const char *fragment,
                               const char *file, int line)
{
    if (strstr(detail->message, fragment))
        return;
    print_error("%s:%d: message \"%s\" lacks \"%s\"\n", file, line, detail->message, fragment);
    fail();
}

void assert_image_bytes(const stm32dfu_image *image, uint32_t address, const uint8_t *bytes,
                        size_t len)
{
    uint8_t *got = malloc(len);
    assert_non_null(got);
    size_t held = stm32dfu_image_read(image, 0, address, got, len, 0xFF);
    assert_int_equal(held, len);
    assert_memory_equal(got, bytes, len);
    free(got);
}

char *make_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *dir = malloc(4096);
    assert_non_null(dir);
    snprintf(dir, 4096, "%s/stm32dfu-host-test-XXXXXX", base && *base ? base : "/tmp");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void remove_temp_dir(char *dir)
{
    assert_int_equal(nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS), 0);
    free(dir);
}

char *write_temp_file(const char *dir, const char *name, const void *data, size_t len)
{
    char *path = malloc(4096);
    assert_non_null(path);
    snprintf(path, 4096, "%s/%s", dir, name);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(data, 1, len, file), len);
    assert_int_equal(fclose(file), 0);
    return path;
}

uint32_t reference_dfu_crc(const uint8_t *data, size_t len)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++)
            crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return crc;
}

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

size_t append_dfu_suffix(uint8_t *buf, size_t len, uint16_t bcdDFU)
{
    uint8_t *s = buf + len;
    put_le16(s, 0xFFFF);
    put_le16(s + 2, 0xDF11);
    put_le16(s + 4, 0x0483);
    put_le16(s + 6, bcdDFU);
    memcpy(s + 8, "UFD", 3);
    s[11] = 16;
    uint32_t crc = reference_dfu_crc(buf, len + 12);
    for (int i = 0; i < 4; i++)
        s[12 + i] = (uint8_t)(crc >> (8 * i));
    return len + 16;
}
