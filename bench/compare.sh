#!/usr/bin/env bash
# Compares, in one run on the same N tldr pages, on the same disk:
#   - po4a as its users run it: one po4a.cfg, one POT/PO for every page,
#     `po4a -k 0 --force po4a.cfg` (update the PO, write the translated
#     Markdown);
#   - quipu's round trip: `quipu sync` then `quipu build`, with a built binary;
#   - the floor: bench/floor parses and renders every page with goldmark and
#     writes as many files as quipu does, in one loop (the issue's floor),
#     and for reference the same spread over every core (-j);
#   - then a one-page edit, and each tool's rebuild.
# It prints wall time, time per page and peak RSS for each, and the ratios.
#
#   bench/compare.sh            # N=1000 pages
#   N=all bench/compare.sh      # every page of the corpus
#
# Environment: N (page count or "all"), CORPUS (a tldr checkout, default
# ../shared/corpus/tldr beside the repository), REPEAT (rounds of each
# measurement, default 1; each row then shows its fastest round, which
# filters out other work on a shared machine), KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
N=${N:-1000}
R=${REPEAT:-1}
CORPUS=${CORPUS:-$repo/../shared/corpus/tldr}

if ! command -v po4a >/dev/null || [ ! -x /usr/bin/time ] || ! command -v bc >/dev/null; then
  apt-get update -qq && apt-get install -y -qq po4a time bc >/dev/null
fi
[ -d "$CORPUS/pages" ] || { echo "compare.sh: no tldr pages in $CORPUS (set CORPUS)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/quipu-compare.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/bin"
go build -o "$work/bin/quipu" ./cmd/quipu
go build -o "$work/bin/floor" ./bench/floor

mapfile -t pages < <(cd "$CORPUS/pages" && find . -name '*.md' -type f | sed 's|^\./||' | LC_ALL=C sort)
if [ "$N" != all ]; then pages=("${pages[@]:0:$N}"); fi
n=${#pages[@]}

# The same pages in three trees. po4a 0.69 dies on file names with regular
# expression characters ("[.md", "c++.md"): those get safe names there only.
mkdir -p "$work/quipu/content" "$work/floor/content" "$work/po4a/pages" "$work/po4a/po"
echo 'locales = ["es-PE"]' > "$work/quipu/quipu.toml"
{
  echo '[po4a_langs] es'
  echo '[po4a_paths] po/pages.pot $lang:po/$lang.po'
  echo '[po4a_alias:markdown] text opt:"-o markdown"'
} > "$work/po4a/po4a.cfg"
# One tar pipe per tree: a process per page would take minutes on a busy
# machine.
for tree in quipu/content floor/content po4a/pages; do
  (cd "$CORPUS/pages" && printf '%s\0' "${pages[@]}" | tar --null -T - -cf -) | tar -C "$work/$tree" -xf -
  chmod -R u+w "$work/$tree"
done
i=0
for rel in "${pages[@]}"; do
  i=$((i + 1))
  safe=$rel
  if [[ $rel =~ [^A-Za-z0-9._/-] ]]; then
    safe="$(dirname "$rel")/page-$i.md"
    mv "$work/po4a/pages/$rel" "$work/po4a/pages/$safe"
  fi
  echo "[type: markdown] pages/$safe \$lang:out/\$lang/$safe"
  [ "$rel" = "${pages[$((n / 2))]}" ] && { edit_rel=$rel; edit_safe=$safe; }
done >> "$work/po4a/po4a.cfg"

# measure LABEL DIR CMD...: runs CMD in DIR under /usr/bin/time -v and
# records, for this round, wall seconds (from the shell's clock, to the
# millisecond), CPU seconds (user + system) and peak RSS in MB. Wall well
# above CPU is time spent waiting, mostly for the disk.
declare -A w c m wall cpu rss
measure() {
  local label=$1 dir=$2; shift 2
  local t0 t1
  # Every run starts with nothing left to write back from the one before,
  # so no tool pays for another's files.
  sync
  t0=$EPOCHREALTIME
  if ! (cd "$dir" && /usr/bin/time -v -o "$work/time.$label" "$@" >"$work/log.$label" 2>&1); then
    echo "compare.sh: $label failed:" >&2; tail -5 "$work/log.$label" >&2; exit 1
  fi
  t1=$EPOCHREALTIME
  w[$label]=$(echo "$t1 - $t0" | bc -l)
  m[$label]=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/time.$label")
  c[$label]=$(awk -F': ' '/(User|System) time/ {s += $2} END {printf "%.2f", s}' "$work/time.$label")
}
add() { # LABEL A B: sequential steps, summed times and the larger RSS
  w[$1]=$(echo "${w[$2]} + ${w[$3]}" | bc -l)
  c[$1]=$(echo "${c[$2]} + ${c[$3]}" | bc -l)
  m[$1]=$(echo "if (${m[$2]} > ${m[$3]}) ${m[$2]} else ${m[$3]}" | bc -l)
}
keep() { # LABEL...: keep this round's numbers where its wall time is the best
  local l
  for l in "$@"; do
    if [ -z "${wall[$l]:-}" ] || [ "$(echo "${w[$l]} < ${wall[$l]}" | bc -l)" = 1 ]; then
      wall[$l]=${w[$l]} cpu[$l]=${c[$l]} rss[$l]=${m[$l]}
    fi
  done
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "pages: $n; edited page: $edit_rel; rounds: $R"
for r in $(seq "$R"); do
  rm -rf "$work/po4a/po" "$work/po4a/out" "$work/quipu/locales" "$work/quipu/output" "$work/floor/out" "$work/floor/outj"
  mkdir -p "$work/po4a/po"
  measure po4a "$work/po4a" po4a -k 0 --force po4a.cfg
  measure sync "$work/quipu" "$work/bin/quipu" sync
  measure build "$work/quipu" "$work/bin/quipu" build
  add quipu sync build
  if [ "$r" = 1 ]; then
    files=$(find "$work/quipu/locales" "$work/quipu/output" -type f -newer "$work/quipu/quipu.toml" | wc -l)
    per=$(( files / n ))
  fi
  measure floor "$work/floor" "$work/bin/floor" -in content -out out -files "$per"
  measure floorj "$work/floor" "$work/bin/floor" -in content -out outj -files "$per" -j "$(nproc)"
  keep po4a sync build quipu floor floorj
done

# One-page edits: each round adds a new example at the end of the page.
for r in $(seq "$R"); do
  for f in "$work/quipu/content/$edit_rel" "$work/floor/content/$edit_rel" "$work/po4a/pages/$edit_safe"; do
    printf '\n- Show the version of benchmark round %d:\n\n`tool --version`\n' "$r" >> "$f"
  done
  measure po4a_edit "$work/po4a" po4a -k 0 --force po4a.cfg
  measure sync_edit "$work/quipu" "$work/bin/quipu" sync
  measure build_edit "$work/quipu" "$work/bin/quipu" build
  add quipu_edit sync_edit build_edit
  measure floor_edit "$work/floor" "$work/bin/floor" -in content -out out -files "$per"
  measure floor_page "$work/floor" "$work/bin/floor" -in content -out out -files "$per" "$edit_rel"
  keep po4a_edit sync_edit build_edit quipu_edit floor_edit floor_page
done

row() { # LABEL NAME DOCS
  printf '%-34s %9.3f %10.3f %8.2f %9.1f\n' "$2" "${wall[$1]}" "$(echo "${wall[$1]} * 1000 / $3" | bc -l)" "${cpu[$1]}" "${rss[$1]}"
}
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); pages: $n; quipu writes $per files per page; best of $R round(s) per row"
echo "load average (1, 5, 15 min) at start: $load0; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %9s %10s %8s %9s\n' "run" "wall s" "ms/page" "CPU s" "RSS MB"
row po4a "po4a full (update PO, write)" "$n"
row sync "quipu sync" "$n"
row build "quipu build" "$n"
row quipu "quipu sync+build" "$n"
row floor "floor (goldmark, $per files/page)" "$n"
row floorj "floor on $(nproc) cores (reference)" "$n"
row po4a_edit "po4a after a 1-page edit" "$n"
row sync_edit "quipu sync after the edit" "$n"
row build_edit "quipu build after the edit" "$n"
row quipu_edit "quipu sync+build after the edit" "$n"
row floor_edit "floor, all pages again" "$n"
row floor_page "floor, the edited page only" 1
echo
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
echo "po4a / quipu, full run:  $(ratio "${wall[po4a]}" "${wall[quipu]}")x faster per page (target >= 20x)"
echo "quipu / floor, full run: $(ratio "${wall[quipu]}" "${wall[floor]}")x the floor (target <= 1.5x); $(ratio "${wall[quipu]}" "${wall[floorj]}")x the floor on $(nproc) cores"
echo "one-page edit rebuilt:   $(echo "${wall[quipu_edit]} * 1000" | bc -l | xargs printf '%.0f') ms (target < 100 ms); po4a $(echo "${wall[po4a_edit]} * 1000" | bc -l | xargs printf '%.0f') ms"
echo "quipu peak RSS:          $(echo "if (${rss[sync]} > ${rss[build]}) ${rss[sync]} else ${rss[build]}" | bc -l) MB (target < 300 MB)"
