#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages stm32dfu needs to build, test and demo.
# Idempotent: only packages that are missing are installed, `apt-get update`
# runs at most once, and apt-get is used as root or through sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
  clang libclang-rt-14-dev clang-format
  libusb-1.0-0-dev libelf-dev zlib1g-dev libcmocka-dev
  libumockdev-dev umockdev usbutils dfu-util jq
  libunicorn-dev qemu-system-arm
  fwupd gcab
  valgrind
  debhelper dpkg-dev fakeroot lintian man-db bash-completion
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "bootstrap: missing packages: ${missing[*]}" >&2
  echo "bootstrap: run this script as root, or install sudo, so apt-get can install them" >&2
  exit 1
fi

echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
