# SPDX-License-Identifier: MIT
# Shared by the e2e/dfu-util test scripts (POSIX sh). Each script sources this file, runs the
# unmodified Debian dfu-util or lsusb under stm32dfu-sim, and checks what a user could see:
# exit status, output, and the flash contents through --dump.
#
# Environment, set by CMakeLists.txt: SIM (stm32dfu-sim), MAKE_DFUSE (e2e-make-dfuse),
# HOTPLUG_WATCH (e2e-hotplug-watch), FIDELITY (the fidelity/ folder).
set -eu

: "${SIM:?SIM must name the stm32dfu-sim program}"

# A private directory per test, also used as TMPDIR so the umockdev testbed goes there: tests
# running in parallel share nothing.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/e2e-dfu-util.XXXXXX")
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
export TMPDIR="$WORK"
cd "$WORK"

fail() {
    echo "FAIL: $*" >&2
    for f in out err; do
        if [ -s "$f" ]; then
            echo "--- $f:" >&2
            tail -n 40 "$f" >&2
        fi
    done
    exit 1
}

# payload FILE SIZE: deterministic bytes with no long runs of one value.
payload() {
    seq 1 400000 | gzip -n -9 | head -c "$2" > "$1"
    [ "$(wc -c < "$1")" -eq "$2" ] || fail "payload: could not make $2 bytes"
}

# erased FILE SIZE: SIZE bytes of 0xFF, what erased flash reads as.
erased() {
    head -c "$2" /dev/zero | tr '\000' '\377' > "$1"
}

# same_bytes EXPECTED DUMP OFFSET LENGTH WHAT: DUMP holds EXPECTED's first LENGTH bytes at OFFSET.
same_bytes() {
    cmp -n "$4" -i "0:$3" "$1" "$2" > /dev/null ||
        fail "$5: $2 differs from $1 at offset $3 ($(cmp -n "$4" -i "0:$3" "$1" "$2" || true))"
}

# expect_in FILE TEXT WHAT: FILE has a line containing TEXT.
expect_in() {
    grep -F -e "$2" "$1" > /dev/null || fail "$3: '$2' not found in $1"
}

# wait_for COMMAND...: retries COMMAND (silently) every 0.1 s for up to 20 s.
wait_for() {
    tries=200
    until "$@" > /dev/null 2>&1; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.1
    done
}

# start_server OPTIONS...: stm32dfu-sim --serve in the background; its environment is loaded.
start_server() {
    "$SIM" "$@" --serve > server.env 2> server.err &
    SERVER_PID=$!
    wait_for grep -q STM32DFU_SIM_PID server.env || fail "the server printed no environment"
    . ./server.env
}

# stop_server: SIGTERM, then the server's exit status must be 0 (it writes --dump and --stats).
stop_server() {
    kill -TERM "$SERVER_PID"
    rc=0
    wait "$SERVER_PID" || rc=$?
    SERVER_PID=
    unset LD_PRELOAD UMOCKDEV_DIR
    [ "$rc" -eq 0 ] || fail "the server exited with $rc: $(cat server.err)"
}

# normalise_lsusb FILE: `lsusb -v` reduced to the fields the device itself reports.
# - the Bus/Device numbers and the chip-unique iSerial text may differ (issue 3);
# - the names after class, subclass, protocol, idVendor and idProduct come from the host's USB
#   ID database (udev hwdb, not installed here), not from the device, so they are dropped;
# - usbutils 014 prints wTotalLength in hex where the captures' version printed decimal;
# - column alignment changed between usbutils versions, so runs of blanks become one, except
#   inside string descriptors (the alternate settings' names have meaningful double blanks).
normalise_lsusb() {
    awk '
    function hex(s,   i, v) {
        v = 0
        for (i = 3; i <= length(s); i++)
            v = v * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
        return v
    }
    NF == 0 { next }
    /^Bus [0-9]+ Device [0-9]+: ID / { print "Bus - Device -: ID", $6; next }
    $1 ~ /^(bDeviceClass|bDeviceSubClass|bDeviceProtocol|idVendor|idProduct)$/ { print $1, $2; next }
    $1 ~ /^(bInterfaceClass|bInterfaceSubClass|bInterfaceProtocol)$/ { print $1, $2; next }
    $1 == "iSerial" { print $1, $2, "(serial)"; next }
    $1 ~ /^i[A-Z]/ {
        # a string descriptor: its text is compared verbatim, inner blanks included
        text = $0
        sub(/^[ \t]*[^ \t]+[ \t]+[0-9]+ ?/, "", text)
        sub(/[ \t]+$/, "", text)
        print $1, $2, text
        next
    }
    $1 == "wTotalLength" && $2 ~ /^0x/ { print $1, hex($2); next }
    { $1 = $1; print }
    ' "$1"
}

# download_trace FILE: from `dfu-util -v` output, the DFU states and statuses the device
# reported, the memory segments it declared, then the erases, then the chunks of the download.
# dfu-util 0.4/0.5 (the captures) and 0.11 word the state line differently; both become
# "state NAME status N". dfu-util 0.4 erased each page just before writing it, 0.11 erases all
# pages first: that order is the host's choice, so erases and chunks are compared as two lists.
download_trace() {
    sed -n -E \
        -e 's/^Determining device status: state = ([A-Za-z_-]+), status = ([0-9]+)$/state \1 status \2/p' \
        -e 's/^DFU state\([0-9]+\) = ([A-Za-z_-]+), status\(([0-9]+)\) = .*/state \1 status \2/p' \
        -e '/^Memory segment at /p' \
        "$1"
    grep '^Erasing page size ' "$1" || true
    sed -n -E -e 's/^ (Download from image offset .*)/\1/p' "$1"
}
