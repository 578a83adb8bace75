#!/bin/sh
# SPDX-License-Identifier: MIT
# A DfuSe file of two elements: fwupd writes both byte for byte, then leaves with no Set
# Address, so the ROM jumps to where fwupd's read-back of the last element left the address
# pointer (AN2662 Rev 1 pp. 79-80: it "jumps to the destination given by the Address
# Pointer"), as dfu-util 0.11 does with a .dfu file (docs/research/host_side.md#s3.3). With the
# application as the last element it runs; with data last the ROM finds no vector table there
# and comes back (docs/fwupd.md, "Building the cabinet").
. "$(dirname "$0")/lib.sh"

rom_quirk stm32f405
app_image app.bin 1.1.0 6144
payload data.bin 3072

# install: fwupdtool install-blob fw.dfu on the F405 ROM; both elements must be in the flash
install() {
    "$SIM" --time-scale 0 --verbose --dump dump.bin -- sh -c '
        fwupdtool install-blob fw.dfu "$ROM_GUID" --plugins dfu --verbose > install.out \
            2> install.log || exit 1
        lsusb > after.lsusb' > out 2> sim.log ||
        fail "install-blob: $(fwupd_log_tail install.log)"
    same_bytes app.bin dump.bin 0 6144 "the application at 0x08000000"
    same_bytes data.bin dump.bin 131072 3072 "the data at 0x08020000"
}

"$MAKE_DFUSE" fw.dfu 0 0x08020000 data.bin 0x08000000 app.bin || fail "could not make fw.dfu"
install
expect_in sim.log "leave: jump to 0x08000000, vector table valid" "leave after the application"
expect_in after.lsusb "ID 1209:0001" "the application runs"

"$MAKE_DFUSE" fw.dfu 0 0x08000000 app.bin 0x08020000 data.bin || fail "could not make fw.dfu"
install
expect_in sim.log "leave: jump to 0x08020000, vector table invalid" "leave after the data"
expect_in after.lsusb "ID 0483:df11" "the ROM is back"
