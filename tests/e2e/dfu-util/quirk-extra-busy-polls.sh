#!/bin/sh
# SPDX-License-Identifier: MIT
# Quirk extra-busy-polls (STM32L151: dfuDNBUSY for more polls than the command needs, dfu-util
# commit a2afb4b): dfu-util polls more often than without the quirk, keeps going, and the
# download lands byte for byte.
. "$(dirname "$0")/lib.sh"

getstatus_count() {
    sed -n -E 's/.*"GETSTATUS": ([0-9]+).*/\1/p' "$1"
}

payload fw.bin 5000
"$SIM" --time-scale 0 --stats plain.json -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || fail "dfu-util -D failed"
"$SIM" --time-scale 0 --quirk extra-busy-polls --dump dump.bin --stats quirk.json -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || fail "dfu-util -D failed with the quirk"
same_bytes fw.bin dump.bin 0 5000 "downloaded bytes"
[ "$(getstatus_count quirk.json)" -gt "$(getstatus_count plain.json)" ] ||
    fail "no extra GETSTATUS polls: $(getstatus_count quirk.json) vs $(getstatus_count plain.json)"
