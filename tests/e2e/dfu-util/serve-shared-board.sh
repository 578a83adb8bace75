#!/bin/sh
# SPDX-License-Identifier: MIT
# Serve mode keeps one board for several commands: one dfu-util downloads, a second one reads
# the same bytes back, and --dump on exit has them too.
. "$(dirname "$0")/lib.sh"

payload fw.bin 7000
start_server --time-scale 0 --dump dump.bin --stats stats.json
dfu-util -a 0 -s 0x08000000 -D fw.bin > out 2> err || fail "download failed"
dfu-util -a 0 -s 0x08000000:7000 -U up.bin > out 2> err || fail "upload failed"
same_bytes fw.bin up.bin 0 7000 "read back by a second dfu-util"
stop_server
same_bytes fw.bin dump.bin 0 7000 "dump written when the server stops"
grep -q '"DNLOAD": [1-9]' stats.json || fail "stats count no DNLOAD: $(cat stats.json)"
grep -q '"UPLOAD": [1-9]' stats.json || fail "stats count no UPLOAD: $(cat stats.json)"
