/* SPDX-License-Identifier: MIT */
/* Writing an image: plan the touched sectors, erase only those that need it,
 * write each contiguous run with one Set Address Pointer, verify by reading
 * back. Also the erase of an address range and the mass erase. */
#include <stdlib.h>
#include <string.h>

#include "flash_plan.h"

/* Calls visit on every page that [address, address + len) touches. */
static int walk_pages(stm32dfu_device *dev, uint32_t address, size_t len,
                      int (*visit)(const struct layout_page *page, void *arg), void *arg)
{
    uint64_t addr = address;
    uint64_t end = (uint64_t)address + len;
    while (addr < end) {
        struct layout_page page;
        int r = s32dfu_layout_find_page(dev, (uint32_t)addr, &page);
        if (r == 0)
            r = visit(&page, arg);
        if (r < 0) {
            dev->failed_address = (uint32_t)addr;
            return r;
        }
        addr = (uint64_t)page.start + page.size;
    }
    return 0;
}

int stm32dfu_check_segments(stm32dfu_device *dev, const struct stm32dfu_segment *segments,
                            size_t count, struct stm32dfu_error_detail *detail)
{
    if (!dev->map)
        return STM32DFU_ERROR_UNSUPPORTED;
    struct stm32dfu_error_detail scratch;
    struct stm32dfu_error_detail *d = detail ? detail : &scratch;
    int r = stm32dfu_memory_map_check(dev->map, segments, count, d);
    if (r < 0)
        dev->failed_address = d->has_address ? d->address : UINT32_MAX;
    return r;
}

/* The touched sectors, each once, by address; every one is written, and
 * erased where the map allows (the read-first checks may drop both). */
static int make_plan(stm32dfu_device *dev, const struct stm32dfu_segment *segments, size_t count,
                     struct plan *plan)
{
    struct stm32dfu_memory_sector *touched;
    int n = stm32dfu_memory_map_get_sectors(dev->map, segments, count, &touched);
    if (n <= 0)
        return n;
    plan->sectors = calloc((size_t)n, sizeof(*plan->sectors));
    if (!plan->sectors) {
        stm32dfu_free_sectors(touched);
        return STM32DFU_ERROR_NO_MEMORY;
    }
    for (int i = 0; i < n; i++)
        plan->sectors[i] = (struct sector){
            .start = touched[i].start,
            .size = touched[i].size,
            .erase = touched[i].erasable,
            .write = true,
        };
    plan->count = (size_t)n;
    stm32dfu_free_sectors(touched);
    return 0;
}

static uint64_t image_bytes(const struct stm32dfu_segment *segments, size_t count)
{
    uint64_t total = 0;
    for (size_t i = 0; i < count; i++)
        total += segments[i].len_bytes;
    return total;
}

/* Announces a phase with 0 bytes done, so a failure can be named by it. */
static void start_phase(const struct stm32dfu_flash_options *o, int phase, uint64_t total)
{
    if (o->progress_cb)
        o->progress_cb(phase, 0, total, o->user_data);
}

/* Whether one mass erase does exactly the planned erases: every page of the
 * internal flash (alternate setting 0) is touched by the image and needs
 * erasing, so a mass erase loses nothing the page erases would keep, and the
 * series' mass erase is about as fast as one page erase (quirks.c). */
static bool mass_erase_equivalent(const stm32dfu_device *dev, const struct plan *plan)
{
    if (!(dev->quirks.flags & QUIRK_MASS_ERASE_FASTER) || dev->alt != 0 || plan->count < 2)
        return false;
    const struct stm32dfu_memory_region *regions;
    size_t n = stm32dfu_memory_map_get_regions(dev->map, &regions);
    size_t pages = 0;
    for (size_t i = 0; i < n; i++) {
        if (!regions[i].erasable)
            return false;
        pages += regions[i].sector_count;
    }
    for (size_t i = 0; i < plan->count; i++) {
        if (!plan->sectors[i].erase)
            return false;
    }
    return pages == plan->count;
}

static int erase_planned(stm32dfu_device *dev, const struct plan *plan,
                         const struct stm32dfu_flash_options *o, struct stm32dfu_flash_report *rep)
{
    uint64_t total = 0, done = 0;
    for (size_t i = 0; i < plan->count; i++)
        total += plan->sectors[i].erase ? plan->sectors[i].size : 0;
    if (total)
        start_phase(o, STM32DFU_PHASE_ERASE, total);
    if (mass_erase_equivalent(dev, plan)) {
        int r = s32dfu_dfuse_mass_erase(dev);
        if (r < 0)
            return r;
        rep->mass_erase = true;
        rep->sectors_erased = plan->count;
        if (o->progress_cb)
            o->progress_cb(STM32DFU_PHASE_ERASE, total, total, o->user_data);
        return 0;
    }
    for (size_t i = 0; i < plan->count; i++) {
        const struct sector *t = &plan->sectors[i];
        if (!t->erase)
            continue;
        int r = s32dfu_dfuse_erase_page(dev, t->start);
        if (r < 0)
            return r;
        rep->sectors_erased++;
        done += t->size;
        if (o->progress_cb)
            o->progress_cb(STM32DFU_PHASE_ERASE, done, total, o->user_data);
    }
    return 0;
}

static const struct sector *sector_of(const struct plan *plan, uint64_t address)
{
    for (size_t i = 0; i < plan->count; i++) {
        if (address >= plan->sectors[i].start &&
            address < (uint64_t)plan->sectors[i].start + plan->sectors[i].size)
            return &plan->sectors[i];
    }
    return NULL;
}

/* Calls run(address, data, len) for each maximal run of image bytes that lies
 * in sectors marked for writing. */
static int for_each_run(stm32dfu_device *dev, const struct plan *plan,
                        const struct stm32dfu_segment *segments, size_t count,
                        int (*run)(stm32dfu_device *dev, uint32_t address, const uint8_t *data,
                                   size_t len, void *arg),
                        void *arg)
{
    for (size_t i = 0; i < count; i++) {
        const struct stm32dfu_segment *s = &segments[i];
        size_t offset = 0, start = 0;
        bool in_run = false;
        while (offset < s->len_bytes) {
            const struct sector *t = sector_of(plan, (uint64_t)s->address + offset);
            size_t to = (size_t)((uint64_t)t->start + t->size - s->address);
            to = to < s->len_bytes ? to : s->len_bytes;
            if (t->write && !in_run)
                start = offset;
            if (!t->write && in_run) {
                int r =
                    run(dev, s->address + (uint32_t)start, s->data + start, offset - start, arg);
                if (r < 0)
                    return r;
            }
            in_run = t->write;
            offset = to;
        }
        if (in_run) {
            int r = run(dev, s->address + (uint32_t)start, s->data + start, offset - start, arg);
            if (r < 0)
                return r;
        }
    }
    return 0;
}

struct run_arg {
    const struct stm32dfu_flash_options *options;
    uint64_t done;
    uint64_t total;
    uint64_t *count;
};

static int count_run(stm32dfu_device *dev, uint32_t address, const uint8_t *data, size_t len,
                     void *arg)
{
    (void)dev;
    (void)address;
    (void)data;
    ((struct run_arg *)arg)->total += len;
    return 0;
}

/* Counts every block the device acknowledged, also when a later one fails,
 * so the report of a failed flash says what was written. */
static int write_run(stm32dfu_device *dev, uint32_t address, const uint8_t *data, size_t len,
                     void *arg)
{
    struct run_arg *a = arg;
    uint64_t before = a->done;
    int r = s32dfu_dfuse_write_region(dev, address, data, len, a->options->progress_cb,
                                      a->options->user_data, &a->done, a->total);
    *a->count += a->done - before;
    return r;
}

static int verify_run(stm32dfu_device *dev, uint32_t address, const uint8_t *data, size_t len,
                      void *arg)
{
    struct run_arg *a = arg;
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf)
        return STM32DFU_ERROR_NO_MEMORY;
    int r =
        s32dfu_dfuse_read_region(dev, address, buf, len, a->options->progress_cb,
                                 a->options->user_data, STM32DFU_PHASE_VERIFY, &a->done, a->total);
    /* Counts the bytes that compared equal, up to a first difference. */
    size_t k = 0;
    while (r == 0 && k < len && buf[k] == data[k])
        k++;
    if (r == 0 && k < len) {
        dev->failed_address = address + (uint32_t)k;
        r = STM32DFU_ERROR_VERIFY;
    }
    free(buf);
    if (r == 0 || r == STM32DFU_ERROR_VERIFY)
        *a->count += k;
    return r;
}

static int run_phase(stm32dfu_device *dev, const struct plan *plan,
                     const struct stm32dfu_segment *segments, size_t count,
                     const struct stm32dfu_flash_options *o, int phase,
                     int (*run)(stm32dfu_device *, uint32_t, const uint8_t *, size_t, void *),
                     uint64_t *counter)
{
    struct run_arg a = {.options = o, .count = counter};
    for_each_run(dev, plan, segments, count, count_run, &a);
    if (a.total)
        start_phase(o, phase, a.total);
    return for_each_run(dev, plan, segments, count, run, &a);
}

static int execute_plan(stm32dfu_device *dev, struct plan *plan,
                        const struct stm32dfu_segment *segments, size_t count,
                        const struct stm32dfu_flash_options *o, struct stm32dfu_flash_report *rep)
{
    if (s32dfu_flash_inspection_wanted(dev, o)) {
        int r = s32dfu_flash_inspect(dev, plan, segments, count, o, rep);
        if (r < 0)
            return r;
    }
    int r = erase_planned(dev, plan, o, rep);
    if (r == 0)
        r = run_phase(dev, plan, segments, count, o, STM32DFU_PHASE_WRITE, write_run,
                      &rep->bytes_written);
    if (r == 0 && !o->no_verify)
        r = run_phase(dev, plan, segments, count, o, STM32DFU_PHASE_VERIFY, verify_run,
                      &rep->bytes_verified);
    return r;
}

/* The option bytes go in one write, after which the device resets; the
 * caller reads them back once it is back. A write that ends without a reset
 * is read back here. */
static int write_option_bytes(stm32dfu_device *dev, const struct stm32dfu_segment *segments,
                              size_t count, const struct stm32dfu_flash_options *o,
                              struct stm32dfu_flash_report *rep)
{
    if (count != 1)
        return STM32DFU_ERROR_UNSUPPORTED;
    int r = s32dfu_dfuse_write_then_reset(dev, segments[0].address, segments[0].data,
                                          segments[0].len_bytes);
    if (r < 0)
        return r;
    rep->bytes_written = segments[0].len_bytes;
    rep->device_reset = r == 1;
    if (rep->device_reset || o->no_verify)
        return 0;
    struct run_arg a = {
        .options = o, .total = segments[0].len_bytes, .count = &rep->bytes_verified};
    start_phase(o, STM32DFU_PHASE_VERIFY, a.total);
    return verify_run(dev, segments[0].address, segments[0].data, segments[0].len_bytes, &a);
}

int stm32dfu_flash(stm32dfu_device *dev, const struct stm32dfu_segment *segments, size_t count,
                   const struct stm32dfu_flash_options *options,
                   struct stm32dfu_flash_report *report)
{
    static const struct stm32dfu_flash_options defaults;
    struct stm32dfu_flash_report scratch;
    const struct stm32dfu_flash_options *o = options ? options : &defaults;
    struct stm32dfu_flash_report *rep = report ? report : &scratch;
    memset(rep, 0, sizeof(*rep));
    dev->failed_address = UINT32_MAX;
    int r = stm32dfu_check_segments(dev, segments, count, NULL);
    if (r < 0 || count == 0)
        return r;
    rep->start_address = segments[0].address;
    if (s32dfu_layout_is_option_bytes(dev))
        return write_option_bytes(dev, segments, count, o, rep);
    struct plan plan = {0};
    r = make_plan(dev, segments, count, &plan);
    if (r == 0) {
        rep->sectors_touched = plan.count;
        r = execute_plan(dev, &plan, segments, count, o, rep);
    }
    free(plan.sectors);
    return r;
}

int stm32dfu_verify(stm32dfu_device *dev, const struct stm32dfu_segment *segments, size_t count,
                    stm32dfu_progress_cb progress_cb, void *user_data)
{
    struct stm32dfu_flash_options o = {.progress_cb = progress_cb, .user_data = user_data};
    struct run_arg a = {.options = &o, .total = image_bytes(segments, count)};
    uint64_t verified = 0;
    a.count = &verified;
    dev->failed_address = UINT32_MAX;
    for (size_t i = 0; i < count; i++) {
        int r = verify_run(dev, segments[i].address, segments[i].data, segments[i].len_bytes, &a);
        if (r < 0)
            return r;
    }
    return 0;
}

struct erase_arg {
    stm32dfu_device *dev;
    stm32dfu_progress_cb progress_cb;
    void *user_data;
    uint64_t done;
    uint64_t total;
};

static int visit_erase(const struct layout_page *page, void *arg)
{
    struct erase_arg *e = arg;
    if (!page->erasable)
        return STM32DFU_ERROR_OUT_OF_RANGE;
    int r = s32dfu_dfuse_erase_page(e->dev, page->start);
    e->done += page->size;
    if (r == 0 && e->progress_cb)
        e->progress_cb(STM32DFU_PHASE_ERASE, e->done, e->total, e->user_data);
    return r;
}

static int visit_measure(const struct layout_page *page, void *arg)
{
    struct erase_arg *e = arg;
    e->total += page->size;
    return page->erasable ? 0 : STM32DFU_ERROR_OUT_OF_RANGE;
}

int stm32dfu_erase(stm32dfu_device *dev, uint32_t address, size_t len_bytes,
                   stm32dfu_progress_cb progress_cb, void *user_data)
{
    struct erase_arg e = {.dev = dev, .progress_cb = progress_cb, .user_data = user_data};
    dev->failed_address = UINT32_MAX;
    int r = walk_pages(dev, address, len_bytes, visit_measure, &e);
    return r < 0 ? r : walk_pages(dev, address, len_bytes, visit_erase, &e);
}

int stm32dfu_mass_erase(stm32dfu_device *dev)
{
    dev->failed_address = UINT32_MAX;
    return s32dfu_dfuse_mass_erase(dev);
}
