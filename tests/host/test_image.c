/* SPDX-License-Identifier: MIT */
/* The sparse image: merge, overlap refusal, fill, targets. */
#include <string.h>

#include "host_test.h"

static const uint8_t abcd[4] = {'a', 'b', 'c', 'd'};

static stm32dfu_image *new_image(void)
{
    stm32dfu_image *image = NULL;
    assert_int_equal(stm32dfu_new_image(&image), 0);
    return image;
}

static void add_ok(stm32dfu_image *image, uint8_t alt, uint32_t address, size_t len)
{
    uint8_t data[64];
    for (size_t i = 0; i < len; i++)
        data[i] = (uint8_t)(address + i);
    assert_int_equal(stm32dfu_image_add(image, alt, address, data, len, NULL), 0);
}

static int segment_count(const stm32dfu_image *image)
{
    const struct stm32dfu_segment *segments;
    return stm32dfu_image_get_segments(image, 0, &segments);
}

static void empty_image_has_no_targets(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    const struct stm32dfu_image_target *targets;
    assert_int_equal(stm32dfu_image_get_targets(image, &targets), 0);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 0);
    assert_null(segments);
    assert_int_equal(stm32dfu_image_get_format(image), STM32DFU_FORMAT_AUTO);
    stm32dfu_free_image(image);
}

static void out_of_order_adds_are_sorted(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    add_ok(image, 0, 0x300, 4);
    add_ok(image, 0, 0x100, 4);
    add_ok(image, 0, 0x200, 4);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 3);
    assert_int_equal(segments[0].address, 0x100);
    assert_int_equal(segments[1].address, 0x200);
    assert_int_equal(segments[2].address, 0x300);
    stm32dfu_free_image(image);
}

static void adjacent_before_and_after_coalesce(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    add_ok(image, 0, 0x100, 16);
    add_ok(image, 0, 0x120, 16);
    assert_int_equal(segment_count(image), 2);
    /* Fills the gap exactly: the three become one. */
    add_ok(image, 0, 0x110, 16);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].address, 0x100);
    assert_int_equal(segments[0].len_bytes, 48);
    for (size_t i = 0; i < 48; i++)
        assert_int_equal(segments[0].data[i], (uint8_t)(0x100 + i));
    stm32dfu_free_image(image);
}

static void prepend_coalesces(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    add_ok(image, 0, 0x110, 16);
    add_ok(image, 0, 0x100, 16);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].address, 0x100);
    for (size_t i = 0; i < 32; i++)
        assert_int_equal(segments[0].data[i], (uint8_t)(0x100 + i));
    stm32dfu_free_image(image);
}

static void overlap_refused_and_image_unchanged(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    add_ok(image, 0, 0x100, 16);
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_image_add(image, 0, 0x0F8, abcd, 4, &detail), 0);
    assert_int_equal(stm32dfu_image_add(image, 0, 0x0FE, abcd, 4, &detail), STM32DFU_ERROR_OVERLAP);
    assert_int_equal(detail.address, 0x100);
    assert_detail_contains(&detail, "0x00000100-0x0000010F");
    assert_int_equal(segment_count(image), 2);
    stm32dfu_free_image(image);
}

static void overlap_inside_refused(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    add_ok(image, 0, 0x100, 16);
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_image_add(image, 0, 0x104, abcd, 4, &detail), STM32DFU_ERROR_OVERLAP);
    assert_int_equal(detail.address, 0x104);
    stm32dfu_free_image(image);
}

static void same_address_in_other_alt_allowed(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    add_ok(image, 1, 0x100, 4);
    add_ok(image, 0, 0x100, 4);
    const struct stm32dfu_image_target *targets;
    assert_int_equal(stm32dfu_image_get_targets(image, &targets), 2);
    assert_int_equal(targets[0].alt, 0);
    assert_int_equal(targets[1].alt, 1);
    assert_int_equal(targets[1].segment_count, 1);
    stm32dfu_free_image(image);
}

static void past_4gib_refused(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_image_add(image, 0, 0xFFFFFFFE, abcd, 4, &detail),
                     STM32DFU_ERROR_OUT_OF_RANGE);
    assert_detail_contains(&detail, "past the 4 GiB");
    /* The last byte of the address space is fine. */
    assert_int_equal(stm32dfu_image_add(image, 0, 0xFFFFFFFC, abcd, 4, NULL), 0);
    stm32dfu_free_image(image);
}

static void read_fills_gaps(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    assert_int_equal(stm32dfu_image_add(image, 0, 0x102, abcd, 2, NULL), 0);
    assert_int_equal(stm32dfu_image_add(image, 0, 0x106, abcd + 2, 2, NULL), 0);
    uint8_t buf[10];
    assert_int_equal(stm32dfu_image_read(image, 0, 0x100, buf, sizeof(buf), 0xFF), 4);
    const uint8_t want[10] = {0xFF, 0xFF, 'a', 'b', 0xFF, 0xFF, 'c', 'd', 0xFF, 0xFF};
    assert_memory_equal(buf, want, sizeof(want));
    assert_int_equal(stm32dfu_image_read(image, 1, 0x100, buf, sizeof(buf), 0x00), 0);
    stm32dfu_free_image(image);
}

static void read_window_inside_segment(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    add_ok(image, 0, 0x100, 32);
    uint8_t buf[4];
    assert_int_equal(stm32dfu_image_read(image, 0, 0x110, buf, sizeof(buf), 0xFF), 4);
    const uint8_t want[4] = {0x10, 0x11, 0x12, 0x13};
    assert_memory_equal(buf, want, sizeof(want));
    stm32dfu_free_image(image);
}

static void many_appends_stay_one_segment(void **state)
{
    (void)state;
    stm32dfu_image *image = new_image();
    for (uint32_t i = 0; i < 4096; i++)
        add_ok(image, 0, 0x08000000 + 16 * i, 16);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].len_bytes, 65536);
    assert_int_equal(segments[0].data[65535], (uint8_t)(0x08000000 + 16 * 4095 + 15));
    stm32dfu_free_image(image);
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/image/empty-image-has-no-targets", empty_image_has_no_targets),
        NAMED_TEST("host/image/out-of-order-adds-are-sorted", out_of_order_adds_are_sorted),
        NAMED_TEST("host/image/adjacent-before-and-after-coalesce",
                   adjacent_before_and_after_coalesce),
        NAMED_TEST("host/image/prepend-coalesces", prepend_coalesces),
        NAMED_TEST("host/image/overlap-refused-and-image-unchanged",
                   overlap_refused_and_image_unchanged),
        NAMED_TEST("host/image/overlap-inside-refused", overlap_inside_refused),
        NAMED_TEST("host/image/same-address-in-other-alt-allowed",
                   same_address_in_other_alt_allowed),
        NAMED_TEST("host/image/past-4gib-refused", past_4gib_refused),
        NAMED_TEST("host/image/read-fills-gaps", read_fills_gaps),
        NAMED_TEST("host/image/read-window-inside-segment", read_window_inside_segment),
        NAMED_TEST("host/image/many-appends-stay-one-segment", many_appends_stay_one_segment),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
