#!/bin/sh
# SPDX-License-Identifier: MIT
# With read protection active, an upload is refused (AN2662 Rev 1 §4.4: errVENDOR) and
# dfu-util gets no flash contents.
. "$(dirname "$0")/lib.sh"

payload secret.bin 4096
rc=0
"$SIM" --time-scale 0 --read-protected --image secret.bin@0x08000000 -- \
    dfu-util -a 0 -s 0x08000000:4096 -U up.bin > out 2> err || rc=$?
[ "$rc" -ne 0 ] || fail "dfu-util read a read-protected device"
if [ -s up.bin ] && cmp -s -n 2048 secret.bin up.bin; then
    fail "protected bytes reached the host"
fi
