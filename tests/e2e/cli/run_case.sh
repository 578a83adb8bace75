#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one CLI end-to-end case: run_case.sh NAME [ARGS...] (e.g. flash/hex-verify-leave,
# or matrix KIND PHASE TRIGGER PROFILE for a row of fault-matrix.txt).
# Environment: SIM (stm32dfu-sim), CLI (stm32dfu), FIXTURE (fixture helper), MANPAGE,
# UDEV_RULES (where `cmake --install` puts the udev rules).
set -u
here=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stm32dfu-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# umockdev puts its testbed under TMPDIR: keep it per test.
export TMPDIR=$WORK
# ASan builds run under umockdev's LD_PRELOAD (docs/research/usb_emulation.md#s5 pitfall 5).
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
. "$here/lib.sh"
. "$here/fault_matrix.sh"
for cases in "$here"/cases/*.sh; do
    . "$cases"
done
fn="case_$(echo "$1" | tr '/-' '__')"
declare -F "$fn" >/dev/null || { echo "no such case: $1" >&2; exit 2; }
"$fn" "${@:2}"
echo "PASS: $*"
