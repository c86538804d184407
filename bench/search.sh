#!/usr/bin/env bash
# Answer-engine benchmark: Sana's in-process search and tantivy (PyPI) over the same published
# MedQuAD articles and the same questions (the LiveQA dev questions and all MedQuAD question
# titles), side by side in one run, with p50 and p99 ratios. Fair to both: tantivy drops the stop
# words Sana drops, read from Sana's own list (bench/tantivy_search.py). Usage: bench/search.sh
# (SANA_BIN picks the binary; otherwise a release build is made)
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build-bench
mkdir -p "$work"
shared=../shared/data

sana=${SANA_BIN:-.build/release/sana}
[ -n "${SANA_BIN:-}" ] || swift build -c release --product sana >/dev/null
db="$work/medquad.sqlite"
if [ ! -f "$db" ]; then "$sana" import "$shared/medquad" --database "$db" 2>/dev/null; fi
"$sana" export --database "$db" --output "$work/export.jsonl" >/dev/null
python3 bench/question_files.py "$shared/liveqa-dev/questions.jsonl" "$work/export.jsonl" "$work"
python3 -c "import tantivy" 2>/dev/null || pip install -q tantivy==0.27.0  # the version BENCHMARKS.md reports; its SnippetGenerator API
sana_json=$("$sana" bench-search "$work/dev-questions.txt" "$work/medquad-titles.txt" --database "$db")
tantivy_json=$(python3 bench/tantivy_search.py "$work/export.jsonl" "$work/dev-questions.txt" "$work/medquad-titles.txt")
# Resident memory of a serving process with the corpus loaded: start it, wait for /health, read /proc.
"$sana" serve --no-sample --port 18431 --database "$db" >"$work/serve.log" 2>&1 &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  curl -sf http://127.0.0.1:18431/health >/dev/null 2>&1 && break
  kill -0 $serve_pid 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
serve_rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$serve_pid/status)
kill $serve_pid
python3 - "$sana_json" "$tantivy_json" "$serve_rss" <<'PY'
import json, sys
s, t = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"resident memory of `sana serve` with the corpus loaded: {sys.argv[3]} MB")
print(f"corpus: {s['articles']} published articles (tantivy: {t['articles']}); tantivy drops Sana's {t['stop_words']} stop words")
print(f"index build: Sana {s['build_ms']:.0f} ms, tantivy {t['build_ms']:.0f} ms")
print(f"resident memory after the run: Sana {s['rss_mb']} MB, tantivy's Python process {t['rss_mb']} MB")
print("tantivy 'answers': hits, each hit's stored document and a 200-character snippet (what Sana's times hold);")
print("tantivy 'documents': hits and their stored documents; 'hits': the ranked addresses only (both for reference)")
print(f"{'queries':<16}{'tantivy':<10}{'n':>7}{'Sana p50':>11}{'tantivy p50':>13}{'ratio':>7}{'Sana p99':>11}{'tantivy p99':>13}{'ratio':>7}")
for name in ("dev-questions", "medquad-titles"):
    a, b = s[name], t[name]
    for kind, prefix in (("answers", ""), ("documents", "documents_"), ("hits", "hits_")):
        p50, p99 = b[prefix + "p50_ms"], b[prefix + "p99_ms"]
        print(f"{name:<16}{kind:<10}{a['queries']:>7}{a['p50_ms']:>9.3f}ms{p50:>11.3f}ms{a['p50_ms']/p50:>7.2f}"
              f"{a['p99_ms']:>9.3f}ms{p99:>11.3f}ms{a['p99_ms']/p99:>7.2f}")
PY
