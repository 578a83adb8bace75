#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the QEMU scenarios of BUILD_DIR and prints their results as a Markdown
# table (scenario x core x path) for docs/firmware.md. A cell is "pass" when
# the scenario's tests at -Os and -O2 both ran and passed, "FAIL" otherwise,
# and "-" when the board lacks the feature the scenario needs or the path
# does not apply (no such test).
#
# usage: results-table.sh BUILD_DIR
set -uo pipefail
build=${1:?usage: $0 BUILD_DIR}
table=$(cd "$(dirname "$0")" && pwd)/../targets/qemu/scenarios.h
xml=$(mktemp)
trap 'rm -f "$xml"' EXIT
(cd "$build" && ctest -L qemu -j2 --output-junit "$xml" >/dev/null)
# One "<name> <status>" line per test case of the JUnit report.
results=$(grep -o '<testcase name="[^"]*"[^>]*status="[a-z]*"' "$xml" |
  sed -E 's/<testcase name="([^"]*)".*status="([a-z]*)"/\1 \2/')

boards=(microbit mps2-an385 netduinoplus2 mps2-an500 mps2-an505)
cores=(M0 M3 M4 M7 M33)
header="| Scenario | Outcome |"
rule="|---|---|"
for core in "${cores[@]}"; do
  header+=" $core jump | $core request |"
  rule+="---|---|"
done
echo "$header"
echo "$rule"
grep -E '^X\("' "$table" | sed -E 's/^X\("([^"]+)", [A-Z]+, [A-Z]+, ([A-Z]+),.*/\1 \2/' |
  while read -r name outcome; do
  line="| $name | ${outcome,,} |"
  for board in "${boards[@]}"; do
    for path in jump request; do
      cell=$(grep -E "^firmware/qemu/$board/O[s2]/$path/$name " <<<"$results" || true)
      if [ -z "$cell" ]; then
        line+=" - |"
      elif [ "$(grep -c ' run$' <<<"$cell")" -eq 2 ]; then
        line+=" pass |"
      else
        line+=" FAIL |"
      fi
    done
  done
  echo "$line"
done
