/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "cortexm.h"
#include "mailbox.h"
#include "scenarios.h"
#include "semihost.h"
#include "standin.h"
#ifndef QEMU_SEED_IMAGE
#include "stm32dfu.h"
#endif

/* SysTick period in core clock cycles: short enough to fire many times
 * during each scenario and during the stand-in's quiet wait. */
#define SYSTICK_RELOAD 2000u
/* Loop bound for waits that must end; the emulation timeout is the backstop. */
#define WAIT_LIMIT 1000000u

struct scenario {
    const char *name;
    enum qemu_paths paths;
    enum qemu_outcome outcome;
    void (*run)(void);
    const char *what;
};

#define QEMU_SCENARIO_ROW(name, paths, needs, outcome, fn, what)                                   \
    {name, PATHS_##paths, OUTCOME_##outcome, fn, what},
static const struct scenario scenarios[] = {QEMU_SCENARIOS(QEMU_SCENARIO_ROW)};
#define SCENARIO_COUNT (sizeof(scenarios) / sizeof(scenarios[0]))

static volatile uint32_t systick_runs;
static volatile uint32_t spare_irq_runs;
static void (*volatile spare_irq_action)(void);
static void (*volatile systick_action)(void);

void app_systick_handler(void)
{
    mailbox_note_app_handler();
    systick_runs++;
    if (systick_action)
        systick_action();
}

void app_spare_irq_handler(void)
{
    mailbox_note_app_handler();
    spare_irq_runs++;
    if (spare_irq_action)
        spare_irq_action();
}

void app_on_spare_irq(void (*action)(void))
{
    spare_irq_action = action;
}

void app_on_systick(void (*action)(void))
{
    systick_action = action;
}

void app_fail(const char *why)
{
    board_fail("app", why);
}

#ifdef QEMU_ROM_TABLE
/* The RAM table the library is built to treat as the ROM's
 * (STM32DFU_CUSTOM_ENTRY): NOLOAD, so it survives the system resets, and
 * filled from the stand-in's vectors at every cold boot. */
extern uint32_t qemu_rom_table[];
_Static_assert(QEMU_ROM_TABLE != 0, "the RAM table address comes from the board table");

uint32_t *app_rom_table(void)
{
    return qemu_rom_table;
}

static void rom_table_init(void)
{
    for (uint32_t i = 0; i < 16u + QEMU_BOARD_IRQS; i++)
        qemu_rom_table[i] = (uint32_t)standin_vectors[i];
}
#else
uint32_t *app_rom_table(void)
{
    return (uint32_t *)standin_vectors;
}

static void rom_table_init(void)
{
}
#endif

void app_enter_call(void)
{
#ifndef QEMU_SEED_IMAGE
    if (mailbox.path == MAILBOX_PATH_REQUEST) {
        stm32dfu_request_bootloader();
        return;
    }
#endif
    vJumpToDFU(app_rom_table());
}

void app_enter(void)
{
    mailbox.teardown_began = 1;
    /* The jump path resets too where it must (an invalid table, a handler
     * on ARMv6-M); the boot check then hands over. */
    mailbox.reset_requested = 1;
    app_enter_call();
    app_fail("the entry call returned");
}

/* The command line's last word: "<scenario>/<jump|request>". */
static const struct scenario *scenario_from_cmdline(uint32_t *path)
{
    char line[160];
    if (semihost_cmdline(line, sizeof(line)) != 0)
        app_fail("no semihosting command line; pass <scenario>/<jump|request> as the last arg=");
    size_t end = 0, start = 0;
    while (line[end] != '\0') {
        if (line[end] == ' ')
            start = end + 1;
        end++;
    }
    for (size_t i = 0; i < SCENARIO_COUNT; i++) {
        const char *n = scenarios[i].name;
        size_t k = 0;
        while (n[k] != '\0' && start + k < end && line[start + k] == n[k])
            k++;
        if (n[k] != '\0' || line[start + k] != '/')
            continue;
        const char *p = &line[start + k + 1];
        bool jump = p[0] == 'j' && p[1] == 'u' && p[2] == 'm' && p[3] == 'p' && p[4] == '\0';
        bool request = p[0] == 'r' && p[1] == 'e' && p[2] == 'q' && p[3] == 'u' && p[4] == 'e' &&
                       p[5] == 's' && p[6] == 't' && p[7] == '\0';
        if ((jump && scenarios[i].paths != PATHS_REQUEST) ||
            (request && scenarios[i].paths != PATHS_JUMP)) {
            *path = jump ? MAILBOX_PATH_JUMP : MAILBOX_PATH_REQUEST;
            return &scenarios[i];
        }
    }
    app_fail("unknown <scenario>/<path> on the command line (see scenarios.h)");
}

/* The application boots again after a system reset: what that means depends
 * on the scenario's outcome. */
static void after_reset(void)
{
    const struct scenario *s = &scenarios[mailbox.scenario < SCENARIO_COUNT ? mailbox.scenario : 0];
    if (mailbox.scenario >= SCENARIO_COUNT)
        app_fail("the mailbox names no scenario");
    if (s->outcome == OUTCOME_RESTART) {
        semihost_puts("app: restarted after ");
        semihost_put_dec(mailbox.handovers);
        semihost_puts(" hand-overs: the entry was refused and the chip reset\n");
        semihost_exit(mailbox.handovers == 0u ? 0u : 1u);
    }
#ifndef QEMU_SEED_IMAGE
    if (s->outcome == OUTCOME_BUDGET) {
        semihost_puts("app: booted normally after ");
        semihost_put_dec(mailbox.handovers);
        semihost_puts(" hand-overs, attempt budget ");
        semihost_put_dec(STM32DFU_BOOT_ATTEMPTS);
        semihost_puts("\n");
        semihost_exit(mailbox.handovers == STM32DFU_BOOT_ATTEMPTS ? 0u : 1u);
    }
#endif
    app_fail("the application booted again: nothing handed over (was the request record lost "
             "in the reset?)");
}

static void start_systick(void)
{
    board_start_systick(SYSTICK_RELOAD);
    cortexm_irq_enable();
    for (uint32_t i = 0; systick_runs < 3u; i++) {
        if (i == WAIT_LIMIT)
            app_fail("SysTick does not fire");
    }
    semihost_puts("app: SysTick live\n");
}

/* Enables the spare IRQ and shows that it runs exactly when pended. */
static void start_spare_irq(void)
{
    board_enable_spare_irq();
    for (volatile uint32_t i = 0; i < 10000u; i++)
        ;
    if (spare_irq_runs != 0u)
        app_fail("the spare IRQ fires without being pended; pick another QEMU_SPARE_IRQ");
    board_pend_spare_irq();
    if (spare_irq_runs != 1u)
        app_fail("the spare IRQ did not run once when pended");
    semihost_puts("app: IRQ ");
    semihost_put_dec(QEMU_SPARE_IRQ);
    semihost_puts(" live\n");
}

void app_main(void)
{
    if (mailbox.magic == MAILBOX_MAGIC && mailbox.reset_requested)
        after_reset();
    uint32_t path = 0;
    const struct scenario *s = scenario_from_cmdline(&path);
    mailbox_start((uint32_t)(s - scenarios));
    mailbox.path = path;
    mailbox.standin_resets = s->outcome == OUTCOME_BUDGET;
    rom_table_init();
    semihost_puts("app: " QEMU_BOARD_NAME " scenario ");
    semihost_puts(s->name);
    semihost_puts(path == MAILBOX_PATH_JUMP ? " (vJumpToDFU): " : " (request, reset): ");
    semihost_puts(s->what);
    semihost_puts("\n");
    if (board_enable_mpu())
        semihost_puts("app: MPU on\n");
    start_systick();
    start_spare_irq();
    s->run();
    app_fail("the scenario returned instead of handing over");
}
