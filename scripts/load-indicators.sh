#!/usr/bin/env bash
# Load run on loopback for the indicators (issue 17): a scaled demo database
# (`berceau demo --families 10000`, about 1,000,000 contacts) served by
# `berceau serve`, the demo site coordinator and the demo evaluator signed
# in over HTTP, then Debian's wrk against the network dashboards
# (/indicators: the coordinator's sites; /evaluation: the whole network,
# de-identified), each computing 29 indicators with their breakdown by
# month and the previous period.
#
# Usage: scripts/load-indicators.sh DATABASE [seconds] [connections]
# DATABASE is the scaled demo's SQLite file or PostgreSQL URL (with
# PostgreSQL, BERCEAU_SECRET_KEY must be the one it was loaded with).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: scripts/load-indicators.sh DATABASE [seconds] [connections]}
secs=${2:-20}
conns=${3:-4}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/berceau" ./cmd/berceau
port=18094
base=http://127.0.0.1:$port
"$work/berceau" serve --addr 127.0.0.1:$port --db "$db" --log-format json >"$work/out" 2>"$work/err" &
until curl -sf -o /dev/null "$base/healthz"; do
  kill -0 $! 2>/dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.5
done
totp() { # step offset
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode("BERCEAUDEMOSECRETTOTPMTLBXLQCQAZ")
counter = int(time.time()) // 30 + int(sys.argv[1])
mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
off = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7fffffff) % 1000000))
PY
}
signin() { # email jar [code]
  curl -sf -c "$2" -b "$2" -o /dev/null -d "email=$1&password=berceau-demo" "$base/signin"
  if [ -n "${3:-}" ]; then
    for step in 0 1; do
      where=$(curl -s -c "$2" -b "$2" -o /dev/null -w '%{redirect_url}' -d "code=$(totp $step)" "$base/signin/code")
      case "$where" in *signin*) ;; *) break ;; esac
    done
  fi
  sed 's/^#HttpOnly_//' "$2" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}'
}
coordinator=$(signin coordination@berceau.example "$work/c" code)
evaluator=$(signin evaluation@berceau.example "$work/e")
measure() { # name url cookie
  status=$(curl -s -o "$work/page.html" -w '%{http_code} %{time_total}' -H "Cookie: $3" "$2")
  echo "first GET $1: $status s, $(wc -c <"$work/page.html") bytes"
  wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: $3" "$2" >"$work/$1.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/$1.txt" || true)
  printf '%-12s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}
measure indicators "$base/indicators" "$coordinator"
measure evaluation "$base/evaluation" "$evaluator"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
