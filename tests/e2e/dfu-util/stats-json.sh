#!/bin/sh
# SPDX-License-Identifier: MIT
# --stats writes exactly {"devices": [{"control_requests": N, "by_request": {NAME: N, ...},
# "early_getstatus": N, "simulated_ms": T, "bulk_out_bytes": B, "bus_ms": T, "floor_ms": T,
# "physical_ms": T}, ...]}, one object per board in board order; each board's by_request counts
# add up to its control_requests, and only the board dfu-util read from saw UPLOADs.
. "$(dirname "$0")/lib.sh"

"$SIM" --time-scale 0 --devices 2 --serial ST --stats stats.json -- \
    dfu-util -S ST-2 -a 0 -s 0x08000000:4096 -U up.bin > out 2> err || fail "dfu-util -U failed"
tr -d ' \n' < stats.json > flat.json
count='[0-9]+'
device="\{\"control_requests\":$count,\"by_request\":\{(\"[A-Z_]+\":$count,)*\"[A-Z_]+\":$count\},\"early_getstatus\":$count,\"simulated_ms\":$count,\"bulk_out_bytes\":$count,\"bus_ms\":$count,\"floor_ms\":$count,\"physical_ms\":$count\}"
grep -E -x "\{\"devices\":\[$device,$device\]\}" flat.json > /dev/null ||
    fail "stats.json does not have the documented shape: $(cat stats.json)"
# one line per board: control_requests, the sum of by_request, UPLOAD
tr -d '[]' < flat.json | awk -F'[:,{}]+' '
    function board() { if (seen) print total, sum, upload; sum = 0; upload = 0 }
    {
        for (i = 1; i < NF; i++) {
            if ($i == "\"control_requests\"") { board(); seen = 1; total = $(i + 1); i++ }
            else if ($i ~ /^"[A-Z_]+"$/) { sum += $(i + 1); if ($i == "\"UPLOAD\"") upload = $(i + 1); i++ }
        }
        board()
    }' > counts
[ "$(wc -l < counts)" -eq 2 ] || fail "expected 2 boards: $(cat counts)"
while read -r total sum upload; do
    [ "$total" -gt 0 ] && [ "$total" -eq "$sum" ] ||
        fail "control_requests $total, by_request adds up to $sum: $(cat stats.json)"
done < counts
[ "$(sed -n 1p counts | cut -d' ' -f3)" -eq 0 ] || fail "board 1 saw UPLOADs: $(cat stats.json)"
[ "$(sed -n 2p counts | cut -d' ' -f3)" -ge 2 ] || fail "board 2 saw no UPLOADs: $(cat stats.json)"
