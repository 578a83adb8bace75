#!/bin/sh
# SPDX-License-Identifier: MIT
# A raw .bin downloaded with -s 0x08000000 lands byte for byte in flash; the rest of the erased
# 16 KiB sector reads 0xFF.
. "$(dirname "$0")/lib.sh"

payload fw.bin 5000
"$SIM" --time-scale 0 --dump dump.bin -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || fail "dfu-util -D failed"
expect_in out "File downloaded successfully" "dfu-util's verdict"
same_bytes fw.bin dump.bin 0x0 5000 "downloaded bytes"
erased ff.bin 11384
cmp -n 11384 -i 0:5000 ff.bin dump.bin > /dev/null || fail "rest of sector 0 is not erased"
