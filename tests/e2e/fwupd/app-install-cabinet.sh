#!/bin/sh
# SPDX-License-Identifier: MIT
# The vendor's package: scripts/fwupd-cabinet.sh makes a cabinet from the raw 1.1.0 image, and
# `fwupdtool install` of that file updates the application on PROFILE from 1.0.0 to 1.1.0,
# locally (no remote, no download) and records the update in fwupd's history.
# usage: app-install-cabinet.sh PROFILE
. "$(dirname "$0")/lib.sh"

product_setup "$1"
sh "$SOURCE_DIR/scripts/fwupd-cabinet.sh" --id com.example.stm32dfu.firmware \
    --name "Example product" --device 1209:0001 --version 1.1.0 new.bin firmware.cab \
    > cab.out 2> cab.err || fail "fwupd-cabinet.sh failed: $(cat cab.err)"
expect_in cab.out "for USB\\VID_1209&PID_0001 ($APP_GUID)" "the cabinet's device GUID"
mkdir cab && gcab -x -C cab firmware.cab > /dev/null || fail "gcab cannot read firmware.cab"
expect_in cab/firmware.metainfo.xml "<firmware type=\"flashed\">$APP_GUID</firmware>" \
    "the metainfo names the application"
expect_in cab/firmware.metainfo.xml '<release version="1.1.0"' "the metainfo's release"
[ -s cab/firmware.dfu ] || fail "the cabinet holds no firmware.dfu"
# A cabinet from the LVFS carries its signature; a local, unsigned one needs OnlyTrusted=false
# (fwupd's own advice for firmware developers).
printf '[fwupd]\nOnlyTrusted=false\n' > "$FWUPD_HOME/etc/fwupd/fwupd.conf"
"$SIM" --profile "$1" --mode app --image old.bin@0x08000000 --time-scale 0 --dump dump.bin \
    -- sh -c '
    fwupdtool get-devices --plugins dfu --json > before.json 2> before.log &&
    fwupdtool install firmware.cab --plugins dfu --verbose > install.out 2> install.log &&
    fwupdtool get-devices --plugins dfu --json > after.json 2> after.log &&
    fwupdtool get-history --json > history.json 2> history.log' > out 2> err ||
    fail "the update failed: $(fwupd_log_tail install.log 2>/dev/null)"
[ "$(json_version before.json)" = 1.0.0 ] || fail "fwupd saw $(json_version before.json), not 1.0.0"
[ "$(json_version after.json)" = 1.1.0 ] || fail "fwupd reports $(json_version after.json), not 1.1.0"
same_bytes new.bin dump.bin 0 6144 "version 1.1.0 in the flash"
# FwupdUpdateState 2 is "success" (libfwupd/fwupd-enums.h)
expect_in history.json '"UpdateState" : 2' "the update in fwupd's history"
expect_in history.json '"Version" : "1.1.0"' "the release in fwupd's history"
