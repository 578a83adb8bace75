#!/bin/sh
# SPDX-License-Identifier: MIT
# A bad option prints one line naming it, plus a hint, on stderr, and exits 64 (EX_USAGE).
. "$(dirname "$0")/lib.sh"

for args in "--devices 0 -- true" "--time-scale -1 -- true" "--profile stm32f999 -- true" \
    "--image nofile -- true" "--mode flash -- true" "--fault frobnicate@req=1 -- true" \
    "--bogus -- true" "--time-scale 0" "--quirk nosuch -- true" "--write-protect x1 -- true" \
    "--write-protect 0x30000000 -- true"; do
    rc=0
    # shellcheck disable=SC2086
    "$SIM" $args > out 2> err || rc=$?
    [ "$rc" -eq 64 ] || fail "'$args': exit $rc, expected 64"
    [ "$(wc -l < err)" -eq 2 ] || fail "'$args': expected one line and a hint on stderr"
    expect_in err "try 'stm32dfu-sim --help'" "'$args': hint"
    if [ -s out ]; then
        fail "'$args': wrote to stdout"
    fi
done
