#!/bin/sh
# SPDX-License-Identifier: MIT
# --write-protect: dfu-util's erase of the protected sector does nothing, silently (AN2662
# Rev 1 §4.5.3), its write then fails with errWRITE, and the sector keeps its old contents.
. "$(dirname "$0")/lib.sh"

payload old.bin 4096
payload fw.bin 2048
rc=0
"$SIM" --time-scale 0 --write-protect 0x08000000 --image old.bin@0x08001000 --dump dump.bin -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || rc=$?
[ "$rc" -ne 0 ] || fail "dfu-util wrote to a write-protected sector"
cat err >> out
expect_in out "Erase    done." "erase of sector 0 accepted"
expect_in out "DFU state(10) = dfuERROR, status(3)" "errWRITE reported"
same_bytes old.bin dump.bin 4096 4096 "write-protected sector 0"
