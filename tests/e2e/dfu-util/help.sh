#!/bin/sh
# SPDX-License-Identifier: MIT
# --help documents every option and the fault syntax on stdout, and exits 0.
. "$(dirname "$0")/lib.sh"

"$SIM" --help > out 2> err || fail "--help exited with $?"
if [ -s err ]; then
    fail "--help wrote to stderr"
fi
for word in --profile --devices --mode --fault --time-scale --image --dump --stats --serve \
    --start --read-protected --write-protect --serial --quirk --no-quirk --list-profiles --verbose \
    extra-busy-polls special-direct-idle \
    "disconnect@" "stall@" "hold-status@" "errWRITE@" "errERASE@" "errVERIFY@" "bitflip@" \
    "FILE.k"; do
    expect_in out "$word" "--help"
done
