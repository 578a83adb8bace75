/* SPDX-License-Identifier: MIT */
/*
 * read() and write() of the simulator process, straight to the kernel. The program links
 * libumockdev-preload (run.c: its uevents must reach the clients), whose read() and write()
 * block every signal and take a global lock around each call to learn whether the descriptor
 * is an emulated device node the process opened (libumockdev-preload.c remote_emulate, umockdev
 * 0.17). The simulator serves those nodes and never opens one, so for it the wrappers only add
 * two rt_sigprocmask calls and a contended lock to every GLib wake-up (an eventfd write and
 * read), about half of its system calls per control transfer (docs/benchmarks.md). A
 * definition in the program comes before the preload library's for every library it loads.
 */
#define _GNU_SOURCE

#include <sys/syscall.h>
#include <unistd.h>

ssize_t read(int fd, void *buf, size_t count)
{
    return syscall(SYS_read, fd, buf, count);
}

ssize_t write(int fd, const void *buf, size_t count)
{
    return syscall(SYS_write, fd, buf, count);
}
