#!/bin/sh
# SPDX-License-Identifier: MIT
# dfu-util -l lists every alternate setting of the STM32F405 ROM, with its DfuSe layout string
# (fidelity/stm32f4discovery.lsusb, iInterface 4-7).
. "$(dirname "$0")/lib.sh"

"$SIM" --time-scale 0 -- dfu-util -l > out 2> err || fail "dfu-util -l failed"
for alt in \
    'alt=0, name="@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"' \
    'alt=1, name="@Option Bytes  /0x1FFFC000/01*016 g"' \
    'alt=2, name="@OTP Memory /0x1FFF7800/01*512 g,01*016 g"' \
    'alt=3, name="@Device Feature/0xFFFF0000/01*004 g"'; do
    expect_in out "$alt" "alternate setting"
done
[ "$(grep -c '^Found DFU: \[0483:df11\]' out)" -eq 4 ] || fail "expected exactly 4 DFU interfaces"
