#!/usr/bin/env bash
# Measures `quipu serve` on a project made of the whole tldr corpus:
# startup time, edit-to-page latency (bench/servelat writes a message file,
# then polls the page until it shows the edit) with file system
# notifications and with the polling fallback, and peak memory (VmHWM)
# while serving.
#
#   bench/serve.sh            # every page of the corpus, 100 edits each way
#
# Environment: CORPUS (a tldr checkout, default ../shared/corpus/tldr
# beside the repository), EDITS (default 100), CRAWL (documents whose pages
# are requested first, in English and es-PE, default 2000: the memory
# measured includes a full page cache), KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
CORPUS=${CORPUS:-$repo/../shared/corpus/tldr}
EDITS=${EDITS:-100}
CRAWL=${CRAWL:-2000}
[ -d "$CORPUS/pages" ] || { echo "serve.sh: no tldr pages in $CORPUS (set CORPUS)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/quipu-serve.XXXXXX")
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ "${KEEP:-}" = 1 ]; then echo "work folder: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
mkdir -p "$work/bin" "$work/p/content"
go build -o "$work/bin/quipu" ./cmd/quipu
go build -o "$work/bin/servelat" ./bench/servelat
(cd "$CORPUS/pages" && tar -cf - .) | tar -C "$work/p/content" -xf -
chmod -R u+w "$work/p/content"
echo 'locales = ["es-PE"]' > "$work/p/quipu.toml"
echo "documents: $(find "$work/p/content" -name '*.md' | wc -l)"
(cd "$work/p" && "$work/bin/quipu" sync >/dev/null 2>&1)

run() { # name, flags...
  local name=$1; shift
  local t0 t1
  rm -f "$work/serve.out"
  t0=$(date +%s%N)
  (cd "$work/p" && exec "$work/bin/quipu" serve --addr 127.0.0.1:0 "$@" >"$work/serve.out" 2>"$work/serve.err") &
  pid=$!
  until [ -s "$work/serve.out" ]; do sleep 0.005; done
  t1=$(date +%s%N)
  url=$(head -1 "$work/serve.out" | sed 's/^serving //')
  echo "$name: first line after $(( (t1 - t0) / 1000000 )) ms"
  printf '%s: ' "$name"
  "$work/bin/servelat" -url "$url" -root "$work/p" -n "$EDITS" -crawl "$CRAWL"
  echo "$name: $(grep -E 'VmHWM|VmRSS' /proc/$pid/status | tr -s ' \t' ' ' | tr '\n' ' ')"
  # CPU while idle: clock ticks of user and system time over 5 seconds.
  local c0 c1
  c0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); sleep 5; c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  echo "$name: idle CPU $(( (c1 - c0) * 100 / $(getconf CLK_TCK) / 5 ))% of a core"
  kill -INT "$pid"; wait "$pid" || { echo "$name: serve exited with $?" >&2; exit 1; }
  pid=
}
run notifications
run "polling 10ms" --poll 10ms
run "polling 20ms" --poll 20ms
