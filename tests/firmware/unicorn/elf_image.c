/* SPDX-License-Identifier: MIT */
/* ELF loading for the Unicorn harness; see elf_image.h. */
#define _POSIX_C_SOURCE 200809L

#include "elf_image.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct elf_image {
    int fd;
    Elf *elf;
    const char *path;
};

struct elf_image *elf_image_open(const char *path)
{
    if (elf_version(EV_CURRENT) == EV_NONE) {
        fprintf(stderr, "libelf: %s\n", elf_errmsg(-1));
        return NULL;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        fprintf(stderr, "%s: build the device images first (cmake --build <build dir>)\n", path);
        return NULL;
    }
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    if (elf == NULL || elf_kind(elf) != ELF_K_ELF || gelf_getclass(elf) != ELFCLASS32) {
        fprintf(stderr, "%s: not a 32-bit ELF file%s%s; pass a unicorn-<series>.elf image\n", path,
                elf == NULL ? ": " : "", elf == NULL ? elf_errmsg(-1) : "");
        if (elf != NULL) {
            elf_end(elf);
        }
        close(fd);
        return NULL;
    }
    struct elf_image *image = malloc(sizeof *image);
    if (image == NULL) {
        elf_end(elf);
        close(fd);
        return NULL;
    }
    *image = (struct elf_image){fd, elf, path};
    return image;
}

void elf_image_close(struct elf_image *image)
{
    if (image != NULL) {
        elf_end(image->elf);
        close(image->fd);
        free(image);
    }
}

bool elf_image_load(const struct elf_image *image, uc_engine *uc)
{
    size_t count;
    if (elf_getphdrnum(image->elf, &count) != 0) {
        fprintf(stderr, "%s: no program headers (%s)\n", image->path, elf_errmsg(-1));
        return false;
    }
    size_t file_size;
    const char *raw = elf_rawfile(image->elf, &file_size);
    for (size_t i = 0; i < count; i++) {
        GElf_Phdr ph;
        if (gelf_getphdr(image->elf, (int)i, &ph) == NULL || ph.p_type != PT_LOAD ||
            ph.p_filesz == 0) {
            continue;
        }
        if (raw == NULL || ph.p_offset + ph.p_filesz > file_size) {
            fprintf(stderr, "%s: segment %zu lies outside the file\n", image->path, i);
            return false;
        }
        uc_err err = uc_mem_write(uc, ph.p_paddr, raw + ph.p_offset, ph.p_filesz);
        if (err != UC_ERR_OK) {
            fprintf(stderr,
                    "%s: segment at 0x%08llx (%llu bytes) is outside the modelled memory: %s\n",
                    image->path, (unsigned long long)ph.p_paddr, (unsigned long long)ph.p_filesz,
                    uc_strerror(err));
            return false;
        }
    }
    return true;
}

bool elf_image_symbol(const struct elf_image *image, const char *name, uint32_t *addr)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(image->elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_SYMTAB) {
            continue;
        }
        Elf_Data *data = elf_getdata(scn, NULL);
        size_t n = sh.sh_entsize != 0 ? sh.sh_size / sh.sh_entsize : 0;
        for (size_t i = 0; data != NULL && i < n; i++) {
            GElf_Sym sym;
            const char *sym_name;
            if (gelf_getsym(data, (int)i, &sym) != NULL &&
                (sym_name = elf_strptr(image->elf, sh.sh_link, sym.st_name)) != NULL &&
                strcmp(sym_name, name) == 0) {
                *addr = (uint32_t)sym.st_value;
                return true;
            }
        }
    }
    return false;
}

bool elf_image_section(const struct elf_image *image, const char *name, uint32_t *addr,
                       uint32_t *size)
{
    size_t shstrndx;
    if (elf_getshdrstrndx(image->elf, &shstrndx) != 0) {
        return false;
    }
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(image->elf, scn)) != NULL) {
        GElf_Shdr sh;
        const char *sec_name;
        if (gelf_getshdr(scn, &sh) != NULL &&
            (sec_name = elf_strptr(image->elf, shstrndx, sh.sh_name)) != NULL &&
            strcmp(sec_name, name) == 0) {
            *addr = (uint32_t)sh.sh_addr;
            *size = (uint32_t)sh.sh_size;
            return true;
        }
    }
    return false;
}
