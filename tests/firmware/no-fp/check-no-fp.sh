#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Compiles every firmware library source for one core at -O0, -Os, -O2 and
# -O3 with each float ABI the core allows (soft; softfp and hard where it can
# carry an FPU), with gcc or clang, and fails on any floating-point or SIMD
# instruction in the objects (issue 8 item 1: the boot check runs before the
# FPU is enabled, so one VLDR there is a NOCP UsageFault).
#
# usage: check-no-fp.sh gcc|clang CPU SOURCE_DIR DEFINE...
#   CPU         cortex-m0, cortex-m0plus, cortex-m3, cortex-m4, cortex-m7, cortex-m33
#   SOURCE_DIR  the repository root
#   DEFINE      series selection for stm32dfu_series.c, e.g. STM32F405xx
set -uo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 gcc|clang CPU SOURCE_DIR DEFINE..." >&2
  exit 2
fi
compiler=$1 cpu=$2 root=$3
shift 3
defines=()
for d in "$@"; do defines+=("-D$d"); done

case $compiler in
  gcc) cc=(arm-none-eabi-gcc) ;;
  clang) cc=(clang --target=arm-none-eabi) ;;
  *) echo "unknown compiler $compiler (gcc or clang)" >&2; exit 2 ;;
esac
for tool in "${cc[0]}" arm-none-eabi-objdump; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "FAIL: $tool not found; run bash scripts/bootstrap.sh" >&2
    exit 1
  fi
done

# The FPU each core may carry (Arm Cortex-M4/M7/M33 TRMs, FPU chapters);
# M0, M0+ and M3 have none, so soft float only.
case $cpu in
  cortex-m4) fpu=fpv4-sp-d16 ;;
  cortex-m7) fpu=fpv5-d16 ;;
  cortex-m33) fpu=fpv5-sp-d16 ;;
  *) fpu= ;;
esac
abis=("-mfloat-abi=soft")
if [ -n "$fpu" ]; then
  abis+=("-mfloat-abi=softfp -mfpu=$fpu" "-mfloat-abi=hard -mfpu=$fpu")
fi

# Every source of the device library (firmware/src holds nothing else).
sources=("$root"/firmware/src/*.c)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0 objects=0
for opt in -O0 -Os -O2 -O3; do
  for abi in "${abis[@]}"; do
    dir="$work/${opt}${abi// /}"
    mkdir -p "$dir"
    # shellcheck disable=SC2086 # $abi holds one or two flags
    if ! (cd "$dir" && "${cc[@]}" -std=c11 -Wall -Wextra -Werror -ffreestanding -mthumb \
        -mcpu="$cpu" $abi "$opt" -ffunction-sections "${defines[@]}" \
        -I"$root/firmware/include" -I"$root/firmware/src" -c "${sources[@]}"); then
      echo "FAIL: $compiler $cpu $opt $abi: the library does not compile"
      failed=1
      continue
    fi
    for obj in "$dir"/*.o; do
      objects=$((objects + 1))
      # Disassembly lines are "addr:<TAB>encoding<TAB>mnemonic<TAB>operands".
      # Every VFP and Advanced SIMD mnemonic starts with v (DDI0403E A7.7,
      # the FP instructions; no other M-profile instruction does).
      fp=$(arm-none-eabi-objdump -d "$obj" | awk -F'\t' 'NF >= 3 && $3 ~ /^v/')
      if [ -n "$fp" ]; then
        echo "FAIL: $compiler $cpu $opt $abi: $(basename "$obj") has FP/SIMD instructions:"
        echo "$fp"
        failed=1
      fi
    done
  done
done
echo "$compiler $cpu: $objects objects checked (${#sources[@]} sources x -O0/-Os/-O2/-O3 x ${#abis[@]} float ABIs)"
[ "$failed" -eq 0 ] && echo PASS
exit "$failed"
