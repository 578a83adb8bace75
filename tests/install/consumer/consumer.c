/* SPDX-License-Identifier: MIT */
/* A program outside the tree that uses the installed libstm32dfu: it loads the image
 * file it is given and prints its segments, then lists the DFU devices it sees.
 * tests/install/install-tree.sh builds it through pkg-config and through
 * find_package(stm32dfu CONFIG) and runs it under stm32dfu-sim. */
#include <stdio.h>

#include "stm32dfu_host.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: consumer IMAGE\n");
        return 2;
    }
    stm32dfu_image *image;
    int r = stm32dfu_load_image_file(argv[1], NULL, &image, NULL);
    if (r < 0) {
        fprintf(stderr, "consumer: %s: %s\n", argv[1], stm32dfu_strerror(r));
        return 1;
    }
    const struct stm32dfu_segment *segments;
    size_t count = stm32dfu_image_get_segments(image, 0, &segments);
    for (size_t i = 0; i < count; i++)
        printf("segment 0x%08X %zu bytes\n", (unsigned int)segments[i].address,
               segments[i].len_bytes);
    stm32dfu_free_image(image);

    stm32dfu_context *ctx;
    r = stm32dfu_new_context(&ctx);
    if (r < 0) {
        fprintf(stderr, "consumer: %s\n", stm32dfu_strerror(r));
        return 1;
    }
    struct stm32dfu_match match = {.dfu_mode = true, .runtime = true};
    struct stm32dfu_device_info *list;
    int n = stm32dfu_get_device_list(ctx, &match, &list);
    if (n < 0) {
        fprintf(stderr, "consumer: %s\n", stm32dfu_strerror(n));
        stm32dfu_free_context(ctx);
        return 1;
    }
    for (int i = 0; i < n; i++)
        printf("device %04x:%04x %s\n", list[i].vid, list[i].pid,
               list[i].runtime ? "application" : "bootloader");
    printf("%d devices\n", n);
    stm32dfu_free_device_list(list);
    stm32dfu_free_context(ctx);
    return 0;
}
