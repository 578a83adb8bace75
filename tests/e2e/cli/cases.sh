# The CLI end-to-end cases; the function case_A_B_C is the ctest e2e/cli/A/B-C
# ('/' and '-' both become '_'). Sizes keep each case under a few seconds at
# --time-scale 0.

APP=0x08000000

# A 70000-byte image: four 16 KiB sectors and part of the 64 KiB one on F405.
make_app() {
    fixture pattern "${2:-1}" "${3:-70000}" "$WORK/${1:-app}.bin"
}

# --- help and usage -------------------------------------------------------

help_case() {
    "$CLI" "$1" --help >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 0
    expect_out "usage: stm32dfu $1"
}
case_help_list() { help_case list; }
case_help_info() { help_case info; }
case_help_flash() { help_case flash; }
case_help_verify() { help_case verify; }
case_help_read() { help_case read; }
case_help_erase() { help_case erase; }
case_help_leave() { help_case leave; }
case_help_detach() { help_case detach; }
case_help_unprotect() { help_case unprotect; }

# Every long option a command's --help lists is in the man page, and the
# global --help lists every exit code cli_exit_code() can give.
man_case() {
    "$CLI" "$1" --help >"$WORK/out" 2>"$WORK/err" || fail "$1 --help"
    for opt in $(grep -Eo -- '--[a-z][a-z-]+' "$WORK/out" | sort -u); do
        grep -qF -- "$(echo "$opt" | sed 's/-/\\-/g')" "$MANPAGE" || fail "man page lacks $opt ($1)"
    done
}
case_man_list() { man_case list; }
case_man_info() { man_case info; }
case_man_flash() { man_case flash; }
case_man_verify() { man_case verify; }
case_man_read() { man_case read; }
case_man_erase() { man_case erase; }
case_man_leave() { man_case leave; }
case_man_detach() { man_case detach; }
case_man_unprotect() { man_case unprotect; }

case_help_exit_codes() {
    "$CLI" --help >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 0
    for code in 64 65 66 69 70 71 73 74 75 76 77; do
        expect_out "(^| )$code "
        grep -q "^\.B $code\$" "$MANPAGE" || fail "man page lacks exit code $code"
    done
}

case_usage_bad_number() {
    "$CLI" read --address 0x8000000z --length 16 -o "$WORK/x" >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
    expect_err "--address '0x8000000z' is not a number"
}

case_usage_unknown_option() {
    "$CLI" erase --bogus >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
    expect_err "^stm32dfu: erase: '--bogus' is not an option of this command"
    expect_err "^try 'stm32dfu erase --help'"
}

case_usage_unknown_command() {
    "$CLI" frobnicate >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
    expect_err "not a command"
}

# --- list and info --------------------------------------------------------

case_list_text() {
    cli_sim --profile STM32F405 -- list
    expect_rc 0
    expect_out "0483:df11  bootloader"
    expect_out "STM32F2/F4"
    expect_out "alt 0: @Internal Flash"
    # The memory map, parsed: F405 sectors 4 x 16 KiB, 1 x 64 KiB, 7 x 128 KiB.
    expect_out "0x08000000-0x0800FFFF  4 x 16 KiB  readable erasable writeable"
    expect_out "0x08020000-0x080FFFFF  7 x 128 KiB"
}

case_list_json() {
    cli_sim --profile STM32F405 -- list --json
    expect_rc 0
    expect_out '^\[\{"path":"[0-9.-]+","vid":1155,"pid":57105'
    expect_out '"mode":"bootloader"'
    expect_out '"series":"STM32F2/F4"'
    expect_out '"serial":"[0-9A-F]+"'
    expect_out '"alts":\[\{"alt":0,"name":"@Internal Flash  /0x08000000/04\*016Kg,01\*064Kg,07\*128Kg","memory":"Internal Flash","regions":\[\{"start":134217728,"sector_size":16384,"sectors":4,"readable":true,"erasable":true,"writeable":true\}'
    expect_out '\{"alt":1,"name":"@Option Bytes'
}

case_list_application() {
    cli_sim --profile STM32F405 --mode app -- list
    expect_rc 0
    expect_out "application"
}

case_list_several() {
    cli_sim --devices 3 -- list --json
    expect_rc 0
    [ "$(grep -o '"path"' "$WORK/out" | wc -l)" -eq 3 ] || fail "expected 3 devices"
}

case_info_memory_map() {
    cli_sim --profile STM32F405 -- info
    expect_rc 0
    expect_out "series: STM32F2/F4"
    expect_out "alt 0: @Internal Flash  /0x08000000/04\*016Kg"
    expect_out "read protection: level 0"
    expect_out "^  0x08010000-0x0801FFFF  1 x 64 KiB  readable erasable writeable"
    # RM0090 Rev 19 §3.7.1 table 16 fields of the profile's option bytes (EC AA ... FF 0F).
    expect_out "^option bytes decoded: RDP 0xAA, nRST_STDBY 1, nRST_STOP 1, WDG_SW 1, BOR_LEV 3, nWRP 0xFFF$"
}

case_info_json() {
    cli_sim --profile STM32F405 -- info --json
    expect_rc 0
    expect_out '^\{"path":"[0-9.-]+","vid":1155,"pid":57105,.*"series":"STM32F2/F4"'
    expect_out '"memory":"Internal Flash","regions":\[\{"start":134217728,"sector_size":16384,"sectors":4'
    # F405 option bytes at 0x1FFFC000 (536854528); RDP 0xAA is level 0.
    expect_out '"option_bytes":\{"address":536854528,"bytes":"[0-9A-F]{2}AA[0-9A-F]{28}","fields":\{"RDP":170,[^}]*"nWRP":4095\}\},"read_protected":false,"rdp_level":0\}$'
}

case_info_json_read_protected() {
    cli_sim --read-protected -- info --json
    expect_rc 0
    expect_out '"option_bytes":null,"read_protected":true,"rdp_level":null\}$'
}

# --- flash: every input format --------------------------------------------

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

# --- flash: refusals before touching the device ---------------------------

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
    # Under the simulator (never against real hardware), with a path no board has.
    cli_sim -- flash --path 9-9 --address $APP "$WORK/app.bin"
    expect_rc 69
    expect_err "no STM32 DFU device found"
    expect_err "cable"
    expect_err "BOOT0"
    expect_err "udev"
}

# --- device choice --------------------------------------------------------

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

# --- every profile --------------------------------------------------------

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

# --- faults: non-zero exit, the right message, no leave, a rerun succeeds --

# fault_case SPEC PHASE-REGEX: the first run fails and does not start the
# application; the second run in the same simulator session succeeds.
fault_case() {
    make_app old 11 70000
    make_app
    sim --profile STM32F405 --image "$WORK/old.bin@$APP" --fault "$1" -- sh -c "
        '$CLI' flash --address $APP '$WORK/app.bin'; echo \"first=\$?\";
        '$CLI' list; echo ---;
        '$CLI' flash --address $APP '$WORK/app.bin'; echo \"second=\$?\""
    expect_rc 0
    expect_out "first=(74|76)"
    expect_no_out "^first=0"
    expect_err "$2"
    expect_err "application was not started"
    # After the failure the board is still the bootloader (no leave).
    expect_out "0483:df11  bootloader"
    expect_out "second=0"
    expect_dump "$WORK/app.bin" $APP
}
case_fault_errwrite() { fault_case "errWRITE@addr=0x08004000" "write at 0x0800400.* errWRITE"; }
case_fault_errerase() { fault_case "errERASE@addr=0x08008000" "erase at 0x08008000.* errERASE"; }
case_fault_errverify() { fault_case "errVERIFY@addr=0x08002000" "errVERIFY"; }
case_fault_bitflip() { fault_case "bitflip@addr=0x08001234" "verify at 0x08001234 failed"; }
case_fault_stall() { fault_case "stall@req=61" "write at 0x0800[0-9A-F]{4} failed: Device stalled"; }
case_fault_hold_status() { fault_case "hold-status@req=60" "timed out"; }

case_fault_disconnect() {
    make_app
    cli_sim --profile STM32F405 --fault "disconnect@addr=0x08004000" -- \
        flash --address $APP "$WORK/app.bin"
    expect_rc 74
    expect_err "write at 0x0800400.*(disconnected|failed)"
    expect_err "application was not started"
}

# --- quirks ---------------------------------------------------------------

case_quirk_initial_dferror_cleared() {
    make_app
    cli_sim --profile STM32F405 --start error -- flash -vv --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_err "GETSTATUS -> dfuERROR errFIRMWARE"
    expect_dump "$WORK/app.bin" $APP
}

case_quirk_stall_while_busy() {
    # The L476 ROM STALLs a GETSTATUS that comes before the flash work ends; it
    # needs some simulated time to be busy at all.
    make_app app 5 8192
    SIM_TIME_SCALE=0.1 cli_sim --profile STM32L476 -- flash -v --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_err "GETSTATUS stalled while busy; retrying"
    expect_dump "$WORK/app.bin" $APP
}

case_quirk_stuck_busy_double_clrstatus() {
    make_app app 6 4096
    cli_sim --profile STM32H743 -- flash -v --address 0x08100000 "$WORK/app.bin"
    expect_rc 0
    expect_err "stuck in dfuDNBUSY; sending CLRSTATUS twice"
    expect_dump "$WORK/app.bin" $((0x08100000))
}

# --- read, verify, erase, leave, detach, unprotect ------------------------

case_read_flash() {
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- read --address $APP --length 70000 -o "$WORK/back.bin"
    expect_rc 0
    cmp -s "$WORK/app.bin" "$WORK/back.bin" || fail "read-back differs"
}

case_read_needs_length() {
    "$CLI" read --address $APP -o "$WORK/x.bin" >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
}

case_verify_match() {
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- verify --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "matches"
}

case_verify_mismatch() {
    make_app
    fixture patch "$WORK/app.bin" 300 1 4 "$WORK/other.bin"
    cli_sim --image "$WORK/app.bin@$APP" -- verify --address $APP "$WORK/other.bin"
    expect_rc 76
    expect_err "verify at 0x0800012C failed: the device's memory differs from the file"
}

case_erase_range() {
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- erase --address 0x08004000 --length 16384
    expect_rc 0
    expect_blank $((0x08004000)) 16384
    head -c 16384 "$WORK/app.bin" >"$WORK/first.bin"
    expect_dump "$WORK/first.bin" $APP
}

case_erase_mass_needs_force() {
    "$CLI" erase --mass >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
    expect_err "add --force"
}

case_erase_mass() {
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- erase --mass --force
    expect_rc 0
    expect_blank $APP 70000
}

case_leave_starts_application() {
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- leave
    expect_rc 0
    expect_out "application started"
}

case_leave_at_address() {
    # An application whose vector table is at 0x08004000 (the second sector).
    make_app app 8 4096
    cli_sim --image "$WORK/app.bin@0x08004000" -- leave --address 0x08004000
    expect_rc 0
    expect_out "application started at 0x08004000"
}

case_erase_outside_map() {
    cli_sim -- erase --address 0x30000000 --length 16
    expect_rc 65
    expect_err "erase at 0x30000000: the address is outside the device's memory map"
}

case_read_read_protected() {
    cli_sim --read-protected -- read --address $APP --length 16 -o "$WORK/x.bin"
    expect_rc 76
    expect_err "read at 0x08000000 refused: the device is read-protected"
    expect_err "stm32dfu unprotect --force"
    [ ! -e "$WORK/x.bin" ] || fail "a refused read still wrote the output file"
}

case_detach_already_bootloader() {
    cli_sim -- detach
    expect_rc 0
    expect_out "already in the bootloader"
}

case_detach_application() {
    cli_sim --mode app -- detach
    expect_rc 0
    expect_out "bootloader ready"
    # The runtime state is asked first (appIDLE), then DETACH.
    grep -q '"GETSTATE": 1' "$WORK/stats.json" || fail "no DFU_GETSTATE before DETACH"
    grep -q '"DETACH": 1' "$WORK/stats.json" || fail "no DFU_DETACH"
}

case_unprotect_needs_force() {
    "$CLI" unprotect >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
    expect_err "add --force"
}

# --- read protection, option bytes, device-reported errors ---------------

case_info_read_protected() {
    cli_sim --read-protected -- info
    expect_rc 0
    expect_out "read protection: active"
    expect_out "unprotect --force"
}

case_flash_read_protected() {
    make_app
    cli_sim --read-protected -- flash --address $APP "$WORK/app.bin"
    expect_rc 76
    expect_err "read-protected"
    expect_err "errVENDOR"
    expect_err "stm32dfu unprotect --force"
}

case_unprotect_removes_protection() {
    sim --read-protected -- sh -c "'$CLI' unprotect --force && '$CLI' info"
    expect_rc 0
    expect_out "read protection removed"
    expect_out "read protection: level 0"
}

case_read_address_not_allowed() {
    cli_sim -- read --address 0x30000000 --length 16 -o "$WORK/x.bin"
    expect_rc 76
    expect_err "0x30000000"
    expect_err "errTARGET"
    expect_err "does not allow that address"
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
    expect_out "option bytes decoded: RDP 0xAA, .*nWRP 0x313$"
}

# --- progress output ------------------------------------------------------

case_progress_plain_lines_without_tty() {
    make_app
    cli_sim -- flash --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_err "^stm32dfu: write: 70000 bytes$"
    ! grep -q $'\r' "$WORK/err" || fail "carriage returns on a non-terminal"
}

case_progress_bar_on_tty() {
    make_app
    # script(1) gives the command a terminal; its output is the terminal's.
    sim -- script -qec "'$CLI' flash --address $APP '$WORK/app.bin'" /dev/null
    expect_rc 0
    grep -q $'\r'"write  \[#" "$WORK/out" || fail "no progress bar on the terminal"
    expect_out "KiB/s"
    expect_out "s left"
}

case_progress_quiet() {
    make_app
    cli_sim -- flash --quiet --address $APP "$WORK/app.bin"
    expect_rc 0
    [ ! -s "$WORK/err" ] || fail "--quiet still printed on stderr"
}

# quirk_case SIM-ARGS...: a flash with verify succeeds on a board with that quirk.
quirk_case() {
    make_app old 12 70000
    make_app
    cli_sim --image "$WORK/old.bin@$APP" "$@" -- flash -vv --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "verified"
    expect_dump "$WORK/app.bin" $APP
}

case_quirk_extra_busy_polls() {
    SIM_TIME_SCALE=0.01 quirk_case --quirk extra-busy-polls
    # Some command answered dfuDNBUSY to two GETSTATUS in a row.
    grep 'GETSTATUS' "$WORK/err" | uniq -c | grep -q '^ *[2-9][0-9]* .*dfuDNBUSY' ||
        fail "no repeated dfuDNBUSY"
}

case_quirk_special_direct_idle() {
    quirk_case --quirk special-direct-idle
    grep -A1 'wBlockNum=0 len=5' "$WORK/err" | grep -q 'GETSTATUS -> dfuDNLOAD-IDLE' ||
        fail "no command went straight to dfuDNLOAD-IDLE"
}
case_quirk_clrstatus_stall() { quirk_case --start error --quirk clrstatus-stall; }
case_quirk_program_and() { quirk_case --quirk program-and; }

case_quirk_short_mass_erase_poll() {
    # The F405 says 100 ms for a mass erase that takes seconds (dfu-util 47af500);
    # the GETSTATUS after it needs a long USB timeout, not a longer sleep.
    make_app
    SIM_TIME_SCALE=0.05 cli_sim --profile STM32F405 --image "$WORK/app.bin@$APP" -- erase --mass --force
    expect_rc 0
    expect_blank $APP 70000
}

case_read_output_not_writable() {
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- read --address $APP --length 16 -o "$WORK/no/such/dir/x.bin"
    expect_rc 73
    expect_err "cannot create .*x.bin"
}

case_flash_application_without_detach() {
    make_app
    cli_sim --mode app -- flash --address $APP "$WORK/app.bin"
    expect_rc 69
    expect_err "application 1209:0001 on .* can detach"
    expect_err "add --detach"
}

# Each row of the series table (host/src/quirks.c) against the profile whose
# option-byte address selects it.
series_case() {
    cli_sim --profile "$1" -- info
    expect_rc 0
    expect_out "series: $2"
}
case_series_stm32f405() { series_case STM32F405 "STM32F2/F4"; }
case_series_stm32f107() {
    series_case STM32F107 "STM32F0/F1/F3"
    # F1 reads 0xA5 when not protected (PM0075 Rev 2 §2.4.1).
    expect_out "read protection: level 0 \\(RDP 0xA5\\)"
}
case_series_stm32f746() { series_case STM32F746 "STM32F7"; }
case_series_stm32h743() { series_case STM32H743 "STM32H7"; }
case_series_stm32l476() { series_case STM32L476 "STM32L4/G4"; }
case_series_stm32g474() { series_case STM32G474 "STM32L4/G4"; }

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
