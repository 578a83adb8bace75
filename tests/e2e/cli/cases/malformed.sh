# SPDX-License-Identifier: MIT
# A device that answers nonsense (the simulator's malformed-reply faults): the
# CLI names the phase and address, exits non-zero, does not leave, and touches
# nothing beyond the sectors the image covers.

SENTINEL=0x08040000

# on_board SIM-ARGS -- FAULT: the simulator arguments of every case here:
# an old image where the new one goes, a sentinel in a sector it does not
# touch, and the fault.
on_board() {
    make_app old 11 70000
    make_app
    fixture pattern 13 4096 "$WORK/sentinel.bin"
    BOARD=(--profile STM32F405 --image "$WORK/old.bin@$APP" --image "$WORK/sentinel.bin@$SENTINEL")
}

# write_status_request: the number of the GETSTATUS that runs the first data
# block of the flash, the request after the DNLOAD of block 2, from a run
# without a fault.
write_status_request() {
    cli_sim -v "${BOARD[@]}" -- flash --no-leave --address $APP "$WORK/app.bin"
    local n
    n=$(nth_request 1 'control 21 01 0002 ')
    [ -n "$n" ] || fail "no DNLOAD of block 2 in the simulator log"
    echo $((n + 1))
}

# malformed_case FAULT RC MESSAGE: a flash on on_board's board meets FAULT
# (req=WRITE stands for write_status_request): exit RC and MESSAGE, the
# application not started and the board still the bootloader, the sentinel
# intact.
malformed_case() {
    on_board
    local fault=${1/req=WRITE/req=$(write_status_request)}
    sim "${BOARD[@]}" --fault "$fault" -- sh -c "
        '$CLI' flash --address $APP '$WORK/app.bin'; echo \"first=\$?\";
        '$CLI' list"
    expect_rc 0
    expect_out "first=$2\$"
    expect_err "$3"
    expect_err "application was not started"
    expect_out "0483:df11  bootloader"
    expect_dump "$WORK/sentinel.bin" $SENTINEL
}

case_malformed_short_status() {
    malformed_case "short-status@req=WRITE" 76 \
        "write at 0x08000000 failed: Unexpected reply from the device"
}

case_malformed_long_status() {
    malformed_case "long-status@req=WRITE" 76 \
        "write at 0x08000000 failed: Unexpected reply from the device"
}

case_malformed_bad_state() {
    malformed_case "bad-state@req=WRITE" 76 \
        "write at 0x08000000 failed: Unexpected reply from the device"
}

case_malformed_bad_status() {
    malformed_case "bad-status@req=WRITE" 76 \
        "write at 0x08000000 failed: the device reports dfuDNBUSY, unknown status"
}

case_malformed_busy_forever() {
    # Every GETSTATUS says dfuDNBUSY and asks for 4.66 hours: the poll clamp
    # and the write's deadline end it, whatever the time scale.
    malformed_case "busy-forever@req=WRITE" 76 \
        "write at 0x08000000 failed: the device still reported dfuDNBUSY when the time bound"
}

case_malformed_short_upload() {
    # The first UPLOAD there is the read-first check of the blank-skip.
    malformed_case "short-upload@addr=0x08004000" 76 \
        "read at 0x08004000 failed: Unexpected reply from the device"
}

case_malformed_long_upload() {
    malformed_case "long-upload@addr=0x08004000" 76 \
        "read at 0x08004000 failed: Unexpected reply from the device"
}

# One bwPollTimeout of 4.66 hours, then the device finishes: the sleep is
# clamped (said at -v) and the flash completes.
case_malformed_huge_poll_clamped() {
    on_board
    local n
    n=$(write_status_request)
    cli_sim "${BOARD[@]}" --fault "huge-poll@req=$n" -- flash -v --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_err "the device asks to wait 16777215 ms before the next GETSTATUS; waiting 1000 ms"
    expect_out "verified"
    expect_dump "$WORK/app.bin" $APP
    expect_dump "$WORK/sentinel.bin" $SENTINEL
}

# The memory-layout string of alternate setting 0 (string 4, read at list
# time) comes back as junk: nothing is erased or written.
case_malformed_junk_descriptor() {
    on_board
    cli_sim -v "${BOARD[@]}" -- flash --no-leave --address $APP "$WORK/app.bin"
    local n
    n=$(nth_request 1 'control 80 06 0304 ')
    [ -n "$n" ] || fail "no read of string 4 in the simulator log"
    cli_sim "${BOARD[@]}" --fault "junk-descriptor@req=$n" -- flash --address $APP "$WORK/app.bin"
    expect_rc 76
    expect_err "memory layout of alternate setting 0 is unreadable"
    expect_err "nothing was erased"
    expect_dump "$WORK/old.bin" $APP
}

# read: a short UPLOAD fails the read and writes no output file.
case_malformed_read_short_upload() {
    cli_sim --profile STM32F405 --fault "short-upload@addr=0x08000800" -- \
        read --address $APP --length 4096 -o "$WORK/out.bin"
    expect_rc 76
    expect_err "read at 0x08000800 failed"
    [ ! -e "$WORK/out.bin" ] || fail "a failed read wrote the output file"
}
