# SPDX-License-Identifier: MIT
# The outcome contract (man page, OUTCOMES): exit 0 only when the device is in
# the state that was asked for; every failure says what state it is left in.

# Option bytes for the F405 (RM0090 Rev 19 §3.7.1): RDP 0xAA (level 0), nWRP
# 0x313 at 0x1FFFC008; the profile's own have nWRP 0xFFF.
OB_F405=0x1FFFC000
make_option_bytes() {
    printf "\xec\\x${1:-aa}\xff\x0f\xff\xff\xff\xff\x13\x33\x00\xf0\x00\x00\xff\xff" >"$WORK/ob.bin"
    fixture dfuse $OB_F405 "$WORK/ob.bin" "$WORK/ob.dfu" 1
}

# option_bytes_case FAULT: flash the option bytes under FAULT, then (if the
# board is still on the bus) run info.
option_bytes_case() {
    make_option_bytes
    sim --profile STM32F405 --fault "$1" -- sh -c "
        '$CLI' flash --timeout 1 '$WORK/ob.dfu'; echo \"flash=\$?\";
        '$CLI' info"
}

case_flash_option_bytes_errwrite_no_reset() {
    option_bytes_case errWRITE@addr=0x1FFFC008
    expect_out "^flash=76"
    expect_err "option-byte write at 0x1FFFC000 failed: the device reports dfuERROR, errWRITE"
    expect_no_out "bytes written"
    expect_out "nWRP 0xFFF$"
}

case_flash_option_bytes_errverify_no_reset() {
    option_bytes_case errVERIFY@addr=0x1FFFC000
    expect_out "^flash=76"
    expect_err "option-byte write at 0x1FFFC000 failed: the device reports dfuERROR, errVERIFY"
    expect_no_out "bytes written"
}

case_flash_option_bytes_bitflip_read_back() {
    option_bytes_case bitflip@addr=0x1FFFC009
    expect_out "^flash=76"
    expect_err "read back after the reset differ from the image at 0x1FFFC009 \(written 0x33, read 0x32\)"
    expect_err "check them with 'stm32dfu info'"
    expect_out "nWRP 0x213$"
}

case_flash_option_bytes_no_comeback() {
    # The write started (the GETSTATUS after the DNLOAD) and the board never returns.
    option_bytes_case disconnect@addr=0x1FFFC004
    expect_out "^flash=69"
    expect_err "did not come back within 1 s, so they could not be checked; power-cycle it \(holding BOOT0 high if its flash holds no application, which with BOOT0 low starts nothing\), then check them with 'stm32dfu info'"
    expect_no_out "bytes written"
}

# The number of the request that carries the option bytes (DNLOAD wBlockNum 2),
# from a clean run's stm32dfu-sim -v log.
option_bytes_dnload_request() {
    make_option_bytes
    "$SIM" --time-scale 0 -v --profile STM32F405 -- "$CLI" flash "$WORK/ob.dfu" >/dev/null 2>"$WORK/log"
    grep -Eo 'control 21 01 0002 .* request [0-9]+' "$WORK/log" | grep -Eo '[0-9]+$' | head -1
}

# A disconnect at the DNLOAD of the option bytes: the GETSTATUS that starts
# their write never went out.
case_flash_option_bytes_disconnect_before_write() {
    local n
    n=$(option_bytes_dnload_request)
    [ -n "$n" ] || fail "no option-byte DNLOAD in the log"
    option_bytes_case "disconnect@req=$n"
    expect_out "^flash=74"
    expect_err "dropped off the bus \(Device disconnected\) before the write started, so the old option bytes are still in place; power-cycle it"
    expect_no_out "bytes written"
}

case_flash_option_bytes_timeout_not_reset() {
    local n
    n=$(option_bytes_dnload_request)
    [ -n "$n" ] || fail "no option-byte DNLOAD in the log"
    option_bytes_case "hold-status@req=$((n + 1))"
    expect_out "^flash=74"
    expect_err "stopped answering during the write, so whether the option bytes were written is unknown; power-cycle it and check them with 'stm32dfu info'"
    expect_no_out "bytes written"
    expect_out "nWRP 0xFFF$"
}

case_flash_option_bytes_rdp_level1() {
    # RDP 0x55 is level 1: after the reset the ROM refuses the read-back with
    # errVENDOR (AN2662 Rev 1 §4.5.2), which shows the bytes took effect.
    make_option_bytes 55
    sim --profile STM32F405 -- sh -c "'$CLI' flash '$WORK/ob.dfu'; echo \"flash=\$?\"; '$CLI' info"
    expect_out "^flash=0"
    expect_out "read-protected as the image asks"
    expect_out "read protection: active"
}

# empty_image_case FILE [ARGS...]: an image without a byte of data is refused
# before the device is touched, whatever its format.
empty_image_case() {
    make_app old 9 70000
    cli_sim --image "$WORK/old.bin@$APP" -- flash "$@"
    expect_rc 65
    expect_err "the image holds no data"
    grep -q '"DNLOAD": 0' "$WORK/stats.json" || fail "an empty image was downloaded"
    expect_dump "$WORK/old.bin" $APP
}

case_flash_empty_hex_refused() {
    printf ':00000001FF\n' >"$WORK/e.hex"
    empty_image_case "$WORK/e.hex"
}

case_flash_empty_srec_refused() {
    printf 'S00600004844521B\nS9030000FC\n' >"$WORK/e.srec"
    empty_image_case "$WORK/e.srec"
}

case_flash_empty_elf_refused() {
    # Only .bss: one PT_LOAD with no file bytes.
    printf '.section .bss\n.space 64\n' | arm-none-eabi-as -o "$WORK/e.o" || fail "as"
    arm-none-eabi-ld -Tbss=0x20000000 -e 0 -o "$WORK/e.elf" "$WORK/e.o" || fail "ld"
    empty_image_case "$WORK/e.elf"
}

case_flash_empty_dfu_refused() {
    fixture dfuse-empty "$WORK/e.dfu"
    empty_image_case "$WORK/e.dfu"
}

case_flash_empty_bin_refused() {
    : >"$WORK/e.bin"
    empty_image_case --address $APP "$WORK/e.bin"
}

case_unprotect_not_protected_touches_nothing() {
    # Level 0 (RDP 0xAA): unprotect --force reads the level, says so and erases nothing.
    make_app
    sim --image "$WORK/app.bin@$APP" -- sh -c "'$CLI' unprotect --force; echo \"unprotect=\$?\"; '$CLI' list"
    expect_out "^unprotect=0"
    expect_out "not read-protected \(RDP 0xAA, level 0\); nothing was erased"
    expect_no_out "read protection removed"
    expect_out "0483:df11  bootloader"
    expect_dump "$WORK/app.bin" $APP
}

# A HEX holding only a 16-byte constant table at 0x08060000: its first words
# (SP 0x03020100) are not a vector table.
make_table() {
    printf '\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f' >"$WORK/table.bin"
    hex_of "$WORK/table.bin" "$WORK/table.hex" 0x08060000
}

case_flash_no_vector_table_not_left() {
    make_table
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- flash "$WORK/table.hex"
    expect_rc 65
    expect_err "lowest flash address 0x08060000 does not hold a vector table \(its initial SP 0x03020100 is not inside the SRAM \(0x20000000-0x2004FFFF, 0x10000000-0x1000FFFF\)\)"
    expect_err "give its vector table with --leave-address ADDR, or --no-leave"
    expect_err "nothing was erased"
    grep -q '"DNLOAD": 0' "$WORK/stats.json" || fail "the device was written"
    expect_dump "$WORK/app.bin" $APP
    expect_blank 0x08060000 16
}

case_flash_leave_address_starts_application() {
    make_table
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- flash --leave-address $APP "$WORK/table.hex"
    expect_rc 0
    expect_out "16 bytes written.*application started"
    expect_dump "$WORK/table.bin" 0x08060000
    expect_dump "$WORK/app.bin" $APP
}

case_flash_no_leave_keeps_table_in_bootloader() {
    make_table
    sim -- sh -c "'$CLI' flash --no-leave '$WORK/table.hex'; echo \"flash=\$?\"; '$CLI' list"
    expect_out "^flash=0"
    expect_out "still in the bootloader \(--no-leave\)"
    expect_dump "$WORK/table.bin" 0x08060000
}

case_usage_leave_address_with_no_leave() {
    make_table
    "$CLI" flash --no-leave --leave-address $APP "$WORK/table.hex" >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
    expect_err "--leave-address and --no-leave contradict each other"
}

case_flash_bootloader_back_after_leave() {
    # 0x08010000 holds no vector table: the ROM comes back after the leave.
    make_table
    sim -- sh -c "'$CLI' flash --leave-address 0x08010000 '$WORK/table.hex'; echo \"flash=\$?\"; '$CLI' list"
    expect_out "^flash=76"
    expect_err "the ROM bootloader came back on .* so the application at 0x08010000 did not start"
    expect_no_out "started"
    expect_out "0483:df11  bootloader"
    expect_dump "$WORK/table.bin" 0x08060000
}

case_leave_bootloader_back_on_blank_flash() {
    sim -- sh -c "'$CLI' leave; echo \"leave=\$?\"; '$CLI' list"
    expect_out "^leave=76"
    expect_err "the ROM bootloader came back on .* so the application at 0x08000000 did not start; the likely cause is that no valid vector table is there"
    expect_no_out "started"
    expect_out "0483:df11  bootloader"
}

case_flash_stale_bytes_beside_blank_range_erased() {
    # F405 sector 0 is 16 KiB: the image's 4 KiB read blank, but old bytes lie
    # at 0x08002000 in the same sector. The sector is erased, so none survive.
    make_app app 1 4096
    fixture pattern 5 4096 "$WORK/stale.bin"
    cli_sim --profile STM32F405 --image "$WORK/stale.bin@0x08002000" -- flash --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "1 of 1 sectors erased"
    expect_dump "$WORK/app.bin" $APP
    expect_blank 0x08001000 12288
}

case_flash_whole_blank_sector_not_erased() {
    # The same image on a sector blank in full: no erase is needed.
    make_app app 1 4096
    fixture pattern 5 4096 "$WORK/other.bin"
    cli_sim --profile STM32F405 --image "$WORK/other.bin@0x08004000" -- flash --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "0 of 1 sectors erased"
    expect_dump "$WORK/app.bin" $APP
    expect_dump "$WORK/other.bin" 0x08004000
}
