# SPDX-License-Identifier: MIT
# stm32dfu option-bytes: show, set by name (one change per layout, read back
# by a second command), the interlocks, usage errors, and what the changed
# option bytes do in the simulator (write protection, read protection, BFB2).

# ob_sim PROFILE [SIM-ARGS...] -- SCRIPT: SCRIPT under the simulator, with
# $CLI as "stm32dfu" (each command's exit code echoed by the script itself).
# BOOT0 is held high, as for an option-byte change over the ROM (AN2606), so
# the reset that applies them comes back in the ROM; SIM-ARGS may say
# --boot0 low.
ob_sim() {
    local profile=$1 args=()
    shift
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        args+=("$1")
        shift
    done
    shift
    sim --profile "$profile" --boot0 high "${args[@]}" -- sh -c "stm32dfu() { '$CLI' \"\$@\"; }; $1"
}

# set_case PROFILE SETTING RAW: option-bytes --set SETTING, then info: exit 0,
# and the option bytes start with RAW (hex bytes as info prints them).
set_case() {
    ob_sim "$1" -- "stm32dfu option-bytes --set $2; echo \"set=\$?\"; stm32dfu info"
    expect_out "^set=0"
    expect_out "option bytes written; the device reset, is back, and they read back as set"
    expect_out "^  ${2%%=*}: "
    expect_out "^  $3"
}

case_optionbytes_show_f405() {
    cli_sim --profile STM32F405 -- option-bytes
    expect_rc 0
    expect_out "^option bytes at 0x1FFFC000:"
    expect_out "^option bytes decoded: RDP 0xAA \(level 0\), .*BOR_LEV 3, nWRP 0xFFF$"
}

# One change per layout (reference manual field names); RAW shows the field
# and, where the layout keeps one, its complement or program-register copy.
# RM0090 Rev 19 §3.7.1: BOR_LEV bits 3:2 of the USER byte (0xEC -> 0xE4).
case_optionbytes_set_f405_bor_lev() { set_case STM32F405 BOR_LEV=1 "E4 AA"; }

# PM0075 Rev 2 §2.5: WDG_SW is USER bit 0; nUSER follows it (FF 00 -> FE 01).
case_optionbytes_set_f107_wdg_sw() { set_case STM32F107 WDG_SW=0 "A5 5A FE 01"; }

# RM0385 Rev 8 §3.4.1: WWDG_SW is USER bit 4; its complement 2 bytes on.
case_optionbytes_set_f746_wwdg_sw() { set_case STM32F746 WWDG_SW=0 "EC AA 13 55"; }

# RM0433 Rev 7 §4.9.7-8: BOR_LEV in OPTSR_CUR bits 3:2, and in OPTSR_PRG.
case_optionbytes_set_h743_bor_lev() { set_case STM32H743 BOR_LEV=2 "F8 AA 16 14 F8 AA 16 14"; }

# RM0351 Rev 9 §3.7.8: nRST_STOP is OPTR bit 12; the complement word follows.
case_optionbytes_set_l476_nrst_stop() { set_case STM32L476 nRST_STOP=0 "AA E8 EF FF 55 17 10 00"; }

# RM0440 Rev 8 §5.7.8: IRHEN is OPTR bit 30; the complement word follows.
case_optionbytes_set_g474_irhen() { set_case STM32G474 IRHEN=0 "AA F8 EF BF 55 07 10 40"; }

case_optionbytes_set_several_fields() {
    ob_sim STM32F405 -- "stm32dfu option-bytes --set BOR_LEV=0 --set nRST_STOP=0 --set WDG_SW=0;
        echo \"set=\$?\"; stm32dfu info"
    expect_out "^set=0"
    expect_out "^  BOR_LEV: 0x3 -> 0x0"
    expect_out "^  nRST_STOP: 0x1 -> 0x0 \(reset on entering Stop\)"
    expect_out "^  80 AA"
}

case_optionbytes_set_unchanged_writes_nothing() {
    cli_sim --profile STM32F405 -v -- option-bytes --set BOR_LEV=3
    expect_rc 0
    expect_out "already hold these values; nothing was written"
    ! grep -q "control 21 01 0002" "$WORK/err" || fail "a DNLOAD of data went out"
}

case_optionbytes_unknown_field() {
    cli_sim --profile STM32F405 -- option-bytes --set BFB2=1
    expect_rc 64
    expect_err "the STM32F2/F4 option bytes have no field 'BFB2'; the fields are: RDP, nRST_STDBY, nRST_STOP, WDG_SW, BOR_LEV, nWRP"
    expect_err "try 'stm32dfu option-bytes --help'"
}

case_optionbytes_value_out_of_range() {
    cli_sim --profile STM32F405 -- option-bytes --set BOR_LEV=4
    expect_rc 64
    expect_err "--set BOR_LEV=4: out of range; BOR_LEV is 0 to 0x3"
}

case_optionbytes_one_bit_value_out_of_range() {
    cli_sim --profile STM32L476 -- option-bytes --set WWDG_SW=2
    expect_rc 64
    expect_err "WWDG_SW is 0 \(hardware window watchdog\) or 1 \(software window watchdog\)"
}

case_optionbytes_complement_refused() {
    cli_sim --profile STM32F107 -- option-bytes --set nRDP=0x5A
    expect_rc 64
    expect_err "nRDP is the complement of RDP and follows it; set RDP"
}

case_optionbytes_bad_syntax() {
    cli_sim --profile STM32F405 -- option-bytes --set BOR_LEV
    expect_rc 64
    expect_err "give FIELD=VALUE"
    cli_sim --profile STM32F405 -- option-bytes --set BOR_LEV=three
    expect_rc 64
    expect_err "set"
}

case_optionbytes_rdp_level2_needs_permanent_lock() {
    ob_sim STM32F405 -- "stm32dfu option-bytes --set RDP=0xCC; echo \"set=\$?\"; stm32dfu info"
    expect_out "^set=64"
    expect_err "level 2, which locks the chip for good"
    expect_err "nothing was written; give --allow-permanent-lock"
    expect_out "read protection: level 0"
}

# Level 2 disables boot from system memory (RM0090 §3.7.3): without an
# application the reset leaves nothing on the bus, and the exit is not 0
# because nothing can be read back.
case_optionbytes_rdp_level2_without_application() {
    ob_sim STM32F405 -- "stm32dfu option-bytes --allow-permanent-lock --timeout 1 --set RDP=0xCC;
        echo \"set=\$?\"; stm32dfu list; echo \"list=\$?\""
    expect_out "^set=69"
    expect_err "RDP level 2 was asked; the device reset and nothing came back within 1 s"
    expect_err "which is what level 2 does; the option bytes cannot be read back"
    expect_err "permanently locked: RDP level 2, the ROM bootloader disabled, JTAG/SWD debug access disabled"
    expect_no_out "read-protected as asked"
    expect_out "^list=0"
    expect_err "list: no DFU device found"
}

# With a valid application the reset starts it, never the ROM; a detach from
# it comes back as the application again.
case_optionbytes_rdp_level2_with_application() {
    make_app
    ob_sim STM32F405 --image "$WORK/app.bin@$APP" -- \
        "stm32dfu option-bytes --allow-permanent-lock --set RDP=0xCC; echo \"set=\$?\";
        stm32dfu detach; echo \"detach=\$?\""
    expect_out "^set=69"
    expect_err "RDP level 2 was asked; the device reset and came back as the application \(1209:0001\), not the bootloader"
    expect_err "which is what level 2 does; the option bytes cannot be read back"
    expect_err "permanently locked: RDP level 2, the ROM bootloader disabled"
    expect_out "^detach=69"
    expect_err "came back as the application, not the ROM bootloader"
    expect_err "or as any part does at read protection level 2"
}

case_optionbytes_rdp_level1_set() {
    make_app
    ob_sim STM32F405 --image "$WORK/app.bin@$APP" -- "stm32dfu option-bytes --set RDP=0x55;
        echo \"set=\$?\"; stm32dfu read -a $APP -l 16 -o '$WORK/back.bin'; echo \"read=\$?\""
    expect_out "^set=0"
    expect_out "read-protected as asked"
    expect_out "^read=76"
    expect_err "read-protected"
    expect_dump "$WORK/app.bin" $APP
}

case_optionbytes_leave_level1_needs_force() {
    make_app
    ob_sim STM32F405 --read-protected --image "$WORK/app.bin@$APP" -- \
        "stm32dfu option-bytes --set RDP=0xAA; echo \"set=\$?\""
    expect_out "^set=64"
    expect_err "leaving read protection level 1 erases ALL of the flash; nothing was written; give --force"
    expect_dump "$WORK/app.bin" $APP
}

case_optionbytes_leave_level1_with_force() {
    make_app
    ob_sim STM32F405 --read-protected --image "$WORK/app.bin@$APP" -- \
        "stm32dfu option-bytes --force --set RDP=0xAA; echo \"set=\$?\"; stm32dfu info"
    expect_out "^set=0"
    expect_out "read protection level 1 left: the device erased its flash and is back"
    expect_out "read protection: level 0"
    expect_blank $APP 70000
}

case_optionbytes_read_protected_other_field() {
    cli_sim --profile STM32F405 --read-protected -- option-bytes --set BOR_LEV=1
    expect_rc 76
    expect_err "read protection is active: the device refuses to read its option bytes"
    expect_err "--set RDP=0xAA --force lifts it"
}

case_optionbytes_bfb2_needs_allow_rom_unreachable() {
    ob_sim STM32L476 -- "stm32dfu option-bytes --set BFB2=1; echo \"set=\$?\"; stm32dfu info"
    expect_out "^set=64"
    expect_err "makes the ROM bootloader unreachable from the application: BFB2=1"
    expect_err "hold BOOT0 high at reset and run 'stm32dfu option-bytes --set BFB2=0'"
    expect_err "nothing was written; give --allow-rom-unreachable"
    expect_out "BFB2 0 \(dual-bank boot off\)"
}

case_optionbytes_g474_nswboot0_needs_allow_rom_unreachable() {
    # nBOOT0 reads 1: with nSWBOOT0 0 the pin is ignored and BOOT0 is 0.
    cli_sim --profile STM32G474 -- option-bytes --set nSWBOOT0=0
    expect_rc 64
    expect_err "nSWBOOT0=0 with nBOOT0=1 ignores the BOOT0 pin"
    expect_err "'stm32dfu option-bytes --set nSWBOOT0=1'"
}

# RM0440 Rev 8 §2.6: nSWBOOT0 0 takes BOOT0 from nBOOT0; nBOOT0 0 is BOOT0 1,
# so every reset starts the ROM (nBOOT1 1) and never the application.
case_optionbytes_g474_nboot0_low_needs_allow_app_unbootable() {
    ob_sim STM32G474 -- "stm32dfu option-bytes --set nSWBOOT0=0 --set nBOOT0=0; echo \"set=\$?\";
        stm32dfu option-bytes"
    expect_out "^set=64"
    expect_err "this change stops every reset from starting the application: nSWBOOT0=0 with nBOOT0=0 ignores the BOOT0 pin"
    expect_err "every reset and power-up starts the ROM bootloader and never the application"
    expect_err "run 'stm32dfu option-bytes --set nSWBOOT0=1'"
    expect_err "nothing was written; give --allow-app-unbootable if you mean it"
    ! grep -q "unreachable" "$WORK/err" || fail "ROM-unreachable interlock named for a reachable ROM"
    expect_out "nSWBOOT0 1 \(BOOT0 from the BOOT0 pin\)"
}

case_optionbytes_g474_nboot0_low_allowed_then_undone() {
    make_app
    ob_sim STM32G474 --image "$WORK/app.bin@$APP" -- \
        "stm32dfu option-bytes --allow-app-unbootable --set nSWBOOT0=0 --set nBOOT0=0;
        echo \"set=\$?\"; stm32dfu leave; echo \"leave=\$?\"; stm32dfu detach; echo \"detach=\$?\";
        stm32dfu option-bytes --set nSWBOOT0=1; echo \"undo=\$?\""
    expect_out "^set=0"
    expect_err "note: after this change no reset starts the application: nSWBOOT0=0 with nBOOT0=0"
    expect_out "nSWBOOT0 0 \(BOOT0 from the nBOOT0 bit\), nBOOT0 0"
    # The ROM's leave still jumps to the application; its detach resets into the ROM.
    expect_out "^leave=0"
    expect_out "^detach=0"
    expect_out "^undo=0"
    expect_out "nSWBOOT0: 0x0 -> 0x1 \(BOOT0 from the BOOT0 pin\)"
}

case_optionbytes_g474_nboot1_low_names_sram_boot() {
    ob_sim STM32G474 -- "stm32dfu option-bytes --set nBOOT1=0 --set nSWBOOT0=0 --set nBOOT0=0;
        echo \"set=\$?\""
    expect_out "^set=64"
    expect_err "with nBOOT1=0 every reset starts the embedded SRAM: neither the application nor the ROM bootloader starts, and only a debugger \(SWD\) can undo it"
}

# The simulator applies what option-bytes writes.

case_optionbytes_nwrp_protects_sector() {
    make_app
    ob_sim STM32F405 -- "stm32dfu option-bytes --set nWRP=0xFFE; echo \"set=\$?\";
        stm32dfu flash -a $APP '$WORK/app.bin'; echo \"protected=\$?\";
        stm32dfu option-bytes --set nWRP=0xFFF; echo \"unset=\$?\";
        stm32dfu flash -a $APP '$WORK/app.bin'; echo \"flash=\$?\""
    expect_out "^set=0"
    expect_out "^protected=76"
    expect_err "errWRITE: sector 0 \(0x08000000-0x08003FFF\) is most likely write-protected by the option bytes \(nWRP bit 0 is 0"
    expect_err "'stm32dfu option-bytes --set nWRP=VALUE', then flash again"
    expect_out "^unset=0"
    expect_out "^flash=0"
    expect_dump "$WORK/app.bin" $APP
}

case_optionbytes_write_protect_sets_nwrp() {
    cli_sim --profile STM32F405 --write-protect 0x08004000 -- option-bytes
    expect_rc 0
    expect_out "nWRP 0xFFD$"
}

case_optionbytes_write_protect_sets_wrp1a_l476() {
    # Page 1 of the L476 (2 KiB pages): WRP1A from page 1 to page 1.
    make_app
    ob_sim STM32L476 --write-protect 0x08000800 -- "stm32dfu option-bytes;
        stm32dfu flash -a $APP '$WORK/app.bin'; echo \"flash=\$?\""
    expect_out "WRP1A_STRT 0x1, WRP1A_END 0x1, WRP1B_STRT 0xFF, WRP1B_END 0x0"
    expect_out "^flash=76"
    expect_err "sector 1 \(0x08000800-0x08000FFF\) is most likely write-protected by the option bytes \(page 1 lies in the WRP1A or WRP1B area"
}

case_optionbytes_wrp1a_cleared_l476() {
    make_app
    ob_sim STM32L476 --write-protect 0x08000800 -- \
        "stm32dfu option-bytes --set WRP1A_STRT=0xFF --set WRP1A_END=0; echo \"set=\$?\";
        stm32dfu flash -a $APP '$WORK/app.bin'; echo \"flash=\$?\""
    expect_out "^set=0"
    expect_out "^flash=0"
    expect_dump "$WORK/app.bin" $APP
}

case_optionbytes_wrp_f107_pages() {
    # PM0075 Rev 2 §2.5: WRP0 bit 1 protects pages 2 and 3 (0x08001000-0x08001FFF).
    make_app app 1 16384
    ob_sim STM32F107 -- "stm32dfu option-bytes --set WRP0=0xFD; echo \"set=\$?\";
        stm32dfu flash -a $APP '$WORK/app.bin'; echo \"flash=\$?\""
    expect_out "^set=0"
    expect_out "^flash=76"
    expect_err "write at 0x08001000 failed: .*sector 2 \(0x08001000-0x080017FF\).*WRP0 bit 1 is 0"
}

case_optionbytes_wrpsn_h743() {
    make_app
    ob_sim STM32H743 -- "stm32dfu option-bytes --set WRPSn=0xFE; echo \"set=\$?\";
        stm32dfu flash -a $APP '$WORK/app.bin'; echo \"flash=\$?\""
    expect_out "^set=0"
    expect_out "^flash=76"
    expect_err "sector 0 \(0x08000000-0x0801FFFF\) .*WRPSn bit 0 is 0"
}

# The board's BOOT0 pin decides what the reset that applies the option bytes
# starts (RM0351 §2.6 "Boot configuration"; AN2606 "dual bank boot"; simulator
# --boot0, docs/simulator.md "Resets and BOOT0").

# BOOT0 low with BFB2 set and a valid application: the ROM starts it at once,
# so the option bytes cannot be read back: not 0, naming BFB2 and the undo.
case_optionbytes_bfb2_boot0_low_comes_back_as_application() {
    make_app
    ob_sim STM32L476 --boot0 low --image "$WORK/app.bin@$APP" -- \
        "stm32dfu option-bytes --allow-rom-unreachable --set BFB2=1; echo \"set=\$?\""
    expect_out "^set=69"
    expect_err "the option bytes were written and the device reset to apply them, but it came back as the application \(1209:0001\), not the bootloader, so they could not be read back"
    expect_err "BFB2=1 now sends every reset to the application while BOOT0 is low"
    expect_err "to undo it, hold BOOT0 high at reset and run 'stm32dfu option-bytes --set BFB2=0'"
    expect_no_out "read back as set"
}

# And a DFU detach from that application comes back as the application too.
case_optionbytes_bfb2_detach_returns_to_application() {
    make_app
    ob_sim STM32L476 --boot0 low --image "$WORK/app.bin@$APP" -- \
        "stm32dfu option-bytes --allow-rom-unreachable --set BFB2=1; echo \"set=\$?\";
        stm32dfu detach; echo \"detach=\$?\""
    expect_out "^set=69"
    expect_out "^detach=69"
    expect_err "was sent DFU_DETACH, left the bus and came back as the application, not the ROM bootloader"
    expect_err "'stm32dfu option-bytes --set BFB2=0'"
    expect_no_out "bootloader ready"
}

# BOOT0 high boots the ROM whatever BFB2 says: the change is read back (exit
# 0), and clearing BFB2 again is read back too.
case_optionbytes_bfb2_boot0_high_read_back_and_cleared() {
    make_app
    ob_sim STM32L476 --boot0 high --image "$WORK/app.bin@$APP" -- \
        "stm32dfu option-bytes --allow-rom-unreachable --set BFB2=1; echo \"set=\$?\";
        stm32dfu option-bytes --set BFB2=0; echo \"clear=\$?\"; stm32dfu option-bytes"
    expect_out "^set=0"
    expect_out "^  BFB2: 0x0 -> 0x1"
    expect_out "^clear=0"
    expect_out "^  BFB2: 0x1 -> 0x0"
    [ "$(grep -c "they read back as set" "$WORK/out")" = 2 ] || fail "both changes read back"
    expect_out "BFB2 0 \(dual-bank boot off\)"
}

# bfb2_then_detach [SIM-ARGS...]: on an L476 with BOOT0 low and an erased flash,
# set BFB2 (no valid bank, so the ROM stays and the change is read back), flash
# an application, then detach from it: the reset comes back as the application,
# and detach names the command that clears BFB2.
bfb2_then_detach() {
    make_app
    ob_sim STM32L476 --boot0 low "$@" -- \
        "stm32dfu option-bytes --allow-rom-unreachable --set BFB2=1; echo \"set=\$?\";
        stm32dfu flash --address $APP '$WORK/app.bin'; echo \"flash=\$?\";
        stm32dfu detach; echo \"detach=\$?\""
    expect_out "^set=0"
    expect_out "^flash=0"
    expect_out "^detach=69"
    expect_err "'stm32dfu option-bytes --set BFB2=0'"
    expect_no_out "bootloader ready"
}

case_optionbytes_bfb2_boot0_low_empty_flash_stays_in_rom() {
    bfb2_then_detach
    expect_out "they read back as set"
    expect_err "was sent DFU_DETACH, left the bus and came back as the application, not the ROM bootloader"
}

# BOOT0 low without BFB2 starts the main flash: a valid application runs
# (nothing asked for the ROM), so nothing can be read back.
case_optionbytes_boot0_low_comes_back_as_application() {
    make_app
    ob_sim STM32F405 --boot0 low --image "$WORK/app.bin@$APP" -- \
        "stm32dfu option-bytes --set BOR_LEV=1; echo \"set=\$?\""
    expect_out "^set=69"
    expect_err "came back as the application \(1209:0001\), not the bootloader, so they could not be read back: with BOOT0 low a reset starts the application"
    expect_err "hold BOOT0 high at reset to stay in the bootloader, then check them with 'stm32dfu option-bytes'"
    expect_no_out "read back as set"
}

# An erased flash gives the core nothing to run: the board stays off the bus.
case_optionbytes_boot0_low_empty_flash_nothing_comes_back() {
    ob_sim STM32F405 --boot0 low -- \
        "stm32dfu option-bytes --timeout 1 --set BOR_LEV=1; echo \"set=\$?\"; stm32dfu list"
    expect_out "^set=69"
    expect_err "did not come back within 1 s, so they could not be checked; power-cycle it \(holding BOOT0 high if its flash holds no application"
    expect_err "list: no DFU device found"
}
