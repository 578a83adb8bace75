/* SPDX-License-Identifier: MIT */
/*
 * ST DfuSe .dfu reader (UM0391 "DfuSe File Format Specification" Rev 1; the
 * layout as summarised in docs/research/host_side.md#s2.2). Inside the DFU suffix:
 *   prefix  "DfuSe" bVersion=1 DFUImageSize(u32) bTargets(u8)          11 bytes
 *   target  "Target" bAlternateSetting bTargetNamed(u32) szTargetName[255]
 *           dwTargetSize(u32) dwNbElements(u32)                       274 bytes
 *   element dwElementAddress(u32) dwElementSize(u32) data
 * All integers are little-endian.
 */
#include <string.h>

#include "image_private.h"

#define DFUSE_PREFIX_LEN       11u
#define DFUSE_VERSION          0x01u
#define DFUSE_TARGET_LEN       274u
#define DFUSE_TARGET_NAME_LEN  255u
#define DFUSE_ELEMENT_HEAD_LEN 8u

struct dfuse_cursor {
    const uint8_t *data;
    size_t pos;
    /* end of the file without its suffix */
    size_t end;
};

static int read_prefix(struct dfuse_cursor *cur, size_t file_len, unsigned int *targets,
                       struct stm32dfu_error_detail *detail)
{
    if (cur->end < DFUSE_PREFIX_LEN || memcmp(cur->data, "DfuSe", 5) != 0)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, 0,
                                        "no \"DfuSe\" prefix; this is not a DfuSe file (for a raw "
                                        "binary with a DFU suffix, name the format bin)");
    if (cur->data[5] != DFUSE_VERSION)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, 5,
                                        "DfuSe version %u; only version 1 exists", cur->data[5]);
    uint32_t image_size = get_le32(cur->data + 6);
    /* UM0391 counts the whole file; pydfu leaves out the suffix. Accept both. */
    if (image_size != file_len && image_size != cur->end)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, 6,
                                        "DFUImageSize says %lu bytes, but the file has %zu; it is "
                                        "truncated or padded",
                                        (unsigned long)image_size, file_len);
    *targets = cur->data[10];
    if (*targets == 0)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, 10,
                                        "bTargets is 0: the file holds nothing to write");
    cur->pos = DFUSE_PREFIX_LEN;
    return STM32DFU_SUCCESS;
}

static int read_element(stm32dfu_image *image, struct dfuse_cursor *cur, uint8_t alt,
                        unsigned int target, uint32_t element, size_t target_end,
                        struct stm32dfu_error_detail *detail)
{
    size_t at = cur->pos;
    if (target_end - at < DFUSE_ELEMENT_HEAD_LEN)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, at,
                                        "element %lu of target %u: its header runs past the end of "
                                        "the target; the file is truncated",
                                        (unsigned long)element, target);
    uint32_t address = get_le32(cur->data + at);
    uint32_t size = get_le32(cur->data + at + 4);
    cur->pos = at + DFUSE_ELEMENT_HEAD_LEN;
    if (size > target_end - cur->pos)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, at,
                                        "element %lu of target %u claims %lu bytes, but only %zu "
                                        "remain in the target; the file is truncated",
                                        (unsigned long)element, target, (unsigned long)size,
                                        target_end - cur->pos);
    if ((uint64_t)address + size > 0x100000000ull)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, at,
                                        "element %lu of target %u at 0x%08lX + %lu bytes runs past "
                                        "the 4 GiB address space",
                                        (unsigned long)element, target, (unsigned long)address,
                                        (unsigned long)size);
    struct image_clash clash;
    int rc = s32dfu_image_add_bytes(image, alt, address, cur->data + cur->pos, size, &clash);
    if (rc == STM32DFU_ERROR_OVERLAP) {
        s32dfu_detail_set_offset(detail, rc, at,
                                 "element %lu of target %u (0x%08lX-0x%08lX) overlaps data at "
                                 "0x%08lX-0x%08lX; remove the duplicate element",
                                 (unsigned long)element, target, (unsigned long)address,
                                 (unsigned long)(address + size - 1), (unsigned long)clash.first,
                                 (unsigned long)clash.last);
        s32dfu_detail_set_address(detail, clash.address);
    } else if (rc) {
        s32dfu_detail_set(detail, rc, "out of memory");
    }
    cur->pos += size;
    return rc;
}

static int read_target(stm32dfu_image *image, struct dfuse_cursor *cur, unsigned int target,
                       struct stm32dfu_error_detail *detail)
{
    size_t at = cur->pos;
    if (cur->end - at < DFUSE_TARGET_LEN || memcmp(cur->data + at, "Target", 6) != 0)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, at,
                                        "target %u: no \"Target\" prefix; the file is truncated or "
                                        "bTargets is wrong",
                                        target);
    const uint8_t *head = cur->data + at;
    uint8_t alt = head[6];
    bool named = get_le32(head + 7) != 0;
    uint32_t target_size = get_le32(head + 266);
    uint32_t elements = get_le32(head + 270);
    cur->pos = at + DFUSE_TARGET_LEN;
    if (target_size > cur->end - cur->pos)
        return s32dfu_detail_set_offset(
            detail, STM32DFU_ERROR_FORMAT, at + 266,
            "target %u: dwTargetSize is %lu bytes, but only %zu remain; "
            "the file is truncated",
            target, (unsigned long)target_size, cur->end - cur->pos);
    int rc = s32dfu_image_set_target_name(image, alt, named ? (const char *)head + 11 : "",
                                          DFUSE_TARGET_NAME_LEN);
    if (rc)
        return s32dfu_detail_set(detail, rc, "out of memory");
    size_t target_end = cur->pos + target_size;
    for (uint32_t e = 0; e < elements; e++) {
        rc = read_element(image, cur, alt, target, e, target_end, detail);
        if (rc)
            return rc;
    }
    if (cur->pos != target_end)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, cur->pos,
                                        "target %u: %zu bytes after its last element; dwTargetSize "
                                        "or dwNbElements is wrong",
                                        target, target_end - cur->pos);
    return STM32DFU_SUCCESS;
}

int s32dfu_format_dfuse_parse(stm32dfu_image *image, const struct parse_input *in,
                              struct stm32dfu_error_detail *detail)
{
    int rc = s32dfu_dfu_suffix_parse(image, in, detail);
    if (rc)
        return rc;
    if (image->suffix.bcdDFU != DFU_SUFFIX_BCD_DFUSE)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, in->len - DFU_SUFFIX_LEN + 6,
                                        "bcdDFU 0x%04X in the DFU suffix; a DfuSe file has 0x011A",
                                        image->suffix.bcdDFU);
    struct dfuse_cursor cur = {in->data, 0, in->len - DFU_SUFFIX_LEN};
    unsigned int targets;
    rc = read_prefix(&cur, in->len, &targets, detail);
    for (unsigned int t = 0; !rc && t < targets; t++)
        rc = read_target(image, &cur, t, detail);
    if (rc)
        return rc;
    if (cur.pos != cur.end)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, cur.pos,
                                        "%zu bytes after the last target; bTargets is wrong or the "
                                        "file was padded",
                                        cur.end - cur.pos);
    return STM32DFU_SUCCESS;
}
