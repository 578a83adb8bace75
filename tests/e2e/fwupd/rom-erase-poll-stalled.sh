#!/bin/sh
# SPDX-License-Identifier: MIT
# fwupd 2.0.20 cannot write to the STM32L476 ROM: the L4 ROM STALLs a GETSTATUS that comes
# before an erase has ended (quirk stall-early-poll, dfu-util commit c15ee60, which dfu-util
# 0.11 rides out at the declared poll timeouts), and fwupd gives up at the first STALL ("cannot wait for busy: cannot get device
# state"). With the quirk removed, the same install works: the STALL is the only obstacle.
# Kept as evidence (docs/fwupd.md): this test fails once fwupd retries such a poll.
. "$(dirname "$0")/lib.sh"

rom_quirk stm32l476
app_image app.bin 1.1.0 6144
"$MAKE_DFUSE" fw.dfu 0 0x08000000 app.bin || fail "could not make fw.dfu"
# x4 keeps the declared bwPollTimeouts non-zero, which dfu-util needs (as in
# e2e/dfu-util/quirk/stall-early-poll); the STALLed polls are counted in device time.
"$SIM" --profile stm32l476 --time-scale 4 --verbose -- sh -c '
    fwupdtool install-blob fw.dfu "$ROM_GUID" --plugins dfu --verbose > install.out \
        2> install.log
    echo $? > fwupd.rc
    dfu-util -a 0 -s 0x08000000 -D app.bin > dfu-util.out 2>&1
    echo $? > dfu-util.rc' > out 2> sim.log || fail "the simulator failed"
[ "$(cat fwupd.rc)" -ne 0 ] || fail "fwupd wrote to the L476 ROM: make this a positive test"
cat install.out install.log > install.all
expect_in install.all "cannot erase address 0x8000000: cannot wait for busy: cannot get device state" \
    "fwupd's error"
expect_in sim.log "early GETSTATUS stalled (quirk)" "the ROM's STALL"
[ "$(cat dfu-util.rc)" -eq 0 ] || fail "dfu-util failed on the same board: $(tail -n 3 dfu-util.out)"

"$SIM" --profile stm32l476 --no-quirk stall-early-poll --time-scale 0 --dump dump.bin -- \
    fwupdtool install-blob fw.dfu "$ROM_GUID" --plugins dfu --verbose > install.out \
    2> install.log || fail "without the quirk: $(fwupd_log_tail install.log)"
same_bytes app.bin dump.bin 0 6144 "the application, without the quirk"
