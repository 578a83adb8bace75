#!/bin/sh
# SPDX-License-Identifier: MIT
# :mass-erase:force erases the whole flash before the download: data preloaded in another
# sector is gone (0xFF), and the new file is in place.
. "$(dirname "$0")/lib.sh"

payload old.bin 4096
payload fw.bin 3000
"$SIM" --time-scale 0 --image old.bin@0x08020000 --dump dump.bin -- \
    dfu-util -a 0 -s 0x08000000:mass-erase:force -D fw.bin > out 2> err ||
    fail "dfu-util mass erase failed"
same_bytes fw.bin dump.bin 0 3000 "downloaded bytes"
erased ff.bin 4096
same_bytes ff.bin dump.bin 131072 4096 "sector 5 after mass erase"
