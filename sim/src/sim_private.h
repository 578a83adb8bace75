/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the model's files: the profile record, the memory map, the board, and the
 * functions one file offers another. Not installed; not part of the API.
 */
#ifndef STM32DFU_SIM_PRIVATE_H
#define STM32DFU_SIM_PRIVATE_H

#include "stm32dfu_sim.h"
#include "stm32dfu_cdc_touch.h"
#include "stm32dfu_runtime.h"

#define SIM_MAX_ALTS     4
#define SIM_MAX_SEGMENTS 8
#define SIM_MAX_MEMORIES 8
#define SIM_MAX_RAMS     2
#define SIM_MAX_ERASE    4
#define SIM_MAX_FAULTS   16
#define SIM_MAX_OPTION   128
#define SIM_STRING_MAX   126 /* a string descriptor holds at most 126 UTF-16 units */
/* The application's bcdDevice when its APPVERSION text starts with no version (0.1.0 for
 * fwupd's VersionFormat triplet). */
#define APP_BCD_DEFAULT 0x0100
#define SIM_DESC_MAX    256
/* The CDC-ACM application's interface numbers; its DFU runtime interface, if any, follows. */
#define SIM_APP_CDC_COMM_INTERFACE 0
#define SIM_APP_CDC_DATA_INTERFACE 1

/* One erase time: a page or sector of size_bytes takes erase_ms at most. */
struct sim_erase_time {
    uint32_t size_bytes;
    uint32_t erase_ms;
};

/* A RAM range: where an initial stack pointer may point and where writes are plain stores. */
struct sim_ram {
    uint32_t base;
    uint32_t size;
};

/* Declared bwPollTimeout per operation (docs/research/host_side.md#s1.8). */
struct sim_poll_ms {
    uint32_t set_address;
    uint32_t erase;
    uint32_t mass_erase;
    uint32_t program;
    uint32_t read_unprotect;
    uint32_t manifest;
};

/* How the option bytes write-protect flash pages (option_bytes.c). */
enum sim_wrp_kind {
    SIM_WRP_BITS,  /* one bit per group of pages, 0 = protected (nWRP, WRPx, WRPSn) */
    SIM_WRP_AREAS, /* areas of pages from a start byte to an end byte 2 bytes on (WRP1A/B) */
};

struct sim_wrp {
    enum sim_wrp_kind kind;
    uint8_t offset;        /* BITS: the byte holding bit 0; AREAS: the first area's start byte */
    uint8_t count;         /* number of bits or areas */
    uint8_t stride;        /* BITS: bytes from one group of 8 bits to the next; AREAS: from one
                              area to the next */
    uint8_t pages_per_bit; /* BITS */
    bool last_bit_rest;    /* BITS: the last bit protects every page from its group on */
    uint16_t area_pages;   /* AREAS: pages the areas can name (the first bank) */
};

/* What the ROM does with a GETSTATUS that comes before its flash work ends
 * (docs/research/host_side.md#s1.5); each profile cites its choice. */
enum sim_early_poll {
    /* holds EP0 and answers when the work ends (ST ROMs, fwupd#2696) */
    SIM_EARLY_POLL_HOLD = 0,
    /* STALLs it (STM32DFU_SIM_QUIRK_STALL_EARLY_POLL; STM32L4, dfu-util c15ee60) */
    SIM_EARLY_POLL_STALL,
    /* answers dfuDNBUSY to extra polls (STM32DFU_SIM_QUIRK_EXTRA_BUSY_POLLS; STM32L151,
     * dfu-util a2afb4b) */
    SIM_EARLY_POLL_EXTRA_BUSY,
};

/* One chip. Data only (profiles.c); every field cites its source there. */
struct sim_profile {
    const char *name;
    const char *description;
    uint16_t bcd_device;
    uint16_t bcd_usb;
    const char *manufacturer;
    const char *product;
    const char *serial;
    uint16_t device_status; /* standard GET_STATUS reply to the device */
    const char *alt_strings[SIM_MAX_ALTS];
    uint16_t transfer_size;
    uint16_t detach_timeout_ms;
    enum stm32dfu_sim_start start;
    struct sim_poll_ms poll;
    struct sim_erase_time erase[SIM_MAX_ERASE];
    uint32_t mass_erase_ms;
    uint32_t program_unit_bytes; /* flash programming granule */
    uint32_t program_unit_us;    /* max time per granule */
    struct sim_ram ram[SIM_MAX_RAMS];
    uint8_t option_defaults[SIM_MAX_OPTION];
    uint32_t option_len;
    uint32_t rdp_offset; /* RDP byte inside the option bytes */
    uint8_t rdp_level0;  /* RDP value meaning "not protected" */
    int rdp_complement;  /* offset of the nRDP complement byte, or -1 */
    /* every option byte that holds a value has a copy this many bytes on (0: none), its
     * complement when option_copy_inverted */
    uint8_t option_copy;
    bool option_copy_inverted;
    struct sim_wrp wrp;
    /* BFB2 bit in the option bytes (mask 0: the profile has none) */
    uint8_t bfb2_offset;
    uint8_t bfb2_mask;
    uint32_t stuck_busy_offset;
    enum sim_early_poll early_poll;
    uint32_t quirks;
};

/* What a memory is for, from its alt setting's name (AN3156 Rev 17 §2; fidelity captures). */
enum sim_memory_kind {
    SIM_MEM_FLASH,
    SIM_MEM_OPTION_BYTES,
    SIM_MEM_OTP,
    SIM_MEM_FEATURE,
    SIM_MEM_RAM,
};

/* DfuSe segment type bits, type letter - 'a' + 1 (UM0424 §4.3.2 via
 * docs/research/host_side.md#s1.9). */
#define SIM_SEG_READABLE  0x1
#define SIM_SEG_ERASABLE  0x2
#define SIM_SEG_WRITEABLE 0x4

/* One contiguous run of equal pages inside a memory. */
struct sim_segment {
    uint32_t start;
    uint32_t page_size;
    uint32_t count;
    uint8_t type; /* SIM_SEG_* bits */
};

/* One memory of the map: an address group of a layout string, or a RAM of the profile. */
struct sim_memory {
    enum sim_memory_kind kind;
    uint32_t base;
    uint32_t size;
    uint8_t *bytes;
    struct sim_segment seg[SIM_MAX_SEGMENTS];
    size_t seg_count;
};

enum sim_fault_kind {
    SIM_FAULT_DISCONNECT,
    SIM_FAULT_STALL,
    SIM_FAULT_HOLD_STATUS,
    SIM_FAULT_ERR_WRITE,
    SIM_FAULT_ERR_ERASE,
    SIM_FAULT_ERR_VERIFY,
    SIM_FAULT_BITFLIP,
    /* Malformed replies: the request does what it always does, its reply is mangled. */
    SIM_FAULT_SHORT_STATUS,
    SIM_FAULT_LONG_STATUS,
    SIM_FAULT_BAD_STATE,
    SIM_FAULT_BAD_STATUS,
    SIM_FAULT_HUGE_POLL,
    SIM_FAULT_BUSY_FOREVER,
    SIM_FAULT_JUNK_DESCRIPTOR,
    SIM_FAULT_SHORT_UPLOAD,
    SIM_FAULT_LONG_UPLOAD,
    SIM_FAULT_SIGINT,
    SIM_FAULT_SIGTERM,
};

struct sim_fault {
    enum sim_fault_kind kind;
    bool by_address; /* else by request number (the first matching request from N on, for the
                        malformed-reply kinds) */
    uint64_t value;
    bool fired;
};

/* The operation started by the first GETSTATUS after a DNLOAD. */
struct sim_operation {
    uint8_t result;       /* bStatus for the second GETSTATUS */
    bool disconnect;      /* a fault cut the board off */
    bool stuck;           /* STUCK_BUSY: never leaves dfuDNBUSY */
    unsigned busy_polls;  /* extra dfuDNBUSY replies still to give */
    unsigned early_polls; /* STALL_EARLY_POLL: GETSTATUS polls still to STALL */
    uint32_t poll_ms;     /* declared bwPollTimeout, unscaled */
    uint64_t poll_due_us; /* when the bwPollTimeout of the last dfuDNBUSY reply runs out */
    uint64_t work_us;     /* the operation's duration, unscaled */
    uint64_t busy_until_us;
};

struct stm32dfu_sim_board {
    const struct sim_profile *profile;
    uint32_t quirks;
    double scale;
    enum stm32dfu_sim_start start;
    unsigned extra_busy_polls;
    uint16_t app_vid, app_pid;

    struct sim_memory mem[SIM_MAX_MEMORIES];
    size_t mem_count;

    enum stm32dfu_sim_mode mode;
    bool attached;
    bool rdp_active;
    uint8_t configuration;
    uint8_t alt;
    uint32_t app_base;
    uint32_t jump_address; /* last Set Address or write (AN2662 Rev 1 §4.5.5) */

    uint8_t state;
    uint8_t status;
    uint32_t address;
    bool pending;
    uint16_t pending_block;
    uint16_t pending_len;
    uint16_t short_block;     /* last data block shorter than wTransferSize, or 0 */
    uint16_t short_block_len; /* its length */
    uint8_t *buffer;          /* transfer_size bytes */
    struct sim_operation op;

    uint64_t clock_us;
    uint64_t busy_us;     /* unscaled device time, for stats */
    bool bus_time;        /* transfers take bus time (sim_bus_transfer) */
    uint64_t bus_us;      /* unscaled bus time, for stats */
    uint64_t floor_us;    /* unscaled protocol floor, for stats (sim_declared_wait) */
    uint64_t physical_us; /* unscaled erase and program time, for stats */
    struct sim_fault faults[SIM_MAX_FAULTS];
    size_t fault_count;
    struct stm32dfu_sim_stats stats;
    stm32dfu_sim_log_cb log_cb;
    void *log_user;

    char serial[SIM_STRING_MAX + 1];
    char app_product[SIM_STRING_MAX + 1];
    uint16_t app_bcd_device; /* from the version at the start of app_product (app_mode.c) */

    /* Application mode runs the firmware library's own DFU runtime helper. */
    struct stm32dfu_runtime_config runtime_config;
    struct stm32dfu_runtime runtime;
    bool runtime_detached; /* set by its disconnect callback */

    /* The CDC-ACM function (app_cdc.c) runs the firmware library's 1200-baud touch helper. */
    unsigned app_interfaces; /* enum stm32dfu_sim_app_interface bits */
    bool app_touch_ignored;
    bool boot0_high; /* the BOOT0 pin at every reset (sim_reboot) */
    struct stm32dfu_cdc_touch_config touch_config;
    struct stm32dfu_cdc_touch touch;
    bool cdc_touched;       /* set by the helper's disconnect callback */
    uint8_t line_coding[7]; /* what GET_LINE_CODING answers */
    uint16_t control_lines; /* last SET_CONTROL_LINE_STATE wValue */
    bool hung_busy;         /* busy-forever fault: dfuDNBUSY until the next reset */
};

/* profiles.c */
const struct sim_profile *sim_profile_find(const char *name);

/* memory.c: the memory map, built from the profile's layout strings. */
int sim_memory_build(stm32dfu_sim_board *b, char *msg, size_t msg_len);
void sim_memory_free(stm32dfu_sim_board *b);
struct sim_memory *sim_memory_find(const stm32dfu_sim_board *b, uint32_t addr, uint32_t len);
struct sim_memory *sim_memory_flash(const stm32dfu_sim_board *b);
const struct sim_segment *sim_memory_page(const struct sim_memory *m, uint32_t addr,
                                          uint32_t *page_base);
size_t sim_memory_page_index(const struct sim_memory *m, uint32_t addr);
bool sim_memory_allows(const stm32dfu_sim_board *b, uint32_t addr, uint32_t len, uint8_t type);

/* option_bytes.c: power-up values, read protection, write protection and dual-bank boot. */
void sim_option_defaults(stm32dfu_sim_board *b);
void sim_rdp_latch(stm32dfu_sim_board *b);
void sim_rdp_write(stm32dfu_sim_board *b, bool level1);
bool sim_page_write_protected(const stm32dfu_sim_board *b, uint32_t addr);
int sim_write_protect(stm32dfu_sim_board *b, uint32_t addr);
/* Who made the reset: the application's request path (a DFU detach or a 1200-baud touch, which
 * the application's start-up code turns into a jump to the ROM) or the ROM itself (an option-byte
 * write or Read Unprotect, which nothing asks to stay in the ROM). */
enum sim_reset_by { SIM_RESET_BY_REQUEST, SIM_RESET_BY_ROM };
void sim_reboot(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r, enum sim_reset_by by,
                uint64_t busy_us, const char *reason);

/* descriptors.c */
void sim_identity(const stm32dfu_sim_board *b, struct stm32dfu_sim_identity *out);
size_t sim_descriptors(const stm32dfu_sim_board *b, uint8_t *buf, size_t cap);
bool sim_standard_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                          struct stm32dfu_sim_reply *r);

/* dfu_state.c: the DFU-mode state machine (class requests in ROM mode). */
bool sim_dfu_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                     struct stm32dfu_sim_reply *r);
void sim_dfu_reset(stm32dfu_sim_board *b);
void sim_settle(stm32dfu_sim_board *b);

/* dfuse.c: DfuSe commands and memory operations, run at the first GETSTATUS. */
uint8_t sim_dfuse_check(stm32dfu_sim_board *b);
void sim_dfuse_execute(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r);
bool sim_dfuse_upload(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                      struct stm32dfu_sim_reply *r);

/* app_mode.c: the application: vector-table check, version string, DFU runtime interface. */
bool sim_vector_table_valid(const stm32dfu_sim_board *b, uint32_t addr);
void sim_read_app_version(stm32dfu_sim_board *b);
void sim_app_start(stm32dfu_sim_board *b);
bool sim_app_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                     struct stm32dfu_sim_reply *r);

/* app_cdc.c: the application's CDC-ACM function and its 1200-baud touch helper. */
size_t sim_app_cdc_descriptors(uint8_t *d, bool with_iad);
void sim_app_cdc_start(stm32dfu_sim_board *b);
bool sim_app_cdc_request(stm32dfu_sim_board *b, const struct stm32dfu_sim_setup *s, uint8_t *data,
                         struct stm32dfu_sim_reply *r);
bool sim_app_has_endpoint(const stm32dfu_sim_board *b, uint8_t ep);
int sim_app_cdc_bulk_out(stm32dfu_sim_board *b, uint8_t ep, const uint8_t *data, size_t len);
/* The interface number of the application's DFU runtime interface. */
uint8_t sim_app_dfu_interface(const stm32dfu_sim_board *b);

/* faults.c */
struct sim_fault *sim_fault_request(stm32dfu_sim_board *b, uint64_t request_number);
struct sim_fault *sim_fault_range(stm32dfu_sim_board *b, enum sim_fault_kind kind, uint32_t addr,
                                  uint32_t len);
bool sim_fault_hung_status(stm32dfu_sim_board *b, enum stm32dfu_sim_request request, uint8_t *data,
                           uint16_t wLength, struct stm32dfu_sim_reply *r);
void sim_fault_mangle_reply(stm32dfu_sim_board *b, enum stm32dfu_sim_request request, uint8_t *data,
                            uint16_t wLength, struct stm32dfu_sim_reply *r);
void sim_fault_mangle_upload(stm32dfu_sim_board *b, uint32_t addr, uint8_t *data, uint16_t wLength,
                             struct stm32dfu_sim_reply *r);

/* reply.c: helpers every request handler uses; they call no other file. */
void sim_log(const stm32dfu_sim_board *b, enum stm32dfu_sim_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
uint32_t sim_scaled_poll(const stm32dfu_sim_board *b, uint32_t ms);
void sim_busy(stm32dfu_sim_board *b, uint64_t us);
void sim_flash_busy(stm32dfu_sim_board *b, uint64_t us);
void sim_bus_transfer(stm32dfu_sim_board *b, uint16_t data_len);
void sim_declared_wait(stm32dfu_sim_board *b, uint32_t poll_ms, uint64_t work_us);
void sim_reenumerate(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r,
                     enum stm32dfu_sim_mode mode, uint64_t busy_us, const char *reason);
void sim_fault_disconnect(stm32dfu_sim_board *b, struct stm32dfu_sim_reply *r);
size_t sim_reply_in(struct stm32dfu_sim_reply *r, uint8_t *data, uint16_t wLength, const void *src,
                    size_t len);

/* Little-endian 32-bit field of a DfuSe command or a vector table (AN2662 Rev 1 §4.5.2). */
static inline uint32_t sim_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reset-to-enumeration time of a chip: no source measures it; 20 ms keeps hosts honest
 * about waiting for the re-enumeration without slowing tests. [assumption] */
#define SIM_REBOOT_MS 20

#endif
