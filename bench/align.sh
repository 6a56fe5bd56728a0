#!/usr/bin/env bash
# Measures `quipu align` on a documentation set published in English and
# Spanish: Debian's reference manual (debian-reference-en/-es, HTML). Each
# English chapter becomes a document of a scratch project, its Spanish
# chapter the existing translation; quipu aligns them, and
# bench/aligncheck reports the share of segments aligned, the share of the
# aligned ones with numbers or URLs whose numbers and URLs agree, and
# prints a sample of pairs to read. Nothing is written in the repository.
#
#   bench/align.sh                 # SAMPLE=50 pairs printed
#
# Environment: SRC (folder holding chNN.en.html and chNN.es.html, default
# /usr/share/debian-reference), SAMPLE, SEED, KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
SRC=${SRC:-/usr/share/debian-reference}
if ! ls "$SRC"/*.es.html >/dev/null 2>&1; then
  apt-get install -y -qq debian-reference-en debian-reference-es >/dev/null
fi
work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
go build -o "$work/quipu" ./cmd/quipu
mkdir -p "$work/site/content" "$work/es"
for en in "$SRC"/*.en.html; do
  name=$(basename "$en" .en.html)
  [ -f "$SRC/$name.es.html" ] || continue
  cp "$en" "$work/site/content/$name.html"
  cp "$SRC/$name.es.html" "$work/es/$name.html"
done
cd "$work/site"
echo 'locales = ["es-PE"]' > quipu.toml
"$work/quipu" sync --quiet
start=$(date +%s.%N)
"$work/quipu" align --locale es-PE content ../es --json > align.json
end=$(date +%s.%N)
printf 'align: %d documents in %.1f s\n' "$(grep -c '"doc"' align.json)" "$(echo "$end - $start" | bc)"
# Why segments were left, summed over the documents.
grep -oE '"(tags|same|unmatched)": [0-9]+' align.json | awk -F'": ' '{gsub(/"/,"",$1); n[$1]+=$2} END {printf "left: %d for their tags, %d left in English by the Spanish edition, %d unmatched\n", n["tags"], n["same"], n["unmatched"]}'
"$work/quipu" status --json --locale es-PE | grep -E '"(doc|total|translated|aligned)"' | paste - - - - | sed 's/  */ /g' | tail -n 3
cd "$repo"
go run ./bench/aligncheck -project "$work/site" -sample "${SAMPLE:-50}" -seed "${SEED:-1}"
[ "${KEEP:-}" = 1 ] && echo "work folder: $work"
