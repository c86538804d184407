#!/usr/bin/env bash
# The answer engine at scale: generates a deterministic 1,000,000-article corpus from MedQuAD's
# vocabulary (bench/generate_corpus.py), imports it, then times index building and searches
# (the LiveQA dev questions and a sample of the MedQuAD question titles) and reads the resident memory of
# `sana serve` with it loaded, from the index file and rebuilt cold. Usage: bench/scale.sh [ARTICLES]   (run bench/search.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build-bench
n=${1:-1000000}
sana=${SANA_BIN:-.build/release/sana}
[ -f "$work/export.jsonl" ] || { echo "run bench/search.sh first" >&2; exit 1; }
python3 -c "import numpy" 2>/dev/null || pip install -q numpy
[ -n "${SANA_BIN:-}" ] || swift build -c release --product sana >/dev/null
corpus="$work/synthetic-$n.jsonl"
db="$work/synthetic-$n.sqlite"
if [ ! -f "$corpus" ]; then
  /usr/bin/time -f "corpus generated in %e s" python3 bench/generate_corpus.py "$work/export.jsonl" "$corpus.tmp" --articles "$n"
  mv "$corpus.tmp" "$corpus"
fi
if [ ! -f "$db" ]; then
  /usr/bin/time -f "imported (index file included) in %e s, peak memory %M KB" "$sana" import "$corpus" --database "$db.tmp" >/dev/null
  mv "$db.tmp" "$db"
  mv "$db.tmp.index" "$db.index"
fi
# Every 20th MedQuAD title (2,373 questions) keeps the run short; all dev questions.
awk 'NR % 20 == 1' "$work/medquad-titles.txt" >"$work/medquad-titles-sample.txt"
"$sana" bench-search "$work/dev-questions.txt" "$work/medquad-titles-sample.txt" --database "$db"
echo
# `sana serve` twice: from the index file `sana import` wrote beside the database, then with the
# file moved away (a cold rebuild, as before index files). Each: seconds until /health answers,
# resident memory then, the first search's time, and resident memory after 300 searches.
measure_serve() {
  local label=$1
  "$sana" serve --no-sample --port 18432 --database "$db" >"$work/serve-scale-$label.log" 2>&1 &
  pid=$!
  local start now ready first
  start=$(date +%s.%N)
  until curl -sf http://127.0.0.1:18432/health >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { cat "$work/serve-scale-$label.log"; exit 1; }
    sleep 0.05
  done
  now=$(date +%s.%N)
  ready=$(echo "$now - $start" | bc)
  local rss_ready
  rss_ready=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  first=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:18432/search?q=what+causes+high+blood+pressure")
  awk 'NR <= 300' "$work/dev-questions.txt" "$work/medquad-titles-sample.txt" | while read -r q; do
    curl -s -o /dev/null -G --data-urlencode "q=$q" http://127.0.0.1:18432/search
  done
  printf 'sana serve (%s): ready after %.1f s, resident %s MB; first search %.0f ms; resident after 300 searches %s MB\n' \
    "$label" "$ready" "$rss_ready" "$(echo "$first * 1000" | bc)" "$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)"
  kill $pid; wait $pid 2>/dev/null || true
  rm -f "$db.index.tmp-"*
}
trap 'kill $pid 2>/dev/null || true' EXIT
measure_serve "index file"
mv "$db.index" "$db.index.kept"
measure_serve "cold rebuild"
mv -f "$db.index.kept" "$db.index"
# Searches over the mapped index, opened from the file as `sana serve` opens it.
"$sana" bench-search "$work/dev-questions.txt" "$work/medquad-titles-sample.txt" --index-file --database "$db"
