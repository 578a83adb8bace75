#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/fwupd-cabinet.sh refuses bad input with exit 64, one line naming the option and the
# fix, and writes no cabinet.
. "$(dirname "$0")/lib.sh"

script=$SOURCE_DIR/scripts/fwupd-cabinet.sh
app_image new.bin 1.1.0 2048
refused() { # WHAT EXPECTED-TEXT ARGS...
    what=$1 text=$2
    shift 2
    rc=0
    sh "$script" "$@" > out 2> err || rc=$?
    [ "$rc" -eq 64 ] || fail "$what: exit $rc, not 64"
    expect_in err "$text" "$what"
    [ ! -e out.cab ] || fail "$what: a cabinet was written"
}
ok="--id com.example.fw --name Example --device 1209:0001"
refused "no version" "--version is required" $ok new.bin out.cab
refused "version too big" "does not fit bcdDevice" $ok --version 16.0.0 new.bin out.cab
refused "version not a triplet" "is not MAJOR.MINOR.PATCH" $ok --version 1.1 new.bin out.cab
refused "bad device" "is not VID:PID in hex" --id a --name b --device 1209 --version 1.0.0 \
    new.bin out.cab
refused "missing image" "cannot read the image" $ok --version 1.0.0 nothing.bin out.cab
refused "unknown option" "unknown option '--nope'" --nope new.bin out.cab
sh "$script" --help > out 2> err || fail "--help failed"
expect_in out "usage: fwupd-cabinet.sh" "--help"
