#!/bin/sh
# SPDX-License-Identifier: MIT
# dfu-util -e sends DFU_DETACH to the application's runtime interface; the board re-enumerates
# as the ROM bootloader.
. "$(dirname "$0")/lib.sh"

start_server --time-scale 0 --mode app
dfu-util -l > out 2> err || fail "dfu-util -l failed on the application"
expect_in out "Found Runtime: [1209:0001]" "application runtime interface"
dfu-util -e > out 2> err || fail "dfu-util -e failed"
wait_for lsusb -d 0483:df11 || fail "the ROM did not appear after DFU_DETACH"
dfu-util -l > out 2> err || fail "dfu-util -l failed on the ROM after DFU_DETACH"
expect_in out 'Found DFU: [0483:df11]' "ROM after detach"
stop_server
