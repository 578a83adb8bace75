/* SPDX-License-Identifier: MIT */
/* Internals shared by the USB and DFU files of libstm32dfu; not exported.
 * Functions shared between files start with s32dfu_, so that a static link of
 * libstm32dfu.a beside other DFU code (dfu-util's dfu_get_status, ...) cannot
 * clash; the shared library hides them (-fvisibility=hidden). */
#ifndef STM32DFU_DEVICE_PRIVATE_H
#define STM32DFU_DEVICE_PRIVATE_H

#include <libusb.h>
#include <stdatomic.h>

#include "stm32dfu_host.h"
#include "transport.h"

/* DFU 1.1 §3 table 3.2: class request codes. The simulator (sim/src/dfu_spec.h) and the
 * firmware's runtime helper (firmware/src/stm32dfu_runtime.c) keep their own copies under the same
 * names; the states and statuses are the public enums of stm32dfu_host.h. */
enum dfu_request {
    DFU_DETACH = 0,
    DFU_DNLOAD = 1,
    DFU_UPLOAD = 2,
    DFU_GETSTATUS = 3,
    DFU_CLRSTATUS = 4,
    DFU_GETSTATE = 5,
    DFU_ABORT = 6,
};

/* DfuSe special commands, the first byte of a DNLOAD with wBlockNum 0
 * (AN3156 Rev 17 §6; AN2662 Rev 1 §4.5, pp. 75-79). */
enum dfuse_command {
    DFUSE_CMD_GET_COMMANDS = 0x00,
    DFUSE_CMD_SET_ADDRESS = 0x21,
    DFUSE_CMD_ERASE = 0x41,
    DFUSE_CMD_READ_UNPROTECT = 0x92,
};

/* wBlockNum of the first data block: 0 carries commands and 1 is reserved
 * (AN2662 Rev 1 §4.4-4.5, Figure 55). */
#define DFUSE_COMMAND_BLOCK    0u
#define DFUSE_FIRST_DATA_BLOCK 2u
/* Data blocks one Set Address Pointer reaches: wBlockNum 2 to 0xFFFF. */
#define DFUSE_BLOCKS_PER_POINTER (0xFFFFu - DFUSE_FIRST_DATA_BLOCK + 1u)

/* What a poll loop is waiting for; it sets the USB timeout of GETSTATUS. */
enum dfu_operation {
    DFU_OP_COMMAND,
    DFU_OP_WRITE,
    DFU_OP_ERASE,
    DFU_OP_MASS_ERASE,
    DFU_OP_COUNT,
};

/* The bounds of the waits of one operation (docs/stm32dfu.1, TIME BOUNDS):
 * the longest sleep one bwPollTimeout gets, and how long the whole operation
 * may take from its first GETSTATUS (also each GETSTATUS's USB timeout). */
struct dfu_wait_bound {
    unsigned int poll_max_ms;
    unsigned int deadline_ms;
};

/* Quirk flags, see quirks.c for the evidence behind each. */
enum dfu_quirk {
    QUIRK_STALL_WHILE_BUSY = 1u << 0,
    QUIRK_STUCK_BUSY_CLRSTATUS = 1u << 1,
    QUIRK_ERASED_READ_PROVES_BLANK = 1u << 2,
    /* the ROM holds a GETSTATUS sent before the work ends until it ends, so
     * stm32dfu_set_fast_poll() may poll without waiting bwPollTimeout */
    QUIRK_EARLY_POLL_HELD = 1u << 3,
    /* a mass erase takes about as long as one page erase, so it replaces
     * erasing every page of the flash */
    QUIRK_MASS_ERASE_FASTER = 1u << 4,
};

struct dfu_quirks {
    unsigned int flags;
    /* the longest a page or sector erase takes: dfuDNBUSY that long after
     * the first dfuDNBUSY reply is stuck, recovered with CLRSTATUS x2 */
    unsigned int stuck_busy_ms;
    /* the series' own wait bounds per operation; deadline 0: the default */
    struct dfu_wait_bound bounds[DFU_OP_COUNT];
};

/* One SRAM block of a series, size 0 when unused. */
struct sram_range {
    uint32_t base;
    uint32_t size;
};
#define SERIES_SRAM_RANGES 2

/* The rows of the series table (series.c), for the quirk table to name. */
enum series_id {
    SERIES_ANY = 0,
    SERIES_F2_F4,
    SERIES_F0_F1_F3,
    SERIES_F7,
    SERIES_H7,
    SERIES_L4,
    SERIES_G4,
    SERIES_L4_G4,
};

/* One option-byte layout and the series it identifies (series.c). */
struct series {
    enum series_id id;
    /* the name list and info show */
    const char *name;
    /* start of the "@Option Bytes" alternate setting's first region */
    uint32_t option_bytes;
    /* its size, 0 for any */
    uint32_t option_bytes_size;
    /* a second RDP value meaning level 0 besides 0xAA, 0 for none */
    uint8_t rdp_level0_other;
    /* every option bit has a copy this many bytes after it (0: none), its
     * complement when copy_inverted, else the same value */
    uint8_t copy_distance;
    bool copy_inverted;
    /* where an application's initial SP may point: the series' SRAM */
    struct sram_range sram[SERIES_SRAM_RANGES];
    const struct stm32dfu_option_field *fields;
    size_t field_count;
};

/* The first region of a memory layout, and the alternate setting it is in. */
struct layout_region {
    unsigned int alt;
    uint32_t start;
    uint32_t size;
};

/* One page or sector of a DfuSe memory layout. */
struct layout_page {
    uint32_t start;
    uint32_t size;
    bool readable;
    bool erasable;
    bool writeable;
};

struct stm32dfu_context {
    /* NULL under a transport other than libusb's */
    libusb_context *usb;
    const struct transport *transport;
    stm32dfu_log_cb log_cb;
    void *log_user_data;
    int log_level;
    /* what s32dfu_error_from_libusb() last saw fail, for the caller's message */
    const char *failed_request;
};

struct stm32dfu_device {
    stm32dfu_context *ctx;
    libusb_device_handle *usb;
    struct stm32dfu_device_info info;
    struct dfu_quirks quirks;
    unsigned int alt;
    /* dfuIDLE was reached and no DNLOAD or UPLOAD has been sent since */
    bool idle;
    /* the memory map of alt, NULL when its string does not parse */
    stm32dfu_memory_map *map;
    struct stm32dfu_dfu_status last_status;
    /* the iString text of the last error status, "" when none */
    char status_text[128];
    uint32_t failed_address;
    /* the address the last DfuSe command or data block sent concerns (see
     * stm32dfu_get_current_address); a lock-free atomic, so that a signal
     * handler may read it (C11 §7.14.1.1) */
    atomic_uint current_address;
    /* an enum stm32dfu_fast_poll: whether the poll loop waits bwPollTimeout */
    int fast_poll;
};

/* usb_context.c */
void s32dfu_log(stm32dfu_context *ctx, int level, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
int s32dfu_error_from_libusb(stm32dfu_context *ctx, int libusb_code, const char *what);
/* A context over another transport (the fuzz targets'), without libusb. */
int s32dfu_context_new_with_transport(const struct transport *transport, stm32dfu_context **ctx);

/* usb_strings.c: a string descriptor as ASCII ('?' for other characters), ""
 * when absent or malformed; the language is the first of string 0, 0 if none. */
uint16_t s32dfu_usb_read_langid(const struct transport *t, libusb_device_handle *h);
void s32dfu_usb_read_string(const struct transport *t, libusb_device_handle *h, uint16_t langid,
                            uint8_t index, char *out, size_t size);

/* dfu_requests.c: one function per DFU 1.1 class request. */
int s32dfu_dfu_detach(stm32dfu_device *dev, uint16_t timeout_ms);
int s32dfu_dfu_dnload(stm32dfu_device *dev, uint16_t wBlockNum, const uint8_t *data, uint16_t len);
int s32dfu_dfu_upload(stm32dfu_device *dev, uint16_t wBlockNum, uint8_t *data, uint16_t len);
int s32dfu_dfu_get_status(stm32dfu_device *dev, unsigned int timeout_ms,
                          struct stm32dfu_dfu_status *status);
int s32dfu_dfu_clear_status(stm32dfu_device *dev);
int s32dfu_dfu_get_state(stm32dfu_device *dev, uint8_t *bState);
int s32dfu_dfu_abort(stm32dfu_device *dev);

/* dfuse.c: DfuSe commands and the poll loop. */
int s32dfu_dfuse_go_idle(stm32dfu_device *dev);
int s32dfu_dfuse_set_address(stm32dfu_device *dev, uint32_t address);
int s32dfu_dfuse_erase_page(stm32dfu_device *dev, uint32_t address);
int s32dfu_dfuse_mass_erase(stm32dfu_device *dev);
int s32dfu_dfuse_write_region(stm32dfu_device *dev, uint32_t address, const uint8_t *data,
                              size_t len, stm32dfu_progress_cb progress_cb, void *user_data,
                              uint64_t *done, uint64_t total);
int s32dfu_dfuse_read_region(stm32dfu_device *dev, uint32_t address, uint8_t *data, size_t len,
                             stm32dfu_progress_cb progress_cb, void *user_data, int phase,
                             uint64_t *done, uint64_t total);
int s32dfu_dfuse_start_upload(stm32dfu_device *dev, uint32_t address);
int s32dfu_dfuse_upload_block(stm32dfu_device *dev, uint32_t base, size_t index, uint8_t *data,
                              size_t len);
int s32dfu_dfuse_read_unprotect(stm32dfu_device *dev);
int s32dfu_dfuse_write_then_reset(stm32dfu_device *dev, uint32_t address, const uint8_t *data,
                                  size_t len);
int s32dfu_dfuse_leave(stm32dfu_device *dev);

/* series.c: the device's row, NULL when its option bytes are not known;
 * option_bytes (may be NULL) gets their region. */
const struct series *s32dfu_series_find(const struct stm32dfu_device_info *info,
                                        struct layout_region *option_bytes);
/* The series' SRAM, or the Armv7-M SRAM region when it is not known. */
void s32dfu_series_sram(const struct stm32dfu_device_info *info,
                        struct sram_range sram[SERIES_SRAM_RANGES]);

/* quirks.c */
void s32dfu_dfu_quirks_lookup(const struct stm32dfu_device_info *info, struct dfu_quirks *quirks);

/* layout.c: the memory map of the current alternate setting. */
int s32dfu_layout_load(stm32dfu_device *dev);
bool s32dfu_layout_is_option_bytes(const stm32dfu_device *dev);
int s32dfu_layout_find_page(const stm32dfu_device *dev, uint32_t address, struct layout_page *page);
/* The first region of the "@Option Bytes" alternate setting (the G474 option
 * bytes come in two groups with a gap between them; the first holds RDP).
 * Returns 0 or STM32DFU_ERROR_UNSUPPORTED when there is none. */
int s32dfu_layout_option_bytes(const struct stm32dfu_device_info *info,
                               struct layout_region *region);

#endif
