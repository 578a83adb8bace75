/* SPDX-License-Identifier: MIT */
/* Raw binary: the whole file at one base address, minus a DFU suffix if it has one. */
#include "image_private.h"

int s32dfu_format_bin_parse(stm32dfu_image *image, const struct parse_input *in, uint32_t base,
                            struct stm32dfu_error_detail *detail)
{
    struct parse_input body = *in;
    if (s32dfu_dfu_suffix_present(in)) {
        int rc = s32dfu_dfu_suffix_parse(image, in, detail);
        if (rc)
            return rc;
        body.len -= DFU_SUFFIX_LEN;
    }
    if ((uint64_t)base + body.len > 0x100000000ull) {
        s32dfu_detail_set(detail, STM32DFU_ERROR_FORMAT,
                          "%zu bytes at 0x%08X run past the 4 GiB address space; check --address",
                          body.len, (unsigned)base);
        s32dfu_detail_set_address(detail, base);
        return STM32DFU_ERROR_FORMAT;
    }
    int rc = s32dfu_image_add_bytes(image, 0, base, body.data, body.len, NULL);
    if (rc)
        return s32dfu_detail_set(detail, rc, "out of memory");
    return STM32DFU_SUCCESS;
}
