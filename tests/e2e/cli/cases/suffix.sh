# SPDX-License-Identifier: MIT
# DFU suffix identity and plain DFU 1.1 files, made with Debian's dfu-suffix
# (dfu-util package, installed by scripts/bootstrap.sh).

# dfuse_for VID PID: app.bin as a DfuSe file at $APP whose suffix names VID:PID.
dfuse_for() {
    make_app
    fixture dfuse $APP "$WORK/app.bin" "$WORK/app.dfu"
    dfu-suffix -D "$WORK/app.dfu" >/dev/null || fail "dfu-suffix -D"
    dfu-suffix -v "$1" -p "$2" -S 0x011a -a "$WORK/app.dfu" >/dev/null || fail "dfu-suffix -a"
}

case_suffix_other_id_refused() {
    dfuse_for 1234 5678
    cli_sim --profile STM32F405 -- flash "$WORK/app.dfu"
    expect_rc 65
    expect_err "app.dfu: the file's DFU suffix is for USB device 1234:5678, but this device is 0483:df11"
    expect_err "nothing was erased"
    expect_err "--ignore-suffix-id"
    grep -q '"DNLOAD": 0' "$WORK/stats.json" || fail "a refused file was downloaded"
}

case_suffix_other_id_overridden() {
    dfuse_for 1234 5678
    cli_sim --profile STM32F405 -- flash --ignore-suffix-id "$WORK/app.dfu"
    expect_rc 0
    expect_dump "$WORK/app.bin" $APP
}

case_suffix_wildcards_accepted() {
    dfuse_for ffff ffff
    cli_sim --profile STM32F405 -- flash "$WORK/app.dfu"
    expect_rc 0
    expect_dump "$WORK/app.bin" $APP
}

case_suffix_other_pid_refused() {
    # The vendor matches and the product is not the wildcard: still another device.
    dfuse_for 0483 df12
    cli_sim --profile STM32F405 -- flash "$WORK/app.dfu"
    expect_rc 65
    expect_err "for USB device 0483:df12, but this device is 0483:df11"
}

case_suffix_application_id_after_detach() {
    # A file for the application's runtime IDs (the simulator's 1209:0001) is
    # for this board too when --detach found that application.
    dfuse_for 1209 0001
    cli_sim --profile STM32F405 --mode app -- flash --detach "$WORK/app.dfu"
    expect_rc 0
    expect_dump "$WORK/app.bin" $APP
}

case_suffix_plain_dfu11_with_address() {
    make_app
    cp "$WORK/app.bin" "$WORK/plain.dfu"
    dfu-suffix -a "$WORK/plain.dfu" >/dev/null || fail "dfu-suffix -a"
    cli_sim --profile STM32F405 -- flash --address $APP "$WORK/plain.dfu"
    expect_rc 0
    expect_out "70000 bytes written"
    # The 16 suffix bytes are not written after the image.
    expect_dump "$WORK/app.bin" $APP
    expect_blank $((APP + 70000)) 16
}

case_suffix_plain_dfu11_needs_address() {
    make_app
    cp "$WORK/app.bin" "$WORK/plain.dfu"
    dfu-suffix -a "$WORK/plain.dfu" >/dev/null || fail "dfu-suffix -a"
    cli_sim --profile STM32F405 -- flash "$WORK/plain.dfu"
    expect_rc 64
    expect_err "plain.dfu is a raw binary: give the flash address with --address"
}

case_suffix_plain_dfu11_bad_crc() {
    make_app
    cp "$WORK/app.bin" "$WORK/plain.dfu"
    dfu-suffix -a "$WORK/plain.dfu" >/dev/null || fail "dfu-suffix -a"
    fixture corrupt-crc "$WORK/plain.dfu" "$WORK/bad.dfu"
    cli_sim --profile STM32F405 -- flash --address $APP "$WORK/bad.dfu"
    expect_rc 65
    expect_err "DFU suffix CRC"
    expect_blank $APP 70000
}
