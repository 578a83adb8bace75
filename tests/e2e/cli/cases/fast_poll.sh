# SPDX-License-Identifier: MIT
# --fast-poll: the GETSTATUS after dfuDNBUSY goes without waiting bwPollTimeout
# on the series whose ROM holds it (host/src/quirks.c), falls back to spec
# timing on a device that STALLs it or answers it busy, and is refused, with a
# notice, elsewhere. The simulator's stats count the GETSTATUS that came before
# the bwPollTimeout of the dfuDNBUSY reply before them (early_getstatus); that
# count depends on scheduling when the CLI polls at once, so the tests assert
# it only where it must be 0 (a CLI that waits is never early).

# early_getstatus: the simulator's count of early GETSTATUS requests.
early_getstatus() {
    grep -o '"early_getstatus": [0-9]*' "$WORK/stats.json" | grep -o '[0-9]*$'
}

# fast_poll_flash SIM-ARGS...: flash --fast-poll an 8 KiB image over an older
# one (so a sector is erased), with verify; the flash must hold the image.
fast_poll_flash() {
    make_app old 21 8192
    make_app app 22 8192
    cli_sim --image "$WORK/old.bin@$APP" "$@" -- flash --fast-poll --no-leave --address $APP \
        "$WORK/app.bin"
    expect_rc 0
    expect_out "8192 bytes written, 1 of 1 sectors erased.*verified"
    expect_dump "$WORK/app.bin" $APP
}

case_fastpoll_f405_polls_without_waiting() {
    # The CLI's -vv log names each wait it chooses after a dfuDNBUSY: without
    # --fast-poll the bwPollTimeout the F405 asks for, with it none, while the
    # ROM holds each early GETSTATUS until the work ends (the same number of
    # GETSTATUS either way). Asserted on the CLI's decisions, not on timing.
    make_app old 21 8192
    make_app app 22 8192
    cli_sim --profile STM32F405 --image "$WORK/old.bin@$APP" -- \
        -vv flash --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_err "dfuDNBUSY: next GETSTATUS after [0-9]* ms"
    ! grep -q "at once (fast poll)" "$WORK/err" || fail "spec timing polled at once"
    [ "$(early_getstatus)" -eq 0 ] || fail "spec timing sent $(early_getstatus) early GETSTATUS"
    local spec_polls
    spec_polls=$(grep -o '"GETSTATUS": [0-9]*' "$WORK/stats.json" | grep -o '[0-9]*$')
    cli_sim --profile STM32F405 --image "$WORK/old.bin@$APP" -- \
        -vv flash --fast-poll --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_out "8192 bytes written, 1 of 1 sectors erased.*verified"
    expect_dump "$WORK/app.bin" $APP
    # 1 erase + 4 blocks, each answered dfuDNBUSY once.
    [ "$(grep -c "dfuDNBUSY: next GETSTATUS at once (fast poll)" "$WORK/err")" -ge 5 ] ||
        fail "--fast-poll did not poll at once after every dfuDNBUSY"
    ! grep -q "dfuDNBUSY: next GETSTATUS after" "$WORK/err" || fail "--fast-poll waited"
    grep -q "\"GETSTATUS\": $spec_polls," "$WORK/stats.json" ||
        fail "--fast-poll changed the number of GETSTATUS (spec: $spec_polls)"
    grep -q '"UPLOAD": [1-9]' "$WORK/stats.json" || fail "--fast-poll skipped the verify"
    ! grep -q "fast-poll:" "$WORK/err" || fail "a fast-poll notice on a device that allows it"
}

case_fastpoll_f746_allowed() {
    fast_poll_flash --profile STM32F746
    ! grep -q "fast-poll" "$WORK/err" || fail "a fast-poll notice on a device that allows it"
}

case_fastpoll_stall_falls_back_once() {
    # A ROM that STALLs early GETSTATUS (the L4's behaviour, dfu-util c15ee60) on
    # a series fast poll is allowed on: the first STALL drops it for the run.
    fast_poll_flash --profile STM32F405 --quirk stall-early-poll
    [ "$(grep -c -- "--fast-poll" "$WORK/err")" -eq 1 ] || fail "not exactly one fast-poll notice"
    expect_err "--fast-poll: the device stalled a GETSTATUS sent before its work ended, so every poll after that waited"
    grep -q '"UPLOAD": [1-9]' "$WORK/stats.json" || fail "the fallback skipped the verify"
}

case_fastpoll_busy_falls_back_once() {
    # A ROM that answers dfuDNBUSY to extra polls (STM32L151, dfu-util a2afb4b).
    fast_poll_flash --profile STM32F405 --quirk extra-busy-polls
    [ "$(grep -c -- "--fast-poll" "$WORK/err")" -eq 1 ] || fail "not exactly one fast-poll notice"
    expect_err "--fast-poll: the device answered dfuDNBUSY to a GETSTATUS sent before its work ended"
}

case_fastpoll_l476_not_used() {
    # The L476 profile STALLs early polls and the L4 series has no evidence for
    # fast poll: the CLI says so once and waits as the device asks.
    make_app app 23 8192
    cli_sim --profile STM32L476 -- flash --fast-poll --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    [ "$(grep -c -- "--fast-poll" "$WORK/err")" -eq 1 ] || fail "not exactly one fast-poll notice"
    expect_err "--fast-poll: not used on this STM32L4: there is no public evidence"
    expect_out "verified"
    expect_dump "$WORK/app.bin" $APP
}

case_fastpoll_erase_not_used_elsewhere() {
    # erase takes --fast-poll too; on the F107, H743 and G474 it is not used.
    local p
    for p in STM32F107 STM32H743 STM32G474; do
        make_app old 24 4096
        cli_sim --profile $p --image "$WORK/old.bin@$APP" -- erase --fast-poll -a $APP -l 4096
        expect_rc 0
        [ "$(grep -c -- "--fast-poll: not used on this STM32" "$WORK/err")" -eq 1 ] ||
            fail "$p: not exactly one fast-poll notice"
        expect_blank $APP 4096
    done
}
