/* SPDX-License-Identifier: MIT */
/*
 * The contexts of the scenario table (scenarios.h): each function sets one
 * up from the running application (SysTick and the spare IRQ live, the MPU
 * on where there is one) and enters the bootloader from it with app_enter(),
 * on the path the command line chose. ARMv7-M ARM (DDI0403E) sections are
 * cited; ARMv6-M and ARMv8-M name the same registers.
 */
#include <stdint.h>

#include "app.h"
#include "cortexm.h"
#include "mailbox.h"
#include "scenarios.h"
#include "semihost.h"
#include "standin.h"

/* Stack of the RTOS-like task; 8-byte aligned as AAPCS requires. */
static uint64_t task_stack[128];

void scenario_thread_msp(void)
{
    app_enter();
}

/* Switches thread mode to the process stack at stack_top with CONTROL =
 * control (SPSEL set, nPRIV as given; B1.4.4) and branches to task. Naked:
 * after the switch, the caller's frame is on the other stack. The arguments
 * arrive in r0, r1 and r2. */
__attribute__((naked, noreturn)) static void run_on_psp(__attribute__((unused)) void (*task)(void),
                                                        __attribute__((unused)) uint64_t *stack_top,
                                                        __attribute__((unused)) uint32_t control)
{
    __asm__ volatile("msr psp, r1\n\t"
                     "msr control, r2\n\t"
                     "isb\n\t"
                     "bx r0\n\t");
}

static uint64_t *task_stack_top(void)
{
    return &task_stack[sizeof(task_stack) / sizeof(task_stack[0])];
}

/* An FP instruction sets CONTROL.FPCA (B1.4.4), as any code that touched a
 * float would. */
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
    app_enter();
}

void scenario_task_psp(void)
{
    run_on_psp(task, task_stack_top(), 2u);
}

void scenario_irq_handler(void)
{
    app_on_spare_irq(app_enter);
    board_pend_spare_irq();
}

void scenario_systick_handler(void)
{
    app_on_systick(app_enter);
    SCB_ICSR = SCB_ICSR_PENDSTSET;
    cortexm_barrier();
}

/* Priorities (B1.5.4): SysTick highest, the spare IRQ lower, so a SysTick
 * pended from the IRQ's handler pre-empts it. Word accesses only: ARMv6-M has
 * no byte access to the priority registers. */
static void pend_systick_from_irq(void)
{
    app_on_systick(app_enter);
    SCB_ICSR = SCB_ICSR_PENDSTSET;
    cortexm_barrier();
}

void scenario_nested_irq(void)
{
    uint32_t shift = 8u * (QEMU_SPARE_IRQ % 4u);
    SCB_SHPR3 &= 0x00FFFFFFu;
    NVIC_IPR(QEMU_SPARE_IRQ / 4u) =
        (NVIC_IPR(QEMU_SPARE_IRQ / 4u) & ~(0xFFu << shift)) | (0x80u << shift);
    app_on_spare_irq(pend_systick_from_irq);
    board_pend_spare_irq();
}

void scenario_hardfault_handler(void)
{
    board_hardfault_action = app_enter;
    cortexm_raise_hardfault();
}

void scenario_nmi_handler(void)
{
    board_nmi_action = app_enter;
    SCB_ICSR = SCB_ICSR_NMIPENDSET;
    cortexm_barrier();
}

/* PRIMASK holds SysTick and the IRQ back, so they are still pending at the
 * call. */
void scenario_primask_set(void)
{
    cortexm_irq_disable();
    board_pend_spare_irq();
    SCB_ICSR = SCB_ICSR_PENDSTSET;
    app_enter();
}

void scenario_basepri_set(void)
{
#if QEMU_MAINLINE
    __asm__ volatile("msr basepri, %0" : : "r"(0x40u) : "memory");
    app_enter();
#else
    app_fail("BASEPRI does not exist on ARMv6-M");
#endif
}

void scenario_faultmask_set(void)
{
#if QEMU_MAINLINE
    __asm__ volatile("cpsid f" ::: "memory");
    app_enter();
#else
    app_fail("FAULTMASK does not exist on ARMv6-M");
#endif
}

void scenario_pendsv_pending(void)
{
    cortexm_irq_disable();
    SCB_ICSR = SCB_ICSR_PENDSVSET;
    app_enter();
}

/* Every implemented line enabled and pending, held back by PRIMASK. */
void scenario_irqs_pending(void)
{
    cortexm_irq_disable();
    for (uint32_t i = 0; i < cortexm_nvic_words(); i++) {
        NVIC_ISER(i) = 0xFFFFFFFFu;
        NVIC_ISPR(i) = 0xFFFFFFFFu;
    }
    app_enter();
}

/* FP state is live in thread mode when the IRQ is taken, so the handler runs
 * with lazy FP stacking pending (FPCCR.LSPACT, B1.5.7). */
void scenario_fpu_lazy(void)
{
    use_fpu();
    app_on_spare_irq(app_enter);
    board_pend_spare_irq();
}

/* The MPU also for HardFault and NMI handlers (MPU_CTRL.HFNMIENA, B3.5.6;
 * DDI0553 MPU_CTRL), on top of the PRIVDEFENA set-up every scenario has. */
void scenario_mpu_enabled(void)
{
    if ((MPU_CTRL & MPU_CTRL_ENABLE) == 0u)
        app_fail("the MPU is not on");
    MPU_CTRL |= MPU_CTRL_HFNMIENA;
    cortexm_barrier();
    app_enter();
}

/* A RAM copy of the application's vectors, aligned for any table size up to
 * 256 entries (B3.2.5 VTOR alignment). */
static uint32_t ram_vectors[16u + QEMU_BOARD_IRQS] __attribute__((aligned(1024)));
extern const uint32_t app_vectors[];

void scenario_vtor_in_ram(void)
{
    for (uint32_t i = 0; i < 16u + QEMU_BOARD_IRQS; i++)
        ram_vectors[i] = app_vectors[i];
    cortexm_barrier();
    SCB_VTOR = (uint32_t)ram_vectors;
    cortexm_barrier();
    semihost_puts("app: VTOR now ");
    semihost_put_hex(SCB_VTOR);
    semihost_puts("\n");
    app_enter();
}

/* What applications set in the System Control Block (issue 8 item 2),
 * from the spare IRQ's handler, so that the jump path also takes its
 * exception return with SLEEPONEXIT set. */
static void configure_scb_and_enter(void)
{
    SCB_SCR = SCB_SCR_ALL;
    SCB_SHPR2 = 0xE0000000u;
    SCB_SHPR3 = 0xE0E00000u;
    for (uint32_t i = 0; i < 8u * cortexm_nvic_words(); i++)
        NVIC_IPR(i) = 0x80808080u;
#if QEMU_MAINLINE
    SCB_CCR |= SCB_CCR_DIV_0_TRP | SCB_CCR_BFHFNMIGN | SCB_CCR_USERSETMPEND
#if !__ARM_ARCH_8M_MAIN__
               | SCB_CCR_NONBASETHRDENA
#endif
        ;
    SCB_SHPR1 = 0x00E0E0E0u;
    SCB_SHCSR |= SCB_SHCSR_ENABLES;
    SCB_AIRCR = 0x05FA0000u | (5u << 8); /* PRIGROUP 5 */
#endif
    cortexm_barrier();
    app_enter();
}

void scenario_scb_left_set(void)
{
    app_on_spare_irq(configure_scb_and_enter);
    board_pend_spare_irq();
}

/* The stand-in makes an unaligned load: with CCR.UNALIGN_TRP left set it
 * faults (B3.2.8). */
void scenario_unaligned_trap(void)
{
#if QEMU_MAINLINE
    SCB_CCR |= SCB_CCR_UNALIGN_TRP;
    cortexm_barrier();
    app_enter();
#else
    app_fail("CCR is read-only on ARMv6-M, UNALIGN_TRP always set");
#endif
}

/* The SVC handler (privileged): the unprivileged call left SysTick running
 * and the spare IRQ enabled, i.e. it changed nothing; then the documented
 * way in, from the handler. */
static void svc_enter(void)
{
    bool untouched = (SYST_CSR & SYST_CSR_ENABLE) != 0u &&
                     (NVIC_ISER(QEMU_SPARE_IRQ / 32u) & (1u << (QEMU_SPARE_IRQ % 32u))) != 0u;
    semihost_puts(untouched ? "app: the unprivileged call returned with nothing changed\n"
                            : "app: FAIL the unprivileged call changed the core's state\n");
    if (!untouched)
        semihost_exit(1);
    app_enter();
}

/* No semihosting here: QEMU refuses it from unprivileged code. */
static void unprivileged_task(void)
{
    app_enter_call(); /* must return, having written nothing */
    __asm__ volatile("svc #0" ::: "memory");
    for (;;)
        ;
}

/* An MPU RTOS's task: thread mode, PSP, CONTROL.nPRIV = 1 (B1.4.4). The MPU
 * is turned off first: with PRIVDEFENA alone unprivileged code may touch no
 * memory at all. */
void scenario_unprivileged(void)
{
    if ((MPU_TYPE & MPU_TYPE_DREGION) != 0u)
        MPU_CTRL = 0;
    cortexm_barrier();
    board_svc_action = svc_enter;
    run_on_psp(unprivileged_task, task_stack_top(), 3u);
}

/* Corrupt ROM tables (issue 8 item 3): the library must refuse each on
 * both paths; the application restarts. A branch to the bogus entry says so. */
static void bogus_rom_entry(void)
{
    semihost_puts("app: FAIL the invalid ROM reset vector was branched to\n");
    semihost_exit(1);
}

static void enter_with_rom_table(uint32_t sp, uint32_t pc)
{
    uint32_t *table = app_rom_table();
    table[0] = sp;
    table[1] = pc;
    cortexm_barrier();
    app_enter();
}

void scenario_rom_even_pc(void)
{
    enter_with_rom_table(app_rom_table()[0], app_rom_table()[1] & ~1u);
}

void scenario_rom_erased(void)
{
    enter_with_rom_table(0xFFFFFFFFu, 0xFFFFFFFFu);
}

void scenario_rom_pc_outside(void)
{
    enter_with_rom_table(app_rom_table()[0], (uint32_t)bogus_rom_entry);
}

/* The seed's usage example (dfu-on-stm32.md §1.3) passes this pair: its PC is
 * the application's own, even, vector table address. */
void scenario_seed_pair(void)
{
    static uint32_t pair[2] = {0x20020000u, 0x08000000u};
    mailbox.reset_requested = 1;
    mailbox.teardown_began = 1;
    vJumpToDFU(pair);
    app_fail("vJumpToDFU returned");
}
