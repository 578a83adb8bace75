# Shared by the e2e/fwupd and e2e/usbfs test scripts (POSIX sh): the e2e/dfu-util helpers
# (a private work directory, fail, payload, same_bytes, expect_in, wait_for, start_server),
# plus fwupdtool run with every state, cache and configuration directory inside that work
# directory, no D-Bus and no remote (docs/fwupd.md, "Testing").
#
# Environment, set by CMakeLists.txt: SIM, MAKE_DFUSE, WRAP_CLIENT, SOURCE_DIR.
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

# fwupd_run OUT ARGS...: fwupdtool ARGS (only the dfu plugin) with its verbose log in OUT.log
# and its output in OUT; fails the test, showing the log, if fwupdtool fails.
fwupd_run() {
    out=$1
    shift
    fwupdtool --plugins dfu --verbose "$@" > "$out" 2> "$out.log" ||
        fail "fwupdtool $* exited with $?: $(grep -v 'Loading\|Idle\|Writing\|Erasing\|Reading\|Verifying\|Decompressing\|Waiting' "$out.log" | tail -n 25)"
}
