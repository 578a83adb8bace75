#!/bin/sh
# SPDX-License-Identifier: MIT
# Quirk stall-early-poll (STM32L4: the ROM declares too short a bwPollTimeout for an erase and
# STALLs a GETSTATUS that comes before the erase ends, dfu-util commit c15ee60): the L476
# profile (10 ms declared, 25 ms erase: the simulator STALLs the two polls before the end,
# counted in device time, however late dfu-util is scheduled); dfu-util 0.11 takes each STALL
# as "still busy", polls more often than without the quirk, and the download lands byte for
# byte. At time scale 0 (bwPollTimeout 0) dfu-util gives up at the first STALLed poll ("Error
# during special command get_status"), so x4 keeps the declared values non-zero.
. "$(dirname "$0")/lib.sh"

getstatus_count() {
    sed -n -E 's/.*"GETSTATUS": ([0-9]+).*/\1/p' "$1"
}

payload fw.bin 5000
"$SIM" --profile stm32l476 --time-scale 4 --no-quirk stall-early-poll --stats plain.json -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || fail "dfu-util -D failed"
"$SIM" --profile stm32l476 --time-scale 4 --dump dump.bin --stats quirk.json -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || fail "dfu-util -D failed with the quirk"
same_bytes fw.bin dump.bin 0 5000 "downloaded bytes"
[ "$(getstatus_count quirk.json)" -gt "$(getstatus_count plain.json)" ] ||
    fail "no STALLed polls: $(getstatus_count quirk.json) vs $(getstatus_count plain.json)"
