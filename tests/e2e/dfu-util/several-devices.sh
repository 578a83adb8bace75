#!/bin/sh
# SPDX-License-Identifier: MIT
# --devices 2 puts two boards on the bus with serials SERIAL-1 and SERIAL-2; dfu-util -S picks
# one, and --dump writes FILE.1 and FILE.2 with only board 2 programmed.
. "$(dirname "$0")/lib.sh"

payload fw.bin 3000
"$SIM" --time-scale 0 --devices 2 --serial E2E --dump dump.bin -- sh -c '
    dfu-util -l > list.out 2>&1 &&
    dfu-util -S E2E-2 -a 0 -s 0x08000000 -D fw.bin' > out 2> err || fail "dfu-util -S E2E-2 failed"
expect_in list.out 'serial="E2E-1"' "first board listed"
expect_in list.out 'serial="E2E-2"' "second board listed"
same_bytes fw.bin dump.bin.2 0 3000 "board 2 programmed"
erased ff.bin 3000
same_bytes ff.bin dump.bin.1 0 3000 "board 1 untouched"
