#!/usr/bin/env bash
# Directory at scale on loopback: generate a fictional HSDS package of N
# services, time `berceau import hsds` into a fresh SQLite file, serve it,
# and measure the search page with wrk (2 threads, 16 connections) for
# frequent words and filters.
# Usage: scripts/directory-load.sh [services] [seconds]
#   IMPORT_RUNS=3        time the import 3 times (fresh file each time)
#   DIRECTORY_PACKAGE=DIR reuse (or keep) the generated package in DIR
# The machine's load average is printed before and after: other work on a
# shared machine changes every figure.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
secs=${2:-10}
runs=${IMPORT_RUNS:-1}
command -v wrk >/dev/null || { echo "install Debian's wrk first: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
pkg=${DIRECTORY_PACKAGE:-$work/package}
echo "before: $(uptime)"
go build -o "$work/berceau" ./cmd/berceau
go build -o "$work/gendirectory" ./tools/gendirectory
[ -f "$pkg/datapackage.json" ] || "$work/gendirectory" -n "$n" "$pkg"
for i in $(seq "$runs"); do
  rm -f "$work"/berceau.db*
  /usr/bin/time -f "import $i: %e s wall, %U s user + %S s sys CPU, %M KB max RSS" "$work/berceau" import hsds --db "$work/berceau.db" "$pkg" 2>&1 | grep -v 'level=INFO'
  echo "  load: $(uptime | sed 's/.*load average: //')"
done
"$work/berceau" serve --addr 127.0.0.1:18191 --db "$work/berceau.db" --log-format json >"$work/out" 2>&1 &
for _ in $(seq 100); do curl -sf http://127.0.0.1:18191/readyz >/dev/null && break; sleep 0.1; done
/usr/bin/time -f "first search after start (waits for the first index): %e s" curl -s -o /dev/null "http://127.0.0.1:18191/directory?q=famille"
report() {
  printf '%-40s %8s req/s   p50 %8s   p99 %8s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" \
    "$(awk '$1=="50%" {print $2}' "$work/wrk.txt")" "$(awk '$1=="99%" {print $2}' "$work/wrk.txt")"
}
for q in "q=famille" "q=p%C3%A9diatr" "q=allaitement&lang=ar&week=20" "need=food&near=H1G+3K3" "q=consultation&free=1&open=1"; do
  wrk -t2 -c16 -d"${secs}s" --latency "http://127.0.0.1:18191/directory?$q" >"$work/wrk.txt"
  report "$q"
done
# Uncached: every request a new position (as the map centre sends), so no
# two requests share a rendered page.
for q in "q=famille" "need=food"; do
  cat >"$work/random.lua" <<LUA
math.randomseed(os.time())
request = function()
  local lat = 45.40 + math.random() * 0.30
  local lon = -73.80 + math.random() * 0.30
  return wrk.format("GET", string.format("/directory?$q&lat=%.5f&lon=%.5f", lat, lon))
end
LUA
  wrk -t2 -c16 -d"${secs}s" --latency -s "$work/random.lua" "http://127.0.0.1:18191" >"$work/wrk.txt"
  report "$q&lat=random&lon=random (uncached)"
done
echo "after: $(uptime)"
