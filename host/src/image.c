/* SPDX-License-Identifier: MIT */
/* The sparse image: per target, sorted segments that never overlap or touch. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "image_private.h"

#define FOUR_GIB 0x100000000ull

int stm32dfu_new_image(stm32dfu_image **image)
{
    *image = NULL;
    stm32dfu_image *created = calloc(1, sizeof(*created));
    if (!created)
        return STM32DFU_ERROR_NO_MEMORY;
    *image = created;
    return STM32DFU_SUCCESS;
}

void stm32dfu_free_image(stm32dfu_image *image)
{
    if (!image)
        return;
    for (size_t t = 0; t < image->target_count; t++) {
        struct image_target *target = &image->targets[t];
        for (size_t i = 0; i < target->view.segment_count; i++)
            free(target->stores[i].data);
        free(target->segments);
        free(target->stores);
    }
    free(image->targets);
    free(image->views);
    free(image);
}

/* The public views copy each target's summary; refresh after every change. */
static void sync_views(stm32dfu_image *image)
{
    for (size_t t = 0; t < image->target_count; t++) {
        struct image_target *target = &image->targets[t];
        target->view.segments = target->view.segment_count ? target->segments : NULL;
        image->views[t] = target->view;
    }
}

static struct image_target *find_target(const stm32dfu_image *image, uint8_t alt)
{
    for (size_t t = 0; t < image->target_count; t++) {
        if (image->targets[t].view.alt == alt)
            return &image->targets[t];
    }
    return NULL;
}

static struct image_target *get_target(stm32dfu_image *image, uint8_t alt)
{
    struct image_target *found = find_target(image, alt);
    if (found)
        return found;
    size_t n = image->target_count;
    struct image_target *targets = realloc(image->targets, (n + 1) * sizeof(*targets));
    if (!targets)
        return NULL;
    image->targets = targets;
    struct stm32dfu_image_target *views = realloc(image->views, (n + 1) * sizeof(*views));
    if (!views)
        return NULL;
    image->views = views;
    size_t at = 0;
    while (at < n && targets[at].view.alt < alt)
        at++;
    memmove(&targets[at + 1], &targets[at], (n - at) * sizeof(*targets));
    memset(&targets[at], 0, sizeof(targets[at]));
    targets[at].view.alt = alt;
    image->target_count = n + 1;
    sync_views(image);
    return &targets[at];
}

int s32dfu_image_set_target_name(stm32dfu_image *image, uint8_t alt, const char *name,
                                 size_t max_len)
{
    struct image_target *target = get_target(image, alt);
    if (!target)
        return STM32DFU_ERROR_NO_MEMORY;
    size_t len = strnlen(name, max_len);
    if (len >= sizeof(target->view.name))
        len = sizeof(target->view.name) - 1;
    memcpy(target->view.name, name, len);
    target->view.name[len] = '\0';
    sync_views(image);
    return STM32DFU_SUCCESS;
}

/* Make room for need bytes in segment i's buffer, doubling to keep appends cheap. */
static int reserve(struct image_target *target, size_t i, size_t need)
{
    struct image_segment_store *store = &target->stores[i];
    if (need <= store->capacity)
        return STM32DFU_SUCCESS;
    size_t capacity = store->capacity ? store->capacity : 64;
    while (capacity < need)
        capacity = capacity > SIZE_MAX / 2 ? need : capacity * 2;
    uint8_t *data = realloc(store->data, capacity);
    if (!data)
        return STM32DFU_ERROR_NO_MEMORY;
    store->data = data;
    store->capacity = capacity;
    target->segments[i].data = data;
    return STM32DFU_SUCCESS;
}

static int insert_segment(struct image_target *target, size_t at, uint32_t address)
{
    size_t n = target->view.segment_count;
    if (n == target->capacity) {
        size_t capacity = target->capacity ? target->capacity * 2 : 8;
        struct stm32dfu_segment *segments = realloc(target->segments, capacity * sizeof(*segments));
        if (!segments)
            return STM32DFU_ERROR_NO_MEMORY;
        target->segments = segments;
        struct image_segment_store *stores = realloc(target->stores, capacity * sizeof(*stores));
        if (!stores)
            return STM32DFU_ERROR_NO_MEMORY;
        target->stores = stores;
        target->capacity = capacity;
    }
    memmove(&target->segments[at + 1], &target->segments[at],
            (n - at) * sizeof(target->segments[0]));
    memmove(&target->stores[at + 1], &target->stores[at], (n - at) * sizeof(target->stores[0]));
    target->segments[at] = (struct stm32dfu_segment){.address = address};
    target->stores[at] = (struct image_segment_store){0};
    target->view.segment_count = n + 1;
    return STM32DFU_SUCCESS;
}

static void remove_segment(struct image_target *target, size_t at)
{
    size_t n = target->view.segment_count;
    free(target->stores[at].data);
    memmove(&target->segments[at], &target->segments[at + 1],
            (n - at - 1) * sizeof(target->segments[0]));
    memmove(&target->stores[at], &target->stores[at + 1], (n - at - 1) * sizeof(target->stores[0]));
    target->view.segment_count = n - 1;
}

static uint64_t segment_end(const struct stm32dfu_segment *segment)
{
    return (uint64_t)segment->address + segment->len_bytes;
}

/* Index of the first segment that starts above address. */
static size_t upper_bound(const struct image_target *target, uint32_t address)
{
    size_t lo = 0, hi = target->view.segment_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (target->segments[mid].address <= address)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool find_clash(const struct image_target *target, size_t next, uint32_t address,
                       uint64_t end, struct image_clash *clash)
{
    const struct stm32dfu_segment *before = next ? &target->segments[next - 1] : NULL;
    const struct stm32dfu_segment *after =
        next < target->view.segment_count ? &target->segments[next] : NULL;
    const struct stm32dfu_segment *hit = NULL;
    uint32_t first = address;
    if (before && segment_end(before) > address) {
        hit = before;
    } else if (after && end > after->address) {
        hit = after;
        first = after->address;
    }
    if (hit && clash) {
        clash->address = first;
        clash->first = hit->address;
        clash->last = (uint32_t)(segment_end(hit) - 1);
    }
    return hit != NULL;
}

/* Append bytes to segment i, then absorb segment i + 1 when they now touch. */
static int append(struct image_target *target, size_t i, const uint8_t *data, size_t len,
                  bool absorb_next)
{
    struct stm32dfu_segment *segment = &target->segments[i];
    size_t extra = absorb_next ? target->segments[i + 1].len_bytes : 0;
    int rc = reserve(target, i, segment->len_bytes + len + extra);
    if (rc)
        return rc;
    memcpy(target->stores[i].data + segment->len_bytes, data, len);
    segment->len_bytes += len;
    if (absorb_next) {
        memcpy(target->stores[i].data + segment->len_bytes, target->segments[i + 1].data, extra);
        segment->len_bytes += extra;
        remove_segment(target, i + 1);
    }
    return STM32DFU_SUCCESS;
}

static int place(struct image_target *target, uint32_t address, const uint8_t *data, size_t len)
{
    size_t next = upper_bound(target, address);
    uint64_t end = (uint64_t)address + len;
    bool joins_before = next > 0 && segment_end(&target->segments[next - 1]) == address;
    bool joins_after = next < target->view.segment_count && target->segments[next].address == end;
    if (joins_before)
        return append(target, next - 1, data, len, joins_after);
    int rc = insert_segment(target, next, address);
    if (rc)
        return rc;
    rc = append(target, next, data, len, joins_after);
    if (rc)
        remove_segment(target, next);
    return rc;
}

int s32dfu_image_add_bytes(stm32dfu_image *image, uint8_t alt, uint32_t address,
                           const uint8_t *data, size_t len, struct image_clash *clash)
{
    if (len == 0)
        return STM32DFU_SUCCESS;
    uint64_t end = (uint64_t)address + len;
    if (end > FOUR_GIB)
        return STM32DFU_ERROR_OUT_OF_RANGE;
    struct image_target *target = get_target(image, alt);
    if (!target)
        return STM32DFU_ERROR_NO_MEMORY;
    if (find_clash(target, upper_bound(target, address), address, end, clash))
        return STM32DFU_ERROR_OVERLAP;
    int rc = place(target, address, data, len);
    sync_views(image);
    return rc;
}

int stm32dfu_image_add(stm32dfu_image *image, uint8_t alt, uint32_t address, const uint8_t *data,
                       size_t len_bytes, struct stm32dfu_error_detail *detail)
{
    struct image_clash clash;
    int rc = s32dfu_image_add_bytes(image, alt, address, data, len_bytes, &clash);
    if (rc == STM32DFU_ERROR_OVERLAP) {
        s32dfu_detail_set(detail, rc,
                          "0x%08X-0x%08X overlaps data already at 0x%08X-0x%08X; "
                          "remove the duplicate",
                          (unsigned)address, (unsigned)(address + len_bytes - 1),
                          (unsigned)clash.first, (unsigned)clash.last);
        s32dfu_detail_set_address(detail, clash.address);
    } else if (rc == STM32DFU_ERROR_OUT_OF_RANGE) {
        s32dfu_detail_set(detail, rc, "0x%08X + %zu bytes runs past the 4 GiB address space",
                          (unsigned)address, len_bytes);
        s32dfu_detail_set_address(detail, address);
    } else if (rc) {
        s32dfu_detail_set(detail, rc, "out of memory");
    }
    return rc;
}

size_t stm32dfu_image_get_targets(const stm32dfu_image *image,
                                  const struct stm32dfu_image_target **targets)
{
    *targets = image->target_count ? image->views : NULL;
    return image->target_count;
}

size_t stm32dfu_image_get_segments(const stm32dfu_image *image, uint8_t alt,
                                   const struct stm32dfu_segment **segments)
{
    const struct image_target *target = find_target(image, alt);
    *segments = target && target->view.segment_count ? target->segments : NULL;
    return target ? target->view.segment_count : 0;
}

size_t stm32dfu_image_read(const stm32dfu_image *image, uint8_t alt, uint32_t address, uint8_t *buf,
                           size_t len_bytes, uint8_t fill_byte)
{
    memset(buf, fill_byte, len_bytes);
    const struct image_target *target = find_target(image, alt);
    if (!target)
        return 0;
    uint64_t lo = address, hi = lo + len_bytes;
    size_t held = 0;
    size_t i = upper_bound(target, address);
    for (i = i ? i - 1 : 0; i < target->view.segment_count; i++) {
        const struct stm32dfu_segment *segment = &target->segments[i];
        if (segment->address >= hi)
            break;
        uint64_t from = segment->address > lo ? segment->address : lo;
        uint64_t to = segment_end(segment) < hi ? segment_end(segment) : hi;
        if (from >= to)
            continue;
        memcpy(buf + (from - lo), segment->data + (from - segment->address), (size_t)(to - from));
        held += (size_t)(to - from);
    }
    return held;
}

int stm32dfu_image_get_format(const stm32dfu_image *image)
{
    return image->format;
}

bool stm32dfu_image_get_start_address(const stm32dfu_image *image, uint32_t *address)
{
    if (image->has_start_address)
        *address = image->start_address;
    return image->has_start_address;
}

bool stm32dfu_image_get_suffix(const stm32dfu_image *image, struct stm32dfu_dfu_suffix *suffix)
{
    if (image->has_suffix)
        *suffix = image->suffix;
    return image->has_suffix;
}
