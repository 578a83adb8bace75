#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds one consumer firmware project from scratch with arm-none-eabi, checks
# what its route delivered, and boots the image once on QEMU through the
# request path, judged by tests/firmware/qemu/run-scenario.sh.
#
# usage: run-consumer.sh ROUTE SOURCE WORK QEMU LDSCRIPT BOARD IRQS SPARE SLOT STANDIN SERIES
#   ROUTE    cmake/add-subdirectory, cmake/fetchcontent, cmake/fetchcontent-firmware
#            (tests/firmware/consumer-cmake/) or make (tests/firmware/consumer-make/)
#   SOURCE   the stm32dfu repository
#   WORK     a folder of its own for the build (emptied first)
#   QEMU     the qemu-system-arm program
#   LDSCRIPT the board's linker script (it INCLUDEs stm32dfu_noinit.ld)
#   BOARD IRQS SPARE  the QEMU machine, its IRQ count and spare IRQ
#   SLOT     where the request slot must land: the end of RAM - 16 (hex)
#   STANDIN  the stand-in bootloader's address (hex, as it prints it)
#   SERIES   the library's series definitions, space-separated NAME=VALUE
set -uo pipefail

if [ $# -ne 11 ]; then
  echo "usage: $0 ROUTE SOURCE WORK QEMU LDSCRIPT BOARD IRQS SPARE SLOT STANDIN SERIES" >&2
  exit 2
fi
route=$1 src=$2 work=$3 qemu=$4 ldscript=$5 board=$6 irqs=$7 spare=$8 slot=$9 standin=${10}
series=${11}

fail() {
  echo "FAIL: $*"
  exit 1
}
for tool in arm-none-eabi-gcc arm-none-eabi-nm jq make; do
  command -v "$tool" >/dev/null 2>&1 ||
    fail "$tool not found; install the Debian packages with: bash scripts/bootstrap.sh"
done

rm -rf "$work"
mkdir -p "$work"
read -r -a series_defs <<<"$series"
library_sources=$(make -s --no-print-directory -f - <<MAKE
include $src/firmware/sources.mk
all:
	@echo \$(STM32DFU_PORTABLE_SOURCES) \$(STM32DFU_DEVICE_SOURCES)
MAKE
)
[ -n "$library_sources" ] || fail "no sources read from $src/firmware/sources.mk"

case $route in
cmake/*)
  project=$src/tests/firmware/consumer-cmake
  series_list=$(IFS=';' && echo "${series_defs[*]}")
  echo "--- configure $project (${route#cmake/})"
  cmake -S "$project" -B "$work" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCMAKE_TOOLCHAIN_FILE="$project/gcc-arm-none-eabi.cmake" \
    -DSTM32DFU_SOURCE_DIR="$src" -DSTM32DFU_ROUTE="${route#cmake/}" \
    -DCONSUMER_LINKER_SCRIPT="$ldscript" -DCONSUMER_SERIES="$series_list" \
    -DCONSUMER_BOARD_DEFINITIONS="QEMU_BOARD_NAME=\"$board\";QEMU_BOARD_IRQS=$irqs;QEMU_SPARE_IRQ=$spare" ||
    fail "the consumer project does not configure"
  echo "--- build"
  cmake --build "$work" || fail "the consumer project does not build"
  elf=$work/consumer.elf

  # What was compiled: the project's own files and the library, nothing of the
  # host side; the library with the project's flags (its toolchain file's
  # -O0 -g3 and float ABI) and none of this repository's (-Werror, -Os).
  commands=$work/compile_commands.json
  others=$(jq -r '.[].file' "$commands" |
    grep -v -e "/examples/demo/main\.c$" -e "/tests/firmware/qemu-board/[a-z]*\.c$" \
      -e "/firmware/src/stm32dfu_[a-z_]*\.c$")
  [ -z "$others" ] || fail "the route compiled files that are not the firmware library's: $others"
  for name in $library_sources; do
    command=$(jq -r --arg f "$src/firmware/src/$name" '.[] | select(.file == $f) | .command' \
      "$commands")
    [ -n "$command" ] || fail "$name was not compiled"
    for flag in -mfloat-abi=hard -O0 -g3; do
      grep -q -- " $flag " <<<"$command " || fail "$name was compiled without the project's $flag: $command"
    done
    for flag in -Werror -Os; do
      ! grep -q -- " $flag " <<<"$command " || fail "$name was compiled with this repository's $flag: $command"
    done
  done
  echo "ok: compiled only the project and the library ($(wc -w <<<"$library_sources") sources), with the project's flags"
  ;;
make)
  project=$src/tests/firmware/consumer-make
  echo "--- make -C $project"
  make -C "$project" STM32DFU_DIR="$src" BUILD_DIR="$work" LDSCRIPT="$ldscript" \
    STM32DFU_SERIES_DEFS="${series_defs[*]/#/-D}" \
    QEMU_BOARD_DEFS="-DQEMU_BOARD_NAME=\\\"$board\\\" -DQEMU_BOARD_IRQS=$irqs -DQEMU_SPARE_IRQ=$spare" ||
    fail "the consumer project does not build"
  elf=$work/consumer.elf
  for name in $library_sources; do
    [ -f "$work/${name%.c}.o" ] || fail "$name was not compiled into $work"
  done
  echo "ok: every library source compiled by the project's own rule"
  ;;
*)
  echo "usage error: unknown route $route" >&2
  exit 2
  ;;
esac

# The linker fragment came through the route: the request slot is the last 16
# bytes of RAM and the initial stack pointer starts just below it.
[ -f "$elf" ] || fail "no image $elf"
slot_at=$(arm-none-eabi-nm "$elf" | awk '$3 == "stm32dfu_request_slot" { print $1 }')
[ "$((16#${slot_at:-0}))" -eq "$((slot))" ] ||
  fail "stm32dfu_request_slot is at 0x${slot_at:-none}, expected $slot"
echo "ok: stm32dfu_request_slot at 0x$slot_at"

# Once through the request path: the DETACH interrupt calls
# stm32dfu_request_bootloader(), the chip resets, and stm32dfu_boot_check()
# hands over to the stand-in once, which finds the state a ROM expects.
exec bash "$src/tests/firmware/qemu/run-scenario.sh" "$qemu" "$board" "$elf" consumer/request 0 \
  --expect "demo: \\[USB IRQ\\] DFU_DETACH received: requesting the ROM bootloader;" \
  --expect "standin: bootloader at $standin entered, hand-over 1" --reject "hand-over 2" \
  --expect "standin: verdict pass" --reject "FAIL"
