/* SPDX-License-Identifier: MIT */
/*
 * The bad-file corpus as a table: bad-files/bad-files.tsv gives, per file, the
 * error code's name and a fragment the message must hold (the cause, and the
 * line or offset). Each row is one ctest, host/bad-files/<file>; the file is
 * loaded as the CLI would load it: format guessed from content and extension.
 * Usage: test_bad_files <table> <corpus dir> <file>
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stm32dfu_host.h"

struct row {
    char file[128];
    char code[64];
    char fragment[256];
};

static int find_row(const char *table, const char *file, struct row *row)
{
    FILE *f = fopen(table, "r");
    if (!f) {
        perror(table);
        return -1;
    }
    char line[512];
    int found = -1;
    while (found && fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (sscanf(line, "%127[^\t]\t%63[^\t]\t%255[^\t]", row->file, row->code, row->fragment) ==
                3 &&
            strcmp(row->file, file) == 0)
            found = 0;
    }
    fclose(f);
    return found;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s TABLE DIR FILE\n", argv[0]);
        return 2;
    }
    struct row row;
    if (find_row(argv[1], argv[3], &row)) {
        fprintf(stderr, "%s: no row for %s\n", argv[1], argv[3]);
        return 1;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", argv[2], argv[3]);
    stm32dfu_image *image = NULL;
    struct stm32dfu_error_detail detail = {0};
    int rc = stm32dfu_load_image_file(path, NULL, &image, &detail);
    stm32dfu_free_image(image);
    printf("%s: %s: %s\n", argv[3], stm32dfu_error_name(rc), detail.message);
    if (strcmp(stm32dfu_error_name(rc), row.code) != 0) {
        fprintf(stderr, "FAIL: expected %s, got %s\n", row.code, stm32dfu_error_name(rc));
        return 1;
    }
    if (!strstr(detail.message, row.fragment)) {
        fprintf(stderr, "FAIL: message lacks \"%s\"\n", row.fragment);
        return 1;
    }
    return 0;
}
