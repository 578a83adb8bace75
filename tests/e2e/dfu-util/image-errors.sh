#!/bin/sh
# SPDX-License-Identifier: MIT
# --image with a file that cannot be read exits 66 (EX_NOINPUT), with one that does not fit the
# profile's memories 65 (EX_DATAERR); both name the cause and the fix, and run nothing.
. "$(dirname "$0")/lib.sh"

rc=0
"$SIM" --image missing.bin@0x08000000 -- touch ran > out 2> err || rc=$?
[ "$rc" -eq 66 ] || fail "unreadable image: exit $rc, expected 66"
expect_in err "missing.bin" "unreadable image message"
payload big.bin 300000
rc=0
"$SIM" --profile stm32f107 --image big.bin@0x08000000 -- touch ran > out 2> err || rc=$?
[ "$rc" -eq 65 ] || fail "oversized image: exit $rc, expected 65"
expect_in err "check the address" "oversized image message"
if [ -e ran ]; then
    fail "the command ran although the image was refused"
fi
