#!/usr/bin/env bash
# Times redliner against peer tools side by side, in one run on one machine,
# on the generated corpus (examples/make_corpus.rs), and prints the table the
# README's Performance section shows.
#
#   bench/peers.sh            # all sizes (10 MB pairs take a while: dwdiff is slow)
#   SIZES="100k 1m" bench/peers.sh
#
# Needs hyperfine, wdiff, dwdiff and GNU time (Debian: apt-get install hyperfine
# wdiff dwdiff time); git and diff are assumed.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10k 100k 1m 10m"}
VARIANTS=${VARIANTS:-"normal reflow heavy"}
OUT=target/bench
mkdir -p "$OUT"

for tool in hyperfine wdiff dwdiff git diff /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/peers.sh: $tool is not installed" >&2; exit 2; }
done

cargo build --release --quiet
cargo run --release --quiet --example make_corpus -- target/corpus
R=target/release/redliner
if [ "${MEMORY:-}" = only ]; then SIZES=""; fi

# Milliseconds (median) of a command, from hyperfine's JSON export.
median_ms() {
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$1"
}
# Peak RSS in MB of one run.
peak_mb() {
  /usr/bin/time -f "%M" -o "$OUT/rss" bash -c "$1" >/dev/null 2>&1 || true
  tail -n 1 "$OUT/rss" | awk '{printf "%.1f", $1/1024}'
}
# Runs per command: fewer for the 10 MB pairs, which take seconds each.
runs_for() { if [ "$1" = 10m ]; then echo 3; else echo 10; fi; }
# a ÷ b to two decimals.
ratio_of() { python3 -c "print('%.2f' % ($1 / $2))"; }
# Combined size in MB of a pair's two files.
input_mb() { du -cb "$1/old.md" "$1/new.md" | awk 'END {printf "%.1f", $1/1048576}'; }
time_cmd() { # name, runs, command
  hyperfine --style none --warmup 1 --runs "$2" -i --export-json "$OUT/$1.json" "$3" >/dev/null 2>&1
  median_ms "$OUT/$1.json"
}

printf '| pair | redliner ms | git --word-diff ms | ratio | wdiff ms | dwdiff ms | diff ms | redliner MB | git MB | input MB |\n'
printf '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n'
for size in $SIZES; do
  for variant in $VARIANTS; do
    d=target/corpus/$size-$variant
    runs=$(runs_for "$size")
    red=$(time_cmd "red-$size-$variant" $runs "$R compare $d/old.md $d/new.md --format json > /dev/null")
    git=$(time_cmd "git-$size-$variant" $runs "git diff --no-index --word-diff=porcelain $d/old.md $d/new.md > /dev/null")
    wd=$(time_cmd "wdiff-$size-$variant" $runs "wdiff $d/old.md $d/new.md > /dev/null")
    dw=$(time_cmd "dwdiff-$size-$variant" $((runs > 3 ? 3 : runs)) "dwdiff $d/old.md $d/new.md > /dev/null")
    df=$(time_cmd "diff-$size-$variant" $runs "diff $d/old.md $d/new.md > /dev/null")
    red_mb=$(peak_mb "$R compare $d/old.md $d/new.md --format json > /dev/null")
    git_mb=$(peak_mb "git diff --no-index --word-diff=porcelain $d/old.md $d/new.md > /dev/null")
    in_mb=$(input_mb "$d")
    ratio=$(ratio_of "$red" "$git")
    printf '| %s %s | %s | %s | %s× | %s | %s | %s | %s | %s | %s |\n' \
      "$size" "$variant" "$red" "$git" "$ratio" "$wd" "$dw" "$df" "$red_mb" "$git_mb" "$in_mb"
  done
done

# The floor of the JSON report: each old statement compared with itself. Nothing
# is aligned, redlined or flagged, yet every sentence is still segmented, located
# and written out, as in any report. Comparing OLD with NEW (of about the same
# length) does all of this and more, so it cannot take less.
printf '\n| floor | redliner OLD OLD ms | redliner OLD NEW ms | git OLD NEW ms | floor / git | redliner / git |\n'
printf '|---|--:|--:|--:|--:|--:|\n'
for size in $SIZES; do
  case $size in 1m|10m) ;; *) continue ;; esac
  for variant in $VARIANTS; do
    d=target/corpus/$size-$variant
    runs=$(runs_for "$size")
    floor=$(time_cmd "floor-$size-$variant" $runs "$R compare $d/old.md $d/old.md --format json > /dev/null")
    red=$(median_ms "$OUT/red-$size-$variant.json")
    git=$(median_ms "$OUT/git-$size-$variant.json")
    printf '| %s %s | %s | %s | %s | %s× | %s× |\n' "$size" "$variant" "$floor" "$red" "$git" \
      "$(ratio_of "$floor" "$git")" "$(ratio_of "$red" "$git")"
  done
done

# Adversarial pairs (1 MB and 10 MB only): time must stay bounded and scale
# linearly; the counts show the coarser but complete result.
ADVERSARIAL=${ADVERSARIAL:-"unrelated repetitive"}
printf '\n| adversarial pair | redliner ms | git --word-diff ms | ratio | redliner MB | input MB | unchanged / revised / added / removed |\n'
printf '|---|--:|--:|--:|--:|--:|---|\n'
for size in $SIZES; do
  case $size in 1m|10m) ;; *) continue ;; esac
  for variant in $ADVERSARIAL; do
    d=target/corpus/$size-$variant
    runs=$(runs_for "$size")
    red=$(time_cmd "red-$size-$variant" $runs "$R compare $d/old.md $d/new.md --format json > /dev/null")
    git=$(time_cmd "git-$size-$variant" $runs "git diff --no-index --word-diff=porcelain $d/old.md $d/new.md > /dev/null")
    red_mb=$(peak_mb "$R compare $d/old.md $d/new.md --format json > /dev/null")
    in_mb=$(input_mb "$d")
    ratio=$(ratio_of "$red" "$git")
    counts=$({ "$R" compare "$d/old.md" "$d/new.md" --format json || true; } | python3 -c \
      'import json,sys; s=json.load(sys.stdin)["stats"]; print("%d / %d / %d / %d" % (s["unchanged"], s["revised"], s["added"], s["removed"]))')
    printf '| %s %s | %s | %s | %s× | %s | %s | %s |\n' \
      "$size" "$variant" "$red" "$git" "$ratio" "$red_mb" "$in_mb" "$counts"
  done
done

# Memory on hostile input: peak RSS against input size, beside git on the same
# pair. Each case either stays within 16x its input or is refused with one
# line before memory grows (MEMORY=only runs just this table).
hostile_memory() {
  local h=target/bench/hostile
  mkdir -p "$h"
  python3 - "$h" <<'PY'
import sys, os
d = sys.argv[1]
def write(name, text):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        open(path, "w").write(text)
write("a-10m.md", "A. " * 3_495_253)                                  # 10 MB of 'A. '
write("a-1m.md", "A. " * 349_525)                                     # 1 MB of it
s = "The ministers agreed to meet again next week. "
write("repeat-19m.md", s * (19 * 1048576 // len(s)))                 # one sentence, 19 MB
write("repeat-2m.md", s * (2 * 1048576 // len(s)))
write("short-4m.md", "".join("Item %d.\n\n" % i for i in range(400_000)))  # short paragraphs
write("one.md", "The ministers agreed to meet again.\n")
PY
  printf '\n| hostile input | redliner MB | git MB | input MB | redliner / input | exit: outcome |\n'
  printf '|---|--:|--:|--:|--:|---|\n'
  for f in a-1m a-10m repeat-2m repeat-19m short-4m; do
    local cmd="$R compare $h/one.md $h/$f.md --format json > /dev/null"
    local red_mb git_mb in_mb code outcome
    red_mb=$(peak_mb "$cmd")
    git_mb=$(peak_mb "git diff --no-index --word-diff=porcelain $h/one.md $h/$f.md > /dev/null")
    in_mb=$(du -cb "$h/one.md" "$h/$f.md" | awk 'END {printf "%.1f", $1/1048576}')
    code=0
    "$R" compare "$h/one.md" "$h/$f.md" --format json >/dev/null 2>"$h/err" || code=$?
    outcome=$(head -c 100 "$h/err" | tr -d '\n' | sed "s|$h/||g")
    [ -z "$outcome" ] && outcome="compared"
    printf '| %s vs one sentence | %s | %s | %s | %s× | %s: %s |\n' "$f" "$red_mb" "$git_mb" "$in_mb" \
      "$(ratio_of "$red_mb" "$in_mb")" "$code" "$outcome"
  done
}
hostile_memory
[ "${MEMORY:-}" = only ] && exit 0

# A thread of 1,000 statements of about 5 KB, each an edit of the last.
t1=$(REDLINER_THREADS=1 time_cmd digest-1 5 "$R digest target/corpus/thread --format json > /dev/null")
tn=$(time_cmd digest-n 5 "$R digest target/corpus/thread --format json > /dev/null")
REDLINER_THREADS=1 $R digest target/corpus/thread --format json > "$OUT/digest-1.json"
$R digest target/corpus/thread --format json > "$OUT/digest-n.json"
same=$(cmp -s "$OUT/digest-1.json" "$OUT/digest-n.json" && echo "byte-identical" || echo "DIFFERENT")
printf '\ndigest of 1,000 statements: %s ms on all cores (%s ms on one); output %s\n' "$tn" "$t1" "$same"
