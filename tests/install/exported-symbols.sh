#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The shared library exports exactly what the public header(s) declare, and every
# global symbol of the static library has the public (stm32dfu_) or the internal
# (s32dfu_) prefix, so that neither can clash with other code (issue 10 §2).
# Usage: exported-symbols.sh shared LIBSTM32DFU.so CC INCLUDE_DIR
#        exported-symbols.sh static LIBSTM32DFU.a
set -euo pipefail

defined_globals() { # the names of the global symbols nm "$@" lists as defined here
    nm "$@" --defined-only | awk 'NF == 3 && $2 ~ /^[A-Z]$/ && $2 != "A" { print $3 }' | sort -u
}

case $1 in
shared)
    lib=$2 cc=$3 include_dir=$4
    exported=$(defined_globals -D "$lib")
    # Function names the headers declare, comments and macros resolved by the preprocessor.
    declared=$(for h in "$include_dir"/*.h; do "$cc" -E -P -x c "$h"; done |
        grep -oE '\bstm32dfu_[a-z0-9_]+ *\(' | tr -d ' (' | sort -u)
    extra=$(comm -23 <(echo "$exported") <(echo "$declared"))
    missing=$(comm -13 <(echo "$exported") <(echo "$declared"))
    if [ -n "$extra" ]; then
        echo "exported by $lib but declared in no header of $include_dir:" >&2
        echo "$extra" | sed 's/^/  /' >&2
        echo "make them static, or declare them in a private header (hidden)" >&2
    fi
    if [ -n "$missing" ]; then
        echo "declared in $include_dir but not exported by $lib:" >&2
        echo "$missing" | sed 's/^/  /' >&2
        echo "a public header needs '#pragma GCC visibility push(default)' around its declarations" >&2
    fi
    [ -z "$extra" ] && [ -z "$missing" ] || exit 1
    count=$(echo "$exported" | wc -l)
    [ "$count" -ge 50 ] || { echo "only $count symbols exported by $lib" >&2; exit 1; }
    echo "$lib exports the $count functions its headers declare, and nothing else"
    ;;
static)
    lib=$2
    bad=$(defined_globals "$lib" | grep -vE '^(stm32dfu|s32dfu)_' || true)
    if [ -n "$bad" ]; then
        echo "global symbols of $lib without the stm32dfu_ (public) or s32dfu_ (internal) prefix:" >&2
        echo "$bad" | sed 's/^/  /' >&2
        exit 1
    fi
    echo "every global symbol of $lib has the stm32dfu_ or s32dfu_ prefix"
    ;;
*)
    echo "usage: $0 shared LIB.so CC INCLUDE_DIR | static LIB.a" >&2
    exit 64
    ;;
esac
