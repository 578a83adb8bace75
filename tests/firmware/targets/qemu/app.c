#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "cortexm.h"
#include "mailbox.h"
#include "semihost.h"

/* SysTick period in core clock cycles: short enough to fire many times
 * during each scenario and during the stand-in's quiet wait. */
#define SYSTICK_RELOAD 2000u
/* Loop bound for waits that must end; the emulation timeout is the backstop. */
#define WAIT_LIMIT 1000000u

struct scenario {
    char letter;
    const char *what;
    void (*run)(void);
};

static const struct scenario scenarios[] = {
    {'a', "vJumpToDFU from thread mode on MSP", scenario_thread_msp},
    {'b', "vJumpToDFU from a task on PSP", scenario_task_psp},
    {'c', "vJumpToDFU from an interrupt handler", scenario_irq_handler},
    {'d', "vJumpToDFU with SysTick and an IRQ pending", scenario_systick_pending},
    {'h', "vJumpToDFU from the SysTick handler", scenario_systick_handler},
    {'k', "vJumpToDFU from the HardFault handler", scenario_hardfault_handler},
    {'g', "vJumpToDFU with the seed's usage-example pair {0x20020000, 0x08000000}",
     scenario_seed_usage_example},
#ifndef QEMU_SEED_IMAGE
    {'e', "stm32dfu_request_bootloader from an interrupt handler, reset, boot check",
     scenario_request_reset},
    {'f', "a ROM that keeps resetting: the attempt budget ends the boot loop",
     scenario_request_reset},
    {'j', "stm32dfu_request_bootloader from the HardFault handler, reset, boot check",
     scenario_request_from_fault},
#if !__ARM_ARCH_6M__
    {'i', "vJumpToDFU from SysTick pre-empting an IRQ handler: falls back to a reset",
     scenario_nested_handler},
#endif
#endif
};

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

/* The scenario letter is the last word of the semihosting command line. */
static const struct scenario *scenario_from_cmdline(void)
{
    char line[128];
    if (semihost_cmdline(line, sizeof(line)) != 0)
        app_fail("no semihosting command line; pass the scenario letter as the last arg=");
    size_t end = 0;
    while (line[end] != '\0')
        end++;
    for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
        if (end >= 1 && line[end - 1] == scenarios[i].letter && (end == 1 || line[end - 2] == ' '))
            return &scenarios[i];
    }
    app_fail("unknown scenario on the command line; this image runs a to d, g, h and k (seed) or a "
             "to k");
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
    const struct scenario *s = scenario_from_cmdline();
#ifndef QEMU_SEED_IMAGE
    if (mailbox.magic == MAILBOX_MAGIC && mailbox.reset_requested)
        scenario_after_reset();
#endif
    mailbox_start((uint32_t)s->letter);
    semihost_puts("app: " QEMU_BOARD_NAME " scenario ");
    semihost_puts((const char[]){s->letter, '\0'});
    semihost_puts(": ");
    semihost_puts(s->what);
    semihost_puts("\n");
    if (board_enable_mpu())
        semihost_puts("app: MPU on\n");
    start_systick();
    start_spare_irq();
    s->run();
    app_fail("the scenario returned instead of handing over");
}
