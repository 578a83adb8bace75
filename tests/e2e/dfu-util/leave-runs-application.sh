#!/bin/sh
# SPDX-License-Identifier: MIT
# :leave after a download makes the ROM jump to the application, which enumerates with its
# own VID:PID and reports the image's APPVERSION= string as its product name.
. "$(dirname "$0")/lib.sh"

# a vector table (SP in SRAM, odd reset vector in flash) followed by the version text
printf '\000\000\002\040\001\001\000\010' > app.bin
printf 'stm32dfu test image APPVERSION=7.1.2-e2e\000' >> app.bin
start_server --time-scale 0
dfu-util -a 0 -s 0x08000000:leave -D app.bin > out 2> err || fail "dfu-util :leave failed"
wait_for lsusb -d 1209:0001 || fail "no application appeared after :leave"
lsusb -v -d 1209:0001 > out 2> err || fail "lsusb -v of the application failed"
expect_in out "7.1.2-e2e" "application product string"
if lsusb -d 0483:df11 > /dev/null 2>&1; then
    fail "the ROM is still on the bus"
fi
stop_server
