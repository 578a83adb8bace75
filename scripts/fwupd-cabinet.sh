#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the cabinet archive (.cab) a vendor gives fwupd or uploads to the LVFS, from a
# firmware image, for a product updated through its DFU runtime interface and ST's ROM
# bootloader (docs/fwupd.md, "Building the cabinet"). Uses only fwupd's own tools:
# `fwupdtool firmware-build` makes the DfuSe file from a raw image, `fwupdtool build-cabinet`
# packs it with the metainfo this script writes.
set -eu

usage() {
    cat <<EOF
usage: fwupd-cabinet.sh [options] IMAGE OUT.cab
Builds OUT.cab for fwupd from IMAGE: a DfuSe .dfu file, taken as it is, or a raw
binary (.bin), stored at --address.

required:
  --id ID               AppStream ID of the firmware, e.g. com.example.sensor.firmware
  --name NAME           product name, e.g. "Example Sensor"
  --device VID:PID      the application's USB ID (hex), e.g. 1209:0001
  --version X.Y.Z       the version the image reports in bcdDevice (major and minor
                        0-15, patch 0-255: STM32DFU_RUNTIME_BCD_VERSION)
options:
  --address ADDR        where a raw binary goes (default 0x08000000); its vector table
                        must be there, as the ROM jumps to it after the update
  --summary TEXT        one line about the firmware (default "Firmware for NAME")
  --vendor NAME         developer name (default "the vendor")
  --license SPDX        firmware license (default LicenseRef-proprietary)
  --description TEXT    what the release changes (default "Version X.Y.Z.")
  -h, --help            this text
EOF
}

die() {
    echo "fwupd-cabinet.sh: $*" >&2
    exit 64
}

id= name= device= version= address=0x08000000 summary= vendor="the vendor"
license=LicenseRef-proprietary description=
while [ $# -gt 0 ]; do
    case $1 in
    -h | --help) usage; exit 0 ;;
    --id | --name | --device | --version | --address | --summary | --vendor | --license | \
        --description)
        [ $# -ge 2 ] || die "$1 needs a value; try --help"
        opt=${1#--}
        eval "$opt=\$2"
        shift 2
        ;;
    -*) die "unknown option '$1'; try --help" ;;
    *) break ;;
    esac
done
[ $# -eq 2 ] || { usage >&2; exit 64; }
image=$1 out=$2
for v in id name device version; do
    eval "[ -n \"\$$v\" ]" || die "--$v is required; try --help"
done
[ -r "$image" ] || die "cannot read the image '$image'"
echo "$device" | grep -Eq '^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$' ||
    die "--device '$device' is not VID:PID in hex, e.g. 1209:0001"
echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' ||
    die "--version '$version' is not MAJOR.MINOR.PATCH"
IFS=. read -r major minor patch <<EOF
$version
EOF
[ "$major" -le 15 ] && [ "$minor" -le 15 ] && [ "$patch" -le 255 ] ||
    die "--version $version does not fit bcdDevice (major and minor 0-15, patch 0-255)"
printf '%s' "$address" | grep -Eq '^0x[0-9A-Fa-f]{1,8}$' ||
    die "--address '$address' is not a hex address, e.g. 0x08000000"
command -v fwupdtool > /dev/null || die "fwupdtool is missing: install Debian's fwupd"

vid=$(echo "${device%%:*}" | tr a-f A-F)
pid=$(echo "${device##*:}" | tr a-f A-F)
instance_id="USB\\VID_${vid}&PID_${pid}"

# fwupd names a device by the GUID of its instance ID: an RFC 4122 version 5 UUID (SHA-1, DNS
# namespace 6ba7b810-9dad-11d1-80b4-00c04fd430c8) of the ID's UTF-8 text (libfwupd
# fwupd-common.c fwupd_guid_hash_string; e.g. USB\VID_0483&PID_DF11 is
# 5aea1200-2286-5819-93e6-3b5548b6c88a, as fwupdtool get-devices shows).
guid_of() {
    h=$({
        printf '\153\247\270\020\235\255\021\321\200\264\000\300\117\324\060\310'
        printf '%s' "$1"
    } | sha1sum | cut -c1-32)
    v=$(printf '%x' $((0x$(echo "$h" | cut -c13-14) & 0x0f | 0x50)))
    r=$(printf '%x' $((0x$(echo "$h" | cut -c17-18) & 0x3f | 0x80)))
    echo "$(echo "$h" | cut -c1-8)-$(echo "$h" | cut -c9-12)-$v$(echo "$h" | cut -c15-16)-$r$(echo "$h" | cut -c19-20)-$(echo "$h" | cut -c21-32)"
}

xml_escape() {
    printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'
}

work=$(mktemp -d "${TMPDIR:-/tmp}/fwupd-cabinet.XXXXXX")
trap 'rm -rf "$work"' EXIT

case $image in
*.dfu | *.DFU)
    cp "$image" "$work/firmware.dfu"
    ;;
*)
    # A DfuSe file of one element at ADDR (fwupd libfwupdplugin/tests/dfuse.builder.xml shows
    # the builder format); its suffix names ST's ROM, which takes the writes (fwupd checks it
    # against the device or its runtime ID, plugins/dfu/fu-dfu-device.c).
    cat > "$work/firmware.builder.xml" <<EOF
<firmware gtype="FuDfuseFirmware">
  <vendor>0x0483</vendor>
  <product>0xdf11</product>
  <firmware>
    <idx>0x0</idx>
    <id>Internal Flash</id>
    <chunks>
      <chunk>
        <addr>$address</addr>
        <data>$(base64 -w0 < "$image")</data>
      </chunk>
    </chunks>
  </firmware>
</firmware>
EOF
    fwupdtool firmware-build "$work/firmware.builder.xml" "$work/firmware.dfu" \
        > "$work/build.log" 2>&1 || {
        cat "$work/build.log" >&2
        die "fwupdtool firmware-build could not make the DfuSe file"
    }
    ;;
esac

# The metainfo the LVFS and fwupd read (fwupd docs "Metainfo files"; the LVFS's metainfo
# page): the device's GUID, the release and its version format.
cat > "$work/firmware.metainfo.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<component type="firmware">
  <id>$(xml_escape "$id")</id>
  <name>$(xml_escape "$name")</name>
  <summary>$(xml_escape "${summary:-Firmware for $name}")</summary>
  <description>
    <p>$(xml_escape "${description:-Version $version.}")</p>
  </description>
  <provides>
    <firmware type="flashed">$(guid_of "$instance_id")</firmware>
  </provides>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>$(xml_escape "$license")</project_license>
  <developer_name>$(xml_escape "$vendor")</developer_name>
  <releases>
    <release version="$version" date="$(date -u +%Y-%m-%d)">
      <checksum filename="firmware.dfu" target="content"/>
      <description>
        <p>$(xml_escape "${description:-Version $version.}")</p>
      </description>
    </release>
  </releases>
  <custom>
    <value key="LVFS::VersionFormat">triplet</value>
    <value key="LVFS::UpdateProtocol">com.st.dfuse</value>
  </custom>
</component>
EOF

fwupdtool build-cabinet "$out" "$work/firmware.dfu" "$work/firmware.metainfo.xml" \
    > "$work/cab.log" 2>&1 || {
    cat "$work/cab.log" >&2
    echo "fwupd-cabinet.sh: fwupdtool build-cabinet could not write '$out'" >&2
    exit 73
}
echo "$out: $name $version for $instance_id ($(guid_of "$instance_id"))"
