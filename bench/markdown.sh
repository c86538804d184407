#!/usr/bin/env bash
# Article rendering with hostile Markdown: imports bodies at the size limits (a JSON Lines record
# is at most 1 MB) and times the first, uncached request of each article page through
# `sana serve` (release build): reading the article, rendering its Markdown, the related
# articles, the template and gzip. Usage: bench/markdown.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build-bench/markdown
rm -rf "$work" && mkdir -p "$work"
command -v curl >/dev/null || { echo "needs curl" >&2; exit 1; }
swift build -c release --product sana >/dev/null 2>&1
sana=.build/release/sana
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
limit = 1 << 20
def fill(unit, count=None):
    n = count or 900_000 // len(unit)  # JSON escaping of newlines adds bytes: stay under the 1 MB line
    return unit * n
bodies = {
    # Every other link external, so half get rel="nofollow noopener".
    "Links": " ".join(f"[l{i}](https://x.org/{i})" if i % 2 else f"[l{i}](/articles/{i})" for i in range(38_000)),
    "Nested lists": "- " * 5_000 + "deep",
    "Nested quotes": "> " * 5_000 + "deep",
    "Emphasis delimiters": fill("*a **b _c __d "),
    "Open brackets": fill("[a "),
    "Table": "| a | b | c |\n| - | - | - |\n" + fill("| 1 | *2* | [3](/x) |\n"),
    "Plain text": fill("Gallstones are hard pieces that form in the gallbladder. "),
}
with open(f"{work}/hostile.jsonl", "w") as f:
    for title, body in bodies.items():
        line = json.dumps({"title": f"{title} article", "category": "Bench", "body": body})
        assert len(line.encode()) < limit, (title, len(line))
        f.write(line + "\n")
PY
db="$work/markdown.sqlite"
"$sana" import "$work/hostile.jsonl" --database "$db" >/dev/null
port=18443
"$sana" serve --no-sample --port $port --database "$db" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
  kill -0 $pid 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
printf '%-28s %12s %10s %14s %14s\n' article "body bytes" "page bytes" "first request" "cached"
for title in "Links" "Nested lists" "Nested quotes" "Emphasis delimiters" "Open brackets" "Table" "Plain text"; do
  slug=$(echo "$title article" | tr 'A-Z ' 'a-z-')
  bytes=$(sqlite3 "$db" "SELECT length(CAST(body AS BLOB)) FROM article WHERE slug = '$slug'" 2>/dev/null || echo "?")
  first=$(curl -s -o "$work/$slug.html" -w '%{time_total}' "http://127.0.0.1:$port/articles/$slug")
  cached=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/articles/$slug")
  printf '%-28s %12s %10s %13.3fs %13.4fs\n' "$title" "$bytes" "$(wc -c <"$work/$slug.html")" "$first" "$cached"
done
