#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one firmware scenario image under qemu-system-arm and checks what the
# image reported over semihosting.
#
# usage: run-scenario.sh QEMU MACHINE IMAGE SCENARIO EXIT [--expect REGEX]... [--reject REGEX]...
#   QEMU      the qemu-system-arm program
#   MACHINE   the QEMU machine (-M), e.g. netduinoplus2
#   IMAGE     the ELF image (built by the device build)
#   SCENARIO  <scenario>/<jump|request> (targets/qemu/scenarios.h), passed as the
#             last semihosting argument
#   EXIT      the exit status the image must end with
#   --expect  a line (extended regex, whole line) that must appear
#   --reject  a pattern (extended regex) that no line may match
set -uo pipefail

if [ $# -lt 5 ]; then
  echo "usage: $0 QEMU MACHINE IMAGE SCENARIO EXIT [--expect REGEX]... [--reject REGEX]..." >&2
  exit 2
fi
qemu=$1 machine=$2 image=$3 scenario=$4 want_exit=$5
shift 5

if ! command -v "$qemu" >/dev/null 2>&1; then
  echo "FAIL: $qemu not found; install the Debian package qemu-system-arm (bash scripts/bootstrap.sh)" >&2
  exit 1
fi
if [ ! -f "$image" ]; then
  echo "FAIL: image $image is missing; build the device builds first (cmake --build <build dir>)" >&2
  exit 1
fi

# -icount with a fixed shift makes virtual time a function of the instruction
# count, so SysTick fires at the same instruction on every machine; timeout
# turns a hang into a failure.
output=$(timeout 60 "$qemu" -M "$machine" -display none -monitor none -serial null \
  -icount shift=3 \
  -semihosting-config "enable=on,target=native,arg=$(basename "$image"),arg=$scenario" \
  -kernel "$image" 2>&1)
status=$?

echo "--- $machine scenario $scenario: $image"
echo "$output"
echo "--- exit status $status"

failed=0
if [ "$status" -eq 124 ]; then
  echo "FAIL: QEMU did not finish within 60 s (the image hung or looped)"
  failed=1
elif [ "$status" -ne "$want_exit" ]; then
  echo "FAIL: exit status $status, expected $want_exit"
  failed=1
fi
while [ $# -gt 0 ]; do
  case $1 in
    --expect)
      if ! grep -Eqx -- "$2" <<<"$output"; then
        echo "FAIL: no line matches: $2"
        failed=1
      fi
      ;;
    --reject)
      if grep -Eq -- "$2" <<<"$output"; then
        echo "FAIL: a line matches what must not appear: $2"
        failed=1
      fi
      ;;
    *)
      echo "usage error: unknown option $1" >&2
      exit 2
      ;;
  esac
  shift 2
done
[ "$failed" -eq 0 ] && echo "PASS"
exit "$failed"
