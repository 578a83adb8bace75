# SPDX-License-Identifier: MIT
# Faults (non-zero exit, the right message, no leave, a rerun succeeds) and
# the chip quirks the tool must handle.

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

# block_dnload_request: the number of the DNLOAD of data block 8 (wBlockNum 8)
# in a clean run of fault_case's flash, from the simulator's log.
block_dnload_request() {
    make_app old 11 70000
    make_app
    request_number 1 'control 21 01 0008 ' "DNLOAD of block 8" \
        --profile STM32F405 --image "$WORK/old.bin@$APP" -- flash --address $APP "$WORK/app.bin"
}

# The GETSTATUS that runs block 8's write, the request after its DNLOAD, STALLs.
case_fault_stall() {
    local n
    n=$(block_dnload_request) || exit 1
    fault_case "stall@req=$((n + 1))" \
        "write at 0x0800[0-9A-F]{4} failed: DFU_[A-Z]+: the device stalled the request; it is still in its bootloader"
}

case_fault_hold_status() {
    local n
    n=$(block_dnload_request) || exit 1
    fault_case "hold-status@req=$n" "did not answer in time \\(USB timeout\\)"
}

case_fault_disconnect() {
    make_app
    cli_sim --profile STM32F405 --fault "disconnect@addr=0x08004000" -- \
        flash --address $APP "$WORK/app.bin"
    expect_rc 74
    expect_err "write at 0x0800400.*(disconnected|failed)"
    expect_err "application was not started"
}

case_quirk_initial_dferror_cleared() {
    make_app
    cli_sim --profile STM32F405 --start error -- flash -vv --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_err "GETSTATUS -> dfuERROR errFIRMWARE"
    expect_dump "$WORK/app.bin" $APP
}

case_quirk_stall_while_busy() {
    # The L476 ROM STALLs a GETSTATUS that comes before the flash work ends; the
    # simulator counts the early polls in device time (2 per page erase), so they
    # come at any time scale and however late the CLI is scheduled.
    make_app app 5 8192
    cli_sim --profile STM32L476 -- flash -v --address $APP "$WORK/app.bin"
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
    grep 'GETSTATUS ->' "$WORK/err" | uniq -c | grep -q '^ *[2-9][0-9]* .*dfuDNBUSY' ||
        fail "no repeated dfuDNBUSY"
}

case_quirk_special_direct_idle() {
    quirk_case --quirk special-direct-idle
    # -vv: the DNLOAD, its reply, the GETSTATUS and its reply.
    grep -A3 'wBlockNum=0 len=5' "$WORK/err" | grep -q 'GETSTATUS -> dfuDNLOAD-IDLE' ||
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

# erase_bound_case PROFILE: the STM32L4 and STM32G4 quirk rows set their own
# page-erase bound, 5 s instead of the default 30 s (host/src/quirks.c; TIME
# BOUNDS in stm32dfu(1)): a board hung dfuDNBUSY in an erase is reported when
# that bound runs out. The fault hits the GETSTATUS that runs the erase, found
# in a clean run's log (the control line after "erase page", which the model
# logs while it runs it).
erase_bound_case() {
    make_app app 1 4096
    cli_sim -v --profile "$1" -- flash --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    local n
    n=$(awk '/erase page 0x08000000 /{found = 1} found && / control /{print $NF; exit}' "$WORK/err")
    [ -n "$n" ] || fail "no erase of 0x08000000 in the simulator log"
    cli_sim --profile "$1" --fault "busy-forever@req=$n" -- flash -v --address $APP "$WORK/app.bin"
    expect_rc 76
    expect_err "still dfuDNBUSY after 5000 ms at 0x08000000"
    expect_err "erase at 0x08000000 failed: the device still reported dfuDNBUSY when the time bound"
    expect_err "the application was not started"
}

case_quirk_erase_bound_per_series() { erase_bound_case STM32L476; }

case_quirk_erase_bound_per_series_g474() { erase_bound_case STM32G474; }
