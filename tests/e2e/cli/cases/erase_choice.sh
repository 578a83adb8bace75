# SPDX-License-Identifier: MIT
# How flash chooses its erases on the F0/F1/F3 series (host/src/quirks.c): a
# page reading all 0xFF is written without an erase (PM0075: programming
# checks only for 0xFFFF), and an image that touches every page of the flash,
# each needing an erase, gets one mass erase instead (DS6014: as fast as one
# page erase).

F107_FLASH=$((256 * 1024))

case_erasechoice_f107_blank_pages_not_erased() {
    make_app app 31 10000
    cli_sim --profile STM32F107 -- flash --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "10000 bytes written, 0 of 5 sectors erased, 0 unchanged, verified"
    expect_dump "$WORK/app.bin" $APP
    grep -q '"DNLOAD": [1-9]' "$WORK/stats.json" || fail "nothing written"
}

case_erasechoice_f107_old_pages_erased() {
    # Only the pages holding old bytes are erased; the blank ones are not.
    make_app old 32 4096
    make_app app 33 10000
    cli_sim --profile STM32F107 --image "$WORK/old.bin@$APP" -- \
        flash --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "10000 bytes written, 2 of 5 sectors erased, 0 unchanged, verified"
    expect_dump "$WORK/app.bin" $APP
}

case_erasechoice_f107_full_image_mass_erase() {
    make_app old 34 $F107_FLASH
    make_app app 35 $F107_FLASH
    cli_sim --profile STM32F107 --image "$WORK/old.bin@$APP" -- \
        flash --no-leave --json --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_json '.exit_code == 0 and .mass_erase == true and .sectors_erased == 128 and
        .bytes_verified == 262144'
    expect_dump "$WORK/app.bin" $APP
    # -v shows the one Mass Erase and no page Erase.
    cli_sim --profile STM32F107 --image "$WORK/old.bin@$APP" -- \
        flash -v --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "128 of 128 sectors erased \\(by one mass erase: the image covers every page\\)"
    [ "$(grep -c 'DfuSe Mass Erase' "$WORK/err")" -eq 1 ] || fail "not one Mass Erase"
    ! grep -q 'DfuSe Erase 0x' "$WORK/err" || fail "a page was erased besides the mass erase"
    expect_dump "$WORK/app.bin" $APP
}

case_erasechoice_f107_partial_image_no_mass_erase() {
    # One page short of the whole flash: the last page keeps its old bytes.
    make_app old 36 $F107_FLASH
    make_app app 37 $((F107_FLASH - 2048))
    cli_sim --profile STM32F107 --image "$WORK/old.bin@$APP" -- \
        flash --no-leave --json --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_json '.mass_erase == false and .sectors_erased == 127'
    expect_dump "$WORK/app.bin" $APP
    tail -c 2048 "$WORK/old.bin" >"$WORK/last.bin"
    expect_dump "$WORK/last.bin" $((APP + F107_FLASH - 2048))
}

case_erasechoice_f405_full_image_no_mass_erase() {
    # F2/F4 erase sector by sector either way: no mass erase there.
    make_app old 38 $((1024 * 1024))
    make_app app 39 $((1024 * 1024))
    cli_sim --profile STM32F405 --image "$WORK/old.bin@$APP" -- \
        flash --no-leave --json --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_json '.mass_erase == false and .sectors_erased == 12'
    expect_dump "$WORK/app.bin" $APP
}
