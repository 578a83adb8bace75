/* SPDX-License-Identifier: MIT */
/*
 * ELF reader: the bytes of each PT_LOAD program header, placed at its physical
 * address p_paddr (the load address, where initialised data sits in flash).
 * The part of a segment beyond p_filesz (.bss, NOBITS) is RAM the startup code
 * clears, so it is not written. Field meanings: System V ABI, "Program Header"
 * (gABI 4.1, chapter 5); read through elfutils libelf and gelf.
 */
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>

#include "image_private.h"

static int elf_failure(struct stm32dfu_error_detail *detail, const char *what)
{
    return s32dfu_detail_set(detail, STM32DFU_ERROR_FORMAT,
                             "%s: %s; the file is not a valid ELF file", what, elf_errmsg(-1));
}

static int check_header(Elf *elf, GElf_Ehdr *ehdr, struct stm32dfu_error_detail *detail)
{
    if (elf_kind(elf) != ELF_K_ELF)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, 0,
                                        "no ELF magic (0x7F 'E' 'L' 'F'); this is not an ELF file");
    if (!gelf_getehdr(elf, ehdr))
        return elf_failure(detail, "ELF header");
    if (ehdr->e_type == ET_REL)
        return s32dfu_detail_set_offset(
            detail, STM32DFU_ERROR_FORMAT, 16,
            "a relocatable object (ET_REL) has no load addresses; link it "
            "into an executable first");
    if (ehdr->e_type != ET_EXEC && ehdr->e_type != ET_DYN)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, 16,
                                        "e_type %u is not an executable (ET_EXEC)", ehdr->e_type);
    return STM32DFU_SUCCESS;
}

static int add_load(stm32dfu_image *image, const struct parse_input *in, const GElf_Ehdr *ehdr,
                    size_t index, const GElf_Phdr *phdr, struct stm32dfu_error_detail *detail)
{
    uint64_t where = ehdr->e_phoff + (uint64_t)index * ehdr->e_phentsize;
    if (phdr->p_filesz > phdr->p_memsz)
        return s32dfu_detail_set_offset(detail, STM32DFU_ERROR_FORMAT, where,
                                        "program header %zu: p_filesz %llu exceeds p_memsz %llu",
                                        index, (unsigned long long)phdr->p_filesz,
                                        (unsigned long long)phdr->p_memsz);
    if (phdr->p_offset > in->len || phdr->p_filesz > in->len - phdr->p_offset)
        return s32dfu_detail_set_offset(
            detail, STM32DFU_ERROR_FORMAT, where,
            "program header %zu: its %llu bytes at file offset %llu run "
            "past the end of the file (%zu bytes); the file is truncated",
            index, (unsigned long long)phdr->p_filesz, (unsigned long long)phdr->p_offset, in->len);
    if (phdr->p_paddr > UINT32_MAX || phdr->p_filesz > 0x100000000ull - phdr->p_paddr)
        return s32dfu_detail_set_offset(
            detail, STM32DFU_ERROR_FORMAT, where,
            "program header %zu: 0x%llX + %llu bytes runs past the 4 GiB "
            "address space",
            index, (unsigned long long)phdr->p_paddr, (unsigned long long)phdr->p_filesz);
    struct image_clash clash;
    uint32_t address = (uint32_t)phdr->p_paddr;
    int rc = s32dfu_image_add_bytes(image, 0, address, in->data + phdr->p_offset,
                                    (size_t)phdr->p_filesz, &clash);
    if (rc == STM32DFU_ERROR_OVERLAP) {
        s32dfu_detail_set_offset(
            detail, rc, where,
            "program header %zu (0x%08X-0x%08X) overlaps an earlier PT_LOAD at "
            "0x%08X-0x%08X; check the linker script's load addresses (AT>)",
            index, (unsigned)address, (unsigned)(address + (uint32_t)phdr->p_filesz - 1),
            (unsigned)clash.first, (unsigned)clash.last);
        s32dfu_detail_set_address(detail, clash.address);
    } else if (rc) {
        s32dfu_detail_set(detail, rc, "out of memory");
    }
    return rc;
}

static int read_segments(stm32dfu_image *image, const struct parse_input *in, Elf *elf,
                         struct stm32dfu_error_detail *detail)
{
    GElf_Ehdr ehdr;
    int rc = check_header(elf, &ehdr, detail);
    if (rc)
        return rc;
    size_t count;
    if (elf_getphdrnum(elf, &count) != 0)
        return elf_failure(detail, "program header table");
    for (size_t i = 0; i < count; i++) {
        GElf_Phdr phdr;
        if (!gelf_getphdr(elf, (int)i, &phdr))
            return elf_failure(detail, "program header");
        if (phdr.p_type != PT_LOAD || phdr.p_filesz == 0)
            continue;
        rc = add_load(image, in, &ehdr, i, &phdr, detail);
        if (rc)
            return rc;
    }
    if (ehdr.e_entry <= UINT32_MAX) {
        image->start_address = (uint32_t)ehdr.e_entry;
        image->has_start_address = true;
    }
    return STM32DFU_SUCCESS;
}

int s32dfu_format_elf_parse(stm32dfu_image *image, const struct parse_input *in,
                            struct stm32dfu_error_detail *detail)
{
    if (elf_version(EV_CURRENT) == EV_NONE)
        return s32dfu_detail_set(detail, STM32DFU_ERROR_OTHER, "libelf: %s", elf_errmsg(-1));
    /* elf_memory() takes a writable buffer; give it a private copy. */
    char *copy = malloc(in->len ? in->len : 1);
    if (!copy)
        return s32dfu_detail_set(detail, STM32DFU_ERROR_NO_MEMORY, "out of memory");
    memcpy(copy, in->data, in->len);
    Elf *elf = elf_memory(copy, in->len);
    int rc = elf ? read_segments(image, in, elf, detail) : elf_failure(detail, "ELF header");
    elf_end(elf);
    free(copy);
    return rc;
}
