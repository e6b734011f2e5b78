#!/usr/bin/env bash
# Load run on loopback for the family follow-up (issue 5): the scaled demo
# (10,000 families, about 1,000,000 contacts by default) on SQLite, the demo
# nurse signed in over HTTP (password, then the TOTP code computed from the
# demo secret), and Debian's wrk with her session cookie at 16 connections
# against her day page and the follow-up page of a family with 300 contacts,
# beside the same-run ceiling (tools/ceiling, a static 1 KB response).
#
# Each page is measured twice: saturated (every connection sends its next
# request as soon as the answer arrives: 16 clients with no pause, which
# measures the server's capacity more than a person's wait), then as 16
# people who pause THINK_MS milliseconds on average (default 1000; uniform
# from half to one and a half of it) between pages. wrk counts only the
# request's own time in the latency, never the pause.
#
# Usage: scripts/load-followup.sh [seconds] [connections] [families]
# The database is kept in $BERCEAU_LOAD_DIR (default /tmp/berceau-load) so
# that later runs skip the load (about a minute and a half for 10,000).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-16}
families=${3:-10000}
command -v wrk >/dev/null || { echo "install Debian's wrk first: apt-get install wrk" >&2; exit 1; }
dir=${BERCEAU_LOAD_DIR:-/tmp/berceau-load}
mkdir -p "$dir"
db="$dir/followup-$families.db"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/berceau" ./cmd/berceau
go build -o "$work/ceiling" ./tools/ceiling

port=18093
base=http://127.0.0.1:$port
"$work/ceiling" --addr 127.0.0.1:18092 &
started=$(date +%s)
"$work/berceau" demo --addr 127.0.0.1:$port --db "$db" --families "$families" --log-format json >"$work/out" 2>"$work/err" &
until grep -q "Berceau is running" "$work/out" 2>/dev/null; do
  kill -0 $! 2>/dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.5
done
grep "Scaled demo" "$work/out"
echo "ready after $(( $(date +%s) - started )) s"
showcase=$(sed -n 's/.*showcase family \([0-9]*\).*/\1/p' "$work/out")

# The demo's second factor: RFC 6238 with the demo secret, step 30 s.
totp() { # step offset
  python3 - "$1" <<'EOF'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode("BERCEAUDEMOSECRETTOTPMTLBXLQCQAZ")
counter = int(time.time()) // 30 + int(sys.argv[1])
mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
off = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7fffffff) % 1000000))
EOF
}
jar="$work/cookies"
curl -sf -c "$jar" -b "$jar" -o /dev/null -d "email=infirmiere@berceau.example&password=berceau-demo" "$base/signin"
signed=""
for step in 0 1; do # a code already used in this step is refused: take the next one
  where=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -d "code=$(totp $step)" "$base/signin/code")
  case "$where" in *signin*) ;; *) signed=yes; break ;; esac
done
[ -n "$signed" ] || { echo "second factor refused" >&2; exit 1; }
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')
for page in /my-day "/families/$showcase/follow-up" "/families/$showcase/follow-up?contacts=all"; do
  status=$(curl -s -o "$work/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$base$page")
  [ "$status" = 200 ] || { echo "GET $page answered $status" >&2; exit 1; }
  printf 'GET %-28s %6d bytes\n' "$page" "$(wc -c <"$work/page.html")"
done

think=${THINK_MS:-1000}
echo "function delay() return math.random($((think / 2)), $((think * 3 / 2))) end" >"$work/think.lua"
measure() { # name url [cookie] [wrk options]
  wrk -t2 -c"$conns" -d"${secs}s" --latency ${3:+-H "Cookie: $3"} ${4:-} "$2" >"$work/${1//\//-}.txt"
  out="$work/${1//\//-}.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1=="50%" {print $2}' "$out")
  p99=$(awk '$1=="99%" {print $2}' "$out")
  errors=$(grep -E 'Non-2xx|Socket errors' "$out" || true)
  printf '%-22s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}
measure ceiling http://127.0.0.1:18092/
measure my-day "$base/my-day" "$cookie"
measure follow-up "$base/families/$showcase/follow-up" "$cookie"
secs=$((secs * 3)) # paused clients send fewer requests: a longer run for a p99
measure "my-day/think-${think}ms" "$base/my-day" "$cookie" "-s $work/think.lua"
measure "follow-up/think-${think}ms" "$base/families/$showcase/follow-up" "$cookie" "-s $work/think.lua"
# The page lists the 50 latest contacts; with ?contacts=all, all 300.
measure "follow-up-all/think-${think}ms" "$base/families/$showcase/follow-up?contacts=all" "$cookie" "-s $work/think.lua"
