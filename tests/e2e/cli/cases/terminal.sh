# SPDX-License-Identifier: MIT
# Verbosity, global options, the progress bar's width and end, and what an
# interrupted command says about the device.

# logged_vs_sent: every DFU request the board received is logged once with -v.
logged_vs_sent() {
    for r in DETACH DNLOAD UPLOAD GETSTATUS CLRSTATUS GETSTATE ABORT SET_INTERFACE; do
        local sent logged
        sent=$(grep -o "\"$r\": [0-9]*" "$WORK/stats.json" | grep -o '[0-9]*$')
        logged=$(grep -Ec "^stm32dfu: (DFU_)?$r " "$WORK/err")
        [ "$sent" -eq "$logged" ] || fail "$r: the board got $sent, -v logged $logged"
    done
}

case_terminal_verbose_logs_every_request() {
    make_app
    cli_sim --profile STM32F405 -- flash -v --address $APP "$WORK/app.bin"
    expect_rc 0
    logged_vs_sent
    expect_err "^stm32dfu: DFU_DNLOAD wBlockNum=2 len=2048$"
    expect_err "^stm32dfu: DfuSe Set Address Pointer 0x08000000$"
    # Replies only with -vv.
    ! grep -q " -> " "$WORK/err" || fail "-v logged replies"
    cli_sim --profile STM32F405 -- flash -vv --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_err "^stm32dfu: DFU_DNLOAD -> 2048 bytes$"
    expect_err "^stm32dfu: GETSTATUS -> dfuDNLOAD-IDLE OK"
}

case_terminal_verbose_logs_detach() {
    cli_sim --profile STM32F405 --mode app -- detach -v
    expect_rc 0
    logged_vs_sent
    expect_err "^stm32dfu: DFU_DETACH "
}

case_terminal_global_options_before_command() {
    cli_sim --profile STM32F405 -- -v list
    expect_rc 0
    expect_out "0483:df11"
    cli_sim --profile STM32F405 --serial ABC -- -v --serial ABC info
    expect_rc 0
    expect_out "serial ABC"
    expect_err "^stm32dfu: DFU_GETSTATUS "
    cli_sim --profile STM32F405 -- --serial=NOPE --quiet info
    expect_rc 69
    expect_err "no DFU device has --serial NOPE"
    cli_sim --profile STM32F405 -- --path 1-x info
    expect_rc 64
    expect_err "--path '1-x' is not a USB path"
    cli_sim --profile STM32F405 -- --json list
    expect_rc 64
    expect_err "'--json' is not a global option"
}

# tty_flash COLUMNS SIM-ARGS...: flash app.bin on a terminal COLUMNS wide
# (script(1) gives it one; stty sets its width, as TIOCGWINSZ then reports).
tty_flash() {
    local cols=$1
    shift
    sim --profile STM32F405 "$@" -- script -qec "stty cols $cols rows 24; '$CLI' flash --address $APP '$WORK/app.bin'" /dev/null
    # One redraw per line: split at carriage returns, keep the progress lines.
    tr '\r' '\n' <"$WORK/out" | grep -E '^(read|erase|write|verify) ' >"$WORK/bars" || true
    [ -s "$WORK/bars" ] || fail "no progress bar on the terminal"
}

case_terminal_progress_fits_50_columns() {
    make_app
    tty_flash 50
    expect_rc 0
    local widest
    widest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$WORK/bars")
    [ "$widest" -le 49 ] || fail "a progress line is $widest columns wide on a 50-column terminal"
    grep -q '^write  \[#' "$WORK/bars" || fail "no bar in 50 columns"
    [ "$(grep '^write ' "$WORK/bars" | tail -n 1 | grep -o '[0-9]*%')" = "100%" ] ||
        fail "the write bar does not end at 100%"
    [ "$(grep '^verify ' "$WORK/bars" | tail -n 1 | grep -o '[0-9]*%')" = "100%" ] ||
        fail "the verify bar does not end at 100%"
}

case_terminal_progress_wide_has_rate() {
    make_app
    tty_flash 120
    expect_rc 0
    grep -q '^write  \[##############################\] 100% .* KiB/s .* s left$' "$WORK/bars" ||
        fail "no full bar with rate and time left in 120 columns"
}

case_terminal_progress_ends_at_failure() {
    make_app
    # The write fails at 0x08004000: 16384 of 70000 bytes, 23%.
    tty_flash 50 --fault errWRITE@addr=0x08004000
    expect_rc 76
    [ "$(grep '^write ' "$WORK/bars" | tail -n 1 | grep -o '[0-9]*%')" = "23%" ] ||
        fail "the write bar does not end where the write failed"
    expect_out "write at 0x08004000 failed"
}

# interrupted_case SIGNAL N RC: flash with SIGNAL at the DNLOAD of the N-th
# data block (2048 bytes), found in a clean run's log; the message names the
# block X in flight, the flash holds the image before X and nothing from X, and
# a rerun finishes the job.
interrupted_case() {
    make_app
    local n
    n=$(request_number "$2" 'control 21 01 [0-9a-f]{4} [0-9a-f]{4} 0800 ' "data block $2" \
        --profile STM32F405 -- flash --no-leave --address $APP "$WORK/app.bin") || exit 1
    cli_sim --profile STM32F405 --fault "$1@req=$n" -- flash --address $APP "$WORK/app.bin"
    expect_rc "$3"
    expect_err "^stm32dfu: flash: interrupted while writing 0x0800[0-9A-F]{4}; the device is still in its bootloader with the image partly written; the application was not started; run the command again$"
    local at
    at=$(grep -o 'interrupted while writing 0x[0-9A-F]*' "$WORK/err" | grep -o '0x[0-9A-F]*$')
    head -c $((at - APP)) "$WORK/app.bin" >"$WORK/before.bin"
    expect_dump "$WORK/before.bin" $APP
    expect_blank "$at" 2048
    grep -q '"DNLOAD": [0-9]*' "$WORK/stats.json" || fail "no stats"
    # The rerun the message asks for, on the flash as the interruption left it.
    cp "$WORK/dump.bin" "$WORK/left.bin"
    cli_sim --profile STM32F405 --image "$WORK/left.bin@$APP" -- flash --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_dump "$WORK/app.bin" $APP
}

case_terminal_sigint_while_writing() { interrupted_case sigint 3 130; }

case_terminal_sigterm_while_writing() { interrupted_case sigterm 7 143; }

case_terminal_sigterm_while_erasing() {
    make_app
    fixture pattern 9 70000 "$WORK/old.bin"
    # Old data everywhere, so every sector is erased first; the signal comes
    # at the GETSTATUS that runs the erase of the second sector (the control
    # line after the model's "erase page"), found in a clean run's log. The
    # message names the sector X: those before X are erased, those after it
    # keep their old bytes.
    cli_sim -v --profile STM32F405 --image "$WORK/old.bin@$APP" -- \
        flash --no-leave --address $APP "$WORK/app.bin"
    expect_rc 0
    local n
    n=$(awk '/erase page 0x08004000 /{found = 1} found && / control /{print $NF; exit}' "$WORK/err")
    [ -n "$n" ] || fail "no erase of 0x08004000 in the simulator log"
    cli_sim --profile STM32F405 --image "$WORK/old.bin@$APP" --fault "sigterm@req=$n" -- \
        flash --address $APP "$WORK/app.bin"
    expect_rc 143
    expect_err "^stm32dfu: flash: interrupted while erasing 0x0800[0-9A-F]{4}; the device is still in its bootloader with some sectors erased; the application was not started; run the command again$"
    local at
    at=$(grep -o 'interrupted while erasing 0x[0-9A-F]*' "$WORK/err" | grep -o '0x[0-9A-F]*$')
    expect_blank $APP $((at - APP))
    tail -c +$((at - APP + 16384 + 1)) "$WORK/old.bin" >"$WORK/kept.bin"
    expect_dump "$WORK/kept.bin" $((at + 16384))
}

case_terminal_sigint_before_device() {
    # The signal at the first request, during discovery: nothing was changed.
    make_app
    cli_sim --profile STM32F405 --fault sigint@req=1 -- flash --address $APP "$WORK/app.bin"
    expect_rc 130
    expect_err "^stm32dfu: flash: interrupted before any device was changed$"
    expect_blank $APP 70000
}
