/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for one image parser, chosen at build time with FUZZ_FORMAT
 * (an enum stm32dfu_image_format; STM32DFU_FORMAT_AUTO fuzzes the format guess).
 * Besides memory errors, it aborts when a parsed image breaks the sparse-image
 * rules: per target, segments sorted, non-empty, neither overlapping nor touching.
 * With FUZZ_FIX_CRC, each input first gets a matching DFU suffix CRC, so that
 * mutations reach the DfuSe structure instead of stopping at the CRC check.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "stm32dfu_host.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT names the parser under test"
#endif

static void check_target(const stm32dfu_image *image, const struct stm32dfu_image_target *target)
{
    uint64_t previous_end = 0;
    for (size_t i = 0; i < target->segment_count; i++) {
        const struct stm32dfu_segment *s = &target->segments[i];
        uint64_t end = (uint64_t)s->address + s->len_bytes;
        if (s->len_bytes == 0 || end > 0x100000000ull || (i && s->address <= previous_end))
            abort();
        uint8_t window[64];
        size_t len = s->len_bytes < sizeof(window) ? s->len_bytes : sizeof(window);
        if (stm32dfu_image_read(image, target->alt, s->address, window, len, 0xFF) != len ||
            memcmp(window, s->data, len) != 0)
            abort();
        previous_end = end;
    }
}

/* The suffix CRC is the complement of zlib's CRC-32 (DFU 1.1 Appendix B). */
static void fix_crc(uint8_t *data, size_t size)
{
    if (size < 16)
        return;
    uint32_t crc = ~(uint32_t)crc32(0L, data, (uInt)(size - 4));
    for (int i = 0; i < 4; i++)
        data[size - 4 + i] = (uint8_t)(crc >> (8 * i));
}

static void parse(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_FIX_CRC
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    fix_crc(copy, size);
    parse(copy, size);
    free(copy);
#else
    (void)fix_crc;
    parse(data, size);
#endif
    return 0;
}

static void parse(const uint8_t *data, size_t size)
{
    struct stm32dfu_load_options options = {.format = FUZZ_FORMAT};
    if (FUZZ_FORMAT == STM32DFU_FORMAT_BIN || FUZZ_FORMAT == STM32DFU_FORMAT_AUTO) {
        options.has_base_address = FUZZ_FORMAT == STM32DFU_FORMAT_BIN;
        options.base_address = 0x08000000;
    }
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail;
    int rc = stm32dfu_load_image_buffer(data, size, &options, &image, &detail);
    if (rc) {
        if (image || detail.code != rc || !memchr(detail.message, '\0', sizeof(detail.message)))
            abort();
        return;
    }
    const struct stm32dfu_image_target *targets;
    size_t count = stm32dfu_image_get_targets(image, &targets);
    for (size_t t = 0; t < count; t++) {
        if (t && targets[t].alt <= targets[t - 1].alt)
            abort();
        check_target(image, &targets[t]);
    }
    stm32dfu_free_image(image);
}
