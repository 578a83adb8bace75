#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# stm32dfu against dfu-util 0.11 on the same simulated ROMs at real timing
# (stm32dfu-sim --time-scale 1), with a 256 KiB image. Prints three tables:
#   f405      the STM32F405 cases and their targets (reflash, blank, delta, detach);
#   profiles  for every profile, reflash with verify and blank device: stm32dfu,
#             stm32dfu --fast-poll (when the CLI has it), dfu-util, and the
#             protocol floor and physical limit the simulator reports;
#   all       --all on 8 boards (at the time scale) and on 16 (at 0.1) against 1.
#
#   bench/run_bench.sh STM32DFU STM32DFU_SIM FIXTURE [DFU_UTIL]
#
# Environment: BENCH_TABLES (default "f405 profiles all"), BENCH_PROFILES
# (default every profile, e.g. "stm32f405 stm32h743"), BENCH_TIME_SCALE (default 1).
#
# Each measurement starts a fresh simulator; wall times are taken inside it,
# from the command's start to its end, so simulator start-up is not counted.
# Control requests, the protocol floor and the physical limit come from the
# simulator's --stats (floor_ms, physical_ms: unscaled, multiplied here by the
# time scale).
set -eu
CLI=$1 SIM=$2 FIXTURE=$3 DFU_UTIL=${4:-dfu-util}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stm32dfu-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export TMPDIR=$WORK
BASE=0x08000000
SIZE=262144
SCALE=${BENCH_TIME_SCALE:-1}
TABLES=${BENCH_TABLES:-f405 profiles all}
PROFILES=${BENCH_PROFILES:-stm32f405 stm32f746 stm32h743 stm32g474 stm32l476 stm32f107}

"$FIXTURE" pattern 1 $SIZE "$WORK/new.bin"
"$FIXTURE" pattern 2 $SIZE "$WORK/old.bin"
# The same image with one 16 KiB sector (the second) changed.
"$FIXTURE" patch "$WORK/new.bin" 16384 16384 3 "$WORK/delta.bin"

now() { date +%s.%N; }
row() { printf '| %-44s | %9s | %9s | %6s | %s |\n' "$@"; }
has_table() { case " $TABLES " in *" $1 "*) return 0 ;; esac; return 1; }

# timed NAME SIM-ARGS... -- COMMAND...: wall seconds of COMMAND inside the
# simulator into $WORK/NAME.time, its stats into $WORK/NAME.stats. A
# --time-scale among SIM-ARGS overrides the default.
timed() {
    local name=$1 args=()
    shift
    while [ "$1" != "--" ]; do args+=("$1"); shift; done
    shift
    "$SIM" --time-scale "$SCALE" --stats "$WORK/$name.stats" "${args[@]}" -- \
        bash -c 's=$(date +%s.%N); "$@" >/dev/null 2>&1; r=$?; e=$(date +%s.%N);
                 echo "$s $e" >"'"$WORK/$name.time"'"; exit $r' bash "$@"
}

seconds() { awk '{printf "%.2f", $2 - $1}' "$WORK/$1.time"; }
requests() { grep -o '"control_requests": [0-9]*' "$WORK/$1.stats" | awk '{s += $2} END {print s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
# seconds_row LABEL NAME BASE TARGET: a row of NAME's and BASE's wall seconds and their ratio
seconds_row() {
    row "$1" "$(seconds "$2")" "$(seconds "$3")" "$(ratio "$(seconds "$2")" "$(seconds "$3")")" "$4"
}
# stat_s NAME KEY: the first board's unscaled KEY (ms) as seconds at the time scale
stat_s() {
    grep -o "\"$2\": [0-9]*" "$WORK/$1.stats" | head -1 |
        awk -v s="$SCALE" '{printf "%.2f", $2 * s / 1000}'
}

f405_table() {
echo "running the F405 cases (a few minutes at real timing)..." >&2
timed full_ours --image "$WORK/old.bin@$BASE" -- "$CLI" flash --no-leave -a $BASE "$WORK/new.bin"
timed full_noverify --image "$WORK/old.bin@$BASE" -- "$CLI" flash --no-leave --no-verify -a $BASE "$WORK/new.bin"
timed full_dfuutil --image "$WORK/old.bin@$BASE" -- "$DFU_UTIL" -a 0 -s $BASE -D "$WORK/new.bin"
timed blank_ours -- "$CLI" flash --no-leave -a $BASE "$WORK/new.bin"
timed blank_dfuutil -- "$DFU_UTIL" -a 0 -s $BASE -D "$WORK/new.bin"
timed delta_ours --image "$WORK/new.bin@$BASE" -- "$CLI" flash --no-leave --skip-unchanged -a $BASE "$WORK/delta.bin"
timed delta_dfuutil --image "$WORK/new.bin@$BASE" -- "$DFU_UTIL" -a 0 -s $BASE -D "$WORK/delta.bin"

# Detach to ready: from the command's start to the simulator's first erase.
first_erase() {
    local name=$1
    shift
    "$SIM" --time-scale "$SCALE" -v --mode app --image "$WORK/old.bin@$BASE" -- \
        bash -c 'date +%s.%N >"'"$WORK/$name.start"'"; "$@" >/dev/null 2>&1' bash "$@" 2>&1 |
        while IFS= read -r line; do
            case $line in *"erase page"*) now >"$WORK/$name.erase"; break ;; esac
        done
    awk 'NR == FNR {s = $1; next} {printf "%.2f", $1 - s}' "$WORK/$name.start" "$WORK/$name.erase"
}
detach_ours=$(first_erase detach_ours "$CLI" flash --detach --no-leave -a $BASE "$WORK/new.bin")
detach_dfuutil=$(first_erase detach_dfuutil sh -c \
    "'$DFU_UTIL' -e; '$DFU_UTIL' -w -a 0 -s $BASE -D '$WORK/new.bin'")

echo
row "case (STM32F405 sim, 256 KiB, real timing)" "stm32dfu" "dfu-util" "ratio" "target"
row "--------------------------------------------" "---------" "---------" "------" "------"
seconds_row "full reflash over old image, s (with verify)" full_ours full_dfuutil "<= 0.65"
seconds_row "full reflash, --no-verify, s" full_noverify full_dfuutil ""
row "full reflash, --no-verify, control requests" "$(requests full_noverify)" \
    "$(requests full_dfuutil)" "$(ratio "$(requests full_noverify)" "$(requests full_dfuutil)")" \
    "<= 0.55"
seconds_row "blank device, s (with verify)" blank_ours blank_dfuutil "<= 0.5"
row "delta, one 16 KiB sector changed, s" "$(seconds delta_ours)" "$(seconds delta_dfuutil)" \
    "$(ratio "$(seconds delta_dfuutil)" "$(seconds delta_ours)")x faster" ">= 5x"
row "detach to first erase, s" "$detach_ours" "$detach_dfuutil" \
    "$(ratio "$detach_ours" "$detach_dfuutil")" ""
}

FAST=
if "$CLI" flash --help 2>/dev/null | grep -q -- '--fast-poll'; then
    FAST=--fast-poll
fi

# One profile, one case (reflash over the old image, or blank): a row of
# stm32dfu, stm32dfu --fast-poll, dfu-util, each over its own run's floor
# and physical limit, and the floor and physical limit of stm32dfu's run.
profile_row() {
    local profile=$1 case=$2 image=() n=$1_$2 fast="-" fast_phys="-"
    [ "$case" = reflash ] && image=(--image "$WORK/old.bin@$BASE")
    timed "${n}_ours" --profile "$profile" "${image[@]}" -- \
        "$CLI" flash --no-leave -a $BASE "$WORK/new.bin"
    if [ -n "$FAST" ]; then
        timed "${n}_fast" --profile "$profile" "${image[@]}" -- \
            "$CLI" flash --no-leave $FAST -a $BASE "$WORK/new.bin"
        fast=$(seconds "${n}_fast")
        fast_phys=$(ratio "$fast" "$(stat_s "${n}_fast" physical_ms)")
    fi
    timed "${n}_dfuutil" --profile "$profile" "${image[@]}" -- \
        "$DFU_UTIL" -a 0 -s $BASE -D "$WORK/new.bin"
    local ours floor phys dfu
    ours=$(seconds "${n}_ours")
    floor=$(stat_s "${n}_ours" floor_ms)
    phys=$(stat_s "${n}_ours" physical_ms)
    dfu=$(seconds "${n}_dfuutil")
    prow "$profile" "$case" "$ours" "$(ratio "$ours" "$floor")" "$(ratio "$ours" "$phys")" \
        "$fast" "$fast_phys" "$dfu" "$(ratio "$dfu" "$(stat_s "${n}_dfuutil" floor_ms)")" \
        "$floor" "$phys"
}

prow() { printf '| %-9s | %-7s | %8s | %7s | %6s | %11s | %6s | %8s | %7s | %7s | %8s |\n' "$@"; }

profiles_table() {
    echo "running every profile (about 3 minutes each at real timing)..." >&2
    local rows=()
    for p in $PROFILES; do
        rows+=("$(profile_row "$p" reflash)")
        rows+=("$(profile_row "$p" blank)")
    done
    echo
    echo "256 KiB at time scale $SCALE; reflash = over a different old image, with verify"
    echo "(dfu-util does not verify); each ratio is over the floor or physical limit of"
    echo "the same run; floor and physical columns are stm32dfu's run's, in seconds."
    [ -n "$FAST" ] || echo "(this stm32dfu has no --fast-poll: that column is empty)"
    prow profile case stm32dfu "/ floor" "/ phys" --fast-poll "/ phys" dfu-util "/ floor" floor physical
    prow --------- ------- -------- ------- ------ ----------- ------ -------- ------- ------- --------
    printf '%s\n' "${rows[@]}"
}

all_table() {
    echo "running --all on 1, 8 and 16 boards..." >&2
    local img=(--image "$WORK/old.bin@$BASE")
    local cmd=("$CLI" flash --no-leave --all -a $BASE "$WORK/new.bin")
    timed all1 "${img[@]}" -- "${cmd[@]}"
    timed all8 --devices 8 "${img[@]}" -- "${cmd[@]}"
    timed all1_fast --time-scale 0.1 "${img[@]}" -- "${cmd[@]}"
    timed all16_fast --time-scale 0.1 --devices 16 "${img[@]}" -- "${cmd[@]}"
    echo
    row "case (STM32F405 sim, 256 KiB, --all)" "N boards" "1 board" "ratio" "target"
    row "--------------------------------------------" "---------" "---------" "------" "------"
    seconds_row "--all, 8 devices, time scale $SCALE, s" all8 all1 "<= 1.25"
    seconds_row "--all, 16 devices, time scale 0.1, s" all16_fast all1_fast "<= 1.25"
}


if has_table f405; then f405_table; fi
if has_table profiles; then profiles_table; fi
if has_table all; then all_table; fi
