#!/usr/bin/env bash
# The answer engine at scale: generates a deterministic 1,000,000-article corpus from MedQuAD's
# vocabulary (bench/generate_corpus.py), imports it, then times index building and searches
# (the LiveQA dev questions and a sample of the MedQuAD question titles) and reads the resident memory of
# `sana serve` with it loaded. Usage: bench/scale.sh [ARTICLES]   (run bench/search.sh first)
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
  /usr/bin/time -f "imported in %e s, peak memory %M KB" "$sana" import "$corpus" --database "$db.tmp" >/dev/null
  mv "$db.tmp" "$db"
fi
# Every 20th MedQuAD title (2,373 questions) keeps the run short; all dev questions.
awk 'NR % 20 == 1' "$work/medquad-titles.txt" >"$work/medquad-titles-sample.txt"
"$sana" bench-search "$work/dev-questions.txt" "$work/medquad-titles-sample.txt" --database "$db"
echo
"$sana" serve --no-sample --port 18432 --database "$db" >"$work/serve-scale.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
start=$(date +%s)
until curl -sf http://127.0.0.1:18432/health >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { cat "$work/serve-scale.log"; exit 1; }
  sleep 0.2
done
echo "sana serve: ready after $(( $(date +%s) - start )) s, resident memory $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MB"
