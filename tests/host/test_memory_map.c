/* SPDX-License-Identifier: MIT */
/* DfuSe memory-layout strings, checking an image against them, and touched sectors. */
#include <stdio.h>
#include <string.h>

#include "host_test.h"

/* STM32F405/F407 ROM, alt 0 (fidelity dumps in tests/e2e/dfu-util/fidelity;
 * docs/research/host_side.md#s1.9). */
#define F4_FLASH "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"

static stm32dfu_memory_map *parse_ok(const char *layout)
{
    stm32dfu_memory_map *map = NULL;
    struct stm32dfu_error_detail detail = {0};
    int rc = stm32dfu_parse_memory_map(layout, &map, &detail);
    if (rc)
        print_error("parse failed: %s\n", detail.message);
    assert_int_equal(rc, 0);
    return map;
}

static void expect_parse_error(const char *layout, int code, size_t column, const char *fragment)
{
    stm32dfu_memory_map *map = NULL;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_parse_memory_map(layout, &map, &detail), code);
    assert_null(map);
    if (column) {
        assert_true(detail.has_offset);
        assert_int_equal(detail.offset + 1, column);
    }
    assert_detail_contains(&detail, fragment);
}

static void f4_flash_has_three_regions(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok(F4_FLASH);
    assert_string_equal(stm32dfu_memory_map_name(map), "Internal Flash");
    const struct stm32dfu_memory_region *r;
    assert_int_equal(stm32dfu_memory_map_get_regions(map, &r), 3);
    assert_int_equal(r[0].start, 0x08000000);
    assert_int_equal(r[0].sector_size, 16 * 1024);
    assert_int_equal(r[0].sector_count, 4);
    assert_int_equal(r[1].start, 0x08010000);
    assert_int_equal(r[1].sector_size, 64 * 1024);
    assert_int_equal(r[2].start, 0x08020000);
    assert_int_equal(r[2].sector_size, 128 * 1024);
    assert_int_equal(r[2].sector_count, 7);
    assert_true(r[2].readable && r[2].erasable && r[2].writeable);
    stm32dfu_free_memory_map(map);
}

static void type_letters_give_access_bits(void **state)
{
    (void)state;
    /* UM0424 §4.3.2 via dfu-util dfuse_mem.c: bit 0 read, bit 1 erase, bit 2 write. */
    static const struct {
        char letter;
        bool readable, erasable, writeable;
    } rows[] = {
        {'a', 1, 0, 0}, {'b', 0, 1, 0}, {'c', 1, 1, 0}, {'d', 0, 0, 1},
        {'e', 1, 0, 1}, {'f', 0, 1, 1}, {'g', 1, 1, 1},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char layout[64];
        snprintf(layout, sizeof(layout), "@X/0x0/1*1K%c", rows[i].letter);
        stm32dfu_memory_map *map = parse_ok(layout);
        const struct stm32dfu_memory_region *r;
        assert_int_equal(stm32dfu_memory_map_get_regions(map, &r), 1);
        assert_int_equal(r[0].type, rows[i].letter);
        assert_int_equal(r[0].readable, rows[i].readable);
        assert_int_equal(r[0].erasable, rows[i].erasable);
        assert_int_equal(r[0].writeable, rows[i].writeable);
        stm32dfu_free_memory_map(map);
    }
}

static void space_unit_means_bytes(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok("@Option Bytes  /0x1FFFC000/01*016 g");
    const struct stm32dfu_memory_region *r;
    assert_int_equal(stm32dfu_memory_map_get_regions(map, &r), 1);
    assert_int_equal(r[0].sector_size, 16);
    assert_string_equal(stm32dfu_memory_map_name(map), "Option Bytes");
    stm32dfu_free_memory_map(map);
}

static void several_groups_parsed(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok("@Option Bytes   /0x1FFF7800/01*048 e/0x1FFFF800/01*048 e");
    const struct stm32dfu_memory_region *r;
    assert_int_equal(stm32dfu_memory_map_get_regions(map, &r), 2);
    assert_int_equal(r[0].start, 0x1FFF7800);
    assert_int_equal(r[1].start, 0x1FFFF800);
    assert_int_equal(r[1].sector_size, 48);
    stm32dfu_free_memory_map(map);
}

static void megabyte_unit_and_byte_unit(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok("@Ext/0x90000000/2*1Mg,4*512Bg");
    const struct stm32dfu_memory_region *r;
    assert_int_equal(stm32dfu_memory_map_get_regions(map, &r), 2);
    assert_int_equal(r[0].sector_size, 1024 * 1024);
    assert_int_equal(r[1].start, 0x90200000);
    assert_int_equal(r[1].sector_size, 512);
    stm32dfu_free_memory_map(map);
}

static void missing_at_refused(void **state)
{
    (void)state;
    expect_parse_error("Internal Flash/0x08000000/4*16Kg", STM32DFU_ERROR_FORMAT, 1,
                       "expected '@'");
}

static void bad_unit_names_column(void **state)
{
    (void)state;
    expect_parse_error("@Flash/0x08000000/04*016Xg", STM32DFU_ERROR_FORMAT, 25,
                       "expected a size unit ('B', 'K', 'M' or ' '), got 'X'");
}

static void missing_star_names_column(void **state)
{
    (void)state;
    expect_parse_error("@Flash/0x08000000/04x016Kg", STM32DFU_ERROR_FORMAT, 21,
                       "expected '*' after the sector count");
}

static void bad_type_letter_names_column(void **state)
{
    (void)state;
    expect_parse_error("@Flash/0x08000000/04*016Kh", STM32DFU_ERROR_FORMAT, 26,
                       "expected a sector type 'a'..'g', got 'h'");
}

static void missing_start_address_refused(void **state)
{
    (void)state;
    expect_parse_error("@Flash/08000000/04*016Kg", STM32DFU_ERROR_FORMAT, 9, "\"0x...\"");
}

static void no_groups_refused(void **state)
{
    (void)state;
    expect_parse_error("@Flash", STM32DFU_ERROR_FORMAT, 7, "no \"/0x<start>/<sectors>\"");
}

static void zero_count_refused(void **state)
{
    (void)state;
    expect_parse_error("@Flash/0x08000000/00*016Kg", STM32DFU_ERROR_FORMAT, 19, "empty");
}

static void past_4gib_refused(void **state)
{
    (void)state;
    expect_parse_error("@Flash/0xFFFF0000/2*64Kg", STM32DFU_ERROR_FORMAT, 19, "past 4 GiB");
}

static void overlapping_regions_refused(void **state)
{
    (void)state;
    expect_parse_error("@Flash/0x08000000/4*16Kg/0x08008000/1*16Kg", STM32DFU_ERROR_OVERLAP, 0,
                       "overlap");
}

static void trailing_junk_refused(void **state)
{
    (void)state;
    expect_parse_error("@Flash/0x08000000/4*16Kg;", STM32DFU_ERROR_FORMAT, 25,
                       "expected ',' or '/' or the end, got ';'");
}

static void find_sector_rounds_down(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok(F4_FLASH);
    struct stm32dfu_memory_sector sector;
    assert_int_equal(stm32dfu_memory_map_find_sector(map, 0x08023456, &sector), 0);
    assert_int_equal(sector.start, 0x08020000);
    assert_int_equal(sector.size, 128 * 1024);
    assert_int_equal(sector.region, 2);
    assert_int_equal(stm32dfu_memory_map_find_sector(map, 0x08100000, &sector),
                     STM32DFU_ERROR_OUT_OF_RANGE);
    stm32dfu_free_memory_map(map);
}

static const uint8_t zeros[64];

static void check_inside_flash_passes(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok(F4_FLASH);
    const struct stm32dfu_segment segments[] = {
        {0x08000000, 64, zeros},
        {0x080FFFC0, 64, zeros},
    };
    assert_int_equal(stm32dfu_memory_map_check(map, segments, 2, NULL), 0);
    stm32dfu_free_memory_map(map);
}

static void check_beyond_flash_names_address_and_region(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok(F4_FLASH);
    const struct stm32dfu_segment segments[] = {{0x080FFFE0, 64, zeros}};
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_memory_map_check(map, segments, 1, &detail),
                     STM32DFU_ERROR_OUT_OF_RANGE);
    assert_true(detail.has_address);
    assert_int_equal(detail.address, 0x08100000);
    assert_detail_contains(&detail, "0x08100000");
    assert_detail_contains(&detail, "outside Internal Flash");
    assert_detail_contains(&detail, "0x08020000-0x080FFFFF");
    assert_detail_contains(&detail, "check the link address");
    stm32dfu_free_memory_map(map);
}

static void check_read_only_region_refused(void **state)
{
    (void)state;
    /* A CubeMX application bootloader: the first 48 KiB are type 'a'
     * (docs/research/host_side.md#s1.9). */
    stm32dfu_memory_map *map = parse_ok("@Internal Flash   /0x08000000/24*002Ka,104*002Kg");
    const struct stm32dfu_segment segments[] = {{0x08000000, 64, zeros}};
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_memory_map_check(map, segments, 1, &detail),
                     STM32DFU_ERROR_OUT_OF_RANGE);
    assert_int_equal(detail.address, 0x08000000);
    assert_detail_contains(&detail, "not writeable (type 'a')");
    const struct stm32dfu_segment above[] = {{0x0800C000, 64, zeros}};
    assert_int_equal(stm32dfu_memory_map_check(map, above, 1, NULL), 0);
    stm32dfu_free_memory_map(map);
}

static void check_gap_between_groups_refused(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok("@Two/0x1000/1*256Bg/0x2000/1*256Bg");
    const struct stm32dfu_segment segments[] = {{0x10C0, 64, zeros}};
    assert_int_equal(stm32dfu_memory_map_check(map, segments, 1, NULL), 0);
    const struct stm32dfu_segment across[] = {{0x10E0, 64, zeros}};
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_memory_map_check(map, across, 1, &detail),
                     STM32DFU_ERROR_OUT_OF_RANGE);
    assert_int_equal(detail.address, 0x1100);
    stm32dfu_free_memory_map(map);
}

static void sectors_touched_listed_once(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok(F4_FLASH);
    const struct stm32dfu_segment segments[] = {
        {0x08000000, 8, zeros},
        {0x08000100, 8, zeros},  /* same 16 KiB sector */
        {0x08003FF8, 16, zeros}, /* crosses into sector 1 */
        {0x08020010, 8, zeros},  /* a 128 KiB sector */
    };
    struct stm32dfu_memory_sector *sectors = NULL;
    assert_int_equal(stm32dfu_memory_map_get_sectors(map, segments, 4, &sectors), 3);
    assert_int_equal(sectors[0].start, 0x08000000);
    assert_int_equal(sectors[1].start, 0x08004000);
    assert_int_equal(sectors[1].size, 16 * 1024);
    assert_int_equal(sectors[2].start, 0x08020000);
    assert_int_equal(sectors[2].size, 128 * 1024);
    assert_true(sectors[2].erasable);
    stm32dfu_free_sectors(sectors);
    stm32dfu_free_memory_map(map);
}

static void sectors_outside_map_refused(void **state)
{
    (void)state;
    stm32dfu_memory_map *map = parse_ok(F4_FLASH);
    const struct stm32dfu_segment segments[] = {{0x20000000, 8, zeros}};
    struct stm32dfu_memory_sector *sectors = NULL;
    assert_int_equal(stm32dfu_memory_map_get_sectors(map, segments, 1, &sectors),
                     STM32DFU_ERROR_OUT_OF_RANGE);
    assert_null(sectors);
    stm32dfu_free_memory_map(map);
}

static void image_from_hex_checked_against_map(void **state)
{
    (void)state;
    /* The whole path a flash takes: parse a file, then check it against the device's map. */
    const char *text = ":020000040810E2\n:04000000DEADBEEFC4\n:00000001FF\n";
    stm32dfu_image *image = NULL;
    assert_int_equal(load_text(text, STM32DFU_FORMAT_IHEX, &image, NULL), 0);
    stm32dfu_memory_map *map = parse_ok(F4_FLASH);
    const struct stm32dfu_segment *segments;
    size_t count = stm32dfu_image_get_segments(image, 0, &segments);
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(stm32dfu_memory_map_check(map, segments, (size_t)count, &detail),
                     STM32DFU_ERROR_OUT_OF_RANGE);
    assert_int_equal(detail.address, 0x08100000);
    stm32dfu_free_memory_map(map);
    stm32dfu_free_image(image);
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/memory-map/f4-flash-has-three-regions", f4_flash_has_three_regions),
        NAMED_TEST("host/memory-map/type-letters-give-access-bits", type_letters_give_access_bits),
        NAMED_TEST("host/memory-map/space-unit-means-bytes", space_unit_means_bytes),
        NAMED_TEST("host/memory-map/several-groups-parsed", several_groups_parsed),
        NAMED_TEST("host/memory-map/megabyte-unit-and-byte-unit", megabyte_unit_and_byte_unit),
        NAMED_TEST("host/memory-map/missing-at-refused", missing_at_refused),
        NAMED_TEST("host/memory-map/bad-unit-names-column", bad_unit_names_column),
        NAMED_TEST("host/memory-map/missing-star-names-column", missing_star_names_column),
        NAMED_TEST("host/memory-map/bad-type-letter-names-column", bad_type_letter_names_column),
        NAMED_TEST("host/memory-map/missing-start-address-refused", missing_start_address_refused),
        NAMED_TEST("host/memory-map/no-groups-refused", no_groups_refused),
        NAMED_TEST("host/memory-map/zero-count-refused", zero_count_refused),
        NAMED_TEST("host/memory-map/past-4gib-refused", past_4gib_refused),
        NAMED_TEST("host/memory-map/overlapping-regions-refused", overlapping_regions_refused),
        NAMED_TEST("host/memory-map/trailing-junk-refused", trailing_junk_refused),
        NAMED_TEST("host/memory-map/find-sector-rounds-down", find_sector_rounds_down),
        NAMED_TEST("host/memory-map/check-inside-flash-passes", check_inside_flash_passes),
        NAMED_TEST("host/memory-map/check-beyond-flash-names-address-and-region",
                   check_beyond_flash_names_address_and_region),
        NAMED_TEST("host/memory-map/check-read-only-region-refused",
                   check_read_only_region_refused),
        NAMED_TEST("host/memory-map/check-gap-between-groups-refused",
                   check_gap_between_groups_refused),
        NAMED_TEST("host/memory-map/sectors-touched-listed-once", sectors_touched_listed_once),
        NAMED_TEST("host/memory-map/sectors-outside-map-refused", sectors_outside_map_refused),
        NAMED_TEST("host/memory-map/image-from-hex-checked-against-map",
                   image_from_hex_checked_against_map),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
