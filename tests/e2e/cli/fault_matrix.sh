# SPDX-License-Identifier: MIT
# One case of the fault matrix (fault-matrix.txt), sourced by run_case.sh:
#   run_case.sh matrix KIND PHASE TRIGGER PROFILE
# An 8 KiB image straddles the boundary B between two erase units; the flash
# holds an older image where the phase needs one. A clean run with the
# simulator's log finds the request a request/status fault fires at. Then the
# faulted run must fail (non-zero exit, a message naming the phase, the address
# and what the device reported), must not start the application, and a rerun
# without the fault must leave exactly the image in the flash (and, for the
# option bytes, read them back as written). A board the fault cut off the bus
# is powered up again with the flash it was left with.

# matrix_profile PROFILE: B (an erase-unit boundary with room for 4 KiB on each
# side, clear of the H743's stuck-busy half), OB (option-byte address), OB_LEN,
# OB_USER (offset of a byte of user option bits, not RDP); the layout strings
# of sim/src/profiles.c.
matrix_profile() {
    case "$1" in
    stm32f405) B=0x08004000 OB=0x1FFFC000 OB_LEN=16 OB_USER=0 ;;  # 16 KiB sectors
    stm32h743) B=0x08020000 OB=0x5200201C OB_LEN=128 OB_USER=0 ;; # 128 KiB sectors
    stm32l476) B=0x08002000 OB=0x1FFF7800 OB_LEN=40 OB_USER=1 ;;  # 2 KiB pages
    *) fail "no matrix facts for profile $1" ;;
    esac
    S=$((B - 4096))
}

hex32() {
    printf '0x%08X' "$1"
}

# matrix_inputs PHASE: app.bin (or ob.dfu), old.bin and the CLI's arguments.
matrix_inputs() {
    fixture pattern 1 8192 "$WORK/app.bin"
    # The erase phase needs an old image in B's unit too; the others need that
    # unit blank, so that an address fault at B meets the write, not an erase.
    fixture pattern 11 $([ "$1" = erase ] && echo 8192 || echo 4096) "$WORK/old.bin"
    SIM_ARGS=(--profile "$PROFILE" --image "$WORK/old.bin@$(hex32 $S)")
    ARGS=(flash --address "$(hex32 $S)" "$WORK/app.bin")
    case "$1" in
    detach)
        SIM_ARGS+=(--mode app)
        ARGS=(flash --detach --address "$(hex32 $S)" "$WORK/app.bin")
        ;;
    option-bytes)
        # The board's own option bytes with one user bit changed.
        cli_sim "${SIM_ARGS[@]}" -- read --alt 1 --address "$OB" --length "$OB_LEN" -o "$WORK/ob.bin"
        expect_rc 0
        local byte
        byte=$(od -An -tu1 -j "$OB_USER" -N1 "$WORK/ob.bin")
        printf "\\x$(printf %02x $((byte ^ 0x10)))" |
            dd of="$WORK/ob.bin" bs=1 seek="$OB_USER" conv=notrunc status=none
        fixture dfuse "$OB" "$WORK/ob.bin" "$WORK/ob.dfu" 1
        ARGS=(flash "$WORK/ob.dfu")
        ;;
    esac
}

# matrix_request PHASE TRIGGER: the number of the request the fault fires at,
# from the simulator's log of a clean run ("control ... request N" lines; the
# model logs "erase page A", "write N bytes at A", "leave: jump", "option-bytes"
# while it runs the GETSTATUS that follows the DNLOAD).
matrix_request() {
    local log=$WORK/ref.log marker
    case "$1" in
    erase) marker="erase page $(printf '0x%08x' $B) " ;;
    write) marker="write [0-9]+ bytes at $(printf '0x%08x' $B):" ;;
    leave) marker="leave: jump" ;;
    option-bytes) marker="option-bytes: " ;;
    verify)
        # The verify's first UPLOAD: the first one after the last write.
        awk '/ write [0-9]+ bytes at /{w=NR} /control a1 02 /{u[NR]=$NF} END{
            for (i = w; i <= NR; i++) if (i in u) {print u[i]; exit}}' "$log"
        return
        ;;
    detach)
        grep 'control 21 00 ' "$log" | head -n1 | awk '{print $NF}'
        return
        ;;
    esac
    # request: the last control line before the marker; status: the first after.
    awk -v m="$marker" -v t="$2" '
        / control / {n = $NF; if (found && t == "status") {print n; exit}; last = n}
        $0 ~ m && !found {found = 1; if (t == "request") {print last; exit}}' "$log"
}

# matrix_address PHASE TRIGGER: the address the fault fires at (addr) and the
# address the failure message must name.
matrix_address() {
    case "$1" in
    # The user byte, not RDP (a bitflip there would lock the L476 at level 1).
    # A disconnect at the write is the reset that applies option bytes (issue 7
    # item 6): the message is about the reset, which has no address.
    option-bytes)
        FAULT_AT=$((OB + OB_USER)) WHERE=$OB
        [ "$KIND" = bitflip ] && WHERE=$FAULT_AT
        [ "$KIND@$2" = disconnect@addr ] && WHERE=
        ;;
    # A bad UPLOAD is named by its block's address (B: blocks start at S, 4 KiB
    # before it); a bitflip by the byte that differs.
    read) FAULT_AT=$((B + 0x10)) WHERE=$B ;;
    verify)
        FAULT_AT=$((B + 0x10)) WHERE=$S
        [ "$2" = addr ] && WHERE=$((B + 0x10))
        [ "$KIND" = short-upload ] || [ "$KIND" = long-upload ] && WHERE=$B
        ;;
    leave) FAULT_AT=$S WHERE=$S ;;
    detach) FAULT_AT= WHERE= ;;
    *) FAULT_AT=$B WHERE=$B ;;
    esac
}

# matrix_device_said KIND: what the message must say the device answered, and
# the state it is left in.
matrix_device_said() {
    case "$1@$PHASE" in
    err*) echo "dfuERROR, $1" ;;
    bitflip@option-bytes) echo "read back after the reset differ" ;;
    bitflip@*) echo "the flash differs from the image just written" ;;
    disconnect@detach) echo "detached but no bootloader appeared" ;;
    disconnect@option-bytes) echo "dropped off the bus|did not come back" ;;
    hold-status@option-bytes) echo "stopped answering during the write" ;;
    disconnect@*) echo "disconnected \\(it left the USB bus\\)" ;;
    stall@detach) echo "the application stalled the request; it is still running" ;;
    stall@*) echo "stalled the request; it is still in its bootloader" ;;
    hold-status@detach) echo "the application did not answer in time .*; it is still running" ;;
    hold-status@*) echo "did not answer in time .*; it is still in its bootloader, or hung" ;;
    short-status@option-bytes | long-status@option-bytes | bad-state@option-bytes)
        echo "a reply DFU does not allow, so whether the option bytes were written is unknown" ;;
    short-status@* | long-status@* | bad-state@* | short-upload@* | long-upload@*)
        echo "Unexpected reply from the device: a reply DFU does not allow .*; the device is still in its bootloader, in an unknown state" ;;
    bad-status@*) echo "the device reports dfuDNBUSY, unknown status" ;;
    busy-forever@*) echo "still reported dfuDNBUSY when the time bound of the operation ran out" ;;
    *) fail "no expected message for $1 in the $PHASE phase" ;;
    esac
}

# matrix_expect_image: the flash is the image and nothing else (0xFF elsewhere);
# for the option-byte phase the old image stays and back.bin is the option bytes.
matrix_expect_image() {
    local dump=$1 size
    size=$(stat -c %s "$dump")
    head -c "$size" /dev/zero | tr '\0' '\377' >"$WORK/expect.bin"
    local image=$WORK/app.bin
    [ "$PHASE" = option-bytes ] && image=$WORK/old.bin
    dd if="$image" of="$WORK/expect.bin" bs=1 seek=$((S - FLASH_BASE)) conv=notrunc status=none
    cmp -s "$WORK/expect.bin" "$dump" || fail "after the rerun the flash is not exactly the image"
    if [ "$PHASE" = option-bytes ]; then
        cmp -s "$WORK/ob.bin" "$WORK/back.bin" || fail "option bytes read back differ"
    fi
}

# matrix_expect_success: the two cases that are no failure, so the flash must
# succeed and say so. huge-poll: a bwPollTimeout of 4.66 hours is clamped to
# the operation's bound (TIME BOUNDS in stm32dfu(1)), said at -v; the image is
# verified and the application started. busy-forever on the option bytes: the
# ROM resets to apply them as soon as the write starts (AN2662 Rev 1 §4.5.1),
# which ends the hang; the host takes the dropped GETSTATUS for that reset,
# waits for the board and reads them back equal.
matrix_expect_success() {
    expect_out "^first=0$"
    if [ "$KIND" = huge-poll ]; then
        expect_err "the device asks to wait 16777215 ms before the next GETSTATUS; waiting [0-9]+ ms"
    fi
    if [ "$PHASE" = option-bytes ]; then
        expect_out "the device reset to apply the option bytes, is back, and they read back equal"
        expect_out "0483:df11 "
        grep -q "^second=0$" "$WORK/out" || fail "the rerun failed: $(cat "$WORK/second.err")"
    else
        expect_out "verified"
        expect_out "1209:0001 "
        expect_no_out "0483:df11 "
    fi
    matrix_expect_image "$WORK/dump.bin"
}

case_matrix() {
    local kind=$1 trigger=$3
    KIND=$1 PHASE=$2 PROFILE=$4
    matrix_profile "$PROFILE"
    matrix_inputs "$PHASE"
    matrix_address "$PHASE" "$trigger"
    local readback=""
    [ "$PHASE" = option-bytes ] &&
        readback="'$CLI' read --alt 1 --address $OB --length $OB_LEN -o '$WORK/back.bin';"

    local spec
    if [ "$trigger" = addr ]; then
        spec="$kind@addr=$(hex32 "$FAULT_AT")"
    else
        sim -v "${SIM_ARGS[@]}" -- "$CLI" "${ARGS[@]}"
        cp "$WORK/err" "$WORK/ref.log"
        [ "$RC" -eq 0 ] || fail "the clean run failed"
        local n
        n=$(matrix_request "$PHASE" "$trigger")
        [ -n "$n" ] || fail "no $trigger request of the $PHASE phase in the simulator's log"
        spec="$kind@req=$n"
    fi

    local cmd="'$CLI'" a
    for a in "${ARGS[@]}"; do
        cmd+=" '$a'"
    done
    # A board cut off the bus never comes back: wait 1 s for it, not 10.
    local first=$cmd
    [ "$kind" = disconnect ] && first+=" --timeout 1"
    # huge-poll is no failure: the host clamps the wait (said at -v) and goes on.
    [ "$kind" = huge-poll ] && first+=" -v"
    # The faulted run, then what is on the bus, then (if the board is still
    # there) the rerun without the fault.
    sim -v "${SIM_ARGS[@]}" --fault "$spec" -- sh -c "
        $first 2>'$WORK/first.err'; echo \"first=\$?\"; '$CLI' list; echo ---;
        $cmd >/dev/null 2>'$WORK/second.err' && $readback echo \"second=\$?\"; exit 0"
    expect_rc 0
    grep -q "fault fired" "$WORK/err" || fail "the fault $spec never fired"
    cp "$WORK/out" "$WORK/first.out"
    cp "$WORK/first.err" "$WORK/err"
    if [ "$kind" = huge-poll ] || [ "$kind@$PHASE" = busy-forever@option-bytes ]; then
        matrix_expect_success
        return
    fi
    expect_no_out "^first=0"
    expect_out "^first=(69|74|76)$"
    expect_err "stm32dfu: flash: .*$([ "$PHASE" = option-bytes ] && echo option.byte || echo "$PHASE")"
    [ -z "$WHERE" ] || expect_err "$(hex32 "$WHERE")"
    expect_err "$(matrix_device_said "$kind")"
    # No leave: a board still on the bus is where it was, in its bootloader
    # (or the application that did not detach), and no application came up.
    if [ "$PHASE" = detach ]; then
        [ "$kind" = disconnect ] || expect_out "1209:0001 "
        expect_no_out "0483:df11 "
    else
        [ "$kind" = disconnect ] || expect_out "0483:df11 "
        expect_no_out "1209:0001 "
    fi
    if [ "$kind" = disconnect ] || [ "$kind" = busy-forever ]; then
        # Off the bus, or hung until a reset: powered up again with the flash
        # the failure left, as the message says.
        cp "$WORK/dump.bin" "$WORK/left.bin"
        local mode=()
        [ "$PHASE" = detach ] && mode=(--mode app)
        sim --profile "$PROFILE" "${mode[@]}" --image "$WORK/left.bin@0x08000000" -- sh -c "
            $cmd >/dev/null 2>'$WORK/second.err' && $readback echo \"second=\$?\"; exit 0"
    fi
    grep -q "^second=0$" "$WORK/out" || fail "the rerun without the fault failed: $(cat "$WORK/second.err")"
    matrix_expect_image "$WORK/dump.bin"
}
