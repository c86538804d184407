#!/usr/bin/env bash
# Two builds of Sana side by side in one run: the answer engine in-process (`sana bench-search`
# on the LiveQA dev questions and every MedQuAD title) and the website under wrk (an article page
# and an answers page), alternating the builds so machine noise falls on both alike. Prints each
# figure for both and the ratio new/old. Usage: bench/compare.sh OLD_SANA [NEW_SANA]
# (NEW_SANA defaults to this checkout's release build). Needs wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: bench/compare.sh OLD_SANA [NEW_SANA]}
new=${2:-}
work=.build-bench
mkdir -p "$work"
shared=../shared/data
if [ -z "$new" ]; then swift build -c release --product sana >/dev/null; new=.build/release/sana; fi
for tool in wrk curl; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install wrk curl)" >&2; exit 1; }; done
db="$work/medquad.sqlite"
[ -f "$db" ] || "$old" import "$shared/medquad" --database "$db" >/dev/null 2>&1
"$old" export --database "$db" --output "$work/export.jsonl" >/dev/null
# Each build reads its own copy: a newer build may migrate the file (add a table) on opening.
for b in old new; do cp "$db" "$work/compare-$b.sqlite"; rm -f "$work/compare-$b.sqlite-wal" "$work/compare-$b.sqlite-shm"; done
python3 bench/question_files.py "$shared/liveqa-dev/questions.jsonl" "$work/export.jsonl" "$work"

results="$work/compare.jsonl"
: >"$results"
engine() { # BUILD-NAME BINARY
  echo "{\"build\": \"$1\", \"engine\": $("$2" bench-search "$work/dev-questions.txt" "$work/medquad-titles.txt" --database "$work/compare-$1.sqlite")}" >>"$results"
}
web() { # BUILD-NAME BINARY PORT
  "$2" serve --no-sample --port "$3" --database "$work/compare-$1.sqlite" >"$work/compare-serve.log" 2>&1 &
  local pid=$!
  until curl -sf "http://127.0.0.1:$3/health" >/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$work/compare-serve.log"; exit 1; }
    sleep 0.1
  done
  local slug
  slug=$(curl -s "http://127.0.0.1:$3/search?q=gallstones" | grep -o 'href="/articles/[^"#]*"' | head -1 | sed 's|href="/articles/||; s|"||') || true  # head closing the pipe early is not a failure
  local article search
  article=$(wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$3/articles/$slug")
  search=$(wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$3/search?q=what+are+the+symptoms+of+high+blood+pressure")
  kill $pid; wait $pid 2>/dev/null || true
  python3 - "$1" "$article" "$search" >>"$results" <<'PY'
import json, re, sys
def parse(text):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
    return {"rps": rps, "p99_ms": float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]}
print(json.dumps({"build": sys.argv[1], "web": {"article": parse(sys.argv[2]), "search": parse(sys.argv[3])}}))
PY
}
# Alternate: old, new, old, new — each figure below is the better of the build's two rounds.
for round in 1 2; do
  engine old "$old"; engine new "$new"
  web old "$old" 18451; web new "$new" 18452
done
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def best(build, key, path, better):
    vals = []
    for r in rows:
        if r["build"] == build and key in r:
            v = r[key]
            for p in path: v = v[p]
            vals.append(v)
    return better(vals)
figures = [
    ("index build (ms)", "engine", ["build_ms"], min),
    ("dev questions p50 (ms)", "engine", ["dev-questions", "p50_ms"], min),
    ("dev questions p99 (ms)", "engine", ["dev-questions", "p99_ms"], min),
    ("MedQuAD titles p50 (ms)", "engine", ["medquad-titles", "p50_ms"], min),
    ("MedQuAD titles p99 (ms)", "engine", ["medquad-titles", "p99_ms"], min),
    ("engine resident (MB)", "engine", ["rss_mb"], min),
    ("article page (req/s)", "web", ["article", "rps"], max),
    ("article page p99 (ms)", "web", ["article", "p99_ms"], min),
    ("answers page (req/s)", "web", ["search", "rps"], max),
    ("answers page p99 (ms)", "web", ["search", "p99_ms"], min),
]
print(f"{'figure':<26}{'old':>11}{'new':>11}{'new/old':>9}")
for name, key, path, better in figures:
    o, n = best("old", key, path, better), best("new", key, path, better)
    print(f"{name:<26}{o:>11.3f}{n:>11.3f}{n / o:>9.2f}")
PY
