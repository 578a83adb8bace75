/* SPDX-License-Identifier: MIT */
/*
 * The DFU file suffix, the last 16 bytes of a .dfu file (DFU 1.1 Appendix B,
 * table B-1; docs/research/host_side.md#s2.1): bcdDevice, idProduct, idVendor, bcdDFU, the
 * signature "UFD", bLength 16 and dwCRC over every byte before dwCRC.
 */
#include <string.h>
#include <zlib.h>

#include "image_private.h"

#define SUFFIX_BCD_DFU_OFFSET   6u
#define SUFFIX_SIGNATURE_OFFSET 8u
#define SUFFIX_LENGTH_OFFSET    11u
#define SUFFIX_CRC_OFFSET       12u

uint32_t s32dfu_dfu_suffix_crc(const uint8_t *data, size_t len)
{
    /* DFU 1.1 Appendix B and dfu-util's dfu_file.c run the reflected CRC-32 from
     * 0xFFFFFFFF without the final inversion that zlib applies, so invert zlib's. */
    uLong crc = crc32(0L, Z_NULL, 0);
    while (len) {
        uInt chunk = len > 0x40000000u ? 0x40000000u : (uInt)len;
        crc = crc32(crc, data, chunk);
        data += chunk;
        len -= chunk;
    }
    return ~(uint32_t)crc;
}

bool s32dfu_dfu_suffix_present(const struct parse_input *in)
{
    if (in->len < DFU_SUFFIX_LEN)
        return false;
    const uint8_t *suffix = in->data + in->len - DFU_SUFFIX_LEN;
    return memcmp(suffix + SUFFIX_SIGNATURE_OFFSET, "UFD", 3) == 0 &&
           suffix[SUFFIX_LENGTH_OFFSET] == DFU_SUFFIX_LEN;
}

bool s32dfu_dfu_suffix_is_dfuse(const struct parse_input *in)
{
    return s32dfu_dfu_suffix_present(in) && get_le16(in->data + in->len - DFU_SUFFIX_LEN +
                                                     SUFFIX_BCD_DFU_OFFSET) == DFU_SUFFIX_BCD_DFUSE;
}

int s32dfu_dfu_suffix_parse(stm32dfu_image *image, const struct parse_input *in,
                            struct stm32dfu_error_detail *detail)
{
    if (!s32dfu_dfu_suffix_present(in))
        return s32dfu_detail_set_offset(
            detail, STM32DFU_ERROR_FORMAT, in->len < DFU_SUFFIX_LEN ? 0 : in->len - DFU_SUFFIX_LEN,
            "no DFU suffix (signature \"UFD\", length 16) at the end of "
            "the file; add one with dfu-suffix");
    size_t at = in->len - DFU_SUFFIX_LEN;
    const uint8_t *suffix = in->data + at;
    uint32_t stored = get_le32(suffix + SUFFIX_CRC_OFFSET);
    uint32_t computed = s32dfu_dfu_suffix_crc(in->data, in->len - 4);
    if (stored != computed)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_CRC, at + SUFFIX_CRC_OFFSET,
                                        "DFU suffix CRC 0x%08X, but the content gives 0x%08X; the "
                                        "file is damaged or was changed after the suffix was added",
                                        (unsigned)stored, (unsigned)computed);
    image->suffix.bcdDevice = get_le16(suffix);
    image->suffix.idProduct = get_le16(suffix + 2);
    image->suffix.idVendor = get_le16(suffix + 4);
    image->suffix.bcdDFU = get_le16(suffix + SUFFIX_BCD_DFU_OFFSET);
    image->has_suffix = true;
    return STM32DFU_SUCCESS;
}
