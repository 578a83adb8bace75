#!/bin/sh
# SPDX-License-Identifier: MIT
# fwupdtool firmware-dump cannot read an ST ROM's flash: fwupd 2.0.20 asks for one block past
# the end of each memory zone (plugins/dfu/fu-dfu-target-stm.c upload_element stops only once
# it has read *more* than the zone), the ROM answers an UPLOAD outside its memory with a STALL
# (errTARGET, AN2662 Rev 1 §4.4, docs/research/host_side.md#s1.4), and fwupd gives up. Kept as
# evidence (docs/fwupd.md): the simulator answered every block of the flash, the request that
# fails is the one past it, and the flash is untouched. Fails once fwupd stops at the end.
. "$(dirname "$0")/lib.sh"

rom_quirk stm32f107
payload flash.bin 262144
"$SIM" --profile stm32f107 --time-scale 0 --verbose --image flash.bin@0x08000000 \
    --dump dump.bin -- sh -c '
    fwupdtool firmware-dump read.bin "$ROM_GUID" --plugins dfu --verbose > dump.out 2> dump.log
    echo $? > fwupd.rc' > out 2> sim.log || fail "the simulator failed"
[ "$(cat fwupd.rc)" -ne 0 ] || fail "firmware-dump succeeded: compare read.bin with the flash instead"
expect_in dump.log "cannot upload data: USB error: Pipe error" "fwupd's error"
# 256 KiB in 2048-byte blocks: wBlockNum 2 to 129 answered, 130 (0x08040000) is past the flash
[ "$(grep -c 'control a1 02 00.. 0000 0800 -> ok, 2048 bytes' sim.log)" -eq 128 ] ||
    fail "the ROM did not answer 128 full blocks: $(grep -c 'control a1 02' sim.log) UPLOADs"
expect_in sim.log "STALL UPLOAD: bmRequestType=0xa1 bRequest=0x02 wValue=0x0082" \
    "the UPLOAD past the flash"
same_bytes flash.bin dump.bin 0 262144 "the flash after firmware-dump"
