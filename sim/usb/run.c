/* SPDX-License-Identifier: MIT */
/*
 * The two ways the program runs: with a command, which it runs with the simulated boards
 * visible to libusb and whose exit status it returns; or serving, where it prints the
 * environment other commands need and keeps the boards until it is told to stop.
 *
 * A command sees the testbed through libumockdev-preload (docs/research/usb_emulation.md#s3), set
 * in its LD_PRELOAD as umockdev-wrapper would. This program links the preload library itself, so
 * the uevents it sends reach the clients' udev monitors (§5, "If the host is not preloaded").
 */
#define _POSIX_C_SOURCE 200809L

#include "sim_usb.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>

#define PRELOAD_LIB "libumockdev-preload.so.0"
/* An ASan-instrumented client must accept a library loaded before the ASan runtime
 * (docs/research/usb_emulation.md#s5, pitfall 5). */
#define ASAN_PRELOAD_OPTION "verify_asan_link_order=0"

struct run_state {
    struct sim_bus bus;
    const struct sim_config *cfg;
    GMainLoop *loop;
    GPid child;
    int child_status;
    bool child_done;
};

/* The variables a client needs, with the preload library and ASan option merged into the
 * values already set. */
static char **client_environ(void)
{
    char **env = g_get_environ();
    const char *preload = g_environ_getenv(env, "LD_PRELOAD");
    const char *asan = g_environ_getenv(env, "ASAN_OPTIONS");
    g_autofree char *p =
        preload && *preload ? g_strconcat(PRELOAD_LIB ":", preload, NULL) : g_strdup(PRELOAD_LIB);
    g_autofree char *a = asan && *asan ? g_strconcat(asan, ":" ASAN_PRELOAD_OPTION, NULL)
                                       : g_strdup(ASAN_PRELOAD_OPTION);

    env = g_environ_setenv(env, "LD_PRELOAD", p, TRUE);
    return g_environ_setenv(env, "ASAN_OPTIONS", a, TRUE);
}

static void child_exited_cb(GPid pid, gint status, gpointer user)
{
    struct run_state *rs = user;

    g_spawn_close_pid(pid);
    rs->child_status = status;
    rs->child_done = true;
    g_main_loop_quit(rs->loop);
}

/* SIGINT, SIGTERM, SIGHUP while a command runs: pass them on and wait for it. */
static gboolean forward_cb(gpointer user)
{
    struct run_state *rs = user;

    if (!rs->child_done)
        kill(rs->child, SIGTERM);
    return G_SOURCE_CONTINUE;
}

static gboolean quit_cb(gpointer user)
{
    struct run_state *rs = user;

    g_main_loop_quit(rs->loop);
    return G_SOURCE_CONTINUE;
}

static gboolean unplug_cb(gpointer user)
{
    struct run_state *rs = user;

    sim_port_unplug_all(&rs->bus);
    return G_SOURCE_CONTINUE;
}

static gboolean replug_cb(gpointer user)
{
    struct run_state *rs = user;

    sim_port_replug_all(&rs->bus, rs->cfg->model.mode);
    return G_SOURCE_CONTINUE;
}

static int exit_status(int wait_status)
{
    if (WIFEXITED(wait_status))
        return WEXITSTATUS(wait_status);
    if (WIFSIGNALED(wait_status))
        return 128 + WTERMSIG(wait_status);
    return SIM_EXIT_SOFTWARE;
}

static int start_command(struct run_state *rs)
{
    g_auto(GStrv) env = client_environ();
    g_autoptr(GError) err = NULL;

    if (!g_spawn_async(NULL, rs->cfg->command, env,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                           G_SPAWN_CHILD_INHERITS_STDIN,
                       NULL, NULL, &rs->child, &err)) {
        fprintf(stderr, "stm32dfu-sim: cannot run '%s': %s; check the command after '--'\n",
                rs->cfg->command[0], err->message);
        return SIM_EXIT_NOT_RUN;
    }
    rs->bus.client = rs->child;
    g_child_watch_add(rs->child, child_exited_cb, rs);
    g_unix_signal_add(SIGINT, forward_cb, rs);
    g_unix_signal_add(SIGTERM, forward_cb, rs);
    g_unix_signal_add(SIGHUP, forward_cb, rs);
    return 0;
}

/* Serve mode prints shell assignments: eval them, or source the file they went to. */
static void print_environment(void)
{
    g_auto(GStrv) env = client_environ();
    const char *names[] = {"UMOCKDEV_DIR", "LD_PRELOAD", "ASAN_OPTIONS"};

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *q = g_shell_quote(g_environ_getenv(env, names[i]));

        printf("export %s=%s\n", names[i], q);
    }
    printf("export STM32DFU_SIM_PID=%ld\n", (long)getpid());
    fflush(stdout);
}

static void start_serving(struct run_state *rs)
{
    g_unix_signal_add(SIGINT, quit_cb, rs);
    g_unix_signal_add(SIGTERM, quit_cb, rs);
    g_unix_signal_add(SIGUSR1, unplug_cb, rs);
    g_unix_signal_add(SIGUSR2, replug_cb, rs);
    print_environment();
}

/* Writes --dump and --stats; returns the first failure's exit code, or 0. */
static int write_outputs(struct run_state *rs)
{
    int rc = 0;

    if (rs->cfg->dump_path)
        rc = sim_write_dumps(&rs->bus, rs->cfg->dump_path);
    if (rs->cfg->stats_path) {
        int rc2 = sim_write_stats(&rs->bus, rs->cfg->stats_path);

        rc = rc ? rc : rc2;
    }
    return rc;
}

int sim_run(const struct sim_config *cfg)
{
    struct run_state rs = {.cfg = cfg};
    char msg[768] = "";
    int rc = sim_bus_init(&rs.bus, cfg, msg, sizeof(msg));

    if (rc == SIM_EXIT_USAGE)
        fprintf(stderr, "stm32dfu-sim: %s\ntry 'stm32dfu-sim --help'\n", msg);
    if (rc == 0) {
        rs.loop = g_main_loop_new(NULL, FALSE);
        if (cfg->serve)
            start_serving(&rs);
        else
            rc = start_command(&rs);
        if (rc == 0) {
            g_main_loop_run(rs.loop);
            rc = write_outputs(&rs);
            if (!cfg->serve && (rc == 0 || exit_status(rs.child_status) != 0))
                rc = exit_status(rs.child_status);
        }
        g_main_loop_unref(rs.loop);
    }
    sim_bus_free(&rs.bus);
    return rc;
}
