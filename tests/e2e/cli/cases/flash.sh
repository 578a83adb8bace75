# SPDX-License-Identifier: MIT
# flash: every input format, what is erased and written, refusals before
# touching the device, device choice, --all, --detach and every profile.

flash_format_case() {
    make_app
    case "$1" in
    bin) file=$WORK/app.bin extra=(--address $APP) ;;
    hex) hex_of "$WORK/app.bin" "$WORK/app.hex" $APP; file=$WORK/app.hex extra=() ;;
    srec) srec_of "$WORK/app.bin" "$WORK/app.srec" $APP; file=$WORK/app.srec extra=() ;;
    elf) elf_of "$WORK/app.bin" "$WORK/app.elf" $APP; file=$WORK/app.elf extra=() ;;
    dfu) fixture dfuse $APP "$WORK/app.bin" "$WORK/app.dfu"; file=$WORK/app.dfu extra=() ;;
    esac
    cli_sim --profile STM32F405 -- flash "${extra[@]}" "$file"
    expect_rc 0
    expect_out "70000 bytes written"
    expect_out "verified"
    expect_out "application started"
    expect_dump "$WORK/app.bin" $APP
}

case_flash_bin_verify_leave() { flash_format_case bin; }

case_flash_hex_verify_leave() { flash_format_case hex; }

case_flash_srec_verify_leave() { flash_format_case srec; }

case_flash_elf_verify_leave() { flash_format_case elf; }

case_flash_dfu_verify_leave() { flash_format_case dfu; }

case_flash_no_verify() {
    # STM32L476: no blank check (ECC flash), so any UPLOAD would be a verify.
    make_app app 1 8192
    cli_sim --profile STM32L476 -- flash --no-verify --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "not verified"
    grep -q '"UPLOAD": 0' "$WORK/stats.json" || fail "--no-verify still read back"
    expect_dump "$WORK/app.bin" $APP
}

case_flash_no_leave() {
    make_app
    sim -- sh -c "'$CLI' flash --no-leave --address $APP '$WORK/app.bin' && '$CLI' list"
    expect_rc 0
    expect_out "still in the bootloader"
    expect_out "0483:df11  bootloader"
}

case_flash_erases_only_touched_sectors() {
    make_app old 7 196608
    make_app
    cli_sim --image "$WORK/old.bin@$APP" -- flash --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "5 of 5 sectors erased"
    expect_dump "$WORK/app.bin" $APP
    # The image ends in the 64 KiB sector; the 128 KiB one after it kept its data.
    dd if="$WORK/old.bin" of="$WORK/old_tail.bin" bs=65536 skip=2 count=1 2>/dev/null
    expect_dump "$WORK/old_tail.bin" $((0x08020000))
}

case_flash_address_pointer_per_region() {
    # Two 8 KiB regions with a gap, over an old image: the pointer is set once
    # per region (then wBlockNum 2, 3, ...), again after the gap, again after
    # the read-first UPLOADs, and once more before leaving (issue 4).
    make_app old 3 70000
    make_app a 1 8192
    make_app b 2 8192
    hex_of "$WORK/a.bin" "$WORK/a.hex" $APP
    hex_of "$WORK/b.bin" "$WORK/b.hex" 0x08010000
    { grep -v '^:00000001FF' "$WORK/a.hex"; cat "$WORK/b.hex"; } >"$WORK/two.hex"
    cli_sim --image "$WORK/old.bin@$APP" -- flash -vv "$WORK/two.hex"
    expect_rc 0
    grep -Eo 'DfuSe [A-Za-z ]+0x[0-9A-F]+|DNLOAD wBlockNum=[1-9][0-9]* len=[1-9]' "$WORK/err" |
        sed -E 's/DfuSe Set Address Pointer/SET/; s/DfuSe Erase/ERASE/; s/DNLOAD wBlockNum=([0-9]+).*/W\1/' |
        tr '\n' ' ' >"$WORK/wire"
    expected="SET 0x08000000 SET 0x08010000 ERASE 0x08000000 ERASE 0x08010000 \
SET 0x08000000 W2 W3 W4 W5 SET 0x08010000 W2 W3 W4 W5 \
SET 0x08000000 SET 0x08010000 SET 0x08000000 "
    [ "$(cat "$WORK/wire")" = "$expected" ] || fail "wire order: $(cat "$WORK/wire")"
}

case_flash_skip_unchanged() {
    make_app
    fixture patch "$WORK/app.bin" 20000 100 9 "$WORK/new.bin"
    cli_sim --image "$WORK/app.bin@$APP" -- flash --skip-unchanged --address $APP "$WORK/new.bin"
    expect_rc 0
    expect_out "1 of 5 sectors erased, 4 unchanged"
    expect_dump "$WORK/new.bin" $APP
}

case_flash_blank_sectors_not_erased() {
    make_app
    cli_sim --profile STM32F405 -- flash --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "0 of 5 sectors erased"
    expect_dump "$WORK/app.bin" $APP
}

case_flash_blank_sectors_erased_with_ecc() {
    make_app app 1 8192
    cli_sim --profile STM32L476 -- flash --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "4 of 4 sectors erased"
    expect_dump "$WORK/app.bin" $APP
}

case_flash_json() {
    make_app
    cli_sim -- flash --json --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out '"exit_code":0,.*"bytes_written":70000,"bytes_verified":70000,"left":true'
}

case_flash_outside_map() {
    make_app
    cli_sim --profile STM32F405 -- flash --address 0x080F8000 "$WORK/app.bin"
    expect_rc 65
    expect_err "0x08100000 .* is outside Internal Flash; the nearest region is 0x08020000-0x080FFFFF"
    expect_err "check the link address"
    expect_err "nothing was erased"
    expect_blank $APP 1048576
}

case_flash_bad_dfu_crc() {
    make_app
    fixture dfuse $APP "$WORK/app.bin" "$WORK/app.dfu"
    fixture corrupt-crc "$WORK/app.dfu" "$WORK/bad.dfu"
    cli_sim -- flash "$WORK/bad.dfu"
    expect_rc 65
    expect_err "bad.dfu"
    expect_err "CRC"
    expect_blank $APP 70000
}

case_flash_malformed_hex() {
    printf ':020000040800F2\n:10000000ZZ\n:00000001FF\n' >"$WORK/bad.hex"
    cli_sim -- flash "$WORK/bad.hex"
    expect_rc 65
    expect_err "line 2"
}

case_flash_bin_needs_address() {
    make_app
    "$CLI" flash "$WORK/app.bin" >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
    expect_err "give the flash address with --address"
}

case_flash_missing_file() {
    "$CLI" flash "$WORK/none.hex" >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 66
    expect_err "none.hex"
}

case_flash_no_device() {
    make_app
    # Under the simulator (never against real hardware), with a path no board
    # has: the boards present are listed, not the cable advice.
    cli_sim -- flash --path 9-9 --address $APP "$WORK/app.bin"
    expect_rc 69
    expect_err "no DFU device has --path 9-9; the DFU devices present are:"
    expect_err "^  --path 1-1  --serial [0-9A-F]+  0483:df11"
    ! grep -q "cable" "$WORK/err" || fail "cable advice for a --path that matches nothing"
    expect_blank $APP 70000
}

case_flash_several_devices_need_choice() {
    make_app
    cli_sim --devices 2 -- flash --address $APP "$WORK/app.bin"
    expect_rc 69
    expect_err "2 DFU devices match; choose one with --serial or --path"
    expect_err "--path"
    expect_blank $APP 70000 "$WORK/dump.bin.1"
}

case_flash_choose_by_path() {
    make_app
    # The path of board 2 (serial SERIAL-2), from list --json.
    sim --devices 2 -- sh -c "p=\$('$CLI' list --json | grep -o '\"path\":\"[^\"]*\",[^}]*\"serial\":\"[^\"]*-2\"' | cut -d'\"' -f4);
        '$CLI' flash --path \"\$p\" --address $APP '$WORK/app.bin'"
    expect_rc 0
    expect_dump "$WORK/app.bin" $APP "$WORK/dump.bin.2"
}

case_flash_choose_by_serial() {
    make_app
    sim --devices 2 -- sh -c "s=\$('$CLI' list --json | grep -o '\"serial\":\"[^\"]*-1\"' | cut -d'\"' -f4);
        '$CLI' flash --serial \"\$s\" --address $APP '$WORK/app.bin'"
    expect_rc 0
    expect_dump "$WORK/app.bin" $APP "$WORK/dump.bin.1"
}

case_flash_all_four_devices() {
    make_app
    cli_sim --devices 4 -- flash --all --address $APP "$WORK/app.bin"
    expect_rc 0
    [ "$(grep -c 'bytes written' "$WORK/out")" -eq 4 ] || fail "expected 4 results"
    for k in 1 2 3 4; do
        expect_dump "$WORK/app.bin" $APP "$WORK/dump.bin.$k"
    done
}

case_flash_detach_application() {
    make_app
    cli_sim --mode app -- flash --detach --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "application started"
    expect_dump "$WORK/app.bin" $APP
}

profile_case() {
    make_app app 3 "$2"
    cli_sim --profile "$1" -- flash --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "verified"
    expect_dump "$WORK/app.bin" $APP
}

case_profile_stm32f405() { profile_case STM32F405 70000; }

case_profile_stm32f107() { profile_case STM32F107 10000; }

case_profile_stm32f746() { profile_case STM32F746 70000; }

case_profile_stm32h743() { profile_case STM32H743 70000; }

case_profile_stm32l476() { profile_case STM32L476 10000; }

case_profile_stm32g474() { profile_case STM32G474 10000; }

case_flash_read_protected() {
    make_app
    cli_sim --read-protected -- flash --address $APP "$WORK/app.bin"
    expect_rc 76
    expect_err "read-protected"
    expect_err "errVENDOR"
    expect_err "stm32dfu unprotect --force"
}

case_flash_refuses_permanent_lock() {
    # F405 option bytes: RDP is the second byte; 0xCC is level 2 (RM0090 Rev 19 §3.7.3).
    printf '\xec\xcc\xff\x0f\xff\xff\xff\xff\x13\x33\x00\xf0\x00\x00\xff\xff' >"$WORK/ob.bin"
    fixture dfuse 0x1FFFC000 "$WORK/ob.bin" "$WORK/ob.dfu" 1
    cli_sim --profile STM32F405 -- flash "$WORK/ob.dfu"
    expect_rc 64
    expect_err "read protection level 2"
    expect_err "--allow-permanent-lock"
}

# Allowed, the lock takes effect at the reset, which then starts no ROM (and,
# with an empty flash, nothing): the report names level 2, not a lost device.
case_flash_permanent_lock_allowed_names_level2() {
    printf '\xec\xcc\xff\x0f\xff\xff\xff\xff\x13\x33\x00\xf0\x00\x00\xff\xff' >"$WORK/ob.bin"
    fixture dfuse 0x1FFFC000 "$WORK/ob.bin" "$WORK/ob.dfu" 1
    cli_sim --profile STM32F405 -- flash --allow-permanent-lock --timeout 1 "$WORK/ob.dfu"
    expect_rc 69
    expect_err "RDP level 2 was asked; the device reset and nothing came back within 1 s"
    expect_err "the chip is now permanently locked: RDP level 2"
    ! grep -q "power-cycle it" "$WORK/err" || fail "the lock reported as a lost device"
}

# The same refusal for every other option-byte layout: PROFILE OPTION-BYTES
# RDP-OFFSET RDP-ADDRESS, 16 option bytes with RDP 0xCC (level 2: RM0385 Rev 8
# §3.4.1, RM0433 Rev 7 §4.9.7, RM0351 Rev 9 §3.4.1, RM0440 Rev 8 §5.4.1; on the
# F0/F3 RM0091 and RM0316; the F1 has no level 2 (PM0075 Rev 2 §2.4.1), but the
# host's F0/F1/F3 row cannot tell an F1 from them, so it asks there too).
permanent_lock_case() {
    local bytes=''
    for i in $(seq 0 15); do
        if [ "$i" -eq "$3" ]; then bytes="$bytes\\xcc"; else bytes="$bytes\\x33"; fi
    done
    printf "$bytes" >"$WORK/ob.bin"
    fixture dfuse "$2" "$WORK/ob.bin" "$WORK/ob.dfu" 1
    cli_sim --profile "$1" -- flash "$WORK/ob.dfu"
    expect_rc 64
    expect_err "read protection level 2 \\(RDP byte 0xCC at $4\\)"
    expect_err "--allow-permanent-lock"
    grep -q '"DNLOAD": 0' "$WORK/stats.json" || fail "a refused image was downloaded"
}

case_flash_refuses_permanent_lock_f107() { permanent_lock_case STM32F107 0x1FFFF800 0 0x1FFFF800; }

case_flash_refuses_permanent_lock_f746() { permanent_lock_case STM32F746 0x1FFF0000 1 0x1FFF0001; }

case_flash_refuses_permanent_lock_h743() { permanent_lock_case STM32H743 0x5200201C 1 0x5200201D; }

case_flash_refuses_permanent_lock_l476() { permanent_lock_case STM32L476 0x1FFF7800 0 0x1FFF7800; }

case_flash_refuses_permanent_lock_g474() { permanent_lock_case STM32G474 0x1FFF7800 0 0x1FFF7800; }

# On the F1 0xCC is level 1, its only protected level (PM0075 Rev 2 §2.4.1):
# allowed, the F107 comes back in the ROM and refuses the read-back, which
# proves the protection, not a failure.
case_flash_f107_rdp_0xcc_is_level1() {
    printf '\xa5\x5a\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00' >"$WORK/ob.bin"
    printf '\xcc\x33' | dd of="$WORK/ob.bin" conv=notrunc status=none
    fixture dfuse 0x1FFFF800 "$WORK/ob.bin" "$WORK/ob.dfu" 1
    sim --profile STM32F107 -- sh -c "'$CLI' flash --allow-permanent-lock '$WORK/ob.dfu';
        echo \"flash=\$?\"; '$CLI' info"
    expect_out "^flash=0"
    expect_out "read-protected as the image asks"
    expect_out "read protection: active"
}

case_flash_option_bytes_reset() {
    # F405 option bytes with RDP 0xAA (level 0) and nWRP all set: the ROM
    # applies them with a reset instead of answering (AN2662 Rev 1 §4.5.1).
    printf '\xec\xaa\xff\x0f\xff\xff\xff\xff\x13\x33\x00\xf0\x00\x00\xff\xff' >"$WORK/ob.bin"
    fixture dfuse 0x1FFFC000 "$WORK/ob.bin" "$WORK/ob.dfu" 1
    sim --profile STM32F405 -- sh -c "'$CLI' flash '$WORK/ob.dfu' && '$CLI' info"
    expect_rc 0
    expect_out "the device reset to apply the option bytes"
    expect_out "option bytes at 0x1FFFC000:"
    expect_out "EC AA FF 0F"
    expect_out "option bytes decoded: RDP 0xAA \\(level 0\\), .*nWRP 0x313$"
}

case_flash_application_without_detach() {
    make_app
    cli_sim --mode app -- flash --address $APP "$WORK/app.bin"
    expect_rc 69
    expect_err "application 1209:0001 on .* can detach"
    expect_err "add --detach"
}

case_flash_otp_only_no_leave() {
    # A DfuSe file for the F405 OTP area (alternate setting 2) only: written
    # and verified, and the device stays in the bootloader.
    fixture pattern 21 32 "$WORK/otp.bin"
    fixture dfuse 0x1FFF7800 "$WORK/otp.bin" "$WORK/otp.dfu" 2
    sim --profile STM32F405 -- sh -c "'$CLI' flash '$WORK/otp.dfu' &&
        '$CLI' read --alt 2 --address 0x1FFF7800 --length 32 -o '$WORK/back.bin'"
    expect_rc 0
    expect_out "32 bytes written.*verified; still in the bootloader \(no application in the image\)"
    cmp -s "$WORK/otp.bin" "$WORK/back.bin" || fail "OTP read-back differs"
}
