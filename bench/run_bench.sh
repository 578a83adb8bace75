#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# stm32dfu against dfu-util 0.11 on the same simulated STM32F405 ROM at real
# timing (stm32dfu-sim --time-scale 1), with a 256 KiB image. Prints a table.
#
#   bench/run_bench.sh STM32DFU STM32DFU_SIM FIXTURE [DFU_UTIL]
#
# Each measurement starts a fresh simulator; wall times are taken inside it,
# from the command's start to its end, so simulator start-up is not counted.
# Control requests come from the simulator's --stats.
set -eu
CLI=$1 SIM=$2 FIXTURE=$3 DFU_UTIL=${4:-dfu-util}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stm32dfu-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export TMPDIR=$WORK
BASE=0x08000000
SIZE=262144
SCALE=${BENCH_TIME_SCALE:-1}

"$FIXTURE" pattern 1 $SIZE "$WORK/new.bin"
"$FIXTURE" pattern 2 $SIZE "$WORK/old.bin"
# The same image with one 16 KiB sector (the second) changed.
"$FIXTURE" patch "$WORK/new.bin" 16384 16384 3 "$WORK/delta.bin"

now() { date +%s.%N; }

# timed NAME SIM-ARGS... -- COMMAND...: wall seconds of COMMAND inside the
# simulator into $WORK/NAME.time, its stats into $WORK/NAME.stats.
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

dfu_util_flash() { "$DFU_UTIL" -a 0 -s $BASE -D "$1"; }

echo "running (a few minutes at real timing)..." >&2
timed full_ours --image "$WORK/old.bin@$BASE" -- "$CLI" flash --no-leave -a $BASE "$WORK/new.bin"
timed full_noverify --image "$WORK/old.bin@$BASE" -- "$CLI" flash --no-leave --no-verify -a $BASE "$WORK/new.bin"
timed full_dfuutil --image "$WORK/old.bin@$BASE" -- "$DFU_UTIL" -a 0 -s $BASE -D "$WORK/new.bin"
timed blank_ours -- "$CLI" flash --no-leave -a $BASE "$WORK/new.bin"
timed blank_dfuutil -- "$DFU_UTIL" -a 0 -s $BASE -D "$WORK/new.bin"
timed delta_ours --image "$WORK/new.bin@$BASE" -- "$CLI" flash --no-leave --skip-unchanged -a $BASE "$WORK/delta.bin"
timed delta_dfuutil --image "$WORK/new.bin@$BASE" -- "$DFU_UTIL" -a 0 -s $BASE -D "$WORK/delta.bin"
timed all1 --image "$WORK/old.bin@$BASE" -- "$CLI" flash --no-leave --all -a $BASE "$WORK/new.bin"
timed all8 --devices 8 --image "$WORK/old.bin@$BASE" -- "$CLI" flash --no-leave --all -a $BASE "$WORK/new.bin"

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

row() { printf '| %-44s | %9s | %9s | %6s | %s |\n' "$@"; }
echo
row "case (STM32F405 sim, 256 KiB, real timing)" "stm32dfu" "dfu-util" "ratio" "target"
row "--------------------------------------------" "---------" "---------" "------" "------"
row "full reflash over old image, s (with verify)" "$(seconds full_ours)" "$(seconds full_dfuutil)" \
    "$(ratio "$(seconds full_ours)" "$(seconds full_dfuutil)")" "<= 0.65"
row "full reflash, --no-verify, s" "$(seconds full_noverify)" "$(seconds full_dfuutil)" \
    "$(ratio "$(seconds full_noverify)" "$(seconds full_dfuutil)")" ""
row "full reflash, --no-verify, control requests" "$(requests full_noverify)" \
    "$(requests full_dfuutil)" "$(ratio "$(requests full_noverify)" "$(requests full_dfuutil)")" \
    "<= 0.55"
row "blank device, s (with verify)" "$(seconds blank_ours)" "$(seconds blank_dfuutil)" \
    "$(ratio "$(seconds blank_ours)" "$(seconds blank_dfuutil)")" "<= 0.5"
row "delta, one 16 KiB sector changed, s" "$(seconds delta_ours)" "$(seconds delta_dfuutil)" \
    "$(ratio "$(seconds delta_dfuutil)" "$(seconds delta_ours)")x faster" ">= 5x"
row "detach to first erase, s" "$detach_ours" "$detach_dfuutil" \
    "$(ratio "$detach_ours" "$detach_dfuutil")" ""
row "--all, 8 devices vs 1 device, s" "$(seconds all8)" "$(seconds all1) (1 dev)" \
    "$(ratio "$(seconds all8)" "$(seconds all1)")" "<= 1.25"
