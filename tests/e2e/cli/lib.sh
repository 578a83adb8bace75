# SPDX-License-Identifier: MIT
# Helpers for the stm32dfu CLI end-to-end tests (sourced by run_case.sh).
# Each test runs the real stm32dfu binary under stm32dfu-sim and asserts what a
# user sees: the exit code, key words of the message, and the flash contents
# (the simulator's --dump of the whole internal flash).

FLASH_BASE=$((0x08000000))

fail() {
    echo "FAIL: $*" >&2
    for f in out err; do
        [ -f "$WORK/$f" ] && { echo "--- std$f:" >&2; cat "$WORK/$f" >&2; }
    done
    exit 1
}

# sim SIM-ARGS... -- COMMAND...: runs COMMAND under the simulator, with the
# flash dumped to $WORK/dump.bin (dump.bin.K for board K of several).
sim() {
    "$SIM" --time-scale "${SIM_TIME_SCALE:-0}" --dump "$WORK/dump.bin" --stats "$WORK/stats.json" "$@" >"$WORK/out" 2>"$WORK/err"
    RC=$?
}

# stm32dfu_sim SIM-ARGS... -- CLI-ARGS...: the CLI itself under the simulator.
cli_sim() {
    local args=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        args+=("$1")
        shift
    done
    shift
    sim "${args[@]}" -- ${CLI_WRAPPER[@]+"${CLI_WRAPPER[@]}"} "$CLI" "$@"
}

# memcheck_sim SIM-ARGS... -- CLI-ARGS...: cli_sim with the CLI run by valgrind
# memcheck (installed by scripts/bootstrap.sh), its report in $WORK/memcheck.log.
# Any memcheck error or definitely lost block makes valgrind exit 99; only
# umockdev's own defects are suppressed (umockdev.supp, each entry with its reason).
# --malloc-fill: umockdev's preload copies a reply into the client only when it
# changed the buffer, so a reply whose every byte equals the old content of
# libusb's fresh (uninitialised) transfer buffer is never written, and memcheck
# rightly calls it undefined, in project code a suppression cannot tell apart.
# Filling new heap blocks with 0xA5 makes every reply here (states, statuses,
# descriptors, the images' blocks) differ from that content. The bytes stay
# undefined to memcheck: nothing is hidden, and a reply made only of 0xA5 bytes
# could only fail a test, never pass one (docs/reliability.md, "valgrind").
memcheck_sim() {
    local CLI_WRAPPER=(valgrind --tool=memcheck --error-exitcode=99 --malloc-fill=0xA5 --leak-check=full
        --show-leak-kinds=definite --errors-for-leak-kinds=definite
        --suppressions="$here/umockdev.supp" --log-file="$WORK/memcheck.log")
    cli_sim "$@"
}

# expect_memcheck_clean: valgrind ran the CLI and reported no error.
expect_memcheck_clean() {
    grep -q "ERROR SUMMARY: 0 errors" "$WORK/memcheck.log" 2>/dev/null || {
        cat "$WORK/memcheck.log" >&2 2>/dev/null
        fail "valgrind memcheck reported errors (exit $RC)"
    }
}

# nth_request N PATTERN: the number the simulator gave the N-th control request
# whose line in its -v log of a clean run ($WORK/err) matches PATTERN; each
# "control ..." line ends with it. Faults aimed with it do not depend on how
# many requests come before.
nth_request() {
    grep ' control ' "$WORK/err" | grep -E -- "$2" | sed -n "$1p" | awk '{print $NF}'
}

# request_number N PATTERN WHAT CLI-SIM-ARGS...: runs `cli_sim -v CLI-SIM-ARGS...`,
# which must exit 0, and prints nth_request N PATTERN of its log; fails naming
# WHAT when there is none. Use it as n=$(request_number ...) || exit 1.
request_number() {
    local nth=$1 pattern=$2 what=$3 n
    shift 3
    cli_sim -v "$@"
    expect_rc 0
    n=$(nth_request "$nth" "$pattern")
    [ -n "$n" ] || fail "no $what in the simulator log"
    echo "$n"
}

expect_rc() {
    [ "$RC" -eq "$1" ] || fail "exit code $RC, expected $1"
}

expect_err() {
    grep -Eq -- "$1" "$WORK/err" || fail "stderr lacks /$1/"
}

expect_out() {
    grep -Eq -- "$1" "$WORK/out" || fail "stdout lacks /$1/"
}

expect_no_out() {
    ! grep -Eq -- "$1" "$WORK/out" || fail "stdout has /$1/"
}

# expect_dump FILE ADDRESS [DUMP]: the dumped flash holds FILE at ADDRESS.
expect_dump() {
    local dump=${3:-$WORK/dump.bin}
    local offset=$(($2 - FLASH_BASE))
    local len
    len=$(stat -c %s "$1")
    cmp -s -n "$len" -i "0:$offset" "$1" "$dump" || fail "flash at $2 differs from $1"
}

# expect_blank ADDRESS LENGTH [DUMP]: the dumped flash is erased (0xFF) there.
expect_blank() {
    local offset=$(($1 - FLASH_BASE))
    head -c "$2" /dev/zero | tr '\0' '\377' >"$WORK/ff.bin"
    cmp -s -n "$2" -i "0:$offset" "$WORK/ff.bin" "${3:-$WORK/dump.bin}" ||
        fail "flash at $1 is not erased"
}

# fixture ARGS...: make a test input (see fixture.c).
fixture() {
    "$FIXTURE" "$@" || fail "fixture $*"
}

# hex_of BIN OUT ADDRESS / srec_of / elf_of: the same bytes in another format,
# converted with GNU binutils for ARM (installed by scripts/bootstrap.sh).
hex_of() {
    arm-none-eabi-objcopy -I binary -O ihex --change-addresses "$3" "$1" "$2" || fail "objcopy ihex"
}

srec_of() {
    arm-none-eabi-objcopy -I binary -O srec --change-addresses "$3" "$1" "$2" || fail "objcopy srec"
}

elf_of() {
    (cd "$(dirname "$1")" && arm-none-eabi-ld -b binary -r -o "$2.o" "$(basename "$1")") ||
        fail "ld -r"
    arm-none-eabi-ld --section-start=.data="$3" -e "$3" -o "$2" "$2.o" || fail "ld elf"
}

APP=0x08000000

# A 70000-byte image: four 16 KiB sectors and part of the 64 KiB one on F405.
make_app() {
    fixture pattern "${2:-1}" "${3:-70000}" "$WORK/${1:-app}.bin"
}

# as_nobody_without_access CLI-ARGS...: inside the simulator, the CLI runs
# without access to the board's device node (mode 000), as on a system without
# the udev rules; everything else in the testbed is readable. Root ignores file
# modes, so under root the CLI runs as user nobody.
as_nobody_without_access() {
    chmod 755 "$WORK"
    local cmd="chmod -R a+rwX \"\$UMOCKDEV_DIR\"; chmod 000 \"\$UMOCKDEV_DIR\"/dev/bus/usb/*/*;"
    if [ "$(id -u)" -eq 0 ]; then
        cmd+=" exec setpriv --reuid=nobody --regid=nogroup --clear-groups \"\$@\""
    else
        cmd+=" exec \"\$@\""
    fi
    sim -- sh -c "$cmd" sh "$CLI" "$@"
}

# expect_json FILTER: stdout holds exactly one JSON document, as jq parses it
# (installed by scripts/bootstrap.sh), and the jq FILTER holds for it.
expect_json() {
    [ "$(jq -s length "$WORK/out" 2>/dev/null)" = 1 ] || fail "stdout is not one JSON document"
    jq -e "$1" "$WORK/out" >/dev/null || fail "the JSON on stdout fails: $1"
}
