#!/bin/sh
# SPDX-License-Identifier: MIT
# With read protection active, dfu-util's erase fails with dfuERROR/errVENDOR (AN2662 Rev 1
# §4.5.3) and the flash keeps its contents.
. "$(dirname "$0")/lib.sh"

payload old.bin 4096
payload fw.bin 2048
rc=0
"$SIM" --time-scale 0 --read-protected --image old.bin@0x08000000 --dump dump.bin -- \
    dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || rc=$?
[ "$rc" -ne 0 ] || fail "dfu-util succeeded on a read-protected device"
cat err >> out
expect_in out "DFU state(10) = dfuERROR, status(11)" "errVENDOR reported"
same_bytes old.bin dump.bin 0 4096 "flash under read protection"
