#!/usr/bin/env bash
# Load run on loopback: the home page of the demo against the same-run
# ceiling (a static 1 KB response), with Debian's wrk. Prints req/s, p99 and
# the ratio. Usage: scripts/load.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-32}
command -v wrk >/dev/null || { echo "install Debian's wrk first: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/berceau" ./cmd/berceau
go build -o "$work/ceiling" ./tools/ceiling

"$work/ceiling" --addr 127.0.0.1:18090 &
"$work/berceau" demo --addr 127.0.0.1:18091 --db "$work/berceau.db" --log-format json >"$work/out" 2>/dev/null &
for _ in $(seq 100); do curl -sf http://127.0.0.1:18091/readyz >/dev/null && curl -sf http://127.0.0.1:18090/ >/dev/null && break; sleep 0.1; done

measure() { # name url
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$2" >"$work/$1.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.txt")
  errors=$(grep -c 'Non-2xx\|Socket errors' "$work/$1.txt" || true)
  printf '%-10s %10s req/s   p99 %8s   error lines %s\n' "$1" "$rps" "$p99" "$errors"
  eval "${1}_rps=$rps"
}
measure ceiling http://127.0.0.1:18090/
measure home http://127.0.0.1:18091/
awk -v h="$home_rps" -v c="$ceiling_rps" 'BEGIN { printf "home / ceiling = %.2f\n", h / c }'
