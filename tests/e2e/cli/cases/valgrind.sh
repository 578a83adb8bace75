# SPDX-License-Identifier: MIT
# The CLI under valgrind memcheck (memcheck_sim in lib.sh): each command that
# talks to a device does its job with no memcheck error and no definitely lost
# block (docs/reliability.md, "valgrind"). The same assertions as the plain
# cases of each command hold too, so memcheck checks a run that worked.

case_valgrind_list() {
    memcheck_sim --profile STM32F405 -- list --json
    expect_memcheck_clean
    expect_rc 0
    expect_json '.[0].mode == "bootloader" and .[0].series == "STM32F2/F4"'
}

case_valgrind_info() {
    memcheck_sim --profile STM32F405 -- info
    expect_memcheck_clean
    expect_rc 0
    expect_out "read protection: level 0"
}

# A flash from the running application: detach, erase, write, verify and
# leave; the application starts.
case_valgrind_flash() {
    fixture pattern 1 20000 "$WORK/app.bin"
    memcheck_sim --profile STM32F405 --mode app -- flash --detach --address $APP "$WORK/app.bin"
    expect_memcheck_clean
    expect_rc 0
    expect_out "verified"
    expect_dump "$WORK/app.bin" $APP
}

case_valgrind_read() {
    fixture pattern 1 20000 "$WORK/app.bin"
    memcheck_sim --image "$WORK/app.bin@$APP" -- read --address $APP --length 20000 -o "$WORK/back.bin"
    expect_memcheck_clean
    expect_rc 0
    cmp -s "$WORK/app.bin" "$WORK/back.bin" || fail "the bytes read differ from the flash"
}

case_valgrind_verify() {
    fixture pattern 1 20000 "$WORK/app.bin"
    memcheck_sim --image "$WORK/app.bin@$APP" -- verify --address $APP "$WORK/app.bin"
    expect_memcheck_clean
    expect_rc 0
    expect_out "match"
}

case_valgrind_detach() {
    memcheck_sim --mode app -- detach
    expect_memcheck_clean
    expect_rc 0
    expect_out "bootloader ready"
}
