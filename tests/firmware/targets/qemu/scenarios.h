/* SPDX-License-Identifier: MIT */
/*
 * The QEMU scenario table (issue 8 item 5): the one list both the test
 * application's dispatch (app.c) and the ctest cases
 * (tests/firmware/qemu/CMakeLists.txt reads the X lines) come from. One row
 * per line, in this order:
 *   X("name", PATHS, NEEDS, OUTCOME, function, "what it does")
 * PATHS    BOTH: vJumpToDFU(ROM table) and request + reset + boot check;
 *          JUMP or REQUEST: one of them.
 * NEEDS    the core feature the context needs: ANY, MAINLINE (BASEPRI,
 *          FAULTMASK, CCR traps: ARMv7-M/ARMv8-M Mainline), FPU, MPU, UNPRIV
 *          (CONTROL.nPRIV; not on the Cortex-M0). The board table
 *          (qemu-board/boards.cmake) lists each board's features.
 * OUTCOME  HANDOVER: the stand-in is entered once and every check passes;
 *          RESTART: no hand-over, the application boots again after a reset;
 *          BUDGET: the stand-in resets every time, the application boots
 *          after STM32DFU_BOOT_ATTEMPTS hand-overs.
 */
#ifndef QEMU_SCENARIOS_H
#define QEMU_SCENARIOS_H

/* clang-format off */
#define QEMU_SCENARIOS(X) \
X("thread-msp", BOTH, ANY, HANDOVER, scenario_thread_msp, "from thread mode on MSP") \
X("task-psp", BOTH, ANY, HANDOVER, scenario_task_psp, "from an RTOS-like task on PSP") \
X("irq-handler", BOTH, ANY, HANDOVER, scenario_irq_handler, "from an interrupt handler") \
X("systick-handler", BOTH, ANY, HANDOVER, scenario_systick_handler, "from the SysTick handler") \
X("nested-irq", BOTH, ANY, HANDOVER, scenario_nested_irq, "from SysTick pre-empting an IRQ handler") \
X("hardfault-handler", BOTH, ANY, HANDOVER, scenario_hardfault_handler, "from the HardFault handler") \
X("nmi-handler", BOTH, ANY, HANDOVER, scenario_nmi_handler, "from the NMI handler") \
X("primask-set", BOTH, ANY, HANDOVER, scenario_primask_set, "PRIMASK set, SysTick and an IRQ pending") \
X("basepri-set", BOTH, MAINLINE, HANDOVER, scenario_basepri_set, "BASEPRI set") \
X("faultmask-set", BOTH, MAINLINE, HANDOVER, scenario_faultmask_set, "FAULTMASK set") \
X("pendsv-pending", BOTH, ANY, HANDOVER, scenario_pendsv_pending, "PendSV pending") \
X("irqs-enabled-pending", BOTH, ANY, HANDOVER, scenario_irqs_pending, "every NVIC line enabled and pending") \
X("fpu-lazy-pending", BOTH, FPU, HANDOVER, scenario_fpu_lazy, "FPU in use, lazy stacking pending in a handler") \
X("mpu-enabled", BOTH, MPU, HANDOVER, scenario_mpu_enabled, "MPU on, also for HardFault/NMI") \
X("vtor-in-ram", BOTH, ANY, HANDOVER, scenario_vtor_in_ram, "VTOR relocated to a RAM copy") \
X("scb-left-set", BOTH, ANY, HANDOVER, scenario_scb_left_set, "SCR, CCR, SHPR, SHCSR, NVIC priorities, PRIGROUP set") \
X("unaligned-trap-set", BOTH, MAINLINE, HANDOVER, scenario_unaligned_trap, "CCR.UNALIGN_TRP set") \
X("unprivileged", BOTH, UNPRIV, HANDOVER, scenario_unprivileged, "unprivileged task: returns untouched, then SVC") \
X("rom-even-pc", BOTH, ANY, RESTART, scenario_rom_even_pc, "ROM table with an even reset vector") \
X("rom-erased", BOTH, ANY, RESTART, scenario_rom_erased, "ROM table erased (all ones)") \
X("rom-pc-outside-sysmem", BOTH, ANY, RESTART, scenario_rom_pc_outside, "ROM reset vector outside system memory") \
X("attempt-budget", REQUEST, ANY, BUDGET, scenario_thread_msp, "a ROM that resets every time") \
X("seed-usage-example", JUMP, ANY, RESTART, scenario_seed_pair, "vJumpToDFU with the seed's {0x20020000, 0x08000000}")
/* clang-format on */

enum qemu_paths { PATHS_BOTH, PATHS_JUMP, PATHS_REQUEST };
enum qemu_outcome { OUTCOME_HANDOVER, OUTCOME_RESTART, OUTCOME_BUDGET };

#define QEMU_SCENARIO_DECLARE(name, paths, needs, outcome, fn, what) void fn(void);
QEMU_SCENARIOS(QEMU_SCENARIO_DECLARE)

#endif /* QEMU_SCENARIOS_H */
