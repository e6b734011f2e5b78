#!/bin/sh
# Writes PNGs of every role's main pages (1280 px halved, and 390 px; French
# and English) from the demo, driven in Chromium.
#   scripts/screenshots.sh            # into docs/screenshots/
#   scripts/screenshots.sh /tmp/shots # elsewhere
set -eu
cd "$(dirname "$0")/.."
dir=${1:-docs/screenshots}
mkdir -p "$dir"
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
rm -f "$dir"/*.png
go test ./cmd/berceau -run '^TestScreenshots$' -count=1 -v -screenshots="$dir" | grep -E 'screenshots:|FAIL|ok' || true
ls "$dir"/*.png >/dev/null
echo "$(ls "$dir"/*.png | wc -l) screenshots, $(du -sh "$dir" | cut -f1) in $dir"
