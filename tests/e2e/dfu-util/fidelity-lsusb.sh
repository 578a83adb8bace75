#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: fidelity-lsusb.sh PROFILE CAPTURE
# `lsusb -v -d 0483:df11` of the simulated PROFILE matches the real ROM's CAPTURE field for
# field: descriptors, every alternate setting and its string, the DFU functional descriptor and
# the device status (what normalise_lsusb in lib.sh ignores, and why, is written there).
. "$(dirname "$0")/lib.sh"

"$SIM" --time-scale 0 --profile "$1" -- lsusb -v -d 0483:df11 > lsusb.out 2> err ||
    fail "lsusb -v failed"
normalise_lsusb "$FIDELITY/$2" > expected
normalise_lsusb lsusb.out > actual
diff -u expected actual > out || fail "lsusb -v of $1 differs from $2 (- real ROM, + simulator)"
