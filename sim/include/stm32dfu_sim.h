/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu_sim: a model of the STM32 system-memory (ROM) bootloader as a USB DFU 1.1 / DfuSe
 * device (ST AN3156 Rev 17; ST AN2662 Rev 1 chapter 4 for the protocol detail), and of an
 * application that carries a DFU runtime interface, a CDC-ACM serial port that takes the
 * 1200-baud touch, or both.
 *
 * The model is pure C: a SETUP packet and its OUT data go in, and a reply (IN data, a STALL or
 * no reply) comes out. It knows nothing of usbfs, umockdev or GLib, keeps no globals and never
 * reads a clock: the caller passes the current time into every call. The USB plumbing
 * (sim/usb/) turns the reply into a completed URB and the events into unplug/replug.
 *
 * Threads: a board is not thread safe; one thread (or one lock) per board.
 */
#ifndef STM32DFU_SIM_H
#define STM32DFU_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes of the model API. 0 is success; every failure is negative. */
enum stm32dfu_sim_error {
    /** Success */
    STM32DFU_SIM_OK = 0,
    /** An argument is NULL, out of range or inconsistent (the message buffer says which) */
    STM32DFU_SIM_ERROR_INVALID = -1,
    /** Out of memory */
    STM32DFU_SIM_ERROR_NO_MEMORY = -2,
    /** No profile has the requested name */
    STM32DFU_SIM_ERROR_NO_PROFILE = -3,
    /** An address range lies outside every memory of the profile */
    STM32DFU_SIM_ERROR_OUT_OF_RANGE = -4,
    /** A fault specification does not parse (the message buffer names the bad part) */
    STM32DFU_SIM_ERROR_FAULT_SYNTAX = -5,
};

/** What the board presents on the bus. */
enum stm32dfu_sim_mode {
    /** The ROM bootloader in DFU mode (0483:df11, AN3156 Rev 17 §2) */
    STM32DFU_SIM_MODE_ROM = 0,
    /** The application: a DFU runtime interface (class FE/01/01, DFU 1.1 §4.1), a CDC-ACM
     * port, or both (stm32dfu_sim_options::app_interfaces) */
    STM32DFU_SIM_MODE_APP = 1,
};

/** Interfaces the application exposes (stm32dfu_sim_options::app_interfaces, OR of these). */
enum stm32dfu_sim_app_interface {
    /** A DFU runtime interface run by the firmware library's helper (stm32dfu_runtime.h) */
    STM32DFU_SIM_APP_DFU = 1u << 0,
    /** A CDC-ACM function (communication and data interfaces, USB CDC PSTN 1.2) whose
     * SET_LINE_CODING and SET_CONTROL_LINE_STATE go to the firmware library's 1200-baud touch
     * helper (stm32dfu_cdc_touch.h) */
    STM32DFU_SIM_APP_CDC = 1u << 1,
};

/** The DFU state the ROM reports before the host has sent anything. */
enum stm32dfu_sim_start {
    /** Whatever the profile says (the F405 capture starts in dfuERROR, the F107 in dfuIDLE) */
    STM32DFU_SIM_START_PROFILE = 0,
    /** dfuIDLE, status OK */
    STM32DFU_SIM_START_IDLE = 1,
    /** dfuERROR, status errFIRMWARE (fidelity/stm32f4discovery.bin-download) */
    STM32DFU_SIM_START_ERROR_FIRMWARE = 2,
};

/**
 * Chip quirks (docs/research/host_side.md#s1.5 table). A profile enables the ones seen on its chip;
 * stm32dfu_sim_options::quirks_add enables more on any profile.
 */
enum stm32dfu_sim_quirk {
    /** GETSTATUS keeps answering dfuDNBUSY for extra polls after a command (STM32L151VD, dfu-util
     * commit a2afb4b); the count is stm32dfu_sim_options::extra_busy_polls, default 2 */
    STM32DFU_SIM_QUIRK_EXTRA_BUSY_POLLS = 1u << 0,
    /** A GETSTATUS that arrives before the operation ends is STALLed instead of held (other
     * requests are held as usual); the profile declares too short a bwPollTimeout (STM32L4,
     * dfu-util commit c15ee60). "Before" is counted in device time, not measured: the polls a
     * host waiting the declared bwPollTimeout between them would send before the work ends
     * (ceil(duration / bwPollTimeout) - 1, e.g. 2 for the L476's 25 ms page erase declared as
     * 10 ms) are STALLed at any time scale, so the outcome never depends on scheduling */
    STM32DFU_SIM_QUIRK_STALL_EARLY_POLL = 1u << 1,
    /** Erasing a sector at or beyond 1 MiB into the flash leaves the device in dfuDNBUSY for good;
     * CLRSTATUS gives dfuERROR/errUNKNOWN, a second CLRSTATUS dfuIDLE/OK, and the erase is done
     * (STM32H743 rev V, betaflight-configurator PR #1861) */
    STM32DFU_SIM_QUIRK_STUCK_BUSY = 1u << 2,
    /** A special command goes from dfuDNLOAD-SYNC straight to dfuDNLOAD-IDLE without dfuDNBUSY
     * (STM32U5A9, dfu-util commit be49612) */
    STM32DFU_SIM_QUIRK_SPECIAL_DIRECT_IDLE = 1u << 3,
    /** CLRSTATUS outside dfuERROR is STALLed instead of giving dfuERROR/errUNKNOWN (STM32C5,
     * betaflight-configurator PR #5348) */
    STM32DFU_SIM_QUIRK_CLRSTATUS_STALL = 1u << 4,
    /** Programming bytes that are not erased ANDs the bits silently instead of errWRITE
     * (docs/research/host_side.md#s1.10 item 7: undocumented, so selectable) */
    STM32DFU_SIM_QUIRK_PROGRAM_AND = 1u << 5,
    /** Mass erase declares bwPollTimeout 100 ms although it takes up to 32 s (STM32F405,
     * dfu-util commit 47af500) */
    STM32DFU_SIM_QUIRK_SHORT_MASS_ERASE_POLL = 1u << 6,
};

/** The level of the board's BOOT0 pin at every reset (docs/simulator.md "Resets and BOOT0") */
enum stm32dfu_sim_boot0 {
    /** The level the power-up mode implies: high for STM32DFU_SIM_MODE_ROM (the ROM runs from
     * power-up), low for STM32DFU_SIM_MODE_APP (the application does) */
    STM32DFU_SIM_BOOT0_AUTO = 0,
    /** Low: a reset boots the main flash (or, with BFB2 set, the ROM's dual-bank boot) */
    STM32DFU_SIM_BOOT0_LOW,
    /** High: a reset boots system memory and the ROM bootloader stays */
    STM32DFU_SIM_BOOT0_HIGH,
};

/** Options for stm32dfu_sim_new_board(). Initialise with stm32dfu_sim_options_init(). */
struct stm32dfu_sim_options {
    /** Profile name, case-insensitive (see stm32dfu_sim_profile_name()); default "stm32f405" */
    const char *profile;
    /** Mode the board powers up in; default ROM */
    enum stm32dfu_sim_mode mode;
    /** State the ROM reports first, at power-up and after every reset into the ROM */
    enum stm32dfu_sim_start start;
    /** Multiplies every simulated duration and every bwPollTimeout reported; 1.0 = real
     * timing, 0 = instantaneous. Must be >= 0 and finite. */
    double time_scale;
    /** Quirks added to the profile's own (OR of enum stm32dfu_sim_quirk) */
    uint32_t quirks_add;
    /** Quirks removed from the profile's own (OR of enum stm32dfu_sim_quirk) */
    uint32_t quirks_remove;
    /** Extra dfuDNBUSY replies for STM32DFU_SIM_QUIRK_EXTRA_BUSY_POLLS */
    unsigned extra_busy_polls;
    /** Read protection level 1 at power-up (the RDP option byte is set to a level-1 value) */
    bool read_protected;
    /** Serial number string; NULL = the profile's */
    const char *serial;
    /** Application-mode idVendor; default 0x1209 (pid.codes) */
    uint16_t app_vid;
    /** Application-mode idProduct; default 0x0001 (pid.codes test PID) */
    uint16_t app_pid;
    /** Interfaces of the application (OR of enum stm32dfu_sim_app_interface, not 0); default
     * STM32DFU_SIM_APP_DFU */
    unsigned app_interfaces;
    /** The CDC-ACM application does not run the touch helper: an application that never
     * enters its bootloader from the serial port */
    bool app_touch_ignored;
    /** Every control transfer takes full-speed bus time (scaled by time_scale): 1 ms for the
     * SETUP and status stages plus 125 µs per 64-byte data packet, so a 2048-byte DNLOAD takes
     * the 5 ms measured on the F745 ROM (docs/simulator.md "Bus time"); default true */
    bool bus_time;
    /** The BOOT0 pin at every reset the board makes (DFU detach, 1200-baud touch, option-byte
     * write, Read Unprotect); default STM32DFU_SIM_BOOT0_AUTO */
    enum stm32dfu_sim_boot0 boot0;
};

/** Opaque simulated board. Created by stm32dfu_sim_new_board(), freed by
 * stm32dfu_sim_free_board(); owns its flash and its strings. */
typedef struct stm32dfu_sim_board stm32dfu_sim_board;

/**
 * Fills \p opts with the defaults listed in struct stm32dfu_sim_options.
 * \param opts (out) options to initialise
 */
void stm32dfu_sim_options_init(struct stm32dfu_sim_options *opts);

/** \returns the number of profiles (at least 6) */
size_t stm32dfu_sim_profile_count(void);

/**
 * \param index 0 .. stm32dfu_sim_profile_count() - 1
 * \returns the profile's name ("stm32f405", "stm32f107", ...), or NULL if index is out of range
 */
const char *stm32dfu_sim_profile_name(size_t index);

/**
 * \param index 0 .. stm32dfu_sim_profile_count() - 1
 * \returns one line describing the profile (chip, flash, sources), or NULL if out of range
 */
const char *stm32dfu_sim_profile_description(size_t index);

/**
 * Names the quirks for command lines and logs.
 * \param index 0, 1, 2, ... (one per enum stm32dfu_sim_quirk member)
 * \param bit (out, may be NULL) the quirk's enum stm32dfu_sim_quirk value, written when the
 *        index is in range
 * \returns the quirk's name ("extra-busy-polls", "stall-early-poll", ...), or NULL past the last
 */
const char *stm32dfu_sim_quirk_name(size_t index, uint32_t *bit);

/**
 * Looks a quirk up by the name stm32dfu_sim_quirk_name() gives it (case-sensitive).
 * \param name the quirk's name
 * \param bit (out) its enum stm32dfu_sim_quirk value, written only on success
 * \returns 0 on success, STM32DFU_SIM_ERROR_INVALID if no quirk has that name
 */
int stm32dfu_sim_quirk_from_name(const char *name, uint32_t *bit);

/**
 * Creates a board powered up as \p opts says, flash erased (0xFF), option bytes at the
 * profile's defaults.
 * \param opts options, or NULL for the defaults
 * \param out (out) the new board; written only on success
 * \param msg (out, optional) room for a message naming the cause of a failure
 * \param msg_len size of \p msg in bytes
 * \returns STM32DFU_SIM_OK
 * \returns STM32DFU_SIM_ERROR_NO_PROFILE if no profile has that name
 * \returns STM32DFU_SIM_ERROR_INVALID if time_scale is negative or not finite
 * \returns STM32DFU_SIM_ERROR_NO_MEMORY
 */
int stm32dfu_sim_new_board(const struct stm32dfu_sim_options *opts, stm32dfu_sim_board **out,
                           char *msg, size_t msg_len);

/** Frees a board and everything it owns. NULL is ignored. */
void stm32dfu_sim_free_board(stm32dfu_sim_board *board);

/**
 * Adds fault injections. \p spec is one or more faults separated by commas:
 *
 *     KIND@TRIGGER=VALUE
 *
 * TRIGGER is `req` (VALUE = N, the 1-based count of control requests this board has received,
 * all kinds counted) or `addr` (VALUE = an address, decimal or 0x hex). KIND is:
 * - `disconnect`: request N, or the operation that reaches addr (write or erase), gets no reply;
 *   the board drops off the bus for good (event STM32DFU_SIM_EVENT_DISCONNECT). Bytes before
 *   addr are programmed.
 * - `stall` (req only): request N is STALLed; the state does not change.
 * - `hold-status` (req only): request N is never answered while the board stays attached, so
 *   the host's timeout expires (reply STM32DFU_SIM_REPLY_HANG); the request has no effect.
 * - `sigint`, `sigterm` (req only): request N is never answered, and the host program is sent
 *   SIGINT or SIGTERM while it waits for the reply (event STM32DFU_SIM_EVENT_SIGNAL), as a user
 *   pressing Ctrl-C or a supervisor stopping it would, at a known point.
 * - `errWRITE`, `errERASE`, `errVERIFY` (addr only): the write (or erase, for errERASE) that
 *   covers addr fails with that status (dfuERROR on the second GETSTATUS); errWRITE leaves the
 *   bytes from addr on unchanged, errERASE the whole page, errVERIFY writes them all.
 * - `bitflip` (addr only): programming the byte at addr silently stores it with bit 0 inverted.
 *
 * Malformed replies: the request does what it always does, only its reply is mangled. The req
 * kinds hit the first request of their kind at or after request N (GETSTATUS, or
 * GET_DESCRIPTOR for junk-descriptor), so N need not be exact.
 * - `short-status`: 3 of the 6 bytes of a GETSTATUS reply.
 * - `long-status`: 3 bytes more than a GETSTATUS reply has; more than wLength, so the transfer
 *   fails with babble (reply overflow).
 * - `bad-state`, `bad-status`: bState, or bStatus, 0x2A, which DFU 1.1 §6.1.2 does not define.
 * - `huge-poll`: bwPollTimeout 0xFFFFFF ms (4.66 hours, the field's largest value) in the first
 *   GETSTATUS from N on that says dfuDNBUSY; the operation itself ends on time.
 * - `busy-forever`: from the first GETSTATUS from N on, every GETSTATUS answers dfuDNBUSY with
 *   bwPollTimeout 0xFFFFFF, until a bus reset: a chip hung in its flash routine.
 * - `junk-descriptor`: a GET_DESCRIPTOR reply of 7 bytes whose bLength says 255 and whose
 *   bDescriptorType is 0x2A.
 * - `short-upload`, `long-upload` (addr only): the UPLOAD that reads addr answers half its
 *   bytes, or 3 bytes more than wLength (babble).
 *
 * Each fault fires once. Example: `errWRITE@addr=0x08004000,disconnect@req=40`.
 * \param board the board
 * \param spec the fault list
 * \param msg (out, optional) on failure, a message naming the bad part and the accepted syntax
 * \param msg_len size of \p msg
 * At most 16 faults per board.
 * \returns STM32DFU_SIM_OK
 * \returns STM32DFU_SIM_ERROR_FAULT_SYNTAX on a bad or 17th fault (then none of spec is added)
 * \returns STM32DFU_SIM_ERROR_INVALID if board is NULL
 */
int stm32dfu_sim_board_add_faults(stm32dfu_sim_board *board, const char *spec, char *msg,
                                  size_t msg_len);

/**
 * Stores bytes into any memory of the profile (flash, option bytes, OTP, SRAM) as they are,
 * without programming semantics, as a preloaded image.
 * \param board the board
 * \param address first byte
 * \param data bytes to store (not kept)
 * \param len number of bytes
 * \returns STM32DFU_SIM_OK, or STM32DFU_SIM_ERROR_OUT_OF_RANGE if any byte falls outside one memory
 */
int stm32dfu_sim_board_load(stm32dfu_sim_board *board, uint32_t address, const uint8_t *data,
                            size_t len);

/**
 * Reads bytes from any memory of the profile, bypassing read protection.
 * \param board the board
 * \param address first byte
 * \param out (out) room for len bytes; written only on success
 * \param len number of bytes
 * \returns STM32DFU_SIM_OK, or STM32DFU_SIM_ERROR_OUT_OF_RANGE if any byte falls outside one memory
 */
int stm32dfu_sim_board_read(const stm32dfu_sim_board *board, uint32_t address, uint8_t *out,
                            size_t len);

/** \returns the base address of the internal flash (alt setting 0), e.g. 0x08000000 */
uint32_t stm32dfu_sim_board_flash_base(const stm32dfu_sim_board *board);

/** \returns the size of the internal flash in bytes */
size_t stm32dfu_sim_board_flash_size(const stm32dfu_sim_board *board);

/**
 * \returns the whole internal flash, from its base, stm32dfu_sim_board_flash_size() bytes;
 * valid until the next call that changes the board
 */
const uint8_t *stm32dfu_sim_board_flash(const stm32dfu_sim_board *board);

/**
 * Write-protects the flash page or sector holding \p address through the option bytes, as if
 * they had been programmed before power-up: its nWRP/WRPx/WRPSn bit is cleared, or on L4/G4 the
 * first unused WRP1A/WRP1B area is set to it (else the first grows to cover it). Its erase then
 * does nothing, silently (AN2662 Rev 1 §4.5.3), and programming it fails with errWRITE, as for
 * option bytes a host writes.
 * \param board the board
 * \param address any address inside the page or sector
 * \returns STM32DFU_SIM_OK, or STM32DFU_SIM_ERROR_OUT_OF_RANGE if address is not in the flash
 * or no option bit of the profile covers it (H743 bank 2, L476/G474 bank 2)
 */
int stm32dfu_sim_board_write_protect(stm32dfu_sim_board *board, uint32_t address);

/** USB bus speed, as the sysfs `speed` attribute reports it in Mbit/s */
#define STM32DFU_SIM_SPEED_FULL 12

/** How the board identifies itself in the current mode (for sysfs attributes). */
struct stm32dfu_sim_identity {
    /** idVendor */
    uint16_t vid;
    /** idProduct */
    uint16_t pid;
    /** bcdDevice */
    uint16_t bcd_device;
    /** bcdUSB */
    uint16_t bcd_usb;
    /** iManufacturer string (UTF-8, owned by the board) */
    const char *manufacturer;
    /** iProduct string (owned by the board; in app mode the APPVERSION text) */
    const char *product;
    /** iSerialNumber string (owned by the board) */
    const char *serial;
    /** bus speed in Mbit/s (STM32DFU_SIM_SPEED_FULL) */
    unsigned speed_mbps;
    /** configuration bmAttributes bit 6 (the descriptor's claim) */
    bool self_powered;
    /** bMaxPower in mA */
    unsigned max_power_ma;
    /** number of interfaces of the configuration */
    unsigned num_interfaces;
    /** bConfigurationValue of the only configuration */
    unsigned configuration_value;
    /** the mode these fields describe */
    enum stm32dfu_sim_mode mode;
    /** the application has a CDC-ACM function (communication interface 0, data interface 1),
     * to which a host's cdc-acm driver would bind */
    bool cdc_acm;
};

/**
 * Describes the board in its current mode. Strings stay valid until the board changes mode or
 * is freed.
 * \param board the board
 * \param out (out) the identity
 */
void stm32dfu_sim_board_identity(const stm32dfu_sim_board *board,
                                 struct stm32dfu_sim_identity *out);

/**
 * Copies the raw descriptors as the kernel's sysfs `descriptors` attribute has them: the
 * 18-byte device descriptor followed by the full configuration descriptor set.
 * \param board the board
 * \param buf (out, optional) destination
 * \param cap size of \p buf; the copy is truncated to it
 * \returns the full length in bytes (may exceed cap)
 */
size_t stm32dfu_sim_board_descriptors(const stm32dfu_sim_board *board, uint8_t *buf, size_t cap);

/** A SETUP packet (USB 2.0 §9.3), fields in host order. */
struct stm32dfu_sim_setup {
    /** bmRequestType */
    uint8_t bmRequestType;
    /** bRequest */
    uint8_t bRequest;
    /** wValue */
    uint16_t wValue;
    /** wIndex */
    uint16_t wIndex;
    /** wLength */
    uint16_t wLength;
};

/** How the plumbing completes a control transfer. */
enum stm32dfu_sim_reply_kind {
    /** Complete it: IN data of stm32dfu_sim_reply::len bytes, or an OUT status stage */
    STM32DFU_SIM_REPLY_ACK = 0,
    /** STALL it (the kernel reports EPIPE) */
    STM32DFU_SIM_REPLY_STALL = 1,
    /** The board is off the bus (disconnected or resetting): fail it as the kernel does for a
     * vanished device (ENODEV) */
    STM32DFU_SIM_REPLY_NONE = 2,
    /** The board is attached but never answers: keep it pending until the host cancels it */
    STM32DFU_SIM_REPLY_HANG = 3,
};

/** Kinds of bus event the plumbing must carry out after a reply. */
enum stm32dfu_sim_event_kind {
    /** Nothing */
    STM32DFU_SIM_EVENT_NONE = 0,
    /** Drop off the bus now and stay off (a fault, or a reset that never comes back) */
    STM32DFU_SIM_EVENT_DISCONNECT = 1,
    /** Drop off the bus now, then after stm32dfu_sim_event::after_ms call
     * stm32dfu_sim_board_reconnect() and enumerate with the identity it then reports */
    STM32DFU_SIM_EVENT_REENUMERATE = 2,
    /** Send stm32dfu_sim_event::signal to the host program before the transfer that comes
     * with it completes, so the program has it while it waits for the reply */
    STM32DFU_SIM_EVENT_SIGNAL = 3,
};

/** A bus event: what the board does after the reply it comes with. */
struct stm32dfu_sim_event {
    /** what happens */
    enum stm32dfu_sim_event_kind kind;
    /** the mode the board comes back in (REENUMERATE) */
    enum stm32dfu_sim_mode mode;
    /** scaled delay between disconnect and re-enumeration, in ms (REENUMERATE) */
    uint32_t after_ms;
    /** short static text: "leave", "detach", "read-unprotect", "option-bytes", "fault" */
    const char *reason;
    /** the signal number (SIGINT or SIGTERM) to send (SIGNAL) */
    int signal;
};

/** The model's answer to one control transfer. */
struct stm32dfu_sim_reply {
    /** how to complete the transfer */
    enum stm32dfu_sim_reply_kind kind;
    /** IN bytes written to the data buffer (ACK of an IN request); 0 otherwise */
    size_t len;
    /** the board sent more than wLength bytes (a malformed-reply fault): the host controller
     * reports babble, and the kernel fails the transfer with EOVERFLOW after len bytes */
    bool overflow;
    /** scaled time, in µs, the board holds the reply before answering (it is busy, as the F7
     * ROM holds GETSTATUS during an erase: docs/research/host_side.md#s1.5) */
    uint64_t hold_us;
    /** the board's time, in µs, when the reply goes out (the request time plus hold_us) */
    uint64_t done_us;
    /** what the board does on the bus after this reply */
    struct stm32dfu_sim_event event;
};

/**
 * Handles one control transfer on endpoint 0: standard requests (GET_DESCRIPTOR, GET_STATUS,
 * SET_CONFIGURATION, SET_INTERFACE, GET_CONFIGURATION, GET_INTERFACE, SET_ADDRESS,
 * CLEAR_FEATURE), the DFU class requests of the current mode, and nothing else (STALL and a
 * log line).
 *
 * If the board is busy (an erase or program started by the previous GETSTATUS), the request
 * waits until the operation ends: reply->hold_us says for how long, and the request is then
 * handled at that later time.
 *
 * \param board the board
 * \param now_us the caller's monotonic time in µs; the same time base on every call. Time never
 *        goes backwards for the board: an earlier value is taken as the board's last time.
 * \param setup the SETUP packet
 * \param data OUT: the wLength bytes from the host; IN: room for wLength bytes, filled
 * \param reply (out) how to complete the transfer, always written
 * \returns STM32DFU_SIM_OK, or STM32DFU_SIM_ERROR_INVALID if a pointer is NULL
 */
int stm32dfu_sim_board_control(stm32dfu_sim_board *board, uint64_t now_us,
                               const struct stm32dfu_sim_setup *setup, uint8_t *data,
                               struct stm32dfu_sim_reply *reply);

/**
 * Data the host sends on a bulk OUT endpoint (the CDC-ACM data interface's, 0x01, in an
 * application with STM32DFU_SIM_APP_CDC). The application takes and drops the bytes; they
 * never reach the touch helper. Counted in stm32dfu_sim_stats::bulk_out_bytes.
 * \param board the board
 * \param endpoint bEndpointAddress
 * \param data the bytes (not kept)
 * \param len their number
 * \returns STM32DFU_SIM_OK; STM32DFU_SIM_ERROR_INVALID if the current configuration has no such
 * OUT endpoint (the plumbing fails the transfer as the kernel does)
 */
int stm32dfu_sim_board_bulk_out(stm32dfu_sim_board *board, uint8_t endpoint, const uint8_t *data,
                                size_t len);

/**
 * \returns true if the current configuration has a bulk or interrupt endpoint with this
 * bEndpointAddress (the CDC-ACM application's 0x01, 0x81 and 0x82)
 * \param board the board
 * \param endpoint bEndpointAddress
 */
bool stm32dfu_sim_board_has_endpoint(const stm32dfu_sim_board *board, uint8_t endpoint);

/**
 * A USB bus reset (usbfs USBDEVFS_RESET, libusb_reset_device). The device stays on the bus with
 * the same identity: the ROM returns to the start of DFU mode (start state, pointer at the flash
 * base); the application stays as it is (it has bitWillDetach, so it never waits in appDETACH
 * for a reset, DFU 1.1 §5.1).
 * \param board the board
 * \param now_us the caller's time in µs
 */
void stm32dfu_sim_board_bus_reset(stm32dfu_sim_board *board, uint64_t now_us);

/**
 * Brings a disconnected board back onto the bus after an event, or powers it up again after an
 * unplug (serve mode), in \p mode. The ROM starts in the configured start state, with the
 * address pointer at the flash base; the application re-reads its version string from flash.
 * Identity and descriptors change to those of the mode.
 * \param board the board
 * \param mode ROM or APP
 */
void stm32dfu_sim_board_reconnect(stm32dfu_sim_board *board, enum stm32dfu_sim_mode mode);

/** \returns true while the board is on the bus (false after a DISCONNECT or REENUMERATE event,
 * until stm32dfu_sim_board_reconnect()) */
bool stm32dfu_sim_board_attached(const stm32dfu_sim_board *board);

/** Control requests counted by stm32dfu_sim_stats, one per name. */
enum stm32dfu_sim_request {
    STM32DFU_SIM_REQ_GET_STATUS,        /**< standard GET_STATUS (USB 2.0 Table 9-4) */
    STM32DFU_SIM_REQ_CLEAR_FEATURE,     /**< standard CLEAR_FEATURE */
    STM32DFU_SIM_REQ_SET_FEATURE,       /**< standard SET_FEATURE */
    STM32DFU_SIM_REQ_SET_ADDRESS,       /**< standard SET_ADDRESS */
    STM32DFU_SIM_REQ_GET_DESCRIPTOR,    /**< standard GET_DESCRIPTOR */
    STM32DFU_SIM_REQ_SET_DESCRIPTOR,    /**< standard SET_DESCRIPTOR */
    STM32DFU_SIM_REQ_GET_CONFIGURATION, /**< standard GET_CONFIGURATION */
    STM32DFU_SIM_REQ_SET_CONFIGURATION, /**< standard SET_CONFIGURATION */
    STM32DFU_SIM_REQ_GET_INTERFACE,     /**< standard GET_INTERFACE */
    STM32DFU_SIM_REQ_SET_INTERFACE,     /**< standard SET_INTERFACE */
    STM32DFU_SIM_REQ_SYNCH_FRAME,       /**< standard SYNCH_FRAME */
    STM32DFU_SIM_REQ_DETACH,            /**< DFU_DETACH (DFU 1.1 Table 3.2) */
    STM32DFU_SIM_REQ_DNLOAD,            /**< DFU_DNLOAD */
    STM32DFU_SIM_REQ_UPLOAD,            /**< DFU_UPLOAD */
    STM32DFU_SIM_REQ_GETSTATUS,         /**< DFU_GETSTATUS */
    STM32DFU_SIM_REQ_CLRSTATUS,         /**< DFU_CLRSTATUS */
    STM32DFU_SIM_REQ_GETSTATE,          /**< DFU_GETSTATE */
    STM32DFU_SIM_REQ_ABORT,             /**< DFU_ABORT */
    STM32DFU_SIM_REQ_OTHER,             /**< anything else (vendor, unknown) */
    STM32DFU_SIM_REQ_COUNT              /**< number of names, not a request */
};

/**
 * \returns the request's name as used in --stats JSON ("GETSTATUS", "SET_ADDRESS", ...), or
 * "?" if out of range
 */
const char *stm32dfu_sim_request_name(enum stm32dfu_sim_request request);

/** Per-board statistics. */
struct stm32dfu_sim_stats {
    /** control requests received, all kinds */
    uint64_t control_requests;
    /** control requests by name, indexed by enum stm32dfu_sim_request */
    uint64_t by_request[STM32DFU_SIM_REQ_COUNT];
    /** GETSTATUS requests that came while the board was dfuDNBUSY, before the bwPollTimeout of
     * its dfuDNBUSY reply had passed (board clock): the polls of a host that does not wait as
     * DFU 1.1 §6.1.2 asks. A host that sleeps bwPollTimeout never sends one. */
    uint64_t early_getstatus;
    /** unscaled device time spent busy (erase, program, commands, resets), in ms: how long a
     * real chip would have worked, whatever the time scale */
    uint64_t simulated_ms;
    /** bytes received on bulk OUT endpoints (the CDC-ACM data interface) */
    uint64_t bulk_out_bytes;
    /** unscaled bus time of every control transfer, in ms (0 without
     * stm32dfu_sim_options::bus_time) */
    uint64_t bus_ms;
    /** the protocol floor, unscaled, in ms: the bus time plus, for every reply that says
     * dfuDNBUSY or dfuMANIFEST, the declared bwPollTimeout a host must wait before its next
     * request or the rest of the work the reply started, whichever is longer; the least time a
     * host that waits every bwPollTimeout needs for the requests it sent */
    uint64_t floor_ms;
    /** unscaled time the flash itself needed, in ms: erase and program times only (no bus,
     * no polls, no commands); the physical limit of the work the host asked for */
    uint64_t physical_ms;
};

/**
 * Copies the board's statistics.
 * \param board the board
 * \param out (out) the statistics
 */
void stm32dfu_sim_board_stats(const stm32dfu_sim_board *board, struct stm32dfu_sim_stats *out);

/** Log levels. */
enum stm32dfu_sim_log_level {
    /** a request the board did not expect: it names the full SETUP packet and the data */
    STM32DFU_SIM_LOG_UNEXPECTED = 0,
    /** what the board did (command executed, reset, fault fired) */
    STM32DFU_SIM_LOG_INFO = 1,
};

/**
 * Log callback; its arguments come in the order of the host library's
 * stm32dfu_log_cb (level, message, user_data).
 * \param level the level
 * \param message one line without a newline, valid only during the call
 * \param user_data the pointer given to stm32dfu_sim_board_set_log_cb()
 */
typedef void (*stm32dfu_sim_log_cb)(enum stm32dfu_sim_log_level level, const char *message,
                                    void *user_data);

/**
 * Installs the log callback (NULL: silent, the default).
 * \param board the board
 * \param cb the callback
 * \param user_data passed to every call
 */
void stm32dfu_sim_board_set_log_cb(stm32dfu_sim_board *board, stm32dfu_sim_log_cb cb,
                                   void *user_data);

/** \returns true while read protection (RDP level 1) is active */
bool stm32dfu_sim_board_read_protected(const stm32dfu_sim_board *board);

#ifdef __cplusplus
}
#endif

#endif
