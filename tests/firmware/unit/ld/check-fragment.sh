#!/bin/bash
# SPDX-License-Identifier: MIT
# Links firmware/src/stm32dfu_request_slot.c with firmware/ld/stm32dfu_noinit.ld into a
# minimal image and checks where the request slot lands.
# Usage: check-fragment.sh <case> <source dir>
#   top-of-ram     the slot is the last 16 bytes of RAM, NOBITS, 8-byte aligned
#   region-name    the same with a region not named RAM (stm32dfu_ram_end)
#   estack-above   an _estack at the end of RAM is refused with a message
set -u
case_name=$1
src=$2
for tool in arm-none-eabi-gcc arm-none-eabi-nm arm-none-eabi-readelf; do
    command -v $tool >/dev/null || { echo "FAIL: $tool missing; install gcc-arm-none-eabi"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

region=RAM before=""
case $case_name in
top-of-ram) ;;
region-name) region=SRAM1 before="stm32dfu_ram_end = ORIGIN(SRAM1) + LENGTH(SRAM1);" ;;
estack-above) before="_estack = ORIGIN(RAM) + LENGTH(RAM);" ;;
*) echo "FAIL: unknown case $case_name"; exit 1 ;;
esac
sed -e "s/@REGION@/$region/g" -e "s/@BEFORE@/$before/" "$src/tests/firmware/unit/ld/app.ld.in" >"$work/app.ld"

link() {
    arm-none-eabi-gcc -std=c11 -mcpu=cortex-m4 -mthumb -Os -nostdlib -nostartfiles \
        -I"$src/firmware/include" -I"$src/firmware/src" -Wl,-e,0 -Wl,-u,stm32dfu_request_slot \
        -T "$work/app.ld" -L"$src/firmware/ld" "$src/firmware/src/stm32dfu_request_slot.c" -o "$work/app.elf"
}

if [ "$case_name" = estack-above ]; then
    if out=$(link 2>&1); then
        echo "FAIL: the link succeeded with _estack above the slot"; exit 1
    fi
    grep -q "_estack lies above the request slot; set _estack = stm32dfu_noinit_start" <<<"$out" ||
        { echo "FAIL: unexpected message: $out"; exit 1; }
    echo "ok: refused: $(grep -o 'stm32dfu: .*' <<<"$out")"
    exit 0
fi

link || { echo "FAIL: link failed"; exit 1; }
slot=$(arm-none-eabi-nm "$work/app.elf" | awk '$3 == "stm32dfu_request_slot" { print $1 }')
start=$(arm-none-eabi-nm "$work/app.elf" | awk '$3 == "stm32dfu_noinit_start" { print $1 }')
[ "$slot" = 2001fff0 ] || { echo "FAIL: slot at 0x$slot, expected 0x2001fff0"; exit 1; }
[ "$start" = 2001fff0 ] || { echo "FAIL: stm32dfu_noinit_start = 0x$start"; exit 1; }
read -r type size align < <(arm-none-eabi-readelf -SW "$work/app.elf" |
    awk '{ for (i = 1; i <= NF; i++) if ($i == ".stm32dfu_noinit") print $(i + 1), $(i + 4), $NF }')
[ "$type" = NOBITS ] || { echo "FAIL: section type $type, expected NOBITS"; exit 1; }
[ "$size" = 000010 ] || { echo "FAIL: section size 0x$size, expected 0x10"; exit 1; }
[ "$align" = 8 ] || { echo "FAIL: section alignment $align, expected 8"; exit 1; }
echo "ok: slot 0x$slot, NOBITS, 16 bytes, 8-byte aligned"
