#!/bin/sh
# SPDX-License-Identifier: MIT
# A request the board never answers (fault hold-status) ends in the host's libusb timeout: the
# URB is discarded, dfu-util reports LIBUSB_ERROR_TIMEOUT and fails.
. "$(dirname "$0")/lib.sh"

payload fw.bin 2048
rc=0
"$SIM" --time-scale 0 --fault hold-status@req=12 -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || rc=$?
[ "$rc" -ne 0 ] || fail "dfu-util succeeded although a request was never answered"
expect_in err "LIBUSB_ERROR_TIMEOUT" "timeout reported"
