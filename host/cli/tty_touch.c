/* SPDX-License-Identifier: MIT */
/* detach --tty: the 1200-baud touch through the application's serial port
 * node, as the Arduino tools do it (arduino-cli arduino/serialutils/
 * serialutils.go TouchSerialPortAt1200bps: open at 1200 baud, DTR off,
 * close). The line settings and the modem lines are set with the ioctl(2)
 * requests of ioctl_tty(2) (TCGETS, TCSETS, TIOCMBIC); on a USB CDC-ACM port
 * the kernel's cdc-acm driver turns them into SET_LINE_CODING and
 * SET_CONTROL_LINE_STATE. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sysexits.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

int cli_tty_usb_path(const char *tty, char *path, size_t size)
{
    char real[PATH_MAX];
    char link[PATH_MAX + 32];
    char device[PATH_MAX];
    if (!realpath(tty, real))
        return -1;
    const char *name = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
    snprintf(link, sizeof(link), "/sys/class/tty/%s/device", name);
    /* the tty's device is the USB interface, named BUS-PORT[.PORT...]:CONFIG.INTERFACE */
    if (!realpath(link, device))
        return -1;
    const char *intf = strrchr(device, '/') ? strrchr(device, '/') + 1 : device;
    size_t n = strcspn(intf, ":");
    if (intf[n] != ':' || n == 0 || n >= size)
        return -1;
    memcpy(path, intf, n);
    path[n] = '\0';
    return 0;
}

int cli_tty_touch(const struct cli_common *c, const char *tty)
{
    int fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        cli_error(c, "--tty %s: cannot open it (%s)%s; nothing was sent", tty, strerror(e),
                  e == EACCES ? "; add yourself to the group that owns it (often dialout)" : "");
        return e == EACCES ? EX_NOPERM : e == ENOENT ? EX_UNAVAILABLE : EX_IOERR;
    }
    struct termios t;
    int dtr = TIOCM_DTR;
    const char *step = "read its line settings (TCGETS)";
    int r = ioctl(fd, TCGETS, &t);
    if (r == 0) {
        t.c_cflag = (t.c_cflag & ~(tcflag_t)CBAUD) | B1200;
        step = "set 1200 baud (TCSETS)";
        r = ioctl(fd, TCSETS, &t);
    }
    if (r == 0) {
        step = "drop DTR (TIOCMBIC)";
        r = ioctl(fd, TIOCMBIC, &dtr);
        /* An application that resets before answering the DTR request is gone:
         * the request reached it, and the bootloader wait decides. */
        if (r != 0 && (errno == EPROTO || errno == ENODEV || errno == EIO || errno == EPIPE))
            r = 0;
    }
    int e = errno;
    close(fd);
    if (r != 0) {
        cli_error(c, "--tty %s: cannot %s: %s; %s", tty, step, strerror(e),
                  e == ENOTTY || e == EINVAL
                      ? "it is not a serial port with modem control lines (a USB CDC-ACM port is, "
                        "e.g. /dev/ttyACM0)"
                      : "the application is still running; run the command again");
        return e == ENOTTY || e == EINVAL ? EX_USAGE : EX_IOERR;
    }
    return 0;
}
