#!/bin/sh
# SPDX-License-Identifier: MIT
# fwupdtool get-devices lists the simulated ROM of PROFILE with the name, serial and flash
# layout the ROM declares (compared with what lsusb reads from the same board), as a DfuSe
# device of the dfu plugin.
# usage: rom-get-devices.sh PROFILE
. "$(dirname "$0")/lib.sh"

profile=$1
"$SIM" --profile "$profile" --time-scale 0 -- sh -c '
    lsusb -v -d 0483:df11 > rom.lsusb &&
    fwupdtool get-devices --plugins dfu --json > devices.json 2> devices.log &&
    fwupdtool get-devices --plugins dfu -vv > devices.txt 2> verbose.log' ||
    fail "lsusb or fwupdtool failed on the $profile ROM: $(tail -n 5 devices.log verbose.log)"

# the first string descriptor lsusb prints for FIELD, verbatim (inner blanks kept)
string() {
    awk -v k="$1" '$1 == k { sub(/^[ \t]*[^ \t]+[ \t]+[0-9]+ /, ""); print; exit }' rom.lsusb
}
product=$(string iProduct)
serial=$(string iSerial)
layout=$(string iInterface)
# fwupd folds runs of blanks in a device name into one (the F405 ROM says "STM32  BOOTLOADER")
expect_in devices.json "\"Name\" : \"$(echo "$product" | tr -s ' ')\"" "fwupd's name for the ROM"
expect_in devices.json "\"Serial\" : \"$serial\"" "fwupd's serial"
expect_in devices.json '"Plugin" : "dfu"' "the dfu plugin handles the ROM"
expect_in devices.json '"com.st.dfuse"' "protocol DfuSe"
expect_in devices.json '"is-bootloader"' "the ROM is a bootloader"

# alternate setting 0: fwupd's target and its sectors, one line per sector, as the layout
# string says (UM0424 Rev 4 §10.3.2: /ADDR/COUNT*SIZE[unit]type,...)
grep -E "LogicalId: +$(echo "$layout" | sed 's/[].*[]/\\&/g')\$" verbose.log > /dev/null ||
    fail "fwupd's target for alternate setting 0: no LogicalId '$layout' in verbose.log"
echo "$layout" | awk -F/ '
function hex(s,   i, v) {
    v = 0
    for (i = 3; i <= length(s); i++)
        v = v * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
    return v
}
{
    addr = hex($2); n = split($3, parts, ",")
    for (i = 1; i <= n; i++) {
        split(parts[i], cs, "*"); count = cs[1] + 0; size = cs[2] + 0
        if (cs[2] ~ /K/) size *= 1024; else if (cs[2] ~ /M/) size *= 1048576
        for (j = 0; j < count; j++) { printf "Addr:0x%08x, Size:0x%04x\n", addr, size; addr += size }
    }
}' > sectors.expected
awk -v l="$layout" '/LogicalId:/ && substr($0, length($0) - length(l) + 1) == l { on = 1; next }
    on && /LogicalId:/ { on = 0 }
    on && /Idx[0-9a-f]+:/ { sub(/.*Sec#:[0-9]+, /, ""); sub(/, Caps.*/, ""); print }' \
    verbose.log > sectors.fwupd
cmp sectors.expected sectors.fwupd > /dev/null ||
    fail "fwupd's sectors differ from the layout '$layout': $(diff sectors.expected sectors.fwupd | head -n 6)"
