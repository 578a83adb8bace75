#!/bin/sh
# SPDX-License-Identifier: MIT
# fwupdtool install-blob writes a DfuSe .dfu to the simulated ROM of PROFILE: the flash holds
# the application byte for byte (fwupd reads it back itself too), and fwupd's leave starts it.
# usage: rom-install-blob.sh PROFILE
. "$(dirname "$0")/lib.sh"

profile=$1
rom_quirk "$profile"
app_image app.bin 1.1.0 6144
"$MAKE_DFUSE" fw.dfu 0 0x08000000 app.bin || fail "could not make fw.dfu"
"$SIM" --profile "$profile" --time-scale 0 --dump dump.bin -- sh -c '
    fwupdtool install-blob fw.dfu "$ROM_GUID" --plugins dfu --verbose > install.out 2> install.log ||
        exit 1
    lsusb -d 1209:0001 > app.lsusb || lsusb > all.lsusb' > out 2> err ||
    fail "install-blob on the $profile ROM: $(fwupd_log_tail install.log) $(cat all.lsusb 2>/dev/null)"
same_bytes app.bin dump.bin 0 6144 "the application at 0x08000000"
expect_in app.lsusb "ID 1209:0001" "the application runs after fwupd's leave"
