/* SPDX-License-Identifier: MIT */
/* Read-first checks of the flash plan. "Unchanged" compares the image's own
 * bytes: each contiguous segment gets one Set Address Pointer and UPLOAD's
 * wBlockNum then picks any block of it (AN2662 Rev 1 p. 70), read only until
 * the first differing byte. "Blank" needs the WHOLE sector to read 0xFF, or
 * old bytes beside the image would survive the skipped erase: each candidate
 * sector is read from its start until the first byte other than 0xFF. */
#include <stdlib.h>
#include <string.h>

#include "flash_plan.h"

bool s32dfu_flash_inspection_wanted(const stm32dfu_device *dev,
                                    const struct stm32dfu_flash_options *o)
{
    return o->skip_unchanged ||
           (o->skip_blank_erase && (dev->quirks.flags & QUIRK_ERASED_READ_PROVES_BLANK));
}

static bool all_ff(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xFF)
            return false;
    }
    return true;
}

struct inspect_ctx {
    stm32dfu_device *dev;
    const struct stm32dfu_segment *seg;
    const struct stm32dfu_flash_options *o;
    uint8_t *buf;
    uint64_t done;
    uint64_t total;
};

/* Reads the blocks of segment offsets [from, to) until t's answers are known. */
static int inspect_part(struct inspect_ctx *c, struct sector *t, size_t from, size_t to)
{
    const size_t xfer = c->dev->info.transfer_size;
    for (size_t k = from / xfer; k * xfer < to && (t->same || t->blank); k++) {
        if (k >= DFUSE_BLOCKS_PER_POINTER) {
            /* Past what the segment's one pointer reaches: not known, so the
             * sector is erased and written as if it differed. */
            t->same = t->blank = false;
            break;
        }
        size_t block_len =
            c->seg->len_bytes - k * xfer < xfer ? c->seg->len_bytes - k * xfer : xfer;
        int r = s32dfu_dfuse_upload_block(c->dev, c->seg->address, k, c->buf, block_len);
        if (r < 0)
            return r;
        size_t lo = from > k * xfer ? from : k * xfer;
        size_t hi = to < k * xfer + block_len ? to : k * xfer + block_len;
        const uint8_t *got = c->buf + (lo - k * xfer);
        t->same = t->same && memcmp(got, c->seg->data + lo, hi - lo) == 0;
        t->blank = t->blank && all_ff(got, hi - lo);
        c->done += hi - lo;
        if (c->o->progress_cb)
            c->o->progress_cb(STM32DFU_PHASE_READ, c->done, c->total, c->o->user_data);
    }
    return 0;
}

static int inspect_segment(struct inspect_ctx *c, struct plan *plan)
{
    const struct stm32dfu_segment *s = c->seg;
    int r = s32dfu_dfuse_start_upload(c->dev, s->address);
    for (size_t i = 0; r == 0 && i < plan->count; i++) {
        struct sector *t = &plan->sectors[i];
        uint64_t lo = s->address > t->start ? s->address : t->start;
        uint64_t hi_s = (uint64_t)s->address + s->len_bytes;
        uint64_t hi_t = (uint64_t)t->start + t->size;
        uint64_t hi = hi_s < hi_t ? hi_s : hi_t;
        if (lo < hi)
            r = inspect_part(c, t, (size_t)(lo - s->address), (size_t)(hi - s->address));
    }
    return r < 0 ? r : s32dfu_dfu_abort(c->dev);
}

/* Reads the n contiguous sectors from first on after one Set Address
 * Pointer at its start; UPLOAD's wBlockNum picks the blocks, and each sector
 * is read until its first byte other than 0xFF, or its end. */
static int inspect_blank_run(struct inspect_ctx *c, struct sector *first, size_t n)
{
    const size_t xfer = c->dev->info.transfer_size;
    const uint32_t base = first->start;
    const uint64_t run_end = (uint64_t)first[n - 1].start + first[n - 1].size - base;
    int r = s32dfu_dfuse_start_upload(c->dev, base);
    for (size_t i = 0; r == 0 && i < n; i++) {
        struct sector *t = &first[i];
        uint64_t from = t->start - base, to = from + t->size;
        for (uint64_t k = from / xfer; r == 0 && t->blank && k * xfer < to; k++) {
            if (k >= DFUSE_BLOCKS_PER_POINTER) {
                t->blank = false; /* beyond the pointer's reach: not known, so erased */
                break;
            }
            size_t len = run_end - k * xfer < xfer ? (size_t)(run_end - k * xfer) : xfer;
            r = s32dfu_dfuse_upload_block(c->dev, base, (size_t)k, c->buf, len);
            uint64_t lo = from > k * xfer ? from : k * xfer;
            uint64_t hi = to < k * xfer + len ? to : k * xfer + len;
            if (r == 0)
                t->blank = all_ff(c->buf + (lo - k * xfer), (size_t)(hi - lo));
            c->done += hi - lo;
            if (r == 0 && c->o->progress_cb)
                c->o->progress_cb(STM32DFU_PHASE_READ, c->done, c->total, c->o->user_data);
        }
    }
    return r < 0 ? r : s32dfu_dfu_abort(c->dev);
}

/* The sectors the blank check reads in full: erasable, not already unchanged. */
static bool blank_candidate(const struct sector *t)
{
    return t->erase && t->blank && !t->same;
}

int s32dfu_flash_inspect(stm32dfu_device *dev, struct plan *plan,
                         const struct stm32dfu_segment *segments, size_t count,
                         const struct stm32dfu_flash_options *o, struct stm32dfu_flash_report *rep)
{
    struct inspect_ctx c = {.dev = dev, .o = o};
    bool blank_ok = o->skip_blank_erase && (dev->quirks.flags & QUIRK_ERASED_READ_PROVES_BLANK);
    for (size_t i = 0; o->skip_unchanged && i < count; i++)
        c.total += segments[i].len_bytes;
    for (size_t i = 0; i < plan->count; i++) {
        plan->sectors[i].same = o->skip_unchanged;
        plan->sectors[i].blank = blank_ok;
        c.total += blank_candidate(&plan->sectors[i]) ? plan->sectors[i].size : 0;
    }
    c.buf = malloc(dev->info.transfer_size);
    if (!c.buf)
        return STM32DFU_ERROR_NO_MEMORY;
    if (o->progress_cb)
        o->progress_cb(STM32DFU_PHASE_READ, 0, c.total, o->user_data);
    int r = 0;
    for (size_t i = 0; r == 0 && o->skip_unchanged && i < count; i++) {
        c.seg = &segments[i];
        r = inspect_segment(&c, plan);
    }
    /* Runs of adjacent candidate sectors share one Set Address Pointer. */
    for (size_t i = 0, n; r == 0 && i < plan->count; i += n ? n : 1) {
        const struct sector *s0 = plan->sectors;
        for (n = 0; i + n < plan->count && blank_candidate(&s0[i + n]) &&
                    (n == 0 || s0[i + n].start == s0[i + n - 1].start + s0[i + n - 1].size);
             n++)
            ;
        if (n)
            r = inspect_blank_run(&c, &plan->sectors[i], n);
    }
    free(c.buf);
    if (r == 0 && o->progress_cb)
        o->progress_cb(STM32DFU_PHASE_READ, c.total, c.total, o->user_data);
    for (size_t i = 0; r == 0 && i < plan->count; i++) {
        struct sector *t = &plan->sectors[i];
        if (t->same) {
            t->erase = t->write = false;
            rep->sectors_unchanged++;
        } else if (t->blank) {
            t->erase = false;
        }
    }
    return r;
}
