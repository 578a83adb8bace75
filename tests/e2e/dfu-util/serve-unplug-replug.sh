#!/bin/sh
# In serve mode SIGUSR1 unplugs the board and SIGUSR2 plugs it back in; a libusb client in
# another process sees both as hotplug events, and the board is usable again afterwards.
. "$(dirname "$0")/lib.sh"

start_server --time-scale 0
"$HOTPLUG_WATCH" ready 2 20 > events &
watch=$!
wait_for test -e ready || fail "the hotplug watcher did not start"
kill -USR1 "$SERVER_PID"
wait_for grep -q left events || fail "no 'left' event after SIGUSR1"
dfu-util -l > out 2> err
if grep -q 'Found DFU' out; then
    fail "dfu-util still lists the unplugged board"
fi
kill -USR2 "$SERVER_PID"
wait "$watch" || fail "no 'arrived' event after SIGUSR2: $(cat events)"
[ "$(cat events)" = "left 0483:df11
arrived 0483:df11" ] || fail "unexpected hotplug events: $(cat events)"
dfu-util -l > out 2> err
expect_in out 'Found DFU: [0483:df11]' "board after replug"
stop_server
