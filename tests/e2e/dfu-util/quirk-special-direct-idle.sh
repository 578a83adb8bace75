#!/bin/sh
# SPDX-License-Identifier: MIT
# Quirk special-direct-idle (STM32U5A9: a DfuSe command goes straight to dfuDNLOAD-IDLE,
# without dfuDNBUSY): dfu-util 0.11 stops with "Wrong state after command", as reported in
# dfu-util ticket 145 and fixed after 0.11 by commit be49612 (docs/research/host_side.md#s1.5).
. "$(dirname "$0")/lib.sh"

payload fw.bin 2048
rc=0
"$SIM" --time-scale 0 --quirk special-direct-idle -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || rc=$?
[ "$rc" -ne 0 ] || fail "dfu-util 0.11 accepted a command that skipped dfuDNBUSY"
cat err >> out
expect_in out "DFU state(5) = dfuDNLOAD-IDLE" "state after the command"
expect_in out "Wrong state after command" "dfu-util's complaint"
