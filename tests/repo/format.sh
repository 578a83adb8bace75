#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fails on any C source or header of the tree that clang-format would change
# (.clang-format; CONTRIBUTING.md "Style"). Debian's clang-format 14 is the
# reference: another version may lay some constructs out differently.
# Usage: format.sh SOURCE_DIR [CLANG_FORMAT]
set -euo pipefail
cd "$1"
clang_format=${2:-clang-format}

command -v "$clang_format" >/dev/null || {
  echo "format: $clang_format not found; install Debian's clang-format (scripts/bootstrap.sh)" >&2
  exit 1
}
version=$("$clang_format" --version)
case "$version" in
  *" version 14."*) ;;
  *) echo "format: $version is not clang-format 14, the version the tree is formatted with" >&2; exit 1 ;;
esac

if [ -d .git ] || [ -f .git ]; then
  mapfile -t files < <(git ls-files '*.c' '*.h')
else
  mapfile -t files < <(find . -type f \( -name '*.c' -o -name '*.h' \) ! -path './build*' -printf '%P\n')
fi
[ "${#files[@]}" -gt 100 ] || { echo "format: only ${#files[@]} C files found in $PWD" >&2; exit 1; }

if ! "$clang_format" --dry-run -Werror "${files[@]}"; then
  echo "format: the files above differ from .clang-format; run 'clang-format -i FILE' on each" >&2
  exit 1
fi
echo "format: ${#files[@]} C files match .clang-format"
