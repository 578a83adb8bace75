#!/bin/sh
# SPDX-License-Identifier: MIT
# A libusb client that opens the node itself and wraps the descriptor (as fwupd 2.x does)
# learns the board from usbfs alone: CONNECTINFO, GET_SPEED, read() of the node, the
# synchronous GET_CONFIGURATION, GET_CAPABILITIES; then its transfers work.
. "$(dirname "$0")/lib.sh"

"$SIM" --time-scale 0 --serial WRAP-TEST -- "$WRAP_CLIENT" /dev/bus/usb/001/002 > out 2> err ||
    fail "the wrapped client failed"
expect_in out "ids 0483:df11" "device descriptor read from the node"
expect_in out "address 2" "device number from CONNECTINFO"
expect_in out "speed full" "speed from GET_SPEED"
expect_in out "configuration 1" "active configuration from USBDEVFS_CONTROL"
expect_in out "interfaces 1 alt-settings 4" "configuration descriptor read from the node"
expect_in out "serial WRAP-TEST" "string descriptor through a URB"
expect_in out "kernel-driver 0" "no kernel driver (GETDRIVER)"
expect_in out "getstatus 6 bytes, state 10" "DFU_GETSTATUS (the F405 ROM starts in dfuERROR)"
expect_in out "node-read 18" "read() of the node"
expect_in out "node-matches-libusb yes" "read() of the node"
expect_in out "node-write EINVAL" "write() of the node"
