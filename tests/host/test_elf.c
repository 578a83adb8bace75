/* SPDX-License-Identifier: MIT */
/* ELF reader: PT_LOAD at p_paddr, .bss left out, and each malformed case. The
 * gcc-built program (elf/app.c) is compared with objcopy's HEX, S-record and binary. */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "host_test.h"

/* A hand-built 32-bit little-endian ARM executable with up to 4 program headers. */
struct elf_file {
    uint8_t bytes[4096];
    size_t len;
    Elf32_Ehdr ehdr;
    Elf32_Phdr phdr[4];
};

#define DATA_AT 0x100u

static void begin(struct elf_file *f, Elf32_Half type)
{
    memset(f, 0, sizeof(*f));
    memcpy(f->ehdr.e_ident, ELFMAG, SELFMAG);
    f->ehdr.e_ident[EI_CLASS] = ELFCLASS32;
    f->ehdr.e_ident[EI_DATA] = ELFDATA2LSB;
    f->ehdr.e_ident[EI_VERSION] = EV_CURRENT;
    f->ehdr.e_type = type;
    f->ehdr.e_machine = EM_ARM;
    f->ehdr.e_version = EV_CURRENT;
    f->ehdr.e_entry = 0x08000009;
    f->ehdr.e_phoff = sizeof(Elf32_Ehdr);
    f->ehdr.e_ehsize = sizeof(Elf32_Ehdr);
    f->ehdr.e_phentsize = sizeof(Elf32_Phdr);
    f->len = DATA_AT;
}

/* A program header whose file bytes are i+seed, appended at the end of the file. */
static void segment(struct elf_file *f, Elf32_Word type, Elf32_Addr paddr, Elf32_Word filesz,
                    Elf32_Word memsz, uint8_t seed)
{
    Elf32_Phdr *p = &f->phdr[f->ehdr.e_phnum++];
    p->p_type = type;
    p->p_offset = (Elf32_Off)f->len;
    p->p_vaddr = paddr;
    p->p_paddr = paddr;
    p->p_filesz = filesz;
    p->p_memsz = memsz;
    p->p_flags = PF_R;
    for (Elf32_Word i = 0; i < filesz; i++)
        f->bytes[f->len++] = (uint8_t)(i + seed);
}

static void finish(struct elf_file *f)
{
    memcpy(f->bytes, &f->ehdr, sizeof(f->ehdr));
    memcpy(f->bytes + f->ehdr.e_phoff, f->phdr, f->ehdr.e_phnum * sizeof(Elf32_Phdr));
}

static int load(const struct elf_file *f, stm32dfu_image **image,
                struct stm32dfu_error_detail *detail)
{
    struct stm32dfu_load_options options = {.format = STM32DFU_FORMAT_ELF};
    *image = NULL;
    return stm32dfu_load_image_buffer(f->bytes, f->len, &options, image, detail);
}

static void expect_error(struct elf_file *f, int code, const char *fragment)
{
    finish(f);
    stm32dfu_image *image;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load(f, &image, &detail), code);
    assert_null(image);
    assert_detail_contains(&detail, fragment);
}

static void load_uses_paddr_not_vaddr(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_LOAD, 0x08000100, 16, 16, 0);
    f.phdr[0].p_vaddr = 0x20000000;
    finish(&f);
    stm32dfu_image *image;
    assert_int_equal(load(&f, &image, NULL), 0);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].address, 0x08000100);
    assert_int_equal(segments[0].data[15], 15);
    assert_int_equal(stm32dfu_image_get_format(image), STM32DFU_FORMAT_ELF);
    stm32dfu_free_image(image);
}

static void bss_part_not_written(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_LOAD, 0x08000000, 8, 0x400, 0);
    finish(&f);
    stm32dfu_image *image;
    assert_int_equal(load(&f, &image, NULL), 0);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].len_bytes, 8);
    stm32dfu_free_image(image);
}

static void empty_and_other_headers_skipped(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_NOTE, 0x08000000, 8, 8, 0);
    segment(&f, PT_LOAD, 0x20000000, 0, 0x100, 0);
    segment(&f, PT_LOAD, 0x08000000, 8, 8, 0x40);
    finish(&f);
    stm32dfu_image *image;
    assert_int_equal(load(&f, &image, NULL), 0);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(image, 0, &segments), 1);
    assert_int_equal(segments[0].data[0], 0x40);
    stm32dfu_free_image(image);
}

static void entry_point_kept(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_LOAD, 0x08000000, 8, 8, 0);
    finish(&f);
    stm32dfu_image *image;
    assert_int_equal(load(&f, &image, NULL), 0);
    uint32_t start = 0;
    assert_true(stm32dfu_image_get_start_address(image, &start));
    assert_int_equal(start, 0x08000009);
    stm32dfu_free_image(image);
}

static void relocatable_object_refused(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_REL);
    segment(&f, PT_LOAD, 0x08000000, 8, 8, 0);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "link it into an executable");
}

static void segment_beyond_file_end_refused(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_LOAD, 0x08000000, 64, 64, 0);
    finish(&f);
    f.len -= 32;
    stm32dfu_image *image;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load(&f, &image, &detail), STM32DFU_ERROR_FORMAT);
    assert_true(detail.has_offset);
    assert_int_equal(detail.offset, sizeof(Elf32_Ehdr));
    assert_detail_contains(&detail, "program header 0");
    assert_detail_contains(&detail, "truncated");
}

static void overlapping_segments_refused(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_LOAD, 0x08000000, 32, 32, 0);
    segment(&f, PT_LOAD, 0x08000010, 32, 32, 0);
    finish(&f);
    stm32dfu_image *image;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load(&f, &image, &detail), STM32DFU_ERROR_OVERLAP);
    assert_int_equal(detail.address, 0x08000010);
    assert_detail_contains(&detail, "program header 1");
    assert_detail_contains(&detail, "0x08000000-0x0800001F");
}

static void no_loadable_segment_refused(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_NOTE, 0x08000000, 8, 8, 0);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "the image holds no data");
}

static void filesz_above_memsz_refused(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_LOAD, 0x08000000, 16, 8, 0);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "p_filesz 16 exceeds p_memsz 8");
}

static void segment_past_4gib_refused(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_LOAD, 0xFFFFFFF8, 16, 16, 0);
    expect_error(&f, STM32DFU_ERROR_FORMAT, "past the 4 GiB address space");
}

static void bad_magic_refused(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    segment(&f, PT_LOAD, 0x08000000, 8, 8, 0);
    f.ehdr.e_ident[1] = 'X';
    expect_error(&f, STM32DFU_ERROR_FORMAT, "no ELF magic");
}

static void truncated_header_refused(void **state)
{
    (void)state;
    static struct elf_file f;
    begin(&f, ET_EXEC);
    finish(&f);
    f.len = 20;
    stm32dfu_image *image;
    struct stm32dfu_error_detail detail = {0};
    assert_int_equal(load(&f, &image, &detail), STM32DFU_ERROR_FORMAT);
    assert_null(image);
}

static stm32dfu_image *load_path(const char *path, int format)
{
    struct stm32dfu_load_options options = {.format = format};
    if (format == STM32DFU_FORMAT_BIN) {
        options.has_base_address = true;
        options.base_address = 0x08000000;
    }
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    int rc = stm32dfu_load_image_file(path, &options, &image, &detail);
    if (rc)
        print_error("%s: %s\n", path, detail.message);
    assert_int_equal(rc, 0);
    return image;
}

static void assert_same_image(const stm32dfu_image *a, const stm32dfu_image *b)
{
    const struct stm32dfu_segment *sa, *sb;
    size_t na = stm32dfu_image_get_segments(a, 0, &sa);
    assert_int_equal(na, stm32dfu_image_get_segments(b, 0, &sb));
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(sa[i].address, sb[i].address);
        assert_int_equal(sa[i].len_bytes, sb[i].len_bytes);
        assert_memory_equal(sa[i].data, sb[i].data, sa[i].len_bytes);
    }
}

static void gcc_image_matches_objcopy_outputs(void **state)
{
    (void)state;
    stm32dfu_image *elf = load_path(TEST_APP_DIR "/app.elf", STM32DFU_FORMAT_AUTO);
    stm32dfu_image *hex = load_path(TEST_APP_DIR "/app.hex", STM32DFU_FORMAT_AUTO);
    stm32dfu_image *srec = load_path(TEST_APP_DIR "/app.srec", STM32DFU_FORMAT_AUTO);
    stm32dfu_image *bin = load_path(TEST_APP_DIR "/app.bin", STM32DFU_FORMAT_BIN);
    assert_int_equal(stm32dfu_image_get_format(elf), STM32DFU_FORMAT_ELF);
    assert_int_equal(stm32dfu_image_get_format(hex), STM32DFU_FORMAT_IHEX);
    assert_int_equal(stm32dfu_image_get_format(srec), STM32DFU_FORMAT_SREC);
    assert_same_image(elf, hex);
    assert_same_image(elf, srec);
    assert_same_image(elf, bin);
    stm32dfu_free_image(elf);
    stm32dfu_free_image(hex);
    stm32dfu_free_image(srec);
    stm32dfu_free_image(bin);
}

static void gcc_image_holds_data_initialisers_in_flash(void **state)
{
    (void)state;
    stm32dfu_image *elf = load_path(TEST_APP_DIR "/app.elf", STM32DFU_FORMAT_AUTO);
    const struct stm32dfu_segment *segments;
    assert_int_equal(stm32dfu_image_get_segments(elf, 0, &segments), 1);
    assert_int_equal(segments[0].address, 0x08000000);
    /* The initial stack pointer from app.c's vector table. */
    const uint8_t sp[4] = {0x00, 0x00, 0x02, 0x20};
    assert_memory_equal(segments[0].data, sp, sizeof(sp));
    /* counter's initialiser 0x11223344 sits in flash, nothing is placed in RAM. */
    const uint8_t counter[4] = {0x44, 0x33, 0x22, 0x11};
    bool found = false;
    for (size_t i = 0; i + 4 <= segments[0].len_bytes; i++)
        found = found || memcmp(segments[0].data + i, counter, 4) == 0;
    assert_true(found);
    uint8_t ram[4];
    assert_int_equal(stm32dfu_image_read(elf, 0, 0x20000000, ram, sizeof(ram), 0xFF), 0);
    stm32dfu_free_image(elf);
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        NAMED_TEST("host/elf/load-uses-paddr-not-vaddr", load_uses_paddr_not_vaddr),
        NAMED_TEST("host/elf/bss-part-not-written", bss_part_not_written),
        NAMED_TEST("host/elf/empty-and-other-headers-skipped", empty_and_other_headers_skipped),
        NAMED_TEST("host/elf/entry-point-kept", entry_point_kept),
        NAMED_TEST("host/elf/relocatable-object-refused", relocatable_object_refused),
        NAMED_TEST("host/elf/segment-beyond-file-end-refused", segment_beyond_file_end_refused),
        NAMED_TEST("host/elf/overlapping-segments-refused", overlapping_segments_refused),
        NAMED_TEST("host/elf/no-loadable-segment-refused", no_loadable_segment_refused),
        NAMED_TEST("host/elf/filesz-above-memsz-refused", filesz_above_memsz_refused),
        NAMED_TEST("host/elf/segment-past-4gib-refused", segment_past_4gib_refused),
        NAMED_TEST("host/elf/bad-magic-refused", bad_magic_refused),
        NAMED_TEST("host/elf/truncated-header-refused", truncated_header_refused),
        NAMED_TEST("host/elf/gcc-image-matches-objcopy-outputs", gcc_image_matches_objcopy_outputs),
        NAMED_TEST("host/elf/gcc-image-holds-data-initialisers-in-flash",
                   gcc_image_holds_data_initialisers_in_flash),
    };
    return named_test_main(argc, argv, "host", tests, sizeof(tests) / sizeof(tests[0]));
}
