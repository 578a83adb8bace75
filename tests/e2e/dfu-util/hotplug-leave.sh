#!/bin/sh
# SPDX-License-Identifier: MIT
# :leave really disconnects: a libusb client's hotplug callbacks see the ROM leave and the
# application arrive.
. "$(dirname "$0")/lib.sh"

printf '\000\000\002\040\001\001\000\010APPVERSION=hotplug\000' > app.bin
"$SIM" --time-scale 0 -- sh -c '
    "$1" ready 2 20 > events &
    watch=$!
    tries=400
    while [ ! -e ready ]; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] && kill -0 $watch 2> /dev/null || exit 4
        sleep 0.05
    done
    dfu-util -a 0 -s 0x08000000:leave -D app.bin > out 2> err || exit 3
    wait $watch' sh "$HOTPLUG_WATCH" || fail "no hotplug events (status $?)"
[ "$(cat events)" = "left 0483:df11
arrived 1209:0001" ] || fail "unexpected hotplug events: $(cat events)"
