#!/bin/sh
# SPDX-License-Identifier: MIT
# The field update through fwupd's dfu plugin, driven by the vendor's quirk: fwupd sees the
# application (its DFU runtime interface is the firmware library's helper) at 1.0.0, sends
# DFU_DETACH, finds the ROM as the same device, writes 1.1.0, leaves, and reports 1.1.0 from
# the application that comes back.
. "$(dirname "$0")/lib.sh"

product_setup stm32f405
"$MAKE_DFUSE" new.dfu 0 0x08000000 new.bin || fail "could not make new.dfu"
"$SIM" --mode app --image old.bin@0x08000000 --time-scale 0 --dump dump.bin -- sh -c '
    fwupdtool get-devices --plugins dfu --json > before.json 2> before.log &&
    fwupdtool install-blob new.dfu "$APP_GUID" --plugins dfu --verbose > install.out \
        2> install.log &&
    fwupdtool get-devices --plugins dfu --json > after.json 2> after.log &&
    lsusb -v -d 1209:0001 > app.lsusb' > out 2> err ||
    fail "the update failed: $(fwupd_log_tail install.log 2>/dev/null)"
expect_in before.json '"Name" : "Example product"' "the quirk's name for the application"
[ "$(json_version before.json)" = 1.0.0 ] || fail "fwupd saw $(json_version before.json), not 1.0.0"
expect_in install.log "detach -> FuDfuDevice" "fwupd detaches the application"
expect_in install.log "[STM32 BOOTLOADER]" "fwupd finds the ROM as the same device"
expect_in install.log "attach -> FuDfuDevice" "fwupd leaves the ROM"
[ "$(json_version after.json)" = 1.1.0 ] || fail "fwupd reports $(json_version after.json), not 1.1.0"
same_bytes new.bin dump.bin 0 6144 "version 1.1.0 in the flash"
# lsusb prints bcdDevice 0x1100 as "11.00"
[ "$(awk '$1 == "bcdDevice" { print $2 }' app.lsusb)" = 11.00 ] ||
    fail "the application's bcdDevice is not 0x1100: $(grep bcdDevice app.lsusb)"
