/* Progress output on stderr: a bar with rate and time left on a terminal,
 * one line per phase otherwise, nothing with --quiet or --json. */
#define _POSIX_C_SOURCE 200809L
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define BAR_WIDTH 30

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

static void draw_bar(struct cli_progress *p, uint64_t done, uint64_t total)
{
    uint64_t elapsed = now_ms() - p->started_ms;
    double rate = elapsed ? (double)done / 1024.0 / ((double)elapsed / 1000.0) : 0.0;
    double left =
        done && total > done ? (double)elapsed * (double)(total - done) / done / 1000.0 : 0;
    int filled = total ? (int)(done * BAR_WIDTH / total) : BAR_WIDTH;
    char bar[BAR_WIDTH + 1];
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    fprintf(stderr, "\r%s%s%-6s [%s] %3d%% %7.1f KiB/s %5.1f s left", p->device ? p->device : "",
            p->device ? ": " : "", phase_names[p->phase], bar,
            total ? (int)(done * 100 / total) : 100, rate, left);
    p->line_done = false;
}

void cli_progress_cb(int phase, uint64_t done, uint64_t total, void *user_data)
{
    struct cli_progress *p = user_data;
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
