/* Read-first checks of the flash plan. Each contiguous segment gets one Set
 * Address Pointer; UPLOAD's wBlockNum then picks any block of it (AN2662 Rev 1
 * p. 70), so a sector is read only until its answer is known: the first
 * differing byte settles "changed", the first byte other than 0xFF settles
 * "not blank". */
#include <stdlib.h>
#include <string.h>

#include "flash_plan.h"

bool flash_inspection_wanted(const stm32dfu_device *dev, const struct stm32dfu_flash_options *o)
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
        int r = dfuse_upload_block(c->dev, c->seg->address, k, c->buf, block_len);
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
    int r = dfuse_start_upload(c->dev, s->address);
    for (size_t i = 0; r == 0 && i < plan->count; i++) {
        struct sector *t = &plan->sectors[i];
        uint64_t lo = s->address > t->start ? s->address : t->start;
        uint64_t hi_s = (uint64_t)s->address + s->len_bytes;
        uint64_t hi_t = (uint64_t)t->start + t->size;
        uint64_t hi = hi_s < hi_t ? hi_s : hi_t;
        if (lo < hi)
            r = inspect_part(c, t, (size_t)(lo - s->address), (size_t)(hi - s->address));
    }
    return r < 0 ? r : dfu_abort(c->dev);
}

int flash_inspect(stm32dfu_device *dev, struct plan *plan, const struct stm32dfu_segment *segments,
                  size_t count, const struct stm32dfu_flash_options *o,
                  struct stm32dfu_flash_report *rep)
{
    struct inspect_ctx c = {.dev = dev, .o = o};
    bool blank_ok = o->skip_blank_erase && (dev->quirks.flags & QUIRK_ERASED_READ_PROVES_BLANK);
    for (size_t i = 0; i < count; i++)
        c.total += segments[i].len_bytes;
    for (size_t i = 0; i < plan->count; i++) {
        plan->sectors[i].same = o->skip_unchanged;
        plan->sectors[i].blank = blank_ok;
    }
    c.buf = malloc(dev->info.transfer_size);
    if (!c.buf)
        return STM32DFU_ERROR_NO_MEMORY;
    if (o->progress_cb)
        o->progress_cb(STM32DFU_PHASE_READ, 0, c.total, o->user_data);
    int r = 0;
    for (size_t i = 0; r == 0 && i < count; i++) {
        c.seg = &segments[i];
        r = inspect_segment(&c, plan);
    }
    free(c.buf);
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
