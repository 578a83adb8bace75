/*
 * Scenarios that call vJumpToDFU() directly with the stand-in's vector table,
 * from the contexts applications call it from: thread mode on MSP (a) and on
 * PSP (b), an IRQ handler (c), SysTick and an IRQ pending (d), the SysTick
 * handler (h), SysTick pre-empting an IRQ handler (i), the HardFault handler
 * (k); and with the seed's usage-example pair (g). SysTick and the spare IRQ are live (app.c) when
 * each one starts.
 */
#include <stdint.h>

#include "app.h"
#include "cortexm.h"
#include "mailbox.h"
#include "semihost.h"
#include "standin.h"

void vJumpToDFU(uint32_t *pulMSP_PC) __attribute__((noreturn));

/* Stack of the RTOS-like task; 8-byte aligned as AAPCS requires. */
static uint64_t task_stack[128];

static void hand_over(void)
{
    mailbox.teardown_began = 1;
    vJumpToDFU((uint32_t *)standin_vectors);
}

void scenario_thread_msp(void)
{
    hand_over();
}

/* Switches thread mode to the process stack (CONTROL.SPSEL = 1, ARMv7-M ARM
 * B1.4.4) at stack_top and branches to task. Naked: after the switch, the
 * caller's frame is on the other stack. The arguments arrive in r0 and r1. */
__attribute__((naked, noreturn)) static void run_on_psp(__attribute__((unused)) void (*task)(void),
                                                        __attribute__((unused)) uint64_t *stack_top)
{
    __asm__ volatile("msr psp, r1\n\t"
                     "movs r2, #2\n\t"
                     "msr control, r2\n\t"
                     "isb\n\t"
                     "bx r0\n\t");
}

/* An FP instruction sets CONTROL.FPCA (ARMv7-M ARM B1.4.4), as any code that
 * touched a float would. */
static void use_fpu(void)
{
#if __ARM_FP
    __asm__ volatile("vmov s0, %0" : : "r"(1u) : "s0");
#endif
}

static void task(void)
{
    use_fpu();
    semihost_puts("app: task running, control=");
    semihost_put_hex(cortexm_control());
    semihost_puts("\n");
    hand_over();
}

void scenario_task_psp(void)
{
    run_on_psp(task, &task_stack[sizeof(task_stack) / sizeof(task_stack[0])]);
}

/* On cores with an FPU, FP state is live in thread mode when the IRQ is
 * taken, so the handler runs with lazy FP stacking pending (FPCCR.LSPACT,
 * ARMv7-M ARM B1.5.7): the hand-over must not leave that behind. */
void scenario_irq_handler(void)
{
    use_fpu();
    app_on_spare_irq(hand_over);
    board_pend_spare_irq();
}

void scenario_hardfault_handler(void)
{
    board_hardfault_action = hand_over;
    cortexm_raise_hardfault();
}

/* The seed's usage example (dfu-on-stm32.md §1.3) passes this pair: its PC is
 * the application's own, even, vector table address. */
void scenario_seed_usage_example(void)
{
    uint32_t pair[2] = {0x20020000u, 0x08000000u};
    mailbox.reset_requested = 1;
    mailbox.teardown_began = 1;
    vJumpToDFU(pair);
}

void scenario_systick_handler(void)
{
    app_on_systick(hand_over);
    SCB_ICSR = SCB_ICSR_PENDSTSET;
    cortexm_barrier();
}

#if !__ARM_ARCH_6M__
/* Priorities (ARMv7-M ARM B1.5.4): SysTick highest, the spare IRQ lower, so a
 * SysTick pended from the IRQ's handler pre-empts it. */
static void pend_systick_from_irq(void)
{
    app_on_systick(hand_over);
    SCB_ICSR = SCB_ICSR_PENDSTSET;
    cortexm_barrier();
}

/* Two exceptions are active at the call, so one exception return cannot reach
 * thread mode: the library falls back to the request/reset path (ARMv7-M and
 * ARMv8-M Mainline only; ARMv6-M cannot tell that it is nested). */
void scenario_nested_handler(void)
{
    mailbox.reset_requested = 1;
    SCB_SHPR3 &= 0x00FFFFFFu;
    NVIC_IPR_BYTE(QEMU_SPARE_IRQ) = 0x80u;
    app_on_spare_irq(pend_systick_from_irq);
    board_pend_spare_irq();
}
#endif

/* PRIMASK holds both back, so they are still pending when vJumpToDFU runs. */
void scenario_systick_pending(void)
{
    cortexm_irq_disable();
    board_pend_spare_irq();
    SCB_ICSR = SCB_ICSR_PENDSTSET;
    hand_over();
}
