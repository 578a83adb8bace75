#!/bin/sh
# SPDX-License-Identifier: MIT
# In serve mode SIGUSR1 unplugs the board and SIGUSR2 plugs it back in; a libusb client in
# another process sees both as hotplug events, and the board is usable again afterwards.
. "$(dirname "$0")/lib.sh"

start_server --time-scale 0
"$HOTPLUG_WATCH" ready 2 20 > events &
watch=$!
wait_for test -e ready || fail "the hotplug watcher did not start"
# listed: dfu-util -l finds the board. The uevent can precede the last sysfs change, so a
# listing started right after it may catch the board half removed or half added and fail;
# the checks below wait for the state to settle instead of reading one listing.
listed() {
    dfu-util -l > out 2> err || true
    grep -q 'Found DFU: \[0483:df11\]' out
}
unlisted() {
    ! listed
}

kill -USR1 "$SERVER_PID" || fail "the server is gone before SIGUSR1"
wait_for grep -q left events || fail "no 'left' event after SIGUSR1"
wait_for unlisted || fail "dfu-util still lists the unplugged board"
kill -USR2 "$SERVER_PID" || fail "the server is gone before SIGUSR2"
wait "$watch" || fail "no 'arrived' event after SIGUSR2: $(cat events)"
[ "$(cat events)" = "left 0483:df11
arrived 0483:df11" ] || fail "unexpected hotplug events: $(cat events)"
wait_for listed || fail "board after replug: dfu-util -l does not find it"
stop_server
