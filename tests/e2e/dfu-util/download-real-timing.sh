#!/bin/sh
# SPDX-License-Identifier: MIT
# At real timing (--time-scale 1) the board holds GETSTATUS while a sector erase runs, and
# dfu-util still completes the download (its 5 s timeout is longer than the F405 erase).
. "$(dirname "$0")/lib.sh"

payload fw.bin 6000
"$SIM" --dump dump.bin --stats stats.json -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || fail "dfu-util -D failed"
same_bytes fw.bin dump.bin 0 6000 "downloaded bytes"
grep -q '"simulated_ms": [1-9]' stats.json || fail "no busy time recorded: $(cat stats.json)"
