#!/usr/bin/env bash
# Runs every fuzz target of the module, one after another, each for
# $FUZZTIME (default 10m), and prints how many inputs each one executed.
# A failing input is written under the package's testdata/fuzz/ by go test:
# commit it as a regression case once fixed.
#
#   scripts/fuzz.sh                 # every target, 10 minutes each
#   FUZZTIME=30s scripts/fuzz.sh    # a quick pass
#   scripts/fuzz.sh ./pipeline/catalog   # the targets of some packages
set -uo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-10m}
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./...)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
summary=()
for pkg in $(go list "${pkgs[@]}"); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz'); do
    echo "== $pkg $target ($fuzztime)"
    if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" >"$log" 2>&1; then
      result=ok
    else
      result=FAIL
      status=1
    fi
    tail -n 4 "$log"
    # The last progress line carries the count: "execs: 12345 (…/sec)".
    execs=$(grep -o 'execs: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*')
    summary+=("$(printf '%-6s %-44s %-28s %12s execs' "$result" "${pkg#github.com/quipu-l10n/quipu/}" "$target" "${execs:-0}")")
    [ "$result" = ok ] || grep -A 12 -- '--- FAIL' "$log"
  done
done

echo
echo "fuzzing, $fuzztime per target:"
printf '%s\n' "${summary[@]}"
exit $status
