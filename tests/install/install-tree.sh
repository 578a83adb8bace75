#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `cmake --install` into a temporary prefix: checks the file list against
# expected-files.txt, then builds tests/install/consumer against the installed
# library through pkg-config (shared, and the static library) and through
# find_package(stm32dfu CONFIG), and runs each under the installed stm32dfu-sim.
# Usage: install-tree.sh SOURCE_DIR BUILD_DIR CC VERSION SOVERSION BUILD_TYPE \
#            BINDIR LIBDIR INCLUDEDIR MANDIR UDEVRULESDIR COMPLETIONSDIR
set -euo pipefail
src=$1 build=$2 cc=$3 version=$4 soversion=$5 build_type=${6,,}
build_type=${build_type:-noconfig}
bindir=$7 libdir=$8 includedir=$9 mandir=${10} udevrulesdir=${11} completionsdir=${12}
here=$src/tests/install

work=$(mktemp -d "${TMPDIR:-/tmp}/stm32dfu-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "install-tree: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "cmake --install failed"; }

# The file list: regular files, and symbolic links with their targets.
(cd "$prefix" && find . \( -type f -printf '%P\n' \) -o \( -type l -printf '%P -> %l\n' \) |
    sort) >"$work/actual"
{
    grep -v '^#' "$here/expected-files.txt" |
        sed -e "s|BINDIR|$bindir|; s|LIBDIR|$libdir|; s|MANDIR|$mandir|" \
            -e "s|UDEVRULESDIR|$udevrulesdir|; s|COMPLETIONSDIR|$completionsdir|" \
            -e "s|SOVERSION|$soversion|g; s|VERSION|$version|g; s|BUILDTYPE|$build_type|"
    for h in "$src"/host/include/*.h; do echo "$includedir/${h##*/}"; done
} | sort >"$work/expected"
diff -u "$work/expected" "$work/actual" || fail "the installed files differ from expected-files.txt"
echo "install-tree: $(wc -l <"$work/actual") files as expected"

# An image for the consumer: 16 bytes at 0x08000000 as Intel HEX.
printf '0123456789abcdef' >"$work/app.bin"
objcopy -I binary -O ihex --change-addresses 0x08000000 "$work/app.bin" "$work/app.hex"

# Runs a consumer under the installed simulator: the image's segment and the ROM.
run_consumer() {
    local exe=$1 how=$2
    TMPDIR=$work "$prefix/$bindir/stm32dfu-sim" --time-scale 0 -- "$exe" "$work/app.hex" \
        >"$work/out" 2>&1 || { cat "$work/out" >&2; fail "$how: the consumer failed"; }
    grep -q '^segment 0x08000000 16 bytes$' "$work/out" || { cat "$work/out" >&2; fail "$how: no segment"; }
    grep -q '^device 0483:df11 bootloader$' "$work/out" || { cat "$work/out" >&2; fail "$how: no device"; }
    grep -q '^1 devices$' "$work/out" || { cat "$work/out" >&2; fail "$how: not one device"; }
    echo "install-tree: $how: the consumer loaded the image and listed the simulated ROM"
}
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

# pkg-config, shared library.
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
[ "$(pkg-config --modversion stm32dfu)" = "$version" ] || fail "pkg-config: wrong version"
pc_libdir=$(pkg-config --variable=libdir stm32dfu)
# shellcheck disable=SC2046 # pkg-config prints several words
"$cc" -Wall -Werror $(pkg-config --cflags stm32dfu) "$here/consumer/consumer.c" -o "$work/consumer-pc" \
    $(pkg-config --libs stm32dfu) -Wl,-rpath,"$pc_libdir"
needed "$work/consumer-pc" | grep -qx "libstm32dfu.so.$soversion" || fail "pkg-config: not linked to libstm32dfu.so.$soversion"
run_consumer "$work/consumer-pc" "pkg-config"

# The static library with its dependencies (Requires.private) linked shared: Debian's
# libusb-1.0.pc names -ludev for --static, which libusb-1.0-0-dev does not bring.
deps=$(pkg-config --print-requires-private stm32dfu)
# shellcheck disable=SC2046,SC2086
"$cc" -Wall -Werror $(pkg-config --cflags stm32dfu) "$here/consumer/consumer.c" -o "$work/consumer-static" \
    $(pkg-config --libs-only-L stm32dfu) -l:libstm32dfu.a $(pkg-config --libs $deps)
! needed "$work/consumer-static" | grep -q libstm32dfu || fail "static: linked to the shared library"
run_consumer "$work/consumer-static" "pkg-config, static library"

# find_package(stm32dfu 0.1 CONFIG) -> stm32dfu::host.
cmake -S "$here/consumer" -B "$work/consumer-cmake" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_COMPILER="$cc" >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log" >&2; fail "find_package failed"; }
cmake --build "$work/consumer-cmake" >>"$work/cmake.log" 2>&1 || { cat "$work/cmake.log" >&2; fail "the CMake consumer did not build"; }
needed "$work/consumer-cmake/consumer" | grep -qx "libstm32dfu.so.$soversion" || fail "find_package: not linked to libstm32dfu.so.$soversion"
run_consumer "$work/consumer-cmake/consumer" "find_package"
# The version file refuses another major version.
if cmake -S "$here/consumer" -B "$work/consumer-v1" -DCMAKE_PREFIX_PATH="$prefix" \
    -DSTM32DFU_CONSUMER_WANTS=1.0 >"$work/cmake-v1.log" 2>&1; then
    fail "find_package(stm32dfu 1.0) accepted version $version"
fi
grep -q "compatible with requested version \"1.0\"" "$work/cmake-v1.log" || { cat "$work/cmake-v1.log" >&2; fail "find_package(stm32dfu 1.0) failed for another reason"; }
echo "install-tree: find_package(stm32dfu 1.0) is refused by the version file"

# The installed programs run from the prefix ($ORIGIN RPATH) and their pages format.
"$prefix/$bindir/stm32dfu" --version | grep -qx "stm32dfu $version" || fail "installed stm32dfu --version"
for page in stm32dfu stm32dfu-sim; do
    out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$prefix/$mandir/man1/$page.1" 2>&1 >/dev/null)
    [ -z "$out" ] || fail "man $page: $out"
done
echo "install-tree: the installed stm32dfu runs, its man pages format without warnings"
