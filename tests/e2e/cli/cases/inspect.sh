# SPDX-License-Identifier: MIT
# list and info: devices, parsed memory maps, series, protection, JSON.

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
    expect_out "^option bytes decoded: RDP 0xAA \\(level 0\\), nRST_STDBY 1 \\(no reset on entering Standby\\), nRST_STOP 1 \\(no reset on entering Stop\\), WDG_SW 1 \\(software independent watchdog\\), BOR_LEV 3, nWRP 0xFFF$"
}

case_info_json() {
    cli_sim --profile STM32F405 -- info --json
    expect_rc 0
    expect_out '^\{"path":"[0-9.-]+","vid":1155,"pid":57105,.*"series":"STM32F2/F4"'
    expect_out '"memory":"Internal Flash","regions":\[\{"start":134217728,"sector_size":16384,"sectors":4'
    # F405 option bytes at 0x1FFFC000 (536854528); RDP 0xAA is level 0.
    expect_out '"option_bytes":\{"address":536854528,"bytes":"[0-9A-F]{2}AA[0-9A-F]{28}","fields":\{"RDP":170,[^}]*"nWRP":4095\},"meanings":\{"RDP":"level 0",[^}]*"WDG_SW":"software independent watchdog"\}\},"read_protected":false,"rdp_level":0\}$'
}

case_info_json_read_protected() {
    cli_sim --read-protected -- info --json
    expect_rc 0
    expect_out '"option_bytes":null,"read_protected":true,"rdp_level":null\}$'
}

case_info_read_protected() {
    cli_sim --read-protected -- info
    expect_rc 0
    expect_out "read protection: active"
    expect_out "unprotect --force"
}

# Each row of the series table (host/src/series.c) against the profile whose
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

case_series_stm32l476() { series_case STM32L476 "STM32L4"; }

case_series_stm32g474() { series_case STM32G474 "STM32G4"; }

# Each option-byte layout (host/src/series.c) decoded from the bytes
# the profile's ROM returns: PROFILE RDP TEXT VALUES MEANINGS. info's line of
# fields (RDP with its level, then TEXT) and read protection level; info
# --json's fields (VALUES after RDP), meanings (MEANINGS after RDP's level)
# and rdp_level.
fields_case() {
    cli_sim --profile "$1" -- info
    expect_rc 0
    expect_out "^read protection: level 0 \(RDP 0x$2\)$"
    expect_out "^option bytes decoded: RDP 0x$2 \(level 0\), $3"
    cli_sim --profile "$1" -- info --json
    expect_rc 0
    expect_out "\"fields\":\{\"RDP\":$((16#$2)),$4\},\"meanings\":\{\"RDP\":\"level 0\",$5\}\},\"read_protected\":false,\"rdp_level\":0\}$"
}

# PM0075 Rev 2 §2.5: each byte followed by its complement.
case_fields_stm32f107() {
    fields_case STM32F107 A5 \
        "nRDP 0x5A, WDG_SW 1 \(software independent watchdog\), nRST_STOP 1 \(no reset on entering Stop\), nRST_STDBY 1 \(no reset on entering Standby\), nUSER 0x0, Data0 0xFF, .*WRP3 0xFF, nWRP3 0x0$" \
        '"nRDP":90,"WDG_SW":1,"nRST_STOP":1,"nRST_STDBY":1,"nUSER":0,"Data0":255,.*"WRP3":255,"nWRP3":0' \
        '"WDG_SW":"software independent watchdog","nRST_STOP":"no reset on entering Stop","nRST_STDBY":"no reset on entering Standby"'
}

case_fields_stm32f746() {
    fields_case STM32F746 AA \
        "nRST_STDBY 1 .*, nRST_STOP 1 .*, IWDG_SW 1 \(software independent watchdog\), WWDG_SW 1 \(software window watchdog\), BOR_LEV 3, nWRP 0xFF$" \
        '"nRST_STDBY":1,"nRST_STOP":1,"IWDG_SW":1,"WWDG_SW":1,"BOR_LEV":3,"nWRP":255' \
        '"nRST_STDBY":"no reset on entering Standby","nRST_STOP":"no reset on entering Stop","IWDG_SW":"software independent watchdog","WWDG_SW":"software window watchdog"'
}

case_fields_stm32h743() {
    fields_case STM32H743 AA \
        "NRST_STBY_D1 1 \(no reset when D1 enters DStandby\), NRST_STOP_D1 1 .*, IWDG1_SW 1 .*, BOR_LEV 0, FZ_IWDG_STOP 1 \(independent watchdog runs in Stop\), .*ST_RAM_SIZE 2, SECURITY 0 \(secure access mode off\)" \
        '"NRST_STBY_D1":1,"NRST_STOP_D1":1,"IWDG1_SW":1,"BOR_LEV":0,.*"ST_RAM_SIZE":2,"SECURITY":0,"IO_HSLV":0,"SWAP_BANK_OPT":0,"WRPSn":255' \
        '"NRST_STBY_D1":"no reset when D1 enters DStandby",.*"SWAP_BANK_OPT":"banks not swapped"'
}

case_fields_stm32l476() {
    fields_case STM32L476 AA \
        "BOR_LEV 0, nRST_STOP 1 .*, WWDG_SW 1 .*, BFB2 0 \(dual-bank boot off\), DUALBANK 1 .*, nBOOT1 1 \(BOOT0 high boots system memory\), SRAM2_PE 1 \(SRAM parity check off\), SRAM2_RST 1 \(SRAM2 kept on system reset\), WRP1A_STRT 0xFF, WRP1A_END 0x0, WRP1B_STRT 0xFF, WRP1B_END 0x0$" \
        '"BOR_LEV":0,"nRST_STOP":1,.*"DUALBANK":1,"nBOOT1":1,"SRAM2_PE":1,"SRAM2_RST":1,"WRP1A_STRT":255,"WRP1A_END":0,"WRP1B_STRT":255,"WRP1B_END":0' \
        '"nRST_STOP":"no reset on entering Stop",.*"SRAM2_RST":"SRAM2 kept on system reset"'
}

case_fields_stm32g474() {
    fields_case STM32G474 AA \
        "BOR_LEV 0, nRST_STOP 1 .*, DBANK 1 \(dual bank, 64-bit words\), .*nSWBOOT0 1 \(BOOT0 from the BOOT0 pin\), nBOOT0 1 \(BOOT0 = 0 when nSWBOOT0 is 0\), NRST_MODE 3, IRHEN 1 .*$" \
        '"BOR_LEV":0,"nRST_STOP":1,.*"DBANK":1,.*"nSWBOOT0":1,"nBOOT0":1,"NRST_MODE":3,"IRHEN":1,"WRP1A_STRT":255,"WRP1A_END":0,"WRP1B_STRT":255,"WRP1B_END":0' \
        '"nRST_STOP":"no reset on entering Stop",.*"nBOOT0":"BOOT0 = 0 when nSWBOOT0 is 0","IRHEN":"internal resets hold NRST low"'
}
