#!/usr/bin/env bash
# Library search under load (issue 16): the demo plus 10,000 generated
# resources (tools/genlibrary), served by berceau, searched by wrk at 16
# connections: a frequent word, a prefix, two words, a word inside files
# only, and the unfiltered list. Prints req/s and p99 for each, and the
# load average (the machine may be shared).
# Usage: scripts/load-library.sh [seconds] [connections] [documents]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-16}
docs=${3:-10000}
command -v wrk >/dev/null || { echo "install Debian's wrk first: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/berceau" ./cmd/berceau
go build -o "$work/genlibrary" ./tools/genlibrary
port=${LOAD_PORT:-18290}
base=http://127.0.0.1:$port
db="$work/berceau.db"
"$work/berceau" demo --addr "127.0.0.1:$port" --db "$db" --log-format json >"$work/out" 2>/dev/null &
server=$!
for _ in $(seq 300); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
kill "$server"; wait "$server" 2>/dev/null || true
"$work/genlibrary" --db "$db" --n "$docs"
"$work/berceau" serve --addr "127.0.0.1:$port" --db "$db" --log-format json >"$work/out" 2>/dev/null &
server=$!
for _ in $(seq 300); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
# CPU seconds (user + system) the server has used so far: the CPU per
# request does not depend on how busy the shared machine is.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$server/stat"; }
start=$(date +%s.%N)
curl -sf "$base/library?q=securite" >/dev/null
echo "first search (waits for the index of $docs + 12 resources, built at start): $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f ms", (e - s) * 1000 }'); server CPU so far $(cpu) s"
echo "resident memory after the index: $(awk '/VmRSS/ {print $2, $3}' "/proc/$server/status")"
measure() { # name path
  before=$(cpu)
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$base$2" >"$work/$1.txt"
  requests=$(awk '/requests in/ {print $1}' "$work/$1.txt")
  printf '%-10s %-38s %8s req/s   p50 %8s   p99 %8s   server CPU %5s ms/req   non-2xx %s   load %s\n' "$1" "$2" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")" "$(awk '$1=="50%" {print $2}' "$work/$1.txt")" \
    "$(awk '$1=="99%" {print $2}' "$work/$1.txt")" "$(awk -v a="$before" -v b="$(cpu)" -v n="$requests" 'BEGIN { printf "%.2f", (b - a) * 1000 / n }')" \
    "$(awk '/Non-2xx/ {print $NF}' "$work/$1.txt")" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
measure frequent "/library?q=securite"
measure prefix "/library?q=allait"
measure two-words "/library?q=sommeil+nourrisson"
measure filtered "/library?q=sante&kind=guide&lang=fr"
measure list "/library"
