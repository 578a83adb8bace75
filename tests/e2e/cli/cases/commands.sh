# SPDX-License-Identifier: MIT
# read, verify, erase, leave, detach and unprotect, read protection and
# option bytes, and access denied by the system (exit 77).

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
    expect_err "erase: 0x30000000 is outside Internal Flash \(0x08000000-0x080FFFFF\)"
}

case_read_read_protected() {
    cli_sim --read-protected -- read --address $APP --length 16 -o "$WORK/x.bin"
    expect_rc 76
    expect_err "read at 0x08000000 refused: the device is read-protected"
    expect_err "stm32dfu unprotect --force"
    [ ! -e "$WORK/x.bin" ] || fail "a refused read still wrote the output file"
}

case_detach_no_bootloader_appears() {
    # A first run finds DETACH's number among the board's control requests
    # (simulator log, bmRequestType 21 bRequest 00); the second run's board
    # drops off the bus at that request and never comes back as a ROM.
    n=$(request_number 1 'control 21 00 ' DFU_DETACH --mode app -- detach) || exit 1
    cli_sim --mode app --fault "disconnect@req=$n" -- detach
    expect_rc 69
    expect_err "the application on .* detached but no bootloader appeared within 10 s"
    expect_err "check that the firmware enters the ROM bootloader"
}

# The same detach with --timeout 1: the message gives the shorter wait.
case_detach_timeout_honoured() {
    n=$(request_number 1 'control 21 00 ' DFU_DETACH --mode app -- detach) || exit 1
    cli_sim --mode app --fault "disconnect@req=$n" -- detach --timeout 1
    expect_rc 69
    expect_err "the application on .* detached but no bootloader appeared within 1 s"
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

case_unprotect_removes_protection() {
    sim --read-protected -- sh -c "'$CLI' unprotect --force && '$CLI' info"
    expect_rc 0
    expect_out "read protection removed"
    expect_out "read protection: level 0"
}

case_read_address_not_allowed() {
    # Refused against the memory map before any request.
    cli_sim -- read --address 0x30000000 --length 16 -o "$WORK/x.bin"
    expect_rc 65
    expect_err "read: 0x30000000 is outside Internal Flash \(0x08000000-0x080FFFFF\)"
    grep -q '"UPLOAD": 0' "$WORK/stats.json" || fail "UPLOAD sent for an address outside the map"
}

case_read_output_not_writable() {
    make_app
    cli_sim --image "$WORK/app.bin@$APP" -- read --address $APP --length 16 -o "$WORK/no/such/dir/x.bin"
    expect_rc 73
    expect_err "cannot create .*x.bin"
}


case_access_denied_names_udev_rules() {
    as_nobody_without_access info
    expect_rc 77
    expect_err "permission denied opening the USB device; the udev rules let the logged-in user"
    expect_err "an installed stm32dfu has them in $UDEV_RULES;"
    expect_err "from a source tree, copy them: sudo cp host/udev/50-stm32dfu.rules /etc/udev/rules.d/"
    expect_err "udevadm control --reload-rules"
}

case_access_list_shows_hint() {
    as_nobody_without_access list
    expect_rc 0
    expect_out "0483:df11  bootloader"
    expect_out "permission denied: the udev rules .* has them in $UDEV_RULES;"
    expect_out "4 alternate settings, names not readable"
}
