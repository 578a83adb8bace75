#!/bin/sh
# SPDX-License-Identifier: MIT
# After DFU_DETACH the application has left the bus: the wrapped descriptor is dead, as a
# usbfs descriptor is after a disconnect (read() and transfers give "no device").
. "$(dirname "$0")/lib.sh"

"$SIM" --time-scale 0 --mode app -- "$WRAP_CLIENT" /dev/bus/usb/001/002 detach > out 2> err ||
    fail "the wrapped client failed"
expect_in out "ids 1209:0001" "the application's device descriptor"
expect_in out "interfaces 1 alt-settings 1" "the application's runtime interface"
expect_in out "getstatus 6 bytes, state 0" "appIDLE from the firmware's runtime helper"
expect_in out "detach ok" "DFU_DETACH"
expect_in out "read-after-detach ENODEV" "read() of the old node"
expect_in out "getstatus-after-detach LIBUSB_ERROR_NO_DEVICE" "a transfer on the old node"
