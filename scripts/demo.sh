#!/usr/bin/env bash
# The stm32dfu demo (`make demo`): runs the demo firmware (examples/demo/) on
# QEMU's netduinoplus2 (STM32F405) and tells what happens as it happens.
#
# usage: scripts/demo.sh [BUILD_DIR]   (default: build, as `make demo` uses)
set -uo pipefail

build=${1:-build}
image=$build/device/cortex-m4/examples/demo/demo-netduinoplus2.elf

if ! command -v qemu-system-arm >/dev/null 2>&1; then
  echo "demo: qemu-system-arm not found; install it with: bash scripts/bootstrap.sh" >&2
  exit 1
fi
if [ ! -f "$image" ]; then
  echo "demo: $image is missing; build first with: make build (or cmake --build $build)" >&2
  exit 1
fi

cat <<'TEXT'
== stm32dfu demo: entering the STM32 ROM bootloader from a running application ==

The firmware runs on QEMU's netduinoplus2 board (STM32F405, Cortex-M4) with
SysTick and an interrupt live. An interrupt handler, standing in for the USB
interrupt that receives DFU_DETACH, asks for the ROM bootloader. The library's
robust path does the rest: stm32dfu_request_bootloader() records the request in
RAM that survives a reset and resets the chip; stm32dfu_boot_check(), the first
call in Reset_Handler, finds the request and hands over before clocks, caches or
any interrupt are set up. QEMU has no ST system memory, so a stand-in bootloader
in the image plays the ROM and reports the state it was entered with.

TEXT

output=$(timeout 60 qemu-system-arm -M netduinoplus2 -display none -monitor none -serial null \
  -icount shift=3 -semihosting-config enable=on,target=native -kernel "$image" 2>&1)
status=$?
# The firmware's lines, indented, under a heading for each boot; every boot
# starts with the firmware's "boot:" line.
awk '/^boot:/ { boots++
                print (boots == 1 ? "-- power-on" : "-- system reset (requested by the application; RAM kept)") }
     { print "    " $0 }' <<<"$output"
echo

if [ "$status" -eq 0 ] && grep -q "^standin: verdict pass$" <<<"$output"; then
  cat <<'TEXT'
Result: the bootloader was entered after one reset, in thread mode, on its own
stack (MSP = its initial SP, CONTROL = 0), with SysTick stopped and no
interrupt enabled or pending; nothing of the application ran after the request.
TEXT
  exit 0
fi
if [ "$status" -eq 124 ]; then
  echo "Result: FAILED, the firmware did not finish within 60 s" >&2
else
  echo "Result: FAILED (QEMU exit status $status); see the lines marked FAIL above" >&2
fi
exit 1
