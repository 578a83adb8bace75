# SPDX-License-Identifier: MIT
# Shared by the e2e/fwupd and e2e/usbfs test scripts (POSIX sh): the e2e/dfu-util helpers
# (a private work directory, fail, payload, same_bytes, expect_in, wait_for, start_server),
# plus fwupdtool run with every state, cache and configuration directory inside that work
# directory, no D-Bus and no remote (docs/fwupd.md, "Testing").
#
# Environment, set by CMakeLists.txt: SIM, MAKE_DFUSE, WRAP_CLIENT, FWUPDTOOL, SOURCE_DIR.
TMPDIR_OUTER=${TMPDIR:-/tmp}
. "$(dirname "$0")/../dfu-util/lib.sh"

# fwupd 2.0.20 takes its directories from these variables (libfwupdplugin/fu-path.c
# fu_path_from_kind): FWUPD_LOCALSTATEDIR holds /var/lib/fwupd and /var/cache/fwupd (history
# database, devices.json, quirks.d), FWUPD_SYSCONFDIR holds /etc/fwupd (fwupd.conf, remotes.d:
# none, so no download). The systemd-style *_DIRECTORY variables win when they name a
# directory that exists, so they are pointed here too.
FWUPD_HOME="$WORK/fwupd"
mkdir -p "$FWUPD_HOME/var/lib/fwupd/quirks.d" "$FWUPD_HOME/var/cache/fwupd" \
    "$FWUPD_HOME/etc/fwupd" "$FWUPD_HOME/var/etc/fwupd"
export FWUPD_LOCALSTATEDIR="$FWUPD_HOME/var"
export FWUPD_SYSCONFDIR="$FWUPD_HOME/etc"
export STATE_DIRECTORY="$FWUPD_HOME/var/lib/fwupd"
export CACHE_DIRECTORY="$FWUPD_HOME/var/cache/fwupd"
export CONFIGURATION_DIRECTORY="$FWUPD_HOME/etc/fwupd"
export LOCALCONF_DIRECTORY="$FWUPD_HOME/var/etc/fwupd"
# the quirk files a vendor installs (docs/fwupd.md) go to the state directory's quirks.d
QUIRKS_DIR="$FWUPD_HOME/var/lib/fwupd/quirks.d"
# fwupdtool asks a running daemon to stop over the system bus: there is none to reach
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$WORK/no-dbus"
unset DBUS_SESSION_BUS_ADDRESS

# As root, fwupdtool 2.0.20 takes an OFD lock on /run/lock/fwupdtool, a path no variable
# moves (src/fu-tool.c fu_util_lock), and a second instance fails at once ("another
# instance has locked"). Tests run in parallel, in this and other build trees, so every
# fwupdtool of a test, also those the simulator starts, goes through a wrapper that waits for
# its turn on a lock file of its own.
mkdir -p "$WORK/bin"
cat > "$WORK/bin/fwupdtool" <<WRAPPER
#!/bin/sh
exec flock -w 280 "${TMPDIR_OUTER:-/tmp}/stm32dfu-e2e-fwupdtool.lock" "$FWUPDTOOL" "\$@"
WRAPPER
chmod +x "$WORK/bin/fwupdtool"
PATH="$WORK/bin:$PATH"

# The GUID fwupd gives USB\VID_0483&PID_DF11 (every simulated ROM), as get-devices shows it.
export ROM_GUID=5aea1200-2286-5819-93e6-3b5548b6c88a

# fwupd_log_tail LOG: the last lines of a fwupdtool --verbose log, without progress lines.
fwupd_log_tail() {
    grep -v 'Loading\|Idle\|Writing\|Erasing\|Reading\|Verifying\|Decompressing\|Waiting\|Restarting' \
        "$1" | tail -n 15
}

# rom_quirk PROFILE: fwupd 2.0.20 takes the descriptor right after each DFU interface as its
# functional descriptor (libfwupdplugin/fu-usb-device.c fu_usb_device_parse_descriptor), so
# on an ST ROM, whose functional descriptor follows the last alternate setting, it finds none
# and falls back to 64-byte transfers (plugins/dfu/fu-dfu-device.c). This quirk gives fwupd
# the wTransferSize the ROM declares, as dfu-util and libusb read it (docs/fwupd.md, "What
# differs from dfu-util"), and lets firmware-dump pick the ROM (can-verify-image).
rom_quirk() {
    "$SIM" --profile "$1" --time-scale 0 -- lsusb -v -d 0483:df11 > rom.lsusb 2>&1 ||
        fail "lsusb could not read the $1 ROM"
    size=$(awk '$1 == "wTransferSize" { print $2; exit }' rom.lsusb)
    [ -n "$size" ] || fail "no wTransferSize in the $1 ROM's descriptors"
    printf '[USB\\VID_0483&PID_DF11]\nFlags = can-verify-image\nDfuForceTransferSize = %s\n' \
        "$size" > "$QUIRKS_DIR/stm32-rom-transfer-size.quirk"
}

# app_image FILE VERSION SIZE: an application image of SIZE bytes that the ROM starts after a
# leave (initial SP at the top of SRAM at 0x20000000 is 0x20001000 on every profile, reset
# vector odd and in flash) and that reports VERSION (docs/simulator.md, APPVERSION=).
app_image() {
    payload app.payload "$3"
    {
        printf '\000\020\000\040\231\001\000\010'
        printf 'stm32dfu e2e application APPVERSION=%s\000' "$2"
    } > app.head
    head -c "$(($3 - $(wc -c < app.head)))" app.payload | cat app.head - > "$1"
    [ "$(wc -c < "$1")" -eq "$3" ] || fail "app_image: could not make $3 bytes"
}

# The GUID of the simulated application's USB\VID_1209&PID_0001.
export APP_GUID=f831ee56-5480-59f0-9115-4a73312c287f

# product_setup PROFILE: what a product's user has: the vendor's quirk installed
# (examples/fwupd), plus the ROM quirk of the PROFILE's chip; the application at 1.0.0 in
# old.bin and version 1.1.0 in new.bin, each 6144 bytes.
product_setup() {
    cp "$SOURCE_DIR/examples/fwupd/stm32dfu-product.quirk" "$QUIRKS_DIR/"
    rom_quirk "$1"
    app_image old.bin 1.0.0 6144
    app_image new.bin 1.1.0 6144
    cmp -s old.bin new.bin && fail "product_setup: the two images are the same"
    return 0
}

# json_version FILE: the "Version" of the only device in `fwupdtool get-devices --json` output.
json_version() {
    sed -n 's/^ *"Version" : "\(.*\)",$/\1/p' "$1"
}
