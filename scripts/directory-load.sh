#!/usr/bin/env bash
# Directory at scale on loopback: generate a fictional HSDS package of N
# services, time `berceau import hsds`, serve it, and measure the search page
# with wrk (16 connections) for frequent words and filters.
# Usage: scripts/directory-load.sh [services] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
secs=${2:-10}
command -v wrk >/dev/null || { echo "install Debian's wrk first: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/berceau" ./cmd/berceau
go build -o "$work/gendirectory" ./tools/gendirectory
"$work/gendirectory" -n "$n" "$work/package"
/usr/bin/time -f "import: %e s, %M KB max RSS" "$work/berceau" import hsds --db "$work/berceau.db" "$work/package" 2>&1 | grep -v 'level=INFO'
"$work/berceau" serve --addr 127.0.0.1:18191 --db "$work/berceau.db" --log-format json >"$work/out" 2>&1 &
for _ in $(seq 100); do curl -sf http://127.0.0.1:18191/readyz >/dev/null && break; sleep 0.1; done
/usr/bin/time -f "first search (builds the index): %e s" curl -s -o /dev/null "http://127.0.0.1:18191/directory?q=famille"
for q in "q=famille" "q=p%C3%A9diatr" "q=allaitement&lang=ar&week=20" "need=food&near=H1G+3K3" "q=consultation&free=1&open=1"; do
  wrk -t2 -c16 -d"${secs}s" --latency "http://127.0.0.1:18191/directory?$q" >"$work/wrk.txt"
  printf '%-32s %8s req/s   p50 %8s   p99 %8s\n' "$q" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" \
    "$(awk '$1=="50%" {print $2}' "$work/wrk.txt")" "$(awk '$1=="99%" {print $2}' "$work/wrk.txt")"
done
