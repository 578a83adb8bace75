# SPDX-License-Identifier: MIT
# The 1200-baud touch end to end: stm32dfu detach and flash --detach against the
# simulator's CDC-ACM application, whose line coding and DTR go to the firmware
# library's own helper (firmware/src/stm32dfu_cdc_touch.c). The negative cases send the
# host sequences that must not trigger it (e2e-cli-cdc-client, a plain libusb
# program); the application stays, and stm32dfu says there is no bootloader.

CDC=(--mode app --app-interfaces cdc)

# The simulator's log lines of the CDC requests the board received, in order.
cdc_requests() {
    grep -oE 'control 21 2[02] [0-9a-f]{4}' "$WORK/err" | cut -d' ' -f3,4
}

case_touch_detach_over_libusb() {
    cli_sim -v "${CDC[@]}" -- detach
    expect_rc 0
    expect_out "1-1: bootloader ready \(0483:df11 .*\) after the 1200-baud touch"
    # SET_LINE_CODING, then SET_CONTROL_LINE_STATE with DTR (and RTS) clear.
    [ "$(cdc_requests | tr '\n' ' ')" = "20 0000 22 0000 " ] ||
        fail "CDC requests: $(cdc_requests | tr '\n' ' ')"
    expect_err "CDC SET_LINE_CODING 1200 baud"
    expect_err "touch: disconnect, back as ROM"
}

case_touch_flash_detach() {
    make_app
    cli_sim "${CDC[@]}" -- flash --detach --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_dump "$WORK/app.bin" $APP
    # The image has no CDC-ACM port of its own in the simulator: the flashed
    # application comes back as the CDC-ACM application it simulates.
    expect_out "application started"
}

case_touch_list_shows_method() {
    cli_sim "${CDC[@]}" -- list
    expect_rc 0
    expect_out "1-1  1209:0001  application"
    expect_out "detach: 1200-baud touch to its CDC-ACM interface 0, if its firmware takes it: stm32dfu detach --path 1-1"
    cli_sim "${CDC[@]}" -- list --json
    expect_rc 0
    expect_out '"mode":"application","detach":\["touch"\]'
}

# With both interfaces the application says outright it can detach: DFU_DETACH.
case_touch_dfu_runtime_preferred() {
    cli_sim -v --mode app --app-interfaces cdc,dfu -- list --json
    expect_out '"detach":\["dfu","touch"\]'
    cli_sim -v --mode app --app-interfaces cdc,dfu -- detach
    expect_rc 0
    grep -q '"DETACH": 1' "$WORK/stats.json" || fail "no DFU_DETACH"
    [ -z "$(cdc_requests)" ] || fail "CDC requests sent: $(cdc_requests | tr '\n' ' ')"
}

# An application whose firmware does not take the touch: exit 69, and the
# message says the touch went out and the application is still running.
case_touch_ignored_by_application() {
    cli_sim "${CDC[@]}" --app-no-touch -- detach --timeout 1
    expect_rc 69
    expect_err "application 1209:0001 on 1-1 was sent the 1200-baud touch .* no bootloader appeared within 1 s"
    expect_err "still running the application"
    expect_err "stm32dfu_cdc_touch.h"
    expect_no_out "bootloader ready"
}

# With BFB2 set and BOOT0 low (L476), the reset the touch helper makes boots the
# application again: detach names that at once, with the command that clears
# BFB2 (bfb2_then_detach, option_bytes.sh).
case_touch_bfb2_comes_back_as_application() {
    bfb2_then_detach --app-interfaces cdc
    expect_err "was sent the 1200-baud touch, left the bus and came back as the application, not the ROM bootloader"
}

case_touch_flash_detach_ignored() {
    make_app
    cli_sim "${CDC[@]}" --app-no-touch -- flash --detach --timeout 1 --address $APP "$WORK/app.bin"
    expect_rc 69
    expect_err "still running the application"
    expect_blank $APP 16384
}

# client_then_info STEP...: the client sends STEP... to the application, then
# stm32dfu info looks for a bootloader.
client_then_info() {
    sim -v "${CDC[@]}" -- bash -c '"$1" "${@:3}" && "$2" info' _ "$CDC_CLIENT" "$CLI" "$@"
}

# The client's own touch does trigger it: the negative cases below are not
# negative for want of a working client.
case_touch_client_sequence_enters() {
    client_then_info lines:3 coding:1200 lines:2
    expect_rc 0
    expect_err "touch: disconnect, back as ROM"
}

expect_still_application() {
    expect_rc 69
    expect_err "no bootloader found, but the application 1209:0001 on 1-1 has a serial port \(CDC-ACM\) that may take the 1200-baud touch"
    ! grep -q "touch: disconnect" "$WORK/err" || fail "the application left for the ROM"
}

# A terminal program opening the port at 1200 baud (DTR up) and keeping it open.
case_touch_open_at_1200_without_drop() {
    client_then_info lines:3 coding:1200 lines:3
    expect_still_application
}

case_touch_drop_at_other_baud() {
    client_then_info lines:3 coding:9600 lines:2 lines:0
    expect_still_application
}

case_touch_data_bytes() {
    client_then_info lines:3 coding:1200 lines:3 data:1200 data:$'\x01\xff' data:bootloader
    expect_still_application
    grep -q '"bulk_out_bytes": 16' "$WORK/stats.json" || fail "the data bytes did not arrive"
}

# The order is line coding, then DTR: 1200 baud set while DTR is already low.
case_touch_coding_1200_after_dtr_low() {
    client_then_info lines:0 coding:1200
    expect_still_application
}

# detach --tty: the touch through the serial port node, as the Arduino tools
# send it. The simulator's /dev/ttyACM0 behaves as the kernel's cdc-acm driver
# does (sim/usb/tty.c): the open raises DTR and RTS, 1200 baud sends
# SET_LINE_CODING, TIOCMBIC drops DTR with SET_CONTROL_LINE_STATE.
case_touch_tty_detach() {
    cli_sim -v "${CDC[@]}" -- detach --tty /dev/ttyACM0
    expect_rc 0
    expect_out "1-1: bootloader ready \(0483:df11 .*\) after the 1200-baud touch on /dev/ttyACM0"
    [ "$(grep -oE 'tty: control 21 2[02] [0-9a-f]{4}' "$WORK/err" | cut -d' ' -f4,5 | tr '\n' ' ')" = \
        "22 0003 20 0000 22 0002 " ] || fail "requests through the tty: $(grep 'tty: control' "$WORK/err")"
    expect_err "touch: disconnect, back as ROM"
}

case_touch_tty_ignored_by_application() {
    cli_sim "${CDC[@]}" --app-no-touch -- detach --tty /dev/ttyACM0 --timeout 1
    expect_rc 69
    expect_err "was sent the 1200-baud touch .* still running the application"
}

# A node that is no serial port: nothing is sent, and the message says why.
case_touch_tty_not_a_serial_port() {
    cli_sim "${CDC[@]}" -- detach --tty /dev/null --path 1-1
    expect_rc 64
    expect_err "--tty /dev/null: cannot read its line settings .* not a serial port with modem control lines"
    ! grep -q "touch: disconnect" "$WORK/err" || fail "the application left"
}

case_touch_tty_without_usb_device() {
    cli_sim "${CDC[@]}" -- detach --tty /dev/null
    expect_rc 64
    expect_err "--tty /dev/null: cannot tell which USB device it belongs to .* --path"
}

case_touch_tty_missing() {
    cli_sim "${CDC[@]}" -- detach --tty /dev/ttyACM7 --path 1-1
    expect_rc 69
    expect_err "--tty /dev/ttyACM7: cannot open it .*; nothing was sent"
}

case_touch_tty_flash_detach() {
    make_app
    cli_sim -v "${CDC[@]}" -- flash --detach --tty /dev/ttyACM0 --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_dump "$WORK/app.bin" $APP
    grep -q "tty: control 21 22 0002" "$WORK/err" || fail "no DTR drop through the tty"
}

case_usage_tty_without_detach() {
    make_app
    cli_sim "${CDC[@]}" -- flash --tty /dev/ttyACM0 --address $APP "$WORK/app.bin"
    expect_rc 64
    expect_err "--tty /dev/ttyACM0 goes with --detach"
}
