#!/bin/sh
# SPDX-License-Identifier: MIT
# Fault disconnect@req=N: the board drops off the bus instead of answering request N; dfu-util
# fails, and the board stays gone.
. "$(dirname "$0")/lib.sh"

payload fw.bin 5000
start_server --time-scale 0 --fault disconnect@req=20
rc=0
dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || rc=$?
[ "$rc" -ne 0 ] || fail "dfu-util succeeded although the board vanished"
wait_for sh -c '! lsusb -d 0483:df11' || fail "the board is still on the bus"
stop_server
