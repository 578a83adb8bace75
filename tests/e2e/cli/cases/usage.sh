# SPDX-License-Identifier: MIT
# Help, usage errors, and the man page against --help.

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

case_help_option_bytes() { help_case option-bytes; }

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

case_man_option_bytes() { man_case option-bytes; }

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

timeout_rejected() {
    "$CLI" "$1" --timeout "$2" >"$WORK/out" 2>"$WORK/err"
    RC=$?
    expect_rc 64
    expect_err "^stm32dfu: $1: --timeout '$2' is not a whole number of seconds from 1 to 600"
}

case_usage_timeout_zero() { timeout_rejected leave 0; }

case_usage_timeout_too_long() { timeout_rejected detach 601; }

case_usage_timeout_trailing() { timeout_rejected flash 5s; }

case_usage_timeout_negative() { timeout_rejected leave -5; }

case_usage_timeout_empty() { timeout_rejected detach ""; }

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
