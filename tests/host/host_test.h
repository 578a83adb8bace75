/* SPDX-License-Identifier: MIT */
/* Shared helpers of the host library's unit tests (cmocka). */
#ifndef STM32DFU_HOST_TEST_H
#define STM32DFU_HOST_TEST_H

#include "named_test.h"

#include "stm32dfu_host.h"

/* Parse text (a whole file) with an explicit format; returns the error code. */
int load_text(const char *text, int format, stm32dfu_image **image,
              struct stm32dfu_error_detail *detail);

/* Parse text with an explicit format; fails the test (printing the detail)
 * unless it loads. */
stm32dfu_image *load_text_ok(const char *text, int format);

/* Fails the test unless text is refused with code, at line, with a message
 * containing fragment, and no image is returned. */
void expect_text_error(const char *text, int format, int code, unsigned long line,
                       const char *fragment);

/* Fails the test unless the detail's message contains fragment. */
#define assert_detail_contains(detail, fragment)                                                   \
    assert_detail_contains_at((detail), (fragment), __FILE__, __LINE__)
void assert_detail_contains_at(const struct stm32dfu_error_detail *detail, const char *fragment,
                               const char *file, int line);

/* Fails the test unless the image holds exactly these bytes at address (alt 0). */
void assert_image_bytes(const stm32dfu_image *image, uint32_t address, const uint8_t *bytes,
                        size_t len);

/* A fresh directory for one test's files; remove with remove_temp_dir(). */
char *make_temp_dir(void);
void remove_temp_dir(char *dir);
/* Write len bytes to dir/name; returns the path (free it). */
char *write_temp_file(const char *dir, const char *name, const void *data, size_t len);

/* CRC of a DFU suffix computed bit by bit (DFU 1.1 Appendix B: reflected CRC-32,
 * polynomial 0xEDB88320, start 0xFFFFFFFF, no final inversion), independent of zlib. */
uint32_t reference_dfu_crc(const uint8_t *data, size_t len);
/* Append a 16-byte DFU suffix (VID 0x0483, PID 0xDF11) with a correct CRC at
 * buf + len; returns the new length. */
size_t append_dfu_suffix(uint8_t *buf, size_t len, uint16_t bcdDFU);

#endif
