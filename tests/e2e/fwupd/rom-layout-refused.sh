#!/bin/sh
# SPDX-License-Identifier: MIT
# fwupd 2.0.20 does not take the STM32F746 ROM: its OTP layout declares a 1024-byte sector
# ("01*1024 g", fwupd issue 2696), and fwupd refuses any sector size above 999
# (plugins/dfu/fu-dfu-target.c). dfu-util lists the same board. Kept as evidence of the
# difference (docs/fwupd.md): this test fails once fwupd accepts the ROM.
. "$(dirname "$0")/lib.sh"

"$SIM" --profile stm32f746 --time-scale 0 -- sh -c '
    dfu-util -l > dfu-util.out 2>&1
    fwupdtool get-devices --plugins dfu -vv > devices.txt 2> verbose.log
    echo $? > fwupd.rc' || fail "the simulator failed"
expect_in dfu-util.out 'alt=2, name="@OTP Memory /0x1FF0F000/01*1024 g,01*016 g"' \
    "dfu-util lists the OTP area"
expect_in verbose.log "failed to parse: '01*1024 g': invalid sector size: 01*1024 g" \
    "fwupd's reason"
[ "$(cat fwupd.rc)" -ne 0 ] || fail "fwupdtool found a device"
expect_in verbose.log "No detected devices" "fwupd lists no device"
