#!/bin/sh
# SPDX-License-Identifier: MIT
# dfu-util -U reads back exactly what --image put into flash, across several transfers and a
# short last one.
. "$(dirname "$0")/lib.sh"

payload image.bin 20000
"$SIM" --time-scale 0 --image image.bin@0x08000000 -- \
    dfu-util -a 0 -s 0x08000000:20000 -U up.bin > out 2> err || fail "dfu-util -U failed"
[ "$(wc -c < up.bin)" -eq 20000 ] || fail "upload is not 20000 bytes"
same_bytes image.bin up.bin 0 20000 "uploaded bytes"
