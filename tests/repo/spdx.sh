#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fails on any source file of the tree without an SPDX-License-Identifier line
# in its first five lines (LICENSE; CONTRIBUTING.md "Licence"). Data files (test
# images, fuzz corpora, captures) carry none.
# Usage: spdx.sh SOURCE_DIR
set -euo pipefail
cd "$1"

is_source() {
  case "$1" in
    tests/fuzz/corpus/* | tests/host/bad-files/*.s19) return 1 ;;
    *.c | *.h | *.ld | *.ld.in | *.sh | *.cmake | *.py | *.rules | *.quirk | *.1 | *.mk) return 0 ;;
    */CMakeLists.txt | CMakeLists.txt | Makefile | */Makefile | .ci/run | .clang-format | .gitignore) return 0 ;;
    debian/rules | debian/control | debian/copyright) return 0 ;;
  esac
  return 1
}

if [ -d .git ] || [ -f .git ]; then
  mapfile -t files < <(git ls-files)
else
  mapfile -t files < <(find . -type f ! -path './build*' -printf '%P\n')
fi

checked=0
missing=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  is_source "$f" || continue
  checked=$((checked + 1))
  head -n 5 "$f" | grep -q 'SPDX-License-Identifier: MIT' || missing+=("$f")
done

if [ ${#missing[@]} -ne 0 ]; then
  printf 'spdx: no "SPDX-License-Identifier: MIT" line in the first 5 lines of:\n' >&2
  printf '  %s\n' "${missing[@]}" >&2
  printf 'spdx: add one as a comment (see CONTRIBUTING.md "Licence")\n' >&2
  exit 1
fi
[ "$checked" -gt 100 ] || { echo "spdx: only $checked source files found in $PWD" >&2; exit 1; }
[ -f LICENSE ] && grep -q '^MIT License' LICENSE || { echo "spdx: LICENSE is missing or not MIT" >&2; exit 1; }
echo "spdx: $checked source files carry the MIT SPDX line"
