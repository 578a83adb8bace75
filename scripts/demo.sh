#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The stm32dfu demo (`make demo`), in two parts that tell what happens as it
# happens:
#  1. the demo firmware (examples/demo/) on QEMU's netduinoplus2 (STM32F405)
#     enters the bootloader through the request, reset and boot-check path;
#  2. stm32dfu updates that firmware over USB DFU on a simulated STM32F405 ROM
#     bootloader (stm32dfu-sim, at real timing), from version 1.0.0 to 1.1.0.
#
# usage: scripts/demo.sh [BUILD_DIR]   (default: build, as `make demo` uses)
set -uo pipefail

build=${1:-build}
image=$build/device/cortex-m4/examples/demo/demo-netduinoplus2.elf
old_image=$build/device/cortex-m4/examples/demo/demo-netduinoplus2-v1.0.0.elf
tool=$build/host/cli/stm32dfu
sim=$build/sim/usb/stm32dfu-sim

if ! command -v qemu-system-arm >/dev/null 2>&1; then
  echo "demo: qemu-system-arm not found; install it with: bash scripts/bootstrap.sh" >&2
  exit 1
fi
for file in "$image" "$old_image" "$tool" "$sim"; do
  if [ ! -f "$file" ]; then
    echo "demo: $file is missing; build first with: make build (or cmake --build $build)" >&2
    exit 1
  fi
done

# Part 2: the steps run inside one stm32dfu-sim session, so every command sees
# the same simulated board; each step prints what it is about to show.
usb_update() {
  local work
  work=$(mktemp -d "${TMPDIR:-/tmp}/stm32dfu-demo.XXXXXX") || return 1
  # 300 KB at 0x080F0000 runs past the end of the F405's 1 MiB flash.
  head -c 300000 /dev/zero > "$work/too-big.bin"
  cat > "$work/steps.sh" <<STEPS
step() { printf '\n\$ %s\n' "\$*" | sed "s|$build/||g"; "\$@"; }
echo "-- A blank STM32F405 with BOOT0 high: its ROM bootloader enumerates as 0483:df11."
step "$tool" list || exit 1
echo "-- Flash version 1.0.0 (an ELF file): erase, write, verify, then start it."
step "$tool" flash "$old_image" || exit 1
echo "-- The application now runs and offers a DFU runtime interface."
step "$tool" list || exit 1
echo "-- Update it to 1.1.0: detach it into the ROM bootloader, flash only what changed, start it."
step "$tool" flash --detach --skip-unchanged "$image" || exit 1
echo "-- A bad request is refused before anything is erased (exit status 65):"
step "$tool" flash --detach --address 0x080F0000 "$work/too-big.bin"
test \$? -eq 65 || exit 1
step "$tool" read --address 0x08000000 --length 4096 -o "$work/readback.bin" || exit 1
grep -q "APPVERSION=1.1.0" "$work/readback.bin" || exit 1
echo "-- The flash still holds 1.1.0: nothing was erased by the refused request."
STEPS
  cat <<'TEXT'
== Part 2: updating the firmware over USB DFU ==

stm32dfu-sim simulates the STM32F405 ROM bootloader's USB DFU interface (AN3156)
at real erase and program timing; the stm32dfu tool talks to it through libusb,
exactly as it would to a board on a USB cable.
TEXT
  "$sim" --profile stm32f405 -- bash "$work/steps.sh" 2>&1 | sed 's/^/    /'
  local status=${PIPESTATUS[0]}
  rm -rf "$work"
  echo
  if [ "$status" -eq 0 ]; then
    echo "Result: version 1.1.0 replaced 1.0.0 over DFU, verified by reading back; the"
    echo "out-of-range image was refused before anything was erased."
    return 0
  fi
  echo "Result: FAILED (status $status); see the output above" >&2
  return 1
}

cat <<'TEXT'
== Part 1: entering the STM32 ROM bootloader from a running application ==

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
  echo
  usb_update
  exit $?
fi
if [ "$status" -eq 124 ]; then
  echo "Result: FAILED, the firmware did not finish within 60 s" >&2
else
  echo "Result: FAILED (QEMU exit status $status); see the lines marked FAIL above" >&2
fi
exit 1
