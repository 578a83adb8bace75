# SPDX-License-Identifier: MIT
# Messages that name the real cause: ranges checked against the memory map
# before any request, write protection, a --serial/--path that matches
# nothing, and the USB request that failed.

# stats_count REQUEST: how many of REQUEST the board received.
stats_count() {
    grep -o "\"$1\": [0-9]*" "$WORK/stats.json" | grep -o '[0-9]*$'
}

case_messages_read_past_end() {
    cli_sim --profile STM32F405 -- read -a 0x080F0000 -l 0x20000 -o "$WORK/read.bin"
    expect_rc 65
    expect_err "0x080F0000-0x0810FFFF runs past the end of Internal Flash, which ends at 0x080FFFFF"
    expect_err "read at most 65536 bytes \(--length 0x10000\) from 0x080F0000"
    ! grep -q "cable" "$WORK/err" || fail "cable advice for a range error"
    [ "$(stats_count UPLOAD)" -eq 0 ] || fail "UPLOAD sent for a range outside the map"
    [ ! -e "$WORK/read.bin" ] || fail "output file written"
}

case_messages_read_other_alt() {
    cli_sim --profile STM32F405 -- read -a 0x1FFFC000 -l 16 -o "$WORK/read.bin"
    expect_rc 65
    expect_err "0x1FFFC000 is in Option Bytes, alternate setting 1: add --alt 1"
    [ "$(stats_count UPLOAD)" -eq 0 ] || fail "UPLOAD sent for a range outside the map"
}

case_messages_erase_option_bytes() {
    cli_sim --profile STM32F405 -- erase -a 0x1FFFC000 -l 16
    expect_rc 65
    expect_err "0x1FFFC000 is in the option bytes \(alternate setting 1\)"
    expect_err "flash a DfuSe .dfu file whose target is alternate setting 1"
    expect_err "'stm32dfu info' shows the current ones"
    ! grep -q "outside" "$WORK/err" || fail "option bytes called outside the map"
    [ "$(stats_count DNLOAD)" -eq 0 ] || fail "DNLOAD sent"
}

case_messages_erase_past_end() {
    make_app app 1 65536
    cli_sim --profile STM32F405 --image "$WORK/app.bin@0x080F0000" -- erase -a 0x080F0000 -l 0x20000
    expect_rc 65
    expect_err "runs past the end of Internal Flash, which ends at 0x080FFFFF"
    expect_err "nothing was erased"
    expect_dump "$WORK/app.bin" 0x080F0000
}

case_messages_write_protected() {
    make_app
    cli_sim --profile STM32F405 --write-protect 0x08004000 -- flash -a $APP "$WORK/app.bin"
    expect_rc 76
    expect_err "write at 0x08004000 failed: the device reports dfuERROR, errWRITE"
    expect_err "sector 1 \(0x08004000-0x08007FFF\) is most likely write-protected by the option bytes \(nWRP bit 1 is 0; 'stm32dfu option-bytes' shows them\)"
    expect_err "set that bit to 1 with 'stm32dfu option-bytes --set nWRP=VALUE', then flash again"
    expect_err "the application was not started"
    ! grep -q "again$\|run the command again" "$WORK/err" || fail "a rerun suggested for write protection"
    head -c 16384 "$WORK/app.bin" >"$WORK/written.bin"
    expect_dump "$WORK/written.bin" $APP
    expect_blank 0x08004000 16384
}

case_messages_serial_matches_nothing() {
    cli_sim --profile STM32F405 --serial ABC123 -- info --serial NOPE
    expect_rc 69
    expect_err "no DFU device has --serial NOPE; the DFU devices present are:"
    expect_err "^  --path [0-9.-]+  --serial ABC123  0483:df11"
    ! grep -q "cable\|BOOT0" "$WORK/err" || fail "cable advice for a --serial that matches nothing"
}

case_messages_path_malformed() {
    for p in 1 1- 1-x 0-1 1-256 1-2. 1-2..3 -1 a-1 1-2-3 ""; do
        cli_sim --profile STM32F405 -- info --path "$p"
        expect_rc 64
        expect_err "--path '$p' is not a USB path; give BUS-PORT\[.PORT...\]"
        expect_err "try 'stm32dfu info --help'"
    done
    cli_sim --profile STM32F405 -- info --path 1-1.2.3
    expect_rc 69
    expect_err "no DFU device has --path 1-1.2.3"
}

# open_request PATTERN: the number of the first request matching PATTERN in a
# clean `info` on the F405: SET_INTERFACE of the open ('control 01 0b '), or
# the first DFU request, which comes after it ('control a1 0[35] ').
open_request() {
    request_number 1 "$1" "request /$1/" --profile STM32F405 -- info
}

# open_fault FAULT PATTERN: `info` on the F405 with FAULT on the request
# open_request PATTERN finds; it must exit 74 (EX_IOERR).
open_fault() {
    local n
    n=$(open_request "$2") || exit 1
    cli_sim --profile STM32F405 --fault "$1@req=$n" -- info
    expect_rc 74
}

case_messages_set_interface_stall() {
    open_fault stall 'control 01 0b '
    expect_err "open failed: SET_INTERFACE: the device refused the request \(STALL\) or did not answer in time; it is still in its bootloader"
    ! grep -q "no STM32 DFU device found" "$WORK/err" || fail "a STALL reported as no device"
}

case_messages_set_interface_timeout() {
    open_fault hold-status 'control 01 0b '
    expect_err "open failed: SET_INTERFACE: the device refused the request \(STALL\) or did not answer in time"
    ! grep -q "Other error" "$WORK/err" || fail "a timeout reported as Other error"
}

# The device leaves the bus instead of answering the open's SET_INTERFACE, which the
# simulator answers itself (sim/usb/usbfs.c): the ioctl fails only once the device is out
# of the testbed, as a DFU request's URB does, so the command cannot exit while umockdev
# 0.17 sends its "remove" (which aborts the simulator). The simulator logs the detach before
# it fails the ioctl, so that line must come before the command's message.
case_messages_set_interface_disconnect() {
    local n gone failed
    n=$(open_request 'control 01 0b ') || exit 1
    cli_sim -v --profile STM32F405 --fault "disconnect@req=$n" -- info
    expect_rc 74
    expect_err "open failed: SET_INTERFACE: the device disconnected \(it left the USB bus\)"
    gone=$(grep -n "detached from /dev/bus/usb/" "$WORK/err" | head -1 | cut -d: -f1)
    failed=$(grep -n "open failed" "$WORK/err" | head -1 | cut -d: -f1)
    [ -n "$gone" ] && [ "$gone" -lt "$failed" ] ||
        fail "SET_INTERFACE failed (line $failed) before the device left the testbed (line ${gone:-none})"
}

case_messages_dfu_request_timeout() {
    open_fault hold-status 'control a1 0[35] '
    expect_err "open failed: DFU_GET(STATE|STATUS): the device did not answer in time \(USB timeout\)"
}
