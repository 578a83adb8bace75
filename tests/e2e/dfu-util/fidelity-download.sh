#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: fidelity-download.sh PROFILE CAPTURE ADDRESS SIZE
# A dfu-util download of SIZE bytes to the simulated PROFILE goes through the same DFU states
# (including a first dfuERROR/errFIRMWARE where the real ROM reported it), the same memory
# segments, erases and chunks as the real ROM's CAPTURE.
. "$(dirname "$0")/lib.sh"

payload fw.bin "$4"
"$SIM" --time-scale 0 --profile "$1" -- \
    dfu-util -v -d 0483:df11 -a 0 -s "$3" -D fw.bin > dfu.out 2>&1 || fail "dfu-util -D failed"
download_trace "$FIDELITY/$2" > expected
download_trace dfu.out > actual
[ -s expected ] || fail "nothing to compare in $2"
diff -u expected actual > out || fail "download on $1 differs from $2 (- real ROM, + simulator)"
