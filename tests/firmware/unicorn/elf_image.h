/* SPDX-License-Identifier: MIT */
/*
 * Loads a cross-compiled test application (ELF32, ARM) into a Unicorn engine
 * and looks up its symbols and sections, through libelf.
 */
#ifndef UNICORN_ELF_IMAGE_H
#define UNICORN_ELF_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

struct elf_image;

/** Opens \p path; on failure prints the cause to stderr and returns NULL. */
struct elf_image *elf_image_open(const char *path);

/** Releases the image. */
void elf_image_close(struct elf_image *image);

/** Writes the file bytes of every PT_LOAD segment at its physical (load)
 *  address, as a flash programmer would; NOLOAD space (memsz > filesz) is left
 *  untouched, as RAM keeps its contents. False (with a message) if a segment
 *  falls outside the mapped memory. */
bool elf_image_load(const struct elf_image *image, uc_engine *uc);

/** Address of the symbol \p name; false if absent. */
bool elf_image_symbol(const struct elf_image *image, const char *name, uint32_t *addr);

/** Address and size of the section \p name; false if absent. */
bool elf_image_section(const struct elf_image *image, const char *name, uint32_t *addr,
                       uint32_t *size);

#endif /* UNICORN_ELF_IMAGE_H */
