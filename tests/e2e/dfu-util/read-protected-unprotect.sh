#!/bin/sh
# SPDX-License-Identifier: MIT
# dfu-util's :unprotect:force sends Read Unprotect to a read-protected board: the board erases
# its flash, drops read protection and re-enumerates (AN2662 Rev 1 §4.5.4), so a second
# dfu-util reads erased flash (0xFF) instead of an errVENDOR refusal.
. "$(dirname "$0")/lib.sh"

payload secret.bin 4096
start_server --time-scale 0 --read-protected --image secret.bin@0x08000000
dfu-util -a 0 -s 0x08000000:unprotect:force -D secret.bin > out 2> err ||
    fail "dfu-util :unprotect:force failed"
cat err >> out
expect_in out "erases flash and resets" "dfu-util's Read Unprotect message"
wait_for lsusb -d 0483:df11 || fail "the ROM did not come back after Read Unprotect"
dfu-util -a 0 -s 0x08000000:4096 -U up.bin > out 2> err || fail "upload after Read Unprotect failed"
erased ff.bin 4096
same_bytes ff.bin up.bin 0 4096 "flash after Read Unprotect"
stop_server
