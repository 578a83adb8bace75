#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian packages (debian/) with `dpkg-buildpackage -us -uc -b` in a copy of
# the source in a temporary directory (the tree stays clean), runs lintian on them
# (fails on errors, prints every tag), checks each package's files against
# expected-debs.txt and its dependencies, then extracts them into a throwaway root
# and runs stm32dfu --version, `stm32dfu-sim -- stm32dfu list` and man from there.
# Usage: debian-packages.sh SOURCE_DIR PROJECT_VERSION SOVERSION
set -euo pipefail
src=$1 version=$2 soversion=$3
here=$src/tests/install
fail() { echo "debian-packages: $*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/stm32dfu-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/stm32dfu"
# The sources as git sees them (tracked, and new files not ignored), else all but build dirs.
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$src" && git ls-files -z --cached --others --exclude-standard |
        xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null -T - -cf -) | tar -xf - -C "$work/stm32dfu"
else
    tar -C "$src" --exclude='./build*' --exclude=./.git -cf - . | tar -xf - -C "$work/stm32dfu"
fi

package_version=$(dpkg-parsechangelog -l "$work/stm32dfu/debian/changelog" -S Version)
[ "$package_version" = "$version" ] ||
    fail "debian/changelog is at $package_version, project() at $version: add a changelog entry"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)

start=$SECONDS
(cd "$work/stm32dfu" && DEB_BUILD_OPTIONS="parallel=2 noautodbgsym" dpkg-buildpackage -us -uc -b) \
    >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; fail "dpkg-buildpackage failed"; }
echo "debian-packages: dpkg-buildpackage -us -uc -b built $(cd "$work" && echo *.deb)" \
    "in $((SECONDS - start)) s"
start=$SECONDS

# lintian: every tag is shown (the log is the record), errors fail the test.
changes=$work/stm32dfu_${version}_${arch}.changes
lintian --display-info --fail-on error "$changes" >"$work/lintian.log" 2>&1 || lintian_rc=$?
grep -v 'running with root privileges' "$work/lintian.log" | sed 's/^/lintian: /' || true
[ "${lintian_rc:-0}" -eq 0 ] || fail "lintian reports errors (exit ${lintian_rc})"
echo "debian-packages: lintian: $(grep -c '^E:' "$work/lintian.log" || true) errors," \
    "$(grep -c '^W:' "$work/lintian.log" || true) warnings, in $((SECONDS - start)) s"

# Each package's files (directories left out).
for deb in "$work"/*.deb; do
    name=$(dpkg-deb -f "$deb" Package)
    dpkg-deb -c "$deb" | awk -v p="$name" '$1 !~ /^d/ {
        path = $6; sub(/^\.\//, "", path)
        if ($1 ~ /^l/) print p, path, "->", $8; else print p, path }'
done | sort >"$work/actual"
grep -v '^#' "$here/expected-debs.txt" |
    sed -e "s|MULTIARCH|$multiarch|g; s|SOVERSION|$soversion|g; s|VERSION|$version|g" |
    sort >"$work/expected"
diff -u "$work/expected" "$work/actual" || fail "the packages' files differ from expected-debs.txt"
echo "debian-packages: the files of each package are as expected-debs.txt says"

# The tool depends on the library package, the -dev package on the library's exact version.
deb() { echo "$work/${1}_${version}_${2:-$arch}.deb"; }
dpkg-deb -f "$(deb stm32dfu)" Depends | grep -q "libstm32dfu$soversion (>= $version)" ||
    fail "stm32dfu does not depend on libstm32dfu$soversion (>= $version)"
dpkg-deb -f "$(deb libstm32dfu-dev)" Depends | grep -q "libstm32dfu$soversion (= $version)" ||
    fail "libstm32dfu-dev does not depend on libstm32dfu$soversion (= $version)"

# The packaged programs, from a throwaway root.
root=$work/root
for f in "$work"/*.deb; do dpkg-deb -x "$f" "$root"; done
export LD_LIBRARY_PATH=$root/usr/lib/$multiarch
ldd "$root/usr/bin/stm32dfu" | grep -q "libstm32dfu.so.$soversion => $root/usr/lib/$multiarch/" ||
    fail "the packaged stm32dfu does not load the packaged library"
[ "$("$root/usr/bin/stm32dfu" --version)" = "stm32dfu $version" ] || fail "stm32dfu --version"
echo "debian-packages: the packaged stm32dfu --version says stm32dfu $version"
TMPDIR=$work "$root/usr/bin/stm32dfu-sim" --time-scale 0 -- "$root/usr/bin/stm32dfu" list \
    >"$work/list.out" 2>&1 || { cat "$work/list.out" >&2; fail "stm32dfu-sim -- stm32dfu list"; }
grep -q "0483:df11  bootloader" "$work/list.out" || { cat "$work/list.out" >&2; fail "no simulated ROM listed"; }
echo "debian-packages: the packaged stm32dfu-sim -- stm32dfu list shows the simulated ROM"
for page in stm32dfu stm32dfu-sim; do
    LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$root/usr/share/man/man1/$page.1.gz" >"$work/$page.txt" 2>"$work/man.err" ||
        fail "man -l $page.1.gz failed"
    [ ! -s "$work/man.err" ] || { cat "$work/man.err" >&2; fail "man $page: warnings"; }
    grep -q "^NAME" "$work/$page.txt" && grep -qE "^ *$page +- " "$work/$page.txt" ||
        fail "man $page: no NAME section for $page"
done
echo "debian-packages: man -l formats the packaged stm32dfu.1.gz and stm32dfu-sim.1.gz"
