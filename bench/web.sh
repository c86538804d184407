#!/usr/bin/env bash
# Website benchmark: `sana serve` (release build, SQLite, MedQuAD imported) and nginx serving the
# same article page saved as a file, each loaded by wrk (2 threads, 64 connections, 10 s) in the
# same run; prints requests per second, p99 latency and the ratios. Usage: bench/web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build-bench
mkdir -p "$work/www"
for tool in nginx wrk curl; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install nginx wrk curl)" >&2; exit 1; }; done
swift build -c release --product sana >/dev/null
sana=.build/release/sana
db="$work/medquad.sqlite"
[ -f "$db" ] || "$sana" import ../shared/data/medquad --database "$db" >/dev/null 2>&1
sana_port=18441 nginx_port=18442

"$sana" serve --no-sample --port $sana_port --database "$db" >"$work/web-serve.log" 2>&1 &
sana_pid=$!
nginx_pid=""
cleanup() { kill $sana_pid 2>/dev/null || true; [ -z "$nginx_pid" ] || kill $nginx_pid 2>/dev/null || true; }
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$sana_port/health" >/dev/null; do
  kill -0 $sana_pid 2>/dev/null || { cat "$work/web-serve.log"; exit 1; }
  sleep 0.1
done

# The article: the first published MedQuAD answer whose page is about 4-8 KB, as served by Sana.
slug=""
for s in $(sqlite3 "$db" "SELECT slug FROM article WHERE status = 'published' AND length(body) BETWEEN 1500 AND 3000 ORDER BY id LIMIT 50" 2>/dev/null || true); do
  size=$(curl -s "http://127.0.0.1:$sana_port/articles/$s" | wc -c)
  if [ "$size" -ge 4000 ] && [ "$size" -le 8000 ]; then slug=$s; break; fi
done
[ -n "$slug" ] || slug=$(curl -s "http://127.0.0.1:$sana_port/search?q=gallstones" | grep -o 'href="/articles/[^"#]*"' | head -1 | sed 's|href="/articles/||; s|"||')
curl -s "http://127.0.0.1:$sana_port/articles/$slug" >"$work/www/article.html"
query="what are the symptoms of high blood pressure"

cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $PWD/$work/nginx.pid;
error_log $PWD/$work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  default_type text/html;
  client_body_temp_path $PWD/$work/nginx-tmp;
  server { listen 127.0.0.1:$nginx_port; root $PWD/$work/www; }
}
CONF
mkdir -p "$work/nginx-tmp"
nginx -c "$PWD/$work/nginx.conf" -g "daemon off;" &
nginx_pid=$!
until curl -sf "http://127.0.0.1:$nginx_port/article.html" >/dev/null; do sleep 0.1; done

run() { wrk -t2 -c64 -d10s --latency "$1"; }
echo "article page: /articles/$slug ($(wc -c <"$work/www/article.html") bytes)"
nginx_out=$(run "http://127.0.0.1:$nginx_port/article.html")
article_out=$(run "http://127.0.0.1:$sana_port/articles/$slug")
search_out=$(run "http://127.0.0.1:$sana_port/search?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$query")")
python3 - "$nginx_out" "$article_out" "$search_out" <<'PY'
import re, sys
def parse(text):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, p99, int(errors.group(1)) if errors else 0
nginx, article, search = (parse(t) for t in sys.argv[1:4])
print(f"{'target':<22}{'requests/s':>12}{'p99':>11}{'vs nginx':>10}{'errors':>8}")
for name, (rps, p99, errors) in (("nginx (file)", nginx), ("sana article page", article), ("sana search page", search)):
    print(f"{name:<22}{rps:>12.0f}{p99:>9.2f}ms{rps / nginx[0]:>10.2f}{errors:>8}")
PY
