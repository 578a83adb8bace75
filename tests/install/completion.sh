#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The bash completions offer every option the programs' --help texts name (per
# command for stm32dfu), the --format names, and the simulator's profiles and quirks.
# Usage: completion.sh SOURCE_DIR STM32DFU STM32DFU_SIM
set -uo pipefail
src=$1 cli=$2 sim=$3
# The simulator's completion asks the program on PATH for its profiles and quirks.
PATH=$(dirname "$sim"):$PATH
fail() { echo "completion: $*" >&2; exit 1; }
# shellcheck disable=SC1091
. /usr/share/bash-completion/bash_completion || fail "bash-completion is not installed"
# shellcheck disable=SC1091
. "$src/host/cli/stm32dfu.bash-completion"
# shellcheck disable=SC1091
. "$src/sim/usb/stm32dfu-sim.bash-completion"

# What completing the last word of the command line "$@" offers, one per line, sorted.
offers() {
    local func
    func=$(complete -p "$1" | sed -E 's/.*-F ([^ ]+).*/\1/')
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    "$func" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort -u
}
# The long options a help text names.
help_options() { grep -oE -- '--[a-z][a-z0-9-]+' | sort -u; }
# Fails unless every line of $2 is among the lines of $3.
expect_subset() {
    local missing
    missing=$(comm -23 <(echo "$2") <(echo "$3"))
    [ -z "$missing" ] || fail "$1: not offered: $(echo "$missing" | tr '\n' ' ')"
}

expect_subset "stm32dfu" "$("$cli" --help | help_options)" "$(offers stm32dfu --)"
# The commands are the lines of the help's "commands:" paragraph.
commands=$("$cli" --help | sed -n '/^commands:/,/^$/s/^  \([a-z-]\+\) .*/\1/p' | sort -u)
[ "$(echo "$commands" | wc -l)" -ge 10 ] || fail "stm32dfu --help lists only: $commands"
expect_subset "stm32dfu commands" "$commands" "$(offers stm32dfu '')"
for cmd in $commands; do
    expect_subset "stm32dfu $cmd" "$("$cli" "$cmd" --help | help_options)" "$(offers stm32dfu "$cmd" --)"
done
[ "$(offers stm32dfu flash --format '')" = "$(printf '%s\n' auto bin dfu elf hex ihex srec)" ] ||
    fail "stm32dfu flash --format: not the format names"

expect_subset "stm32dfu-sim" "$("$sim" --help | help_options)" "$(offers stm32dfu-sim --)"
[ "$(offers stm32dfu-sim --profile '')" = "$("$sim" --list-profiles | cut -d' ' -f1 | sort)" ] ||
    fail "stm32dfu-sim --profile: not the profiles of --list-profiles"
[ "$(offers stm32dfu-sim --quirk stall)" = "stall-early-poll" ] || fail "stm32dfu-sim --quirk stall"
echo "completion: every option of stm32dfu ($(echo "$commands" | wc -l) commands) and stm32dfu-sim is offered"
