#!/usr/bin/env bash
# The answer engine and the site at scale: a deterministic 1,000,000-article corpus generated from
# MedQuAD's vocabulary (bench/generate_corpus.py), imported, then:
#   - in-process search timings (from the index file too, as `sana serve` opens it) (the LiveQA dev questions and a sample of MedQuAD's question titles);
#   - `sana serve` over it: seconds until /health is healthy, the first search after that, article
#     pages the server never saw (wrk over a shuffled list of article URLs, each asked once: p50/p99),
#     the home page and a category page right after a write (`sana import` of one changed article
#     into the served database, picked up by the server's follower), the A–Z pages (time, size),
#     and the server's resident memory.
# Usage: bench/scale.sh [ARTICLES]   (run bench/search.sh first; SKIP_SEARCH=1 skips the in-process
# timings, which load the index a second time; SKIP_COLD=1 skips the start without the index
# file; SANA_BIN picks the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build-bench
n=${1:-1000000}
sana=${SANA_BIN:-.build/release/sana}
port=${SCALE_PORT:-18432}
base="http://127.0.0.1:$port"
for tool in wrk curl python3; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install wrk curl)" >&2; exit 1; }; done
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
# Opening the database once brings its schema up to date, so the start below times no migration.
"$sana" stats --database "$db" >/dev/null
if [ -z "${SKIP_SEARCH:-}" ]; then
  # Every 20th MedQuAD title (2,373 questions) keeps the run short; all dev questions.
  awk 'NR % 20 == 1' "$work/medquad-titles.txt" >"$work/medquad-titles-sample.txt"
  "$sana" bench-search "$work/dev-questions.txt" "$work/medquad-titles-sample.txt" --database "$db"
  echo
fi

# What the runs below ask: 300,000 article paths in a fixed shuffled order, and one article to change.
python3 - "$db" "$work/article-paths.txt" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
slugs = [r[0] for r in db.execute("SELECT slug FROM article WHERE status = 'published' ORDER BY id")]
random.Random(11).shuffle(slugs)
with open(sys.argv[2], "w") as out:
    out.writelines(f"/articles/{s}\n" for s in slugs[:300_000])
PY

"$sana" serve --no-sample --port $port --database "$db" >"$work/serve-scale.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
start=$(date +%s.%N)
until curl -sf "$base/health" >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { cat "$work/serve-scale.log"; exit 1; }
  sleep 0.1
done
ready=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
# seconds → milliseconds of one request; prints "ms bytes".
timed() { curl -s -o /dev/null -w '%{time_total} %{size_download}' "$base$1" | awk '{printf "%.1f ms, %d bytes", $1 * 1000, $2}'; }
echo "sana serve: ready after $ready s, resident memory $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MB"
echo "first search after ready: $(timed '/search?q=what+are+the+treatments+for+high+blood+pressure')"
echo "second search (another question): $(timed '/search?q=how+is+asthma+diagnosed+in+children')"

# Article pages never asked before: 2 threads, 4 connections, 20 s, each path once.
threads=2
wrk_json=$(URLS="$work/article-paths.txt" THREADS=$threads wrk -t$threads -c4 -d20s -s bench/random_pages.lua "$base" | tail -1)
python3 - "$wrk_json" "$(wc -l <"$work/article-paths.txt")" <<'PY'
import json, sys
r, paths = json.loads(sys.argv[1]), int(sys.argv[2])
note = "" if r["requests"] <= paths else f" (more requests than the {paths} paths: some pages were cached)"
print(f"uncached article pages (wrk, 2 threads, 4 connections, 20 s, each page once): {r['requests']} pages, "
      f"{r['errors']} errors, p50 {r['p50_ms']:.1f} ms, p90 {r['p90_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.1f} ms{note}")
PY

# A write: one article changed through `sana import` into the served database. The follower
# applies it (a new index generation), and the first home page showing it is the first one built
# after the write; its category page is asked right after.
python3 - "$corpus" "$work/changed.jsonl" <<'PY'
import json, sys, time
with open(sys.argv[1]) as f:
    a = json.loads(f.readline())
a["body"] += f"\n\nChanged by bench/scale.sh at {time.time():.0f}."
open(sys.argv[2], "w").write(json.dumps(a) + "\n")
print(a["slug"], a["category"], file=open(sys.argv[2] + ".slug", "w"))
PY
read -r changed category_name <"$work/changed.jsonl.slug"
home_before=$(timed /)
"$sana" import "$work/changed.jsonl" --database "$db" >/dev/null
write_at=$(date +%s.%N)
home_after=""
for _ in $(seq 600); do
  out=$(curl -s -w '\n%{time_total} %{size_download}' "$base/")
  if grep -q "/articles/$changed\"" <<<"$out"; then home_after=$(tail -1 <<<"$out" | awk '{printf "%.1f ms, %d bytes", $1 * 1000, $2}'); break; fi
  sleep 0.05
done
seen=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$write_at" "$(date +%s.%N)")
category=$(curl -s "$base/articles/$changed" | grep -o 'href="/categories/[^"]*"' | head -1 | sed 's|href="||; s|"||')
echo "home page: $home_before before the write; first build after it: ${home_after:-never showed the change} (shown $seen s after the import ended)"
echo "category page right after the write ($category): $(timed "$category"); its page 500: $(timed "$category?page=500")"

for letter in a s; do
  echo "A–Z /conditions/$letter: first page $(timed /conditions/$letter), page 2 $(timed "/conditions/$letter?page=2")"
done
echo "after the run: resident memory $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MB"
kill $pid; wait $pid 2>/dev/null || true

# Searches over the mapped index, opened from the file `sana import` wrote, as `sana serve` opens it.
[ -n "${SKIP_SEARCH:-}" ] || "$sana" bench-search "$work/dev-questions.txt" "$work/medquad-titles-sample.txt" --index-file --database "$db"
# For comparison: the start without the index file (a cold rebuild, as before index files);
# SKIP_COLD=1 leaves it out (it takes minutes and several GB at a million articles).
[ -z "${SKIP_COLD:-}" ] || exit 0
mv "$db.index" "$db.index.kept"
"$sana" serve --no-sample --port $port --database "$db" >"$work/serve-scale-cold.log" 2>&1 &
pid=$!
start=$(date +%s.%N)
until curl -sf "$base/health" >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { mv -f "$db.index.kept" "$db.index"; cat "$work/serve-scale-cold.log"; exit 1; }
  sleep 0.1
done
ready=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
echo "sana serve without the index file (cold rebuild): ready after $ready s, resident memory $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MB"
kill $pid; wait $pid 2>/dev/null || true
rm -f "$db.index".tmp-*
mv -f "$db.index.kept" "$db.index"
