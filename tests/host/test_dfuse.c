/* SPDX-License-Identifier: MIT */
/* DfuSe .dfu parser and the DFU suffix: targets, elements, CRC and each malformed case. */
#include <string.h>

#include "host_test.h"

/* Builds a DfuSe file (UM0391 layout, docs/research/host_side.md#s2.2) in memory. */
struct dfuse_file {
    uint8_t bytes[8192];
    size_t len;
    size_t target_size_at;
};

static void put(struct dfuse_file *f, const void *data, size_t n)
{
    memcpy(f->bytes + f->len, data, n);
    f->len += n;
}

static void put_le32(struct dfuse_file *f, uint32_t v)
{
    const uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(f, b, 4);
}

static void patch_le32(struct dfuse_file *f, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        f->bytes[at + i] = (uint8_t)(v >> (8 * i));
}

static void begin_file(struct dfuse_file *f, uint8_t targets)
{
    f->len = 0;
    put(f, "DfuSe\x01", 6);
    put_le32(f, 0);
    put(f, &targets, 1);
}

static void begin_target(struct dfuse_file *f, uint8_t alt, const char *name, uint32_t elements)
{
    char name_field[255] = {0};
    strncpy(name_field, name, sizeof(name_field) - 1);
    put(f, "Target", 6);
    put(f, &alt, 1);
    put_le32(f, name[0] ? 1 : 0);
    put(f, name_field, sizeof(name_field));
    f->target_size_at = f->len;
    put_le32(f, 0);
    put_le32(f, elements);
}

static void element(struct dfuse_file *f, uint32_t address, const void *data, uint32_t n)
{
    put_le32(f, address);
    put_le32(f, n);
    put(f, data, n);
}

static void end_target(struct dfuse_file *f)
{
    patch_le32(f, f->target_size_at, (uint32_t)(f->len - f->target_size_at - 8));
}

/* Suffix and DFUImageSize (the whole file, UM0391). */
static void end_file(struct dfuse_file *f)
{
    patch_le32(f, 6, (uint32_t)(f->len + 16));
    f->len = append_dfu_suffix(f->bytes, f->len, 0x011A);
}

static const uint8_t vectors[8] = {0x00, 0x50, 0x00, 0x20, 0x01, 0x01, 0x00, 0x08};
static const uint8_t more[4] = {0xAA, 0xBB, 0xCC, 0xDD};
static const uint8_t option_bytes[4] = {0xAA, 0x55, 0xFF, 0x00};

static void build_single(struct dfuse_file *f)
{
    begin_file(f, 1);
    begin_target(f, 0, "Internal Flash", 2);
    element(f, 0x08000000, vectors, sizeof(vectors));
    element(f, 0x08004000, more, sizeof(more));
    end_target(f);
    end_file(f);
}

static int load_file_bytes(const struct dfuse_file *f, stm32dfu_image **image,
                           struct stm32dfu_error_detail *detail)
{
    struct stm32dfu_load_options options = {.format = STM32DFU_FORMAT_DFUSE};
    return stm32dfu_load_image_buffer(f->bytes, f->len, &options, image, detail);
}

static void expect_error(const struct dfuse_file *f, int code, const char *fragment)
{
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load_file_bytes(f, &image, &detail), code);
    assert_null(image);
    assert_int_equal(detail.code, code);
    assert_detail_contains(&detail, fragment);
}

static void two_targets_keep_alt_and_name(void **state)
{
    (void)state;
    static struct dfuse_file f;
    begin_file(&f, 2);
    begin_target(&f, 0, "Internal Flash", 2);
    element(&f, 0x08000000, vectors, sizeof(vectors));
    element(&f, 0x08004000, more, sizeof(more));
    end_target(&f);
    begin_target(&f, 1, "Option Bytes", 1);
    element(&f, 0x1FFFC000, option_bytes, sizeof(option_bytes));
    end_target(&f);
    end_file(&f);
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load_file_bytes(&f, &image, &detail), 0);
    const struct stm32dfu_image_target *targets;
    assert_int_equal(stm32dfu_image_get_targets(image, &targets), 2);
    assert_int_equal(targets[0].alt, 0);
    assert_string_equal(targets[0].name, "Internal Flash");
    assert_int_equal(targets[0].segment_count, 2);
    assert_int_equal(targets[0].segments[1].address, 0x08004000);
    assert_memory_equal(targets[0].segments[1].data, more, sizeof(more));
    assert_int_equal(targets[1].alt, 1);
    assert_string_equal(targets[1].name, "Option Bytes");
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 1, &segments), 1);
    assert_int_equal(segments[0].address, 0x1FFFC000);
    assert_memory_equal(segments[0].data, option_bytes, sizeof(option_bytes));
    stm32dfu_free_image(image);
}

static void suffix_ids_are_kept(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    stm32dfu_image *image = NULL;
    assert_int_equal(load_file_bytes(&f, &image, NULL), 0);
    struct stm32dfu_dfu_suffix suffix;
    assert_true(stm32dfu_image_get_suffix(image, &suffix));
    assert_int_equal(suffix.idVendor, 0x0483);
    assert_int_equal(suffix.idProduct, 0xDF11);
    assert_int_equal(suffix.bcdDFU, 0x011A);
    stm32dfu_free_image(image);
}

static void image_size_without_suffix_accepted(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    /* pydfu writes DFUImageSize without the 16-byte suffix. */
    patch_le32(&f, 6, (uint32_t)(f.len - 16));
    f.len = append_dfu_suffix(f.bytes, f.len - 16, 0x011A);
    stm32dfu_image *image = NULL;
    assert_int_equal(load_file_bytes(&f, &image, NULL), 0);
    stm32dfu_free_image(image);
}

static void bad_crc_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    f.bytes[300] ^= 0x01;
    expect_error(&f, STM32DFU_ERROR_CRC, "DFU suffix CRC");
}

static void bad_prefix_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    memcpy(f.bytes, "DfuSx", 5);
    f.len = append_dfu_suffix(f.bytes, f.len - 16, 0x011A);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "no \"DfuSe\" prefix");
}

static void bad_version_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    f.bytes[5] = 2;
    f.len = append_dfu_suffix(f.bytes, f.len - 16, 0x011A);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "DfuSe version 2");
}

static void element_beyond_file_end_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    begin_file(&f, 1);
    begin_target(&f, 0, "Internal Flash", 1);
    element(&f, 0x08000000, vectors, sizeof(vectors));
    end_target(&f);
    /* The element claims 4096 bytes; the file holds 8. */
    patch_le32(&f, f.len - 12, 4096);
    end_file(&f);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "element 0 of target 0 claims 4096 bytes");
}

static void target_size_beyond_file_end_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    patch_le32(&f, 11 + 266, 100000);
    f.len = append_dfu_suffix(f.bytes, f.len - 16, 0x011A);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "dwTargetSize is 100000 bytes");
}

static void overlapping_elements_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    begin_file(&f, 1);
    begin_target(&f, 0, "Internal Flash", 2);
    element(&f, 0x08000000, vectors, sizeof(vectors));
    element(&f, 0x08000004, more, sizeof(more));
    end_target(&f);
    end_file(&f);
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load_file_bytes(&f, &image, &detail), STM32DFU_ERROR_OVERLAP);
    assert_int_equal(detail.address, 0x08000004);
    assert_detail_contains(&detail, "element 1 of target 0");
}

static void wrong_bcd_dfu_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    f.len = append_dfu_suffix(f.bytes, f.len - 16, 0x0100);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "bcdDFU 0x0100");
}

static void missing_suffix_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    f.len -= 16;
    expect_error(&f, STM32DFU_ERROR_FORMAT, "no DFU suffix");
}

static void bytes_after_last_target_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    f.len -= 16;
    put(&f, "junk", 4);
    patch_le32(&f, 6, (uint32_t)(f.len + 16));
    f.len = append_dfu_suffix(f.bytes, f.len, 0x011A);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "4 bytes after the last target");
}

static void image_size_mismatch_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    patch_le32(&f, 6, 12345);
    f.len = append_dfu_suffix(f.bytes, f.len - 16, 0x011A);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "DFUImageSize says 12345 bytes");
}

static void zero_targets_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    begin_file(&f, 0);
    end_file(&f);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "bTargets is 0");
}

static void target_size_mismatch_refused(void **state)
{
    (void)state;
    static struct dfuse_file f;
    build_single(&f);
    /* One element fewer than the bytes of the target. */
    patch_le32(&f, 11 + 270, 1);
    f.len = append_dfu_suffix(f.bytes, f.len - 16, 0x011A);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "after its last element");
}

static void reference_crc_matches_check_value(void **state)
{
    (void)state;
    /* The CRC-32 check value of "123456789" is 0xCBF43926 (with the final
     * inversion); the DFU suffix convention drops that inversion. */
    assert_int_equal(reference_dfu_crc((const uint8_t *)"123456789", 9), ~0xCBF43926u);
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/dfuse/two-targets-keep-alt-and-name", two_targets_keep_alt_and_name),
        NAMED_TEST("host/dfuse/suffix-ids-are-kept", suffix_ids_are_kept),
        NAMED_TEST("host/dfuse/image-size-without-suffix-accepted",
                   image_size_without_suffix_accepted),
        NAMED_TEST("host/dfuse/bad-crc-refused", bad_crc_refused),
        NAMED_TEST("host/dfuse/bad-prefix-refused", bad_prefix_refused),
        NAMED_TEST("host/dfuse/bad-version-refused", bad_version_refused),
        NAMED_TEST("host/dfuse/element-beyond-file-end-refused", element_beyond_file_end_refused),
        NAMED_TEST("host/dfuse/target-size-beyond-file-end-refused",
                   target_size_beyond_file_end_refused),
        NAMED_TEST("host/dfuse/overlapping-elements-refused", overlapping_elements_refused),
        NAMED_TEST("host/dfuse/wrong-bcd-dfu-refused", wrong_bcd_dfu_refused),
        NAMED_TEST("host/dfuse/missing-suffix-refused", missing_suffix_refused),
        NAMED_TEST("host/dfuse/bytes-after-last-target-refused", bytes_after_last_target_refused),
        NAMED_TEST("host/dfuse/image-size-mismatch-refused", image_size_mismatch_refused),
        NAMED_TEST("host/dfuse/zero-targets-refused", zero_targets_refused),
        NAMED_TEST("host/dfuse/target-size-mismatch-refused", target_size_mismatch_refused),
        NAMED_TEST("host/dfu-suffix/reference-crc-matches-check-value",
                   reference_crc_matches_check_value),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
