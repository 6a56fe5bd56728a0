#!/usr/bin/env bash
# Proves that two versions of quipu write the same bytes: a refactor's
# safety net. Each version runs the same projects through the same steps,
# then locales/, output/ and the exported bundle of each project are
# compared byte for byte, and so is each step's exit status.
#
#   scripts/identity.sh b1b81bd HEAD          # two git revisions
#   scripts/identity.sh ./old-quipu ./quipu   # two built binaries
#   PAGES=500 scripts/identity.sh main HEAD   # the first 500 tldr pages only
#
# The projects:
#   seed     content/, locales/ and quipu.toml of this checkout (the seed
#            article, translated and reviewed): sync, build, build --locale
#            qps, export.
#   formats  the seed article as plain text, an HTML page and a Markdown
#            page with bare URLs: sync, a tenth translated, build, build
#            --locale qps, export.
#   tldr     every page of ../shared/corpus/tldr/pages: sync, a tenth of
#            the pages translated, sync, build, export.
# "A tenth translated" fills every message of every tenth es-PE message
# file (in sorted order) with its English, letters upper-cased (escapes and
# tags kept), the way tests translate a tenth of the corpus: deterministic,
# and different from the source so that every translated path is taken.
# Then sync runs again, so translation memory fills in more.
#
# Environment: CORPUS (a tldr checkout, default ../shared/corpus/tldr),
# PAGES (how many tldr pages, default all), KEEP=1 keeps the work folder.
# Exit status: 0 when everything is identical, 1 when something differs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
CORPUS=${CORPUS:-$repo/../shared/corpus/tldr}
[ $# -eq 2 ] || { sed -n '2,10p' "$0" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/quipu-identity.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi

# binary SIDE REV-OR-FILE: an executable is used as it is; anything else
# is a git revision, built from a clean export of its tree.
binary() {
  local side=$1 spec=$2
  if [ -f "$spec" ] && [ -x "$spec" ]; then
    cp "$spec" "$work/$side.bin"
  else
    local src="$work/src-$side"
    mkdir -p "$src"
    git -C "$repo" archive "$spec" | tar -x -C "$src"
    (cd "$src" && go build -o "$work/$side.bin" ./cmd/quipu)
    rm -rf "$src"
  fi
  echo "$side: $spec"
}

# translate_tenth DIR: fills every tenth es-PE message file from the source
# locale's file of the same document.
translate_tenth() {
  local dir=$1 i=0 f en
  while IFS= read -r f; do
    if [ $((i % 10)) -eq 0 ]; then
      en=$dir/locales/en/${f%.es-PE.toml}.en.toml
      perl -CSD -e '
        my ($en, $tr) = @ARGV; my (%src, $id);
        open my $E, "<:encoding(UTF-8)", $en or die "$en: $!";
        while (<$E>) { $id = $1 if /^\[(.*)\]$/; $src{$id} = $1 if defined $id && /^other = "(.*)"$/ }
        close $E;
        open my $T, "<:encoding(UTF-8)", $tr or die "$tr: $!"; my @lines = <$T>; close $T;
        for (@lines) {
          $id = $1 if /^\[(.*)\]$/;
          next unless defined $id && /^other = ""$/ && defined $src{$id};
          my $s = $src{$id};
          # Upper-case letters outside tags and backslash escapes.
          $s =~ s/(<\/?\d+\/?>|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\.)|(\p{Ll})/defined $1 ? $1 : uc $2/ge;
          $_ = "other = \"$s\"\n";
        }
        open $T, ">:encoding(UTF-8)", $tr or die "$tr: $!"; print $T @lines; close $T;
      ' "$en" "$dir/locales/es-PE/$f"
    fi
    i=$((i + 1))
  done < <(cd "$dir/locales/es-PE" && find . -name '*.es-PE.toml' ! -name '*.obsolete.*' | sed 's|^\./||' | LC_ALL=C sort)
}

# step LOG DIR BIN ARGS...: runs quipu in DIR, recording the command and its
# exit status (stderr holds times and paths: it is kept aside, not compared).
step() {
  local log=$1 dir=$2 bin=$3 rc=0; shift 3
  (cd "$dir" && SOURCE_DATE_EPOCH=1767225600 "$bin" "$@" >>"$log.out" 2>>"$log.err") || rc=$?
  echo "quipu $* -> $rc" >>"$log"
}

# run SIDE: every project through every step with one side's binary.
run() {
  local side=$1 bin=$work/$1.bin out=$work/$1 d
  mkdir -p "$out"

  d=$out/seed
  mkdir -p "$d"
  cp -r "$repo/content" "$repo/locales" "$d/"
  [ -f "$repo/quipu.toml" ] && cp "$repo/quipu.toml" "$d/"
  step "$out/seed.log" "$d" "$bin" sync
  step "$out/seed.log" "$d" "$bin" build
  step "$out/seed.log" "$d" "$bin" build --locale qps
  step "$out/seed.log" "$d" "$bin" export --out bundle.tar.gz

  d=$out/formats
  mkdir -p "$d/content/blog"
  echo 'locales = ["es-PE"]' >"$d/quipu.toml"
  cp "$repo/../shared/seed/us-military-bases-in-peru.txt" "$d/content/"
  cat >"$d/content/news.html" <<'EOF'
<!doctype html>
<html lang="en">
<head><title>Metro Line 2 opens</title></head>
<body>
<h1>Metro Line 2 opens</h1>
<p>The first trains ran on Friday. <a href="blog/links.html">Read more</a>.</p>
<img src="train.jpg" alt="A train at the platform">
</body>
</html>
EOF
  printf 'not really a picture\n' >"$d/content/train.jpg"
  cat >"$d/content/blog/links.md" <<'EOF'
# Links

Write to help@example.com or see https://example.com/docs for more.

- www.example.org has the map, and <https://example.net> the schedule.
- Plain text only.
EOF
  step "$out/formats.log" "$d" "$bin" sync
  translate_tenth "$d"
  step "$out/formats.log" "$d" "$bin" sync
  step "$out/formats.log" "$d" "$bin" build
  step "$out/formats.log" "$d" "$bin" build --locale qps
  step "$out/formats.log" "$d" "$bin" export --out bundle.tar.gz

  d=$out/tldr
  mkdir -p "$d/content"
  echo 'locales = ["es-PE"]' >"$d/quipu.toml"
  (cd "$CORPUS/pages" && find . -name '*.md' -type f | sed 's|^\./||' | LC_ALL=C sort | awk -v n="${PAGES:-0}" 'n == 0 || NR <= n' | tr '\n' '\0' | tar --null -T - -cf -) | tar -C "$d/content" -xf -
  chmod -R u+w "$d/content"
  step "$out/tldr.log" "$d" "$bin" sync
  translate_tenth "$d"
  step "$out/tldr.log" "$d" "$bin" sync
  step "$out/tldr.log" "$d" "$bin" build
  step "$out/tldr.log" "$d" "$bin" export --out bundle.tar.gz
  echo "$side: ran $(cat "$out"/*.log | wc -l) steps"
}

binary a "$1"
binary b "$2"
run a
run b

status=0
files=0
for proj in seed formats tldr; do
  for what in locales output bundle.tar.gz; do
    pa=$work/a/$proj/$what pb=$work/b/$proj/$what
    [ -e "$pa" ] || [ -e "$pb" ] || continue
    n=$( (find "$pa" "$pb" -type f 2>/dev/null || true) | sed "s|^$work/[ab]/||" | sort -u | wc -l)
    files=$((files + n))
    if diff -r -q "$pa" "$pb" >"$work/diff" 2>&1; then
      echo "$proj/$what: $n files, identical"
    else
      echo "$proj/$what: $n files, $(wc -l <"$work/diff") differ:"
      sed "s|$work/||g" "$work/diff" | head -20
      status=1
    fi
  done
  if ! diff "$work/a/$proj.log" "$work/b/$proj.log" >"$work/diff"; then
    echo "$proj: exit statuses differ:"
    cat "$work/diff"
    status=1
  fi
done
echo "compared $files files: $([ $status = 0 ] && echo identical || echo DIFFERENT)"
exit $status
