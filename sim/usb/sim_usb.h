/* SPDX-License-Identifier: MIT */
/*
 * Internals of the stm32dfu-sim program: the parsed command line, the simulated bus (a umockdev
 * testbed holding one USB device per board) and the usbfs emulation each device's node answers.
 * Not installed; not part of any API.
 *
 * Threads: umockdev calls every ioctl handler on its one worker thread, which only hands the
 * request to the port's own thread (usbfs.c); each port thread runs the port's GLib context
 * (its ioctls, which talk to the client synchronously, and its timers), so boards are served
 * in parallel. The main thread runs the default GLib main loop (bus events, signals, the child
 * watch) and is the only one that changes the testbed. Everything a port owns is guarded by its
 * lock.
 */
#ifndef STM32DFU_SIM_USB_H
#define STM32DFU_SIM_USB_H

#include "stm32dfu_sim.h"

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>
#include <umockdev.h>

/* sysexits.h EX_USAGE: the exit code of a bad command line (style.md §2 CLI). */
#define SIM_EXIT_USAGE 64
/* The exit code when the command cannot be started, as POSIX shells use. */
#define SIM_EXIT_NOT_RUN 127
/* sysexits.h: a bad --image file, an --image that cannot be read, a file that cannot be
 * written, an internal failure. */
#define SIM_EXIT_DATAERR  65
#define SIM_EXIT_NOINPUT  66
#define SIM_EXIT_SOFTWARE 70
#define SIM_EXIT_IOERR    74

#define SIM_MAX_DEVICES 16

/* One --image FILE@ADDR. */
struct sim_image {
    const char *path;
    uint32_t address;
};

/* The parsed command line; strings point into argv. */
struct sim_config {
    struct stm32dfu_sim_options model;
    unsigned devices;
    const char **faults;
    size_t fault_count;
    uint32_t *write_protect; /* --write-protect addresses */
    size_t write_protect_count;
    struct sim_image *images;
    size_t image_count;
    const char *dump_path;
    const char *stats_path;
    bool serve;
    bool verbose;
    char **command; /* NULL-terminated; NULL in serve mode */
};

/* Outcome of sim_config_parse(). */
enum sim_parse_result {
    SIM_PARSE_RUN,  /* run the simulator */
    SIM_PARSE_EXIT, /* --help or --list-profiles done: exit 0 */
    SIM_PARSE_BAD,  /* usage error printed: exit SIM_EXIT_USAGE */
};

enum sim_parse_result sim_config_parse(struct sim_config *cfg, int argc, char **argv);
void sim_config_free(struct sim_config *cfg);

struct sim_bus;
struct sim_urb;
struct sim_timer;

/* The kernel's struct termios, as TCGETS and TCSETS carry it (asm-generic/termbits.h). */
struct sim_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
};

/* The serial port node of a board's CDC-ACM application, as the cdc-acm driver keeps it
 * (tty.c). */
struct sim_tty {
    bool present;               /* the node exists for the current enumeration */
    guint generation;           /* bumped at each plug: older clients are hung up */
    unsigned opens;             /* clients that have the node open */
    uint16_t lines;             /* DTR and RTS as last sent (SET_CONTROL_LINE_STATE) */
    uint8_t line[7];            /* the line coding as last sent (SET_LINE_CODING) */
    struct sim_termios termios; /* the port's line settings */
    char devnode[32];           /* /dev/ttyACM<k> */
    char syspath[128];          /* its sysfs directory under the interface */
};

/* One simulated board and the USB device it shows in the testbed. */
struct sim_port {
    struct sim_bus *bus;
    unsigned index;
    GMutex lock;
    stm32dfu_sim_board *board;
    bool plugged;     /* a device is in the testbed and answers */
    bool unplugging;  /* bus.c is sending its "remove": its URBs in flight stay so */
    unsigned devnum;  /* usbfs device number of the current enumeration */
    char syspath[96]; /* /sys/devices/... of the current enumeration */
    char devnode[32]; /* /dev/bus/usb/BBB/DDD of the current enumeration */
    UMockdevIoctlBase *handler;
    GHashTable *attached; /* device nodes the handler listens on */
    GQueue flying;        /* struct sim_urb submitted and not completed yet */
    GQueue parked;        /* clients (referenced) whose reap waits for a URB (urb.c) */
    gint parked_count;    /* their number, for other ports' threads (atomic) */
    gint release_pending; /* a release of the parked reaps is queued on ctx (atomic) */
    guint replug_source;  /* pending re-enumeration (main context), or 0 */
    UMockdevIoctlBase *tty_handler;
    struct sim_tty tty;
    GMainContext *ctx; /* the port thread's context: its ioctls and timers */
    GMutex timer_lock; /* guards timers; taken after lock, never before */
    GQueue timers;     /* struct sim_timer pending, earliest first (port.c) */
    int timer_fd;      /* armed for the earliest of timers */
    GMainLoop *loop;
    GThread *thread;
};

/* The testbed and every port on it. */
struct sim_bus {
    UMockdevTestbed *testbed;
    struct sim_port ports[SIM_MAX_DEVICES];
    unsigned port_count;
    unsigned next_devnum;
    gint64 epoch_us;  /* monotonic time of start: the boards' time 0 */
    gint undelivered; /* completed URBs not reaped yet, every port (atomic) */
    gint deliveries;  /* URBs reaped so far, every port (atomic) */
    bool verbose;
    GPid client; /* the command run under the simulator, for signal faults; 0 when none */
    /* bus.c's handler of a struct sim_pending_event, run on the main thread */
    GSourceFunc event_cb;
};

/* A bus event a board's reply asked for, on its way to the main thread. */
struct sim_pending_event {
    struct sim_port *port;
    struct stm32dfu_sim_event event;
    struct sim_urb *reply; /* the reply the event follows, or NULL */
};

/* bus.c: the testbed, the sysfs description of each port, plug, unplug, re-enumeration.
 * sim_bus_init() returns 0, or SIM_EXIT_USAGE with msg naming the option that is wrong. */
int sim_bus_init(struct sim_bus *bus, const struct sim_config *cfg, char *msg, size_t msg_len);
void sim_bus_free(struct sim_bus *bus);
void sim_port_unplug_all(struct sim_bus *bus);
void sim_port_replug_all(struct sim_bus *bus, enum stm32dfu_sim_mode mode);

/* port.c: what urb.c and usbfs.c need from the bus; calls no other file of the program. */
uint64_t sim_bus_now_us(const struct sim_bus *bus);
/* Hands the event to bus->event_cb on the main thread. */
void sim_port_schedule_event(struct sim_port *port, const struct stm32dfu_sim_event *event,
                             struct sim_urb *reply);
void sim_port_log(struct sim_port *port, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Logs a control request the board just answered: its SETUP packet, the reply and the number
 * --fault KIND@req=N counts. Every request is logged, the standard ones the kernel sends on
 * the host's behalf (SET_INTERFACE, SET_CONFIGURATION) too. */
void sim_port_log_control(struct sim_port *port, const struct stm32dfu_sim_setup *setup,
                          const struct stm32dfu_sim_reply *reply);
/* Sends signal to the command the simulator runs (a signal fault); nothing in serve mode. */
void sim_port_signal_client(struct sim_port *port, int signal);
/* Runs fn(data) on the port's thread; destroy(data) afterwards. */
void sim_port_invoke(struct sim_port *port, GSourceFunc fn, gpointer data, GDestroyNotify destroy);
/* A one-shot timer on the port's thread at board time at_us (sim_bus_now_us), to the
 * microsecond (the port's timerfd; GLib's own timeouts round to milliseconds). Returns a handle
 * for sim_port_cancel_timer(), which the callback may also call on its own timer; callable from
 * any thread. */
struct sim_timer *sim_port_add_timer(struct sim_port *port, uint64_t at_us, GSourceFunc fn,
                                     gpointer data, GDestroyNotify destroy);
void sim_port_cancel_timer(struct sim_timer **timer);
/* bus.c sets a port's timers up before its thread runs, and drops the ones left after. */
void sim_port_timers_init(struct sim_port *port);
void sim_port_timers_clear(struct sim_port *port);

/* usbfs.c: the ioctl handler of a port's device nodes. */
UMockdevIoctlBase *sim_usbfs_handler_new(struct sim_port *port);

/* tty.c: the ioctl, read and write handler of a port's /dev/ttyACM<k>; sim_tty_reset brings the
 * port's tty to the state of a fresh cdc-acm bind (called, with the lock held, at each plug). */
UMockdevIoctlBase *sim_tty_handler_new(struct sim_port *port);
void sim_tty_reset(struct sim_port *port);

/* urb.c: URB bookkeeping (submit, hold, complete, reap, discard). Callers hold port->lock
 * unless the name says otherwise. */
void sim_urb_submit(struct sim_port *port, UMockdevIoctlClient *client, UMockdevIoctlData *urb,
                    UMockdevIoctlData *buffer);
void sim_urb_reap(struct sim_port *port, UMockdevIoctlClient *client, UMockdevIoctlData *arg,
                  bool block);
/* A bulk or interrupt URB on one of the application's data endpoints. */
void sim_urb_submit_data(struct sim_port *port, UMockdevIoctlClient *client, UMockdevIoctlData *urb,
                         UMockdevIoctlData *buffer);
/* Whether a reap now would hand a URB over, which reads and writes the client's memory. */
bool sim_urb_reap_needs_client(UMockdevIoctlClient *client);
/* USBDEVFS_CONTROL: ctrl is the resolved struct usbdevfs_ctrltransfer, stage its data block
 * (wLength bytes) or NULL; the ioctl completes when the board answers or the timeout ends. */
void sim_urb_control(struct sim_port *port, UMockdevIoctlClient *client, UMockdevIoctlData *ctrl,
                     UMockdevIoctlData *stage);
/* A standard request usbfs.c answered whose reply comes with a bus event (a disconnect or a
 * re-enumeration): its ioctl completes only once bus.c has carried the event out, with 0 if the
 * board answered, or ENODEV if it left the bus instead, so the command cannot exit while
 * umockdev 0.17 sends the device's "remove" (as for a DFU request's URB). */
void sim_urb_standard_event(struct sim_port *port, UMockdevIoctlClient *client,
                            const struct stm32dfu_sim_event *event, bool answered);
int sim_urb_discard(struct sim_port *port, UMockdevIoctlClient *client, gulong client_addr);
void sim_urb_fail_all(struct sim_port *port, struct sim_urb *survivor);
void sim_urb_answer_late(struct sim_urb *urb);
void sim_urb_forget_client(struct sim_port *port, UMockdevIoctlClient *client);
bool sim_port_client_stale(const struct sim_port *port, UMockdevIoctlClient *client);

/* files.c: --image, --dump and --stats. */
int sim_load_images(struct sim_bus *bus, const struct sim_config *cfg);
int sim_write_dumps(struct sim_bus *bus, const char *path);
int sim_write_stats(struct sim_bus *bus, const char *path);

/* run.c: run a command under the simulator, or serve. */
int sim_run(const struct sim_config *cfg);

#endif
