/* SPDX-License-Identifier: MIT */
/* Progress output on stderr: a bar with rate and time left on a terminal,
 * one line per phase otherwise, nothing with --quiet or --json. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* The bar's width when the line has room; it shrinks to fit the terminal. */
#define BAR_WIDTH     30
#define BAR_MIN_WIDTH 10

static const char *const phase_names[] = {"read", "erase", "write", "verify"};

const char *cli_phase_name(int phase, const char *fallback)
{
    return phase >= STM32DFU_PHASE_READ && phase <= STM32DFU_PHASE_VERIFY ? phase_names[phase]
                                                                          : fallback;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void cli_progress_init(struct cli_progress *p, const struct cli_common *c, const char *device)
{
    p->common = c;
    p->device = device;
    p->tty = isatty(STDERR_FILENO);
    p->phase = -1;
    p->started_ms = now_ms();
    p->line_done = true;
}

/* The terminal's width: TIOCGWINSZ on stderr, else $COLUMNS, else 80. */
static int terminal_columns(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *env = getenv("COLUMNS");
    int cols = env ? atoi(env) : 0;
    return cols > 0 ? cols : 80;
}

/* One redraw, never wider than the terminal less one column (writing the last
 * column wraps on many terminals): the rate and time left go first, then the
 * bar shrinks, then the line is cut. */
static void draw_bar(struct cli_progress *p, uint64_t done, uint64_t total)
{
    uint64_t elapsed = now_ms() - p->started_ms;
    double rate = elapsed ? (double)done / 1024.0 / ((double)elapsed / 1000.0) : 0.0;
    double left =
        done && total > done ? (double)elapsed * (double)(total - done) / done / 1000.0 : 0;
    int percent = total ? (int)(done * 100 / total) : 100;
    char head[96], tail[64];
    snprintf(head, sizeof(head), "%s%s%-6s", p->device ? p->device : "", p->device ? ": " : "",
             phase_names[p->phase]);
    snprintf(tail, sizeof(tail), " %3d%% %7.1f KiB/s %5.1f s left", percent, rate, left);
    int room = terminal_columns() - 1;
    int width = room - (int)strlen(head) - (int)strlen(tail) - 3;
    if (width < BAR_MIN_WIDTH) {
        snprintf(tail, sizeof(tail), " %3d%%", percent);
        width = room - (int)strlen(head) - (int)strlen(tail) - 3;
    }
    width = width > BAR_WIDTH ? BAR_WIDTH : width;
    char bar[BAR_WIDTH + 4] = "";
    if (width > 0) {
        int filled = total ? (int)(done * (uint64_t)width / total) : width;
        bar[0] = ' ';
        bar[1] = '[';
        for (int i = 0; i < width; i++)
            bar[2 + i] = i < filled ? '#' : '.';
        bar[2 + width] = ']';
        bar[3 + width] = '\0';
    }
    char line[256];
    snprintf(line, sizeof(line), "%s%s%s", head, bar, tail);
    if (room > 0 && (size_t)room < sizeof(line))
        line[room] = '\0';
    fprintf(stderr, "\r%s", line);
    p->line_done = false;
}

void cli_progress_cb(int phase, uint64_t done, uint64_t total, void *user_data)
{
    struct cli_progress *p = user_data;
    if (phase >= STM32DFU_PHASE_READ && phase <= STM32DFU_PHASE_VERIFY)
        cli_interrupt_phase(phase);
    if (p->common->quiet || p->common->json || phase < 0 || phase > STM32DFU_PHASE_VERIFY)
        return;
    if (phase != p->phase) {
        cli_progress_end(p);
        p->phase = phase;
        p->started_ms = now_ms();
        if (!p->tty)
            fprintf(stderr, "stm32dfu: %s%s%s: %llu bytes\n", p->device ? p->device : "",
                    p->device ? ": " : "", phase_names[phase], (unsigned long long)total);
    }
    if (p->tty)
        draw_bar(p, done, total);
}

void cli_progress_end(struct cli_progress *p)
{
    if (p->tty && !p->line_done)
        fputc('\n', stderr);
    p->line_done = true;
}
