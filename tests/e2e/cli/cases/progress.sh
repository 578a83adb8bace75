# SPDX-License-Identifier: MIT
# Progress output: bars on a terminal, plain lines otherwise, --quiet.

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
