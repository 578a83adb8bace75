/* SPDX-License-Identifier: MIT */
/*
 * The program's files: --image preloads memory before the boards appear, --dump writes each
 * board's whole internal flash and --stats its request counts when the command ends.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim_usb.h"

#include <stdio.h>

int sim_load_images(struct sim_bus *bus, const struct sim_config *cfg)
{
    for (size_t i = 0; i < cfg->image_count; i++) {
        const struct sim_image *img = &cfg->images[i];
        g_autoptr(GError) err = NULL;
        g_autofree char *data = NULL;
        gsize len = 0;

        if (!g_file_get_contents(img->path, &data, &len, &err)) {
            fprintf(stderr, "stm32dfu-sim: --image: %s; check the file name\n", err->message);
            return SIM_EXIT_NOINPUT;
        }
        for (unsigned p = 0; p < bus->port_count; p++) {
            if (stm32dfu_sim_board_load(bus->ports[p].board, img->address, (const uint8_t *)data,
                                        len) != STM32DFU_SIM_OK) {
                fprintf(stderr,
                        "stm32dfu-sim: --image %s@0x%08x: %zu bytes from 0x%08x do not fit in "
                        "one memory of the profile; check the address and the --profile\n",
                        img->path, (unsigned)img->address, (size_t)len, (unsigned)img->address);
                return SIM_EXIT_DATAERR;
            }
        }
    }
    return 0;
}

/* With several boards, board k (1-based, as in the serial number) goes to PATH.k. */
static char *dump_name(const struct sim_bus *bus, const char *path, unsigned index)
{
    if (bus->port_count == 1)
        return g_strdup(path);
    return g_strdup_printf("%s.%u", path, index + 1);
}

int sim_write_dumps(struct sim_bus *bus, const char *path)
{
    for (unsigned i = 0; i < bus->port_count; i++) {
        struct sim_port *port = &bus->ports[i];
        g_autofree char *name = dump_name(bus, path, i);
        g_autoptr(GError) err = NULL;
        gboolean ok;

        g_mutex_lock(&port->lock);
        ok = g_file_set_contents(name, (const char *)stm32dfu_sim_board_flash(port->board),
                                 (gssize)stm32dfu_sim_board_flash_size(port->board), &err);
        g_mutex_unlock(&port->lock);
        if (!ok) {
            fprintf(stderr, "stm32dfu-sim: --dump: %s; check the directory\n", err->message);
            return SIM_EXIT_IOERR;
        }
    }
    return 0;
}

static void stats_json(GString *s, const struct stm32dfu_sim_stats *st)
{
    g_string_append_printf(s, "    {\"control_requests\": %llu, \"by_request\": {",
                           (unsigned long long)st->control_requests);
    for (int r = 0; r < STM32DFU_SIM_REQ_COUNT; r++)
        g_string_append_printf(s, "%s\"%s\": %llu", r ? ", " : "",
                               stm32dfu_sim_request_name((enum stm32dfu_sim_request)r),
                               (unsigned long long)st->by_request[r]);
    g_string_append_printf(s,
                           "}, \"early_getstatus\": %llu, \"simulated_ms\": %llu, "
                           "\"bulk_out_bytes\": %llu, \"bus_ms\": %llu, \"floor_ms\": %llu, "
                           "\"physical_ms\": %llu}",
                           (unsigned long long)st->early_getstatus,
                           (unsigned long long)st->simulated_ms,
                           (unsigned long long)st->bulk_out_bytes, (unsigned long long)st->bus_ms,
                           (unsigned long long)st->floor_ms, (unsigned long long)st->physical_ms);
}

int sim_write_stats(struct sim_bus *bus, const char *path)
{
    g_autoptr(GString) s = g_string_new("{\"devices\": [\n");
    g_autoptr(GError) err = NULL;

    for (unsigned i = 0; i < bus->port_count; i++) {
        struct stm32dfu_sim_stats st;

        g_mutex_lock(&bus->ports[i].lock);
        stm32dfu_sim_board_stats(bus->ports[i].board, &st);
        g_mutex_unlock(&bus->ports[i].lock);
        stats_json(s, &st);
        g_string_append(s, i + 1 < bus->port_count ? ",\n" : "\n");
    }
    g_string_append(s, "]}\n");
    if (!g_file_set_contents(path, s->str, (gssize)s->len, &err)) {
        fprintf(stderr, "stm32dfu-sim: --stats: %s; check the directory\n", err->message);
        return SIM_EXIT_IOERR;
    }
    return 0;
}
