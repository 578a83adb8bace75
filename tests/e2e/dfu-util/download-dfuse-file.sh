#!/bin/sh
# SPDX-License-Identifier: MIT
# A DfuSe .dfu file with two elements (sector 0 and sector 4) lands byte for byte at both
# addresses.
. "$(dirname "$0")/lib.sh"

payload all.bin 12000
head -c 3000 all.bin > a.bin
tail -c 9000 all.bin > b.bin
"$MAKE_DFUSE" fw.dfu 0 0x08000000 a.bin 0x08010000 b.bin || fail "could not make the .dfu file"
dfu-suffix -c fw.dfu > suffix.out 2>&1 || fail "dfu-suffix rejects the test file"
"$SIM" --time-scale 0 --dump dump.bin -- dfu-util -a 0 -D fw.dfu > out 2> err ||
    fail "dfu-util -D fw.dfu failed"
same_bytes a.bin dump.bin 0 3000 "element 1 at 0x08000000"
same_bytes b.bin dump.bin 65536 9000 "element 2 at 0x08010000"
