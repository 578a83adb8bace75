#!/bin/sh
# SPDX-License-Identifier: MIT
# fwupd 2.0.20 reads the F405 ROM's descriptors differently from lsusb, libusb and dfu-util:
# it takes the descriptor right after each DFU interface descriptor as that interface's
# functional descriptor (libfwupdplugin/fu-usb-device.c fu_usb_device_parse_descriptor), but
# the ROM, as captured (e2e/dfu-util/fidelity), has one functional descriptor after its last
# alternate setting. So fwupd skips alternate settings 1 and 3, finds no functional
# descriptor and uses 64-byte transfers instead of the ROM's 2048. Kept as evidence
# (docs/fwupd.md, "What differs from dfu-util"): this test fails once fwupd reads them all.
. "$(dirname "$0")/lib.sh"

"$SIM" --time-scale 0 -- sh -c '
    lsusb -v -d 0483:df11 > rom.lsusb &&
    dfu-util -l > dfu-util.out 2>&1 &&
    fwupdtool get-devices --plugins dfu -vv > devices.txt 2> verbose.log' ||
    fail "lsusb, dfu-util or fwupdtool failed: $(tail -n 5 verbose.log)"
[ "$(grep -c 'bAlternateSetting' rom.lsusb)" -eq 4 ] || fail "lsusb does not see 4 alternate settings"
expect_in rom.lsusb "wTransferSize                    2048 bytes" "the ROM's wTransferSize"
for alt in 0 1 2 3; do
    expect_in dfu-util.out "alt=$alt," "dfu-util's alternate setting $alt"
done
expect_in verbose.log "failed to parse interface data: no image idx 33 found in firmware" \
    "fwupd misses the functional descriptor"
expect_in verbose.log "TransferSize:         0x40" "fwupd's fallback transfer size"
[ "$(grep -c 'FuDfuTargetStm:' verbose.log)" -eq 2 ] ||
    fail "fwupd has $(grep -c 'FuDfuTargetStm:' verbose.log) targets, not 2"
expect_in verbose.log "Name:             Internal Flash" "fwupd's target for alternate setting 0"
expect_in verbose.log "Name:             OTP Memory" "fwupd's target for alternate setting 2"
