/* SPDX-License-Identifier: MIT */
/*
 * libstm32dfu: the host library behind the stm32dfu command line.
 *
 * One public header, one prefix. Calls that can fail return an int: zero, or
 * a count, on success and a negative enum stm32dfu_error on failure. Calls
 * that cannot fail return what they look up (a string that is never NULL, a
 * bool, a size_t count, an address) or nothing (the free and close calls).
 * Every count and length is a size_t, except a count that shares its int with
 * an error code and the running byte totals of progress callbacks and flash
 * reports, which are uint64_t. The library never prints and never exits; diagnostics go
 * through the log callback.
 *
 * Names are stm32dfu_<verb>_<object>, in pairs that say which call undoes
 * which (as libusb's): stm32dfu_new_context/stm32dfu_free_context,
 * stm32dfu_get_device_list/stm32dfu_free_device_list, stm32dfu_open/
 * stm32dfu_close, stm32dfu_load_image_file/stm32dfu_free_image,
 * stm32dfu_parse_memory_map/stm32dfu_free_memory_map. Calls that read one
 * object are grouped under its name (stm32dfu_image_get_segments(),
 * stm32dfu_memory_map_find_sector()).
 *
 * The first section holds what a program that flashes a device needs, in
 * the order it calls them:
 *
 *     stm32dfu_new_context(&ctx);
 *     n = stm32dfu_get_device_list(ctx, &match, &list);   pick one entry
 *     stm32dfu_open(ctx, &list[i], &dev);
 *     stm32dfu_free_device_list(list);
 *     stm32dfu_load_image_file(path, NULL, &image, &detail);
 *     count = stm32dfu_image_get_segments(image, 0, &segments);
 *     stm32dfu_set_alt(dev, 0);
 *     stm32dfu_flash(dev, segments, count, NULL, &report);
 *     stm32dfu_leave(dev, report.start_address);
 *     stm32dfu_close(dev); stm32dfu_free_image(image); stm32dfu_free_context(ctx);
 *
 * with stm32dfu_strerror() for any negative return. The sections after it
 * add logging, discovery details, the DFU state and status, reading and
 * erasing, images, memory maps and option bytes.
 *
 * "Transfer errors" in the \returns lines below stands for the codes a USB
 * control transfer can end with: STM32DFU_ERROR_TIMEOUT, STM32DFU_ERROR_STALL,
 * STM32DFU_ERROR_DISCONNECTED and STM32DFU_ERROR_USB_IO. Calls that talk to a
 * device block until their transfers end; none of them starts a thread.
 */
#ifndef STM32DFU_HOST_H
#define STM32DFU_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with -fvisibility=hidden: what this header declares is
 * exactly what libstm32dfu.so exports (tests/install/exported-symbols.sh). */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

/* ------------------------------------------------------------------------- */
/* 1. Flashing a device: the calls most programs need                        */
/* ------------------------------------------------------------------------- */

/** Error codes. 0 is success; every failure is negative. */
enum stm32dfu_error {
    /** Success (no error) */
    STM32DFU_SUCCESS = 0,
    /** An argument is out of range or inconsistent */
    STM32DFU_ERROR_INVALID_ARGUMENT = -1,
    /** Out of memory */
    STM32DFU_ERROR_NO_MEMORY = -2,
    /** An input file could not be opened */
    STM32DFU_ERROR_FILE_OPEN = -3,
    /** An input file could not be read */
    STM32DFU_ERROR_FILE_READ = -4,
    /** An output file could not be written */
    STM32DFU_ERROR_FILE_WRITE = -5,
    /** An input file is malformed (the details name the line or offset) */
    STM32DFU_ERROR_FORMAT = -6,
    /** A checksum or CRC in an input file does not match */
    STM32DFU_ERROR_CRC = -7,
    /** Two parts of an image overlap */
    STM32DFU_ERROR_OVERLAP = -8,
    /** An address lies outside the device's memory map */
    STM32DFU_ERROR_OUT_OF_RANGE = -9,
    /** No matching device was found */
    STM32DFU_ERROR_NO_DEVICE = -10,
    /** Several devices match and none was chosen */
    STM32DFU_ERROR_AMBIGUOUS = -11,
    /** The operating system denied access to the device */
    STM32DFU_ERROR_ACCESS = -12,
    /** The device is busy or claimed by another program */
    STM32DFU_ERROR_BUSY = -13,
    /** A USB transfer timed out */
    STM32DFU_ERROR_TIMEOUT = -14,
    /** The device stalled a request */
    STM32DFU_ERROR_STALL = -15,
    /** The device disconnected */
    STM32DFU_ERROR_DISCONNECTED = -16,
    /** A USB transfer failed */
    STM32DFU_ERROR_USB_IO = -17,
    /** The device replied in a way the protocol does not allow */
    STM32DFU_ERROR_PROTOCOL = -18,
    /** The device reported an error status (bStatus is kept on the handle) */
    STM32DFU_ERROR_DEVICE_STATUS = -19,
    /** Read-back data differs from what was written */
    STM32DFU_ERROR_VERIFY = -20,
    /** The device or file does not support the operation */
    STM32DFU_ERROR_UNSUPPORTED = -21,
    /** The operation would be irreversible and was not confirmed */
    STM32DFU_ERROR_NOT_CONFIRMED = -22,
    /** The device still reported dfuDNBUSY when the operation's time bound ran out */
    STM32DFU_ERROR_DEVICE_TIMEOUT = -23,
    /** Any other failure */
    STM32DFU_ERROR_OTHER = -99,
};

/**
 * A short human-readable message for an error code.
 * \param error a value of enum stm32dfu_error
 * \returns a static string that starts with a capital letter and has no closing
 * dot; never NULL (an unknown code gets a generic message)
 */
const char *stm32dfu_strerror(int error);

/**
 * A library context: one libusb context and the log settings.
 *
 * Created by stm32dfu_new_context(), freed by stm32dfu_free_context() after every
 * device opened from it is closed. Threads may share a context for discovery and
 * for opening devices; each opened device belongs to one thread at a time.
 */
typedef struct stm32dfu_context stm32dfu_context;

/**
 * Create a library context (initialises libusb; sends nothing on the bus).
 * \param[out] ctx the new context; NULL on failure
 * \returns 0; STM32DFU_ERROR_NO_MEMORY; STM32DFU_ERROR_ACCESS, STM32DFU_ERROR_OTHER or
 * another libusb failure, translated, if libusb cannot start
 */
int stm32dfu_new_context(stm32dfu_context **ctx);

/**
 * Free a context created by stm32dfu_new_context().
 * \param ctx the context, or NULL
 */
void stm32dfu_free_context(stm32dfu_context *ctx);

/** USB vendor ID of STMicroelectronics (the ROM bootloader's idVendor). */
#define STM32DFU_ST_VID 0x0483
/** USB product ID of the STM32 ROM DFU bootloader (AN3156 Rev 17 §3; lsusb dumps). */
#define STM32DFU_ROM_PID 0xDF11
/** Most alternate settings one device may report. */
#define STM32DFU_MAX_ALTS 8

/** How an application can be sent to its bootloader (stm32dfu_device_info::detach_methods). */
enum stm32dfu_detach_method {
    /** A DFU runtime interface: DFU_DETACH (stm32dfu_detach()) */
    STM32DFU_DETACH_DFU = 1u << 0,
    /** A CDC-ACM serial port: the 1200-baud touch (stm32dfu_touch()); whether the application
     * honours it cannot be known before it is tried */
    STM32DFU_DETACH_TOUCH = 1u << 1,
};

/** What discovery reports about one DFU interface, or one application's CDC-ACM port, without
 * opening it. */
struct stm32dfu_device_info {
    /** idVendor */
    uint16_t vid;
    /** idProduct */
    uint16_t pid;
    /** bcdDevice (the ROM bootloader's version) */
    uint16_t bcd_device;
    /** bus number */
    uint8_t bus;
    /** device address on the bus */
    uint8_t address;
    /** bus path such as "1-1.4", stable across re-enumeration on one port */
    char path[32];
    /** iSerialNumber, "" when absent or unreadable */
    char serial[64];
    /** iProduct, "" when absent or unreadable */
    char product[64];
    /** true for an application (a DFU runtime interface or a CDC-ACM port), false in DFU mode
     * (bootloader) */
    bool runtime;
    /** for an application, how it can be sent to its bootloader: OR of enum
     * stm32dfu_detach_method; 0 for a bootloader */
    uint8_t detach_methods;
    /** bInterfaceNumber of the CDC-ACM communication interface (with STM32DFU_DETACH_TOUCH) */
    uint8_t cdc_interface_number;
    /** false when the device could not be opened to read its strings (see open_error) */
    bool readable;
    /** why the strings could not be read (an enum stm32dfu_error), 0 when readable */
    int open_error;
    /** bInterfaceNumber of the DFU interface; of the CDC-ACM communication interface for an
     * application that has no DFU runtime interface */
    uint8_t interface_number;
    /** number of alternate settings (at most STM32DFU_MAX_ALTS); 0 for an application that has
     * no DFU runtime interface */
    uint8_t alt_count;
    /** iInterface string of each alternate setting (the DfuSe memory layout) */
    char alt_names[STM32DFU_MAX_ALTS][160];
    /** DFU functional descriptor bmAttributes (DFU 1.1 §4.1.3) */
    uint8_t attributes;
    /** wDetachTimeOut in ms */
    uint16_t detach_timeout_ms;
    /** wTransferSize in bytes */
    uint16_t transfer_size;
    /** bcdDFUVersion (0x011A for DfuSe) */
    uint16_t bcd_dfu;
};

/** Which devices discovery keeps; zero or empty fields match anything. */
struct stm32dfu_match {
    /** idVendor, 0 for any */
    uint16_t vid;
    /** idProduct, 0 for any */
    uint16_t pid;
    /** exact serial number, NULL for any */
    const char *serial;
    /** exact bus path, NULL for any */
    const char *path;
    /** keep DFU-mode interfaces (bootloaders) */
    bool dfu_mode;
    /** keep DFU runtime interfaces (applications that can detach) */
    bool runtime;
    /** keep applications with a CDC-ACM port and no DFU runtime interface (they may take the
     * 1200-baud touch) */
    bool touch;
    /** skip the device with this address (one about to re-enumerate), 0 for none */
    uint8_t skip_address;
};

/**
 * List the DFU interfaces that match. Opens each device briefly to read its
 * strings (a device that cannot be opened is listed with readable false);
 * blocks while those GET_DESCRIPTOR requests run.
 * \param ctx the context
 * \param[in] match the filter (not kept)
 * \param[out] list a new array owned by the caller (free it with
 * stm32dfu_free_device_list()); NULL on failure or when the count is 0
 * \returns the number of entries; STM32DFU_ERROR_NO_MEMORY; STM32DFU_ERROR_USB_IO
 */
int stm32dfu_get_device_list(stm32dfu_context *ctx, const struct stm32dfu_match *match,
                             struct stm32dfu_device_info **list);

/**
 * Free a list from stm32dfu_get_device_list().
 * \param list the array, or NULL
 */
void stm32dfu_free_device_list(struct stm32dfu_device_info *list);

/**
 * An opened DFU device (a claimed interface).
 *
 * Created by stm32dfu_open(), freed by stm32dfu_close(). It keeps the last
 * DFU_GETSTATUS reply (stm32dfu_get_last_status()). One thread at a time.
 */
typedef struct stm32dfu_device stm32dfu_device;

/**
 * Open a listed device and claim its DFU interface (alternate setting 0).
 * Sends SET_INTERFACE; in DFU mode it also brings the device to dfuIDLE
 * (clearing the start-up dfuERROR many ROMs report, docs/research/host_side.md#s1.1).
 * Blocks while those requests run.
 * \param ctx the context; must outlive the device
 * \param[in] info an entry from stm32dfu_get_device_list() or stm32dfu_wait_device(),
 * copied into the handle
 * \param[out] dev the opened device; NULL on failure
 * \returns 0; STM32DFU_ERROR_ACCESS (permissions: install the udev rules);
 * STM32DFU_ERROR_BUSY (claimed by another program); STM32DFU_ERROR_NO_DEVICE
 * (gone); STM32DFU_ERROR_USB_IO; STM32DFU_ERROR_PROTOCOL (cannot reach dfuIDLE)
 */
int stm32dfu_open(stm32dfu_context *ctx, const struct stm32dfu_device_info *info,
                  stm32dfu_device **dev);

/**
 * Release the interface and close the device; sends nothing else. Errors
 * (a device already gone after leave or detach) are ignored.
 * \param dev the device, or NULL; invalid afterwards
 */
void stm32dfu_close(stm32dfu_device *dev);

/** Longest message in a struct stm32dfu_error_detail, with its NUL. */
#define STM32DFU_DETAIL_MESSAGE_MAX 256

/**
 * Where and why an input (file or memory-layout string) was refused, or which
 * address does not fit a memory map. Filled only when a call fails.
 */
struct stm32dfu_error_detail {
    /** the enum stm32dfu_error the call returned */
    int code;
    /** 1-based line of a text file (HEX, S-record), 0 when not applicable */
    unsigned long line;
    /** true when offset is set */
    bool has_offset;
    /** byte offset in the file or string where the problem starts */
    uint64_t offset;
    /** true when address is set */
    bool has_address;
    /** the target address at fault */
    uint32_t address;
    /** the cause and the fix, e.g. "line 12: checksum 0x3A, expected 0x41" */
    char message[STM32DFU_DETAIL_MESSAGE_MAX];
};

/** Input file formats. */
enum stm32dfu_image_format {
    /** guess from the content, then from the file name's extension */
    STM32DFU_FORMAT_AUTO = 0,
    /** raw binary: needs a base address */
    STM32DFU_FORMAT_BIN = 1,
    /** Intel HEX */
    STM32DFU_FORMAT_IHEX = 2,
    /** Motorola S-record */
    STM32DFU_FORMAT_SREC = 3,
    /** ELF executable: its PT_LOAD segments at their physical addresses */
    STM32DFU_FORMAT_ELF = 4,
    /** ST DfuSe .dfu (UM0391) with its DFU suffix */
    STM32DFU_FORMAT_DFUSE = 5,
};

/** Options of stm32dfu_load_image_file() and stm32dfu_load_image_buffer(). */
struct stm32dfu_load_options {
    /** an enum stm32dfu_image_format; STM32DFU_FORMAT_AUTO (0) guesses */
    int format;
    /** true when base_address is given; required for raw binaries, refused otherwise */
    bool has_base_address;
    /** where a raw binary's first byte goes */
    uint32_t base_address;
};

/**
 * A sparse image: for each DfuSe target (alternate setting), the bytes to
 * write as ordered, non-overlapping, non-adjacent segments.
 *
 * Created by stm32dfu_new_image() or a load function, freed by
 * stm32dfu_free_image(). Threads may read one image at the same time; a
 * change (stm32dfu_image_add()) needs exclusive access.
 */
typedef struct stm32dfu_image stm32dfu_image;

/**
 * Read a file into a new image. The format is options->format, or when that is
 * STM32DFU_FORMAT_AUTO, guessed from the content (DfuSe prefix, ELF magic, a
 * DFU suffix without the DfuSe prefix: a raw binary, a first line that is a
 * HEX or S-record record), then from the extension (.bin,
 * .hex/.ihex/.ihx, .srec/.s19/.s28/.s37/.mot, .elf/.axf, .dfu). A raw binary
 * that ends with a valid DFU suffix loses the suffix.
 * \param[in] path the file
 * \param[in] options may be NULL (auto-detect, no base address)
 * \param[out] image the new image; NULL on failure
 * \param[out] detail may be NULL; filled only on failure
 * \returns 0; STM32DFU_ERROR_FILE_OPEN; STM32DFU_ERROR_FILE_READ;
 * STM32DFU_ERROR_FORMAT (malformed, or the format cannot be told);
 * STM32DFU_ERROR_CRC (record checksum or DFU suffix CRC); STM32DFU_ERROR_OVERLAP;
 * STM32DFU_ERROR_INVALID_ARGUMENT (a raw binary without a base address, or a base
 * address for a format that carries its own); STM32DFU_ERROR_NO_MEMORY
 */
int stm32dfu_load_image_file(const char *path, const struct stm32dfu_load_options *options,
                             stm32dfu_image **image, struct stm32dfu_error_detail *detail);

/**
 * Free an image and every segment it holds.
 * \param image the image, or NULL
 */
void stm32dfu_free_image(stm32dfu_image *image);

/** One contiguous run of bytes to write (a view; the caller owns data). */
struct stm32dfu_segment {
    /** first address */
    uint32_t address;
    /** length in bytes */
    size_t len_bytes;
    /** the bytes */
    const uint8_t *data;
};

/**
 * The segments of one target.
 * \param image the image
 * \param alt the alternate setting
 * \param[out] segments the array, owned by the image and valid until it changes;
 * NULL when the target has no data
 * \returns the number of segments, 0 when the image has nothing for alt
 */
size_t stm32dfu_image_get_segments(const stm32dfu_image *image, uint8_t alt,
                                   const struct stm32dfu_segment **segments);

/**
 * Select an alternate setting (SET_INTERFACE) and, in DFU mode, bring it to
 * dfuIDLE (GETSTATUS, then CLRSTATUS or ABORT as needed). Blocks while those
 * requests run; does nothing when alt is already selected and idle.
 * \param dev the device
 * \param alt the alternate setting, below info->alt_count
 * \returns 0; STM32DFU_ERROR_INVALID_ARGUMENT (no such alternate setting);
 * STM32DFU_ERROR_PROTOCOL (dfuIDLE not reached); transfer errors
 */
int stm32dfu_set_alt(stm32dfu_device *dev, unsigned int alt);

/** What stm32dfu_get_fast_poll() reports. */
enum stm32dfu_fast_poll {
    /** off: each GETSTATUS waits the bwPollTimeout the device asked for (DFU 1.1 §6.1.2) */
    STM32DFU_FAST_POLL_OFF = 0,
    /** on: the GETSTATUS after dfuDNBUSY goes at once, and the ROM answers it when its work ends */
    STM32DFU_FAST_POLL_ON = 1,
    /** dropped: the device STALLed an early GETSTATUS; spec timing until stm32dfu_close() */
    STM32DFU_FAST_POLL_DROPPED_STALL = 2,
    /** dropped: the device answered an early GETSTATUS with dfuDNBUSY or dfuDNLOAD-SYNC
     * instead of the end of the work; spec timing until stm32dfu_close() */
    STM32DFU_FAST_POLL_DROPPED_BUSY = 3,
};

/**
 * Fast poll: after a DfuSe command or data block answered dfuDNBUSY, send the
 * next GETSTATUS without waiting the bwPollTimeout the device asked for. DFU
 * 1.1 §6.1.2 says to wait; some ST ROMs instead hold an early GETSTATUS until
 * the flash work ends, so the wait only adds time. Allowed only on the series
 * with public evidence that their ROM does so (the quirk table in the
 * library's quirks.c, listed in docs/benchmarks.md); off by default. If the
 * device STALLs an early GETSTATUS or answers it with anything but the end of
 * the work, the poll loop goes back to the bwPollTimeout wait for the rest of
 * the session (stm32dfu_get_fast_poll() then says why); nothing else changes,
 * and stm32dfu_flash() still verifies by read-back unless told not to. Sends
 * nothing.
 * \param dev the device
 * \param enable true to ask for fast poll, false for spec timing
 * \returns 0; STM32DFU_ERROR_UNSUPPORTED when enable is true and the device's
 * series has no such evidence (fast poll stays off)
 */
int stm32dfu_set_fast_poll(stm32dfu_device *dev, bool enable);

/**
 * Whether the poll loop waits bwPollTimeout.
 * \param dev the device
 * \returns an enum stm32dfu_fast_poll
 */
int stm32dfu_get_fast_poll(const stm32dfu_device *dev);

/** The phases a long operation reports to its progress callback. */
enum stm32dfu_phase {
    /** reading flash to compare or to save */
    STM32DFU_PHASE_READ = 0,
    /** erasing sectors */
    STM32DFU_PHASE_ERASE = 1,
    /** writing */
    STM32DFU_PHASE_WRITE = 2,
    /** reading back to verify */
    STM32DFU_PHASE_VERIFY = 3,
};

/**
 * Progress of a phase; called on the thread running the operation, first
 * with done_bytes 0 when a phase starts.
 * \param phase an enum stm32dfu_phase
 * \param done_bytes bytes done so far in this phase
 * \param total_bytes bytes the phase will handle
 * \param user_data as given in the options
 */
typedef void (*stm32dfu_progress_cb)(int phase, uint64_t done_bytes, uint64_t total_bytes,
                                     void *user_data);

/** Options of stm32dfu_flash(). Zero-initialised means the defaults noted. */
struct stm32dfu_flash_options {
    /** skip the read-back verify (default: verify) */
    bool no_verify;
    /** read each touched sector first; neither erase nor write one that already matches */
    bool skip_unchanged;
    /** skip the erase of a sector whose every byte reads back 0xFF (the whole
     * sector is read), where the series allows it */
    bool skip_blank_erase;
    /** progress callback, may be NULL */
    stm32dfu_progress_cb progress_cb;
    /** passed to progress_cb */
    void *user_data;
};

/** What stm32dfu_flash() did. */
struct stm32dfu_flash_report {
    /** sectors the image touches */
    size_t sectors_touched;
    /** sectors erased */
    size_t sectors_erased;
    /** they were erased by one mass erase: the image touches every page of
     * the internal flash, each needed erasing, and the series' mass erase
     * takes about as long as one page erase (F0/F1/F3) */
    bool mass_erase;
    /** sectors left alone because they already matched (skip_unchanged) */
    size_t sectors_unchanged;
    /** bytes the device acknowledged writing, also when a later write failed */
    uint64_t bytes_written;
    /** bytes read back and found equal to the image, up to a first difference */
    uint64_t bytes_verified;
    /** the application's entry point: the first segment's address */
    uint32_t start_address;
    /** the device dropped off the bus after the option-byte write started (the
     * ROM resets to apply them); the handle is no longer usable and the bytes
     * are not verified yet */
    bool device_reset;
};

/**
 * Write an image into flash: erase the touched sectors, write each contiguous
 * region with one Set Address Pointer and increasing wBlockNum, then verify by
 * read-back unless disabled. Does not leave DFU mode. On the option-byte
 * alternate setting nothing is erased: the bytes go in one write, after which
 * the ROM resets to apply them (AN2662 Rev 1 §4.5.1). Only a disconnect from
 * the GETSTATUS that starts that write on counts as the reset: then
 * report->device_reset is set and the caller must wait for the device and
 * read the option bytes back (stm32dfu_read_option_bytes()); a disconnect or
 * timeout before it is returned as the failure it is. Blocks for
 * the whole operation (seconds to minutes: each erase takes as long as the
 * flash needs).
 * \param dev the device, on the alternate setting to write
 * \param[in] segments the image, sorted and not overlapping (checked with
 * stm32dfu_check_segments() first); not kept
 * \param count number of segments
 * \param[in] options may be NULL for the defaults
 * \param[out] report may be NULL; filled as far as the operation got
 * \returns 0; STM32DFU_ERROR_OUT_OF_RANGE; STM32DFU_ERROR_DEVICE_STATUS (see
 * stm32dfu_get_last_status()); STM32DFU_ERROR_VERIFY; transfer errors
 */
int stm32dfu_flash(stm32dfu_device *dev, const struct stm32dfu_segment *segments, size_t count,
                   const struct stm32dfu_flash_options *options,
                   struct stm32dfu_flash_report *report);

/**
 * Leave DFU mode and start the code at address (Set Address Pointer, then a
 * zero-length DNLOAD and GETSTATUS). A disconnect after dfuMANIFEST is success.
 * Returns without waiting for the application to enumerate.
 * \param dev the device; close it afterwards
 * \param address the vector table of the application
 * \returns 0; STM32DFU_ERROR_DEVICE_STATUS; STM32DFU_ERROR_PROTOCOL; transfer errors
 */
int stm32dfu_leave(stm32dfu_device *dev, uint32_t address);

/* ------------------------------------------------------------------------- */
/* 2. Errors and logging                                                     */
/* ------------------------------------------------------------------------- */

/**
 * The name of an error code's constant, for logs.
 * \param error a value of enum stm32dfu_error
 * \returns a static string such as "STM32DFU_ERROR_STALL"; never NULL
 * ("STM32DFU_ERROR_UNKNOWN" for an unknown code)
 */
const char *stm32dfu_error_name(int error);

/**
 * The USB request whose transfer failed last on this context, by its spec
 * name ("SET_INTERFACE", "DFU_GETSTATUS", ...), for messages that name it.
 * \param ctx the context
 * \returns a static string; "" when no transfer has failed
 */
const char *stm32dfu_get_failed_request(const stm32dfu_context *ctx);

/** Log levels of the library's log callback, from most to least severe. */
enum stm32dfu_log_level {
    /** Logging off (the default) */
    STM32DFU_LOG_NONE = 0,
    /** Failures */
    STM32DFU_LOG_ERROR = 1,
    /** Recovered problems (a quirk applied, a retry) */
    STM32DFU_LOG_WARNING = 2,
    /** Every request sent to the device (DFU class requests, SET_INTERFACE, DfuSe commands) */
    STM32DFU_LOG_INFO = 3,
    /** Every reply, and libusb's code of each failed transfer */
    STM32DFU_LOG_DEBUG = 4,
};

/**
 * Receives one log line (no trailing newline).
 * \param level the line's enum stm32dfu_log_level
 * \param message the text; valid only during the call
 * \param user_data the pointer given to stm32dfu_set_log_cb()
 */
typedef void (*stm32dfu_log_cb)(int level, const char *message, void *user_data);

/**
 * Install the log callback; logging is off until this is called.
 * \param ctx the context
 * \param max_level the most verbose enum stm32dfu_log_level passed on
 * \param cb the callback, or NULL to switch logging off
 * \param user_data passed to every call of cb
 */
void stm32dfu_set_log_cb(stm32dfu_context *ctx, int max_level, stm32dfu_log_cb cb, void *user_data);

/* ------------------------------------------------------------------------- */
/* 3. Devices: waiting, identifying, detaching                               */
/* ------------------------------------------------------------------------- */

/**
 * Wait until a matching device is present (hotplug events when libusb offers
 * them, a re-scan at least every 100 ms otherwise). Blocks up to timeout_ms.
 * \param ctx the context
 * \param[in] match the filter (not kept)
 * \param timeout_ms the longest wait, in milliseconds
 * \param[out] info the first matching device, written only on success
 * \returns 0; STM32DFU_ERROR_NO_DEVICE when none appeared in time
 */
int stm32dfu_wait_device(stm32dfu_context *ctx, const struct stm32dfu_match *match,
                         unsigned int timeout_ms, struct stm32dfu_device_info *info);

/**
 * The discovery data of an opened device.
 * \param dev the device
 * \returns a pointer valid until stm32dfu_close()
 */
const struct stm32dfu_device_info *stm32dfu_get_device_info(const stm32dfu_device *dev);

/**
 * The STM32 series a ROM bootloader belongs to, recognised from its USB IDs
 * and memory layout.
 * \param[in] info a discovered device
 * \returns a static string such as "STM32F2/F4"; "" when not recognised
 */
const char *stm32dfu_series_name(const struct stm32dfu_device_info *info);

/**
 * Ask a runtime-mode application to detach into its DFU bootloader
 * (DFU_GETSTATE, DFU_DETACH, then a USB reset when the device will not detach
 * by itself).
 * \param dev the device, a runtime interface; close it afterwards
 * \returns 0; STM32DFU_ERROR_UNSUPPORTED (not a runtime interface);
 * STM32DFU_ERROR_PROTOCOL (not in appIDLE or appDETACH); transfer errors
 */
int stm32dfu_detach(stm32dfu_device *dev);

/** The line coding's rate of the 1200-baud touch, in baud. */
#define STM32DFU_TOUCH_BAUD 1200u

/**
 * Send the 1200-baud touch to an application's CDC-ACM port over libusb: SET_LINE_CODING
 * (1200 baud, 1 stop bit, no parity, 8 data bits) then SET_CONTROL_LINE_STATE with DTR and RTS
 * clear (USB CDC PSTN 1.2 §6.3.10, §6.3.12), to the communication interface, the same requests
 * the kernel's cdc-acm driver sends when a program opens the port at 1200 baud, drops DTR and
 * closes it (arduino-cli serialutils.go TouchSerialPortAt1200bps). A kernel driver bound to the
 * interface is detached for the requests (usbfs refuses requests to an interface another
 * driver holds) and reattached when the interface is released (at stm32dfu_close() when the
 * port is the handle's only interface, else before this call returns), so the serial port
 * comes back if the application stays. Returns once the requests are answered
 * (or the device left the bus answering them); it does not wait for a bootloader.
 * \param dev the device, an application with STM32DFU_DETACH_TOUCH; close it afterwards
 * \returns 0; STM32DFU_ERROR_UNSUPPORTED (no CDC-ACM port); STM32DFU_ERROR_BUSY (another
 * program has claimed the interface); STM32DFU_ERROR_STALL (the port refused a request);
 * transfer errors
 */
int stm32dfu_touch(stm32dfu_device *dev);

/* ------------------------------------------------------------------------- */
/* 4. DFU state and status                                                   */
/* ------------------------------------------------------------------------- */

/** DFU device states, bState (DFU 1.1 §6.1.2 table). */
enum stm32dfu_dfu_state {
    /** appIDLE */
    STM32DFU_STATE_APP_IDLE = 0,
    /** appDETACH */
    STM32DFU_STATE_APP_DETACH = 1,
    /** dfuIDLE */
    STM32DFU_STATE_DFU_IDLE = 2,
    /** dfuDNLOAD-SYNC */
    STM32DFU_STATE_DFU_DNLOAD_SYNC = 3,
    /** dfuDNBUSY */
    STM32DFU_STATE_DFU_DNBUSY = 4,
    /** dfuDNLOAD-IDLE */
    STM32DFU_STATE_DFU_DNLOAD_IDLE = 5,
    /** dfuMANIFEST-SYNC */
    STM32DFU_STATE_DFU_MANIFEST_SYNC = 6,
    /** dfuMANIFEST */
    STM32DFU_STATE_DFU_MANIFEST = 7,
    /** dfuMANIFEST-WAIT-RESET */
    STM32DFU_STATE_DFU_MANIFEST_WAIT_RESET = 8,
    /** dfuUPLOAD-IDLE */
    STM32DFU_STATE_DFU_UPLOAD_IDLE = 9,
    /** dfuERROR */
    STM32DFU_STATE_DFU_ERROR = 10,
};

/** DFU status codes, bStatus (DFU 1.1 §6.1.2 table). */
enum stm32dfu_dfu_status_code {
    /** OK */
    STM32DFU_STATUS_OK = 0x00,
    /** errTARGET: address not allowed */
    STM32DFU_STATUS_ERR_TARGET = 0x01,
    /** errFILE */
    STM32DFU_STATUS_ERR_FILE = 0x02,
    /** errWRITE */
    STM32DFU_STATUS_ERR_WRITE = 0x03,
    /** errERASE */
    STM32DFU_STATUS_ERR_ERASE = 0x04,
    /** errCHECK_ERASED */
    STM32DFU_STATUS_ERR_CHECK_ERASED = 0x05,
    /** errPROG */
    STM32DFU_STATUS_ERR_PROG = 0x06,
    /** errVERIFY */
    STM32DFU_STATUS_ERR_VERIFY = 0x07,
    /** errADDRESS */
    STM32DFU_STATUS_ERR_ADDRESS = 0x08,
    /** errNOTDONE */
    STM32DFU_STATUS_ERR_NOTDONE = 0x09,
    /** errFIRMWARE */
    STM32DFU_STATUS_ERR_FIRMWARE = 0x0A,
    /** errVENDOR: on the ST ROM, read protection is active */
    STM32DFU_STATUS_ERR_VENDOR = 0x0B,
    /** errUSBR */
    STM32DFU_STATUS_ERR_USBR = 0x0C,
    /** errPOR */
    STM32DFU_STATUS_ERR_POR = 0x0D,
    /** errUNKNOWN */
    STM32DFU_STATUS_ERR_UNKNOWN = 0x0E,
    /** errSTALLEDPKT */
    STM32DFU_STATUS_ERR_STALLEDPKT = 0x0F,
};

/** One DFU_GETSTATUS reply (DFU 1.1 §6.1.2), spec field names. */
struct stm32dfu_dfu_status {
    /** bStatus, an enum stm32dfu_dfu_status_code */
    uint8_t bStatus;
    /** bwPollTimeout in ms */
    uint32_t bwPollTimeout;
    /** bState, an enum stm32dfu_dfu_state */
    uint8_t bState;
    /** iString */
    uint8_t iString;
};

/**
 * The spec spelling of a state ("dfuDNBUSY").
 * \param bState a state value
 * \returns a static string; "unknown state" for other values
 */
const char *stm32dfu_state_name(int bState);

/**
 * The spec spelling of a status ("errTARGET").
 * \param bStatus a status value
 * \returns a static string; "unknown status" for other values
 */
const char *stm32dfu_status_name(int bStatus);

/**
 * The last DFU_GETSTATUS reply the device gave, kept for error messages.
 * \param dev the device
 * \param[out] status the reply; all zero before the first GETSTATUS
 * \param[out] failed_address the address of the operation that failed, or
 * UINT32_MAX when none did; may be NULL
 */
void stm32dfu_get_last_status(const stm32dfu_device *dev, struct stm32dfu_dfu_status *status,
                              uint32_t *failed_address);

/**
 * The text of the iString the device gave with its last error status
 * (DFU 1.1 §6.1.2), read when the status arrived.
 * \param dev the device
 * \returns a string owned by the handle; "" when the device gave none
 */
const char *stm32dfu_get_status_text(const stm32dfu_device *dev);

/**
 * The address the last DfuSe command (Set Address Pointer, Erase) or data
 * block (DNLOAD, UPLOAD) sent to the device concerns, set before the request
 * goes out: what a program interrupted while it waits for the reply can name.
 * Reads one lock-free atomic field and sends nothing, so a signal handler may
 * call it.
 * \param dev the device
 * \returns the address; UINT32_MAX before any, or after a mass erase
 */
uint32_t stm32dfu_get_current_address(const stm32dfu_device *dev);

/* ------------------------------------------------------------------------- */
/* 5. Checking, verifying, reading and erasing                               */
/* ------------------------------------------------------------------------- */

/**
 * Check that every segment lies in writeable memory of the current alternate
 * setting, without touching the device (stm32dfu_memory_map_check() on its map).
 * \param dev the device
 * \param[in] segments the image, sorted by address, not overlapping
 * \param count number of segments
 * \param[out] detail may be NULL; on failure the first address that does not
 * fit and a message naming the nearest region and the fix
 * \returns 0; STM32DFU_ERROR_OUT_OF_RANGE; STM32DFU_ERROR_UNSUPPORTED (the
 * alternate setting has no usable memory layout)
 */
int stm32dfu_check_segments(stm32dfu_device *dev, const struct stm32dfu_segment *segments,
                            size_t count, struct stm32dfu_error_detail *detail);

/**
 * Whether eight bytes look like a Cortex-M vector table an application can
 * start from on this device: the initial SP inside the series' SRAM (the
 * Armv7-M SRAM region for an unknown series), the reset vector odd and inside
 * the internal flash (alternate setting 0's memory map). Sends nothing.
 * \param[in] info the device
 * \param address where the table lies, for the detail
 * \param[in] table the first 8 bytes there
 * \param[out] detail may be NULL; on refusal the reason ("its initial SP ...")
 * and the address of the word at fault
 * \returns 0; STM32DFU_ERROR_FORMAT (not a vector table); STM32DFU_ERROR_UNSUPPORTED
 * (alternate setting 0 has no usable memory layout)
 */
int stm32dfu_check_vector_table(const struct stm32dfu_device_info *info, uint32_t address,
                                const uint8_t table[8], struct stm32dfu_error_detail *detail);

/**
 * Compare memory with an image by reading it back (Set Address Pointer, then
 * UPLOAD blocks, per segment). Blocks until done or the first difference.
 * \param dev the device, on the alternate setting to compare
 * \param[in] segments the image; not kept
 * \param count number of segments
 * \param progress_cb may be NULL; called with STM32DFU_PHASE_VERIFY
 * \param user_data passed to progress_cb
 * \returns 0; STM32DFU_ERROR_VERIFY (the failed address is kept, see
 * stm32dfu_get_last_status()); transfer or device errors
 */
int stm32dfu_verify(stm32dfu_device *dev, const struct stm32dfu_segment *segments, size_t count,
                    stm32dfu_progress_cb progress_cb, void *user_data);

/**
 * Read memory with DfuSe UPLOAD (Set Address Pointer, ABORT, blocks 2, 3, ...).
 * Blocks until done.
 * \param dev the device, on the alternate setting to read
 * \param address first address
 * \param[out] buf receives len_bytes bytes (partly written on failure)
 * \param len_bytes length in bytes
 * \param progress_cb may be NULL; called with STM32DFU_PHASE_READ
 * \param user_data passed to progress_cb
 * \returns 0; STM32DFU_ERROR_DEVICE_STATUS (errVENDOR: read protection);
 * transfer errors
 */
int stm32dfu_read(stm32dfu_device *dev, uint32_t address, uint8_t *buf, size_t len_bytes,
                  stm32dfu_progress_cb progress_cb, void *user_data);

/**
 * Erase every page or sector that overlaps [address, address + len_bytes),
 * in address order, after checking that all of them are erasable. Blocks
 * until the last erase ends.
 * \param dev the device, on the alternate setting to erase
 * \param address first address
 * \param len_bytes length in bytes
 * \param progress_cb may be NULL; called with STM32DFU_PHASE_ERASE
 * \param user_data passed to progress_cb
 * \returns 0; STM32DFU_ERROR_OUT_OF_RANGE; STM32DFU_ERROR_DEVICE_STATUS; transfer errors
 */
int stm32dfu_erase(stm32dfu_device *dev, uint32_t address, size_t len_bytes,
                   stm32dfu_progress_cb progress_cb, void *user_data);

/**
 * Erase all of the flash (DfuSe Erase command with no address). Blocks until
 * the device reports the end (tens of seconds on large parts).
 * \param dev the device
 * \returns 0; STM32DFU_ERROR_DEVICE_STATUS; transfer errors
 */
int stm32dfu_mass_erase(stm32dfu_device *dev);

/**
 * Remove read protection (DfuSe Read Unprotect). The device then erases all
 * of its flash and resets; the handle is no longer usable. Returns once the
 * device has accepted the command, without waiting for the reset.
 * \param dev the device; close it afterwards
 * \returns 0; STM32DFU_ERROR_DEVICE_STATUS; transfer errors
 */
int stm32dfu_read_unprotect(stm32dfu_device *dev);

/* ------------------------------------------------------------------------- */
/* 6. Images                                                                 */
/* ------------------------------------------------------------------------- */

/**
 * The name of a format, for messages.
 * \param format an enum stm32dfu_image_format
 * \returns a static string such as "Intel HEX"; "unknown format" for other values
 */
const char *stm32dfu_format_name(int format);

/**
 * Create an empty image.
 * \param[out] image the new image; NULL on failure
 * \returns 0; STM32DFU_ERROR_NO_MEMORY
 */
int stm32dfu_new_image(stm32dfu_image **image);

/**
 * Parse a file already in memory into a new image; as
 * stm32dfu_load_image_file(), but guessing from the content only.
 * \param[in] data the file's bytes (not kept)
 * \param len_bytes their number
 * \param[in] options may be NULL
 * \param[out] image the new image; NULL on failure
 * \param[out] detail may be NULL; filled only on failure
 * \returns as stm32dfu_load_image_file(), without the FILE errors
 */
int stm32dfu_load_image_buffer(const uint8_t *data, size_t len_bytes,
                               const struct stm32dfu_load_options *options, stm32dfu_image **image,
                               struct stm32dfu_error_detail *detail);

/**
 * Add bytes to an image. Adjacent data is merged into one segment; data that
 * overlaps bytes already present is refused and the image is left unchanged.
 * \param image the image
 * \param alt the target's alternate setting
 * \param address where data[0] goes
 * \param[in] data the bytes (copied)
 * \param len_bytes their number; address + len_bytes must not pass 4 GiB
 * \param[out] detail may be NULL; filled only on failure
 * \returns 0; STM32DFU_ERROR_OVERLAP; STM32DFU_ERROR_OUT_OF_RANGE (past 4 GiB);
 * STM32DFU_ERROR_NO_MEMORY
 */
int stm32dfu_image_add(stm32dfu_image *image, uint8_t alt, uint32_t address, const uint8_t *data,
                       size_t len_bytes, struct stm32dfu_error_detail *detail);

/** One target of an image: the bytes for one alternate setting. */
struct stm32dfu_image_target {
    /** bAlternateSetting; 0 for every format except DfuSe */
    uint8_t alt;
    /** szTargetName of a DfuSe target, "" when unnamed */
    char name[256];
    /** the segments, sorted by address; owned by the image */
    const struct stm32dfu_segment *segments;
    /** number of segments */
    size_t segment_count;
};

/**
 * The image's targets, sorted by alternate setting.
 * \param image the image
 * \param[out] targets the array, owned by the image and valid until it changes
 * \returns the number of targets (0 for an empty image)
 */
size_t stm32dfu_image_get_targets(const stm32dfu_image *image,
                                  const struct stm32dfu_image_target **targets);

/**
 * Copy the image's bytes for [address, address + len_bytes) into buf, with
 * fill_byte where the image has no data (e.g. 0xFF, erased flash).
 * \param image the image
 * \param alt the alternate setting
 * \param address first address
 * \param[out] buf receives len_bytes bytes
 * \param len_bytes length
 * \param fill_byte the value of bytes the image does not hold
 * \returns the number of bytes in the range that the image holds
 */
size_t stm32dfu_image_read(const stm32dfu_image *image, uint8_t alt, uint32_t address, uint8_t *buf,
                           size_t len_bytes, uint8_t fill_byte);

/**
 * The format the image was loaded from.
 * \param image the image
 * \returns an enum stm32dfu_image_format; STM32DFU_FORMAT_AUTO for an image built
 * with stm32dfu_image_add()
 */
int stm32dfu_image_get_format(const stm32dfu_image *image);

/**
 * The start (entry) address the file names: Intel HEX record 03 or 05,
 * S-record S7/S8/S9, ELF e_entry.
 * \param image the image
 * \param[out] address written only when the file names one
 * \returns true when the file names a start address
 */
bool stm32dfu_image_get_start_address(const stm32dfu_image *image, uint32_t *address);

/** The DFU suffix of a file (DFU 1.1 Appendix B; docs/research/host_side.md#s2.1). */
struct stm32dfu_dfu_suffix {
    /** bcdDevice (0xFFFF: any) */
    uint16_t bcdDevice;
    /** idProduct (0xFFFF: any) */
    uint16_t idProduct;
    /** idVendor (0xFFFF: any) */
    uint16_t idVendor;
    /** bcdDFU: 0x0100 plain DFU, 0x011A DfuSe */
    uint16_t bcdDFU;
};

/**
 * The DFU suffix of the file (always present for DfuSe; optional for a raw binary).
 * \param image the image
 * \param[out] suffix written only when the file had one
 * \returns true when the file had a DFU suffix
 */
bool stm32dfu_image_get_suffix(const stm32dfu_image *image, struct stm32dfu_dfu_suffix *suffix);

/* ------------------------------------------------------------------------- */
/* 7. Memory maps                                                            */
/* ------------------------------------------------------------------------- */

/**
 * A memory map: one DfuSe memory-layout string parsed into regions of equal
 * sectors. Created by stm32dfu_parse_memory_map(), freed by
 * stm32dfu_free_memory_map(); read-only once parsed, so threads may share it.
 */
typedef struct stm32dfu_memory_map stm32dfu_memory_map;

/**
 * Parse a DfuSe memory-layout string, the iInterface string of an alternate
 * setting, e.g. "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg".
 * Several "/0x.../..." groups may follow the name.
 * \param[in] layout the string
 * \param[out] map the new map; NULL on failure
 * \param[out] detail may be NULL; on failure names the column (offset) and reason
 * \returns 0; STM32DFU_ERROR_FORMAT; STM32DFU_ERROR_OVERLAP (regions overlap);
 * STM32DFU_ERROR_NO_MEMORY
 */
int stm32dfu_parse_memory_map(const char *layout, stm32dfu_memory_map **map,
                              struct stm32dfu_error_detail *detail);

/**
 * Free a memory map.
 * \param map the map, or NULL
 */
void stm32dfu_free_memory_map(stm32dfu_memory_map *map);

/**
 * The map's name, the text between '@' and the first '/', without trailing blanks.
 * \param map the map
 * \returns a string owned by the map
 */
const char *stm32dfu_memory_map_name(const stm32dfu_memory_map *map);

/**
 * A run of equal sectors in a memory map ("04*016Kg": 4 sectors of 16 KiB).
 * The type letter 'a'..'g' gives the access bits (UM0424 §4.3.2, as read by
 * dfu-util 0.11 dfuse_mem.c): bit 0 readable, bit 1 erasable, bit 2 writeable.
 */
struct stm32dfu_memory_region {
    /** first address */
    uint32_t start;
    /** bytes per sector */
    uint32_t sector_size;
    /** number of sectors */
    uint32_t sector_count;
    /** the type letter, 'a'..'g' */
    char type;
    /** type bit 0: readable (UPLOAD allowed) */
    bool readable;
    /** type bit 1: erasable */
    bool erasable;
    /** type bit 2: writeable */
    bool writeable;
};

/**
 * The map's regions, in the order of the string.
 * \param map the map
 * \param[out] regions the array, owned by the map
 * \returns the number of regions
 */
size_t stm32dfu_memory_map_get_regions(const stm32dfu_memory_map *map,
                                       const struct stm32dfu_memory_region **regions);

/** One sector (erase unit) of a memory map. */
struct stm32dfu_memory_sector {
    /** first address */
    uint32_t start;
    /** size in bytes */
    uint32_t size;
    /** index of its region in stm32dfu_memory_map_get_regions() */
    unsigned int region;
    /** the region may be read (UPLOAD) */
    bool readable;
    /** the region may be erased */
    bool erasable;
    /** the region may be written (DNLOAD) */
    bool writeable;
};

/**
 * The sector that holds an address.
 * \param map the map
 * \param address the address
 * \param[out] sector written only on success
 * \returns 0; STM32DFU_ERROR_OUT_OF_RANGE when no region holds the address
 */
int stm32dfu_memory_map_find_sector(const stm32dfu_memory_map *map, uint32_t address,
                                    struct stm32dfu_memory_sector *sector);

/**
 * Check that every byte of the segments lies in writeable sectors of the map.
 * \param map the map
 * \param[in] segments sorted, non-overlapping segments (e.g. from stm32dfu_image_get_segments())
 * \param count their number
 * \param[out] detail may be NULL; on failure gives the first address that does not
 * fit and a message naming the nearest region's bounds and the fix
 * \returns 0; STM32DFU_ERROR_OUT_OF_RANGE
 */
int stm32dfu_memory_map_check(const stm32dfu_memory_map *map,
                              const struct stm32dfu_segment *segments, size_t count,
                              struct stm32dfu_error_detail *detail);

/**
 * List the sectors (erase units) the segments touch, each once, by address.
 * \param map the map
 * \param[in] segments sorted segments, checked with stm32dfu_memory_map_check()
 * \param count their number
 * \param[out] sectors a new array owned by the caller (free it with
 * stm32dfu_free_sectors()); NULL on failure or when the count is 0
 * \returns the number of sectors; STM32DFU_ERROR_OUT_OF_RANGE (a byte outside
 * the map); STM32DFU_ERROR_NO_MEMORY
 */
int stm32dfu_memory_map_get_sectors(const stm32dfu_memory_map *map,
                                    const struct stm32dfu_segment *segments, size_t count,
                                    struct stm32dfu_memory_sector **sectors);

/**
 * Free a list from stm32dfu_memory_map_get_sectors().
 * \param sectors the array, or NULL
 */
void stm32dfu_free_sectors(struct stm32dfu_memory_sector *sectors);

/* ------------------------------------------------------------------------- */
/* 8. Option bytes and read protection                                       */
/* ------------------------------------------------------------------------- */

/**
 * Where the read-protection (RDP) byte lies, when an alternate setting is the
 * option-byte area of a recognised series.
 * \param[in] info a discovered device
 * \param alt the alternate setting
 * \param[out] address the RDP byte's address, written only when true is returned
 * \returns true when alt holds the option bytes and the series is known
 */
bool stm32dfu_rdp_byte_address(const struct stm32dfu_device_info *info, unsigned int alt,
                               uint32_t *address);

/**
 * The read-protection level an RDP byte value means on this device's series.
 * \param[in] info a discovered device
 * \param rdp the RDP byte
 * \returns 0, 1 or 2 (2 is permanent). The series STM32F0/F1/F3 cannot tell an F1, which
 *          has levels 0 and 1 only, from an F0/F3: 0xCC is 2 there, although an F1 takes it as
 *          level 1.
 */
int stm32dfu_rdp_level(const struct stm32dfu_device_info *info, uint8_t rdp);

/**
 * Read memory through the option-byte alternate setting to learn the read
 * protection level. Restores the previous alternate setting. Blocks until done.
 * \param dev the device
 * \param[out] bytes receives up to max_bytes option bytes
 * \param max_bytes room in bytes
 * \param[out] address the option bytes' address, written only on success
 * \returns the number of bytes read; STM32DFU_ERROR_UNSUPPORTED (no option
 * byte area); STM32DFU_ERROR_DEVICE_STATUS (errVENDOR: read-protected);
 * transfer errors
 */
int stm32dfu_read_option_bytes(stm32dfu_device *dev, uint8_t *bytes, size_t max_bytes,
                               uint32_t *address);

/**
 * The read-protection level the option bytes hold now (stm32dfu_read_option_bytes(),
 * then the series' RDP byte). Active protection refuses the read itself.
 * \param dev the device
 * \param[out] rdp the RDP byte, written only when a level is returned
 * \returns the level (0, 1 or 2, as stm32dfu_rdp_level()); STM32DFU_ERROR_DEVICE_STATUS
 * (errVENDOR: protection is active); STM32DFU_ERROR_UNSUPPORTED (no option-byte
 * area, or the series' RDP byte is not known); transfer errors
 */
int stm32dfu_read_protection_level(stm32dfu_device *dev, uint8_t *rdp);

/** One field of a series' option bytes, as its reference manual names it. */
struct stm32dfu_option_field {
    /** the field's name, e.g. "BOR_LEV" */
    const char *name;
    /** byte offset of the little-endian 16-bit word holding it, from the
     * start of the option bytes (the "@Option Bytes" alternate setting) */
    uint8_t offset;
    /** the field's bits in that word */
    uint16_t mask;
    /** what the values 0 and 1 of a one-bit field mean, e.g. "software
     * independent watchdog"; NULL for wider fields */
    const char *meaning[2];
    /** for a complement the layout keeps beside a value (F1's nRDP), the
     * name of that value ("RDP"); such a field follows its value and is not
     * set by name. NULL for the others */
    const char *complement_of;
};

/**
 * The fields of the device's option bytes, to decode bytes read with
 * stm32dfu_read_option_bytes(). The layout (STM32F1, F2/F4, F7, H7, L4, G4) is
 * recognised by the start and size of the "@Option Bytes" alternate setting's
 * first region. Sends nothing on the bus.
 * \param[in] info a discovered device
 * \param[out] fields a static array, written only when the count is not 0
 * \returns the number of fields; 0 when the layout is not known
 */
size_t stm32dfu_option_fields(const struct stm32dfu_device_info *info,
                              const struct stm32dfu_option_field **fields);

/**
 * The value of one option-byte field (shifted down to bit 0) in option bytes
 * read from the start of the "@Option Bytes" alternate setting.
 * \param[in] field a field from stm32dfu_option_fields()
 * \param[in] bytes the option bytes
 * \param count the number of bytes
 * \param[out] value written only when the function returns true
 * \returns false when the bytes do not reach the field
 */
bool stm32dfu_option_field_value(const struct stm32dfu_option_field *field, const uint8_t *bytes,
                                 size_t count, unsigned int *value);

/**
 * Set one option-byte field in option bytes read with
 * stm32dfu_read_option_bytes(), together with the copy the layout keeps of
 * it: the complement beside it on F1 (each byte), F7 (each half-word), L4
 * and G4 (each word), the program register beside the current one on H7
 * (FLASH_OPTSR_PRG, FLASH_WPSN_PRG1R). Nothing else changes. Sends nothing
 * on the bus.
 * \param[in] info the device the option bytes came from
 * \param[in] field a field from stm32dfu_option_fields(), not a complement
 * \param[in,out] bytes the option bytes, changed only on success
 * \param count the number of bytes
 * \param value the new value, shifted down to bit 0
 * \returns 0; STM32DFU_ERROR_OUT_OF_RANGE (value wider than the field);
 * STM32DFU_ERROR_INVALID_ARGUMENT (a complement field, or the bytes do not
 * reach the field or its copy); STM32DFU_ERROR_UNSUPPORTED (layout not known)
 */
int stm32dfu_option_field_set(const struct stm32dfu_device_info *info,
                              const struct stm32dfu_option_field *field, uint8_t *bytes,
                              size_t count, unsigned int value);

/**
 * What a field's value means: the read-protection level for RDP ("level 0"),
 * the reference manual's reading of a one-bit field ("software independent
 * watchdog"), else NULL.
 * \param[in] info the device the option bytes came from
 * \param[in] field a field from stm32dfu_option_fields()
 * \param value the field's value from stm32dfu_option_field_value()
 * \returns a static string, or NULL
 */
const char *stm32dfu_option_field_meaning(const struct stm32dfu_device_info *info,
                                          const struct stm32dfu_option_field *field,
                                          unsigned int value);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* STM32DFU_HOST_H */
