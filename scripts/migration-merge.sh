#!/bin/sh
# migration-merge.sh — turn migrations written the old way, one file per
# engine (internal/store/migrations/sqlite/NNNNN_x.sql and
# internal/store/migrations/postgres/NNNNN_x.sql), into their single source
# internal/store/migrations/NNNNN_x.sql, for branches started before the
# migrations had one source. Run it from anywhere in the repository, after
# merging such a branch:
#
#   scripts/migration-merge.sh            every pair found
#   scripts/migration-merge.sh 00070 ...  those versions only
#
# A pair that differs only by the dialect placeholders (identity_pk, bigint,
# timestamp, blob, double; see docs/ARCHITECTURE.md) is merged, checked to
# render back to both files byte for byte, and the two old files removed
# (git rm when tracked). A pair that differs otherwise is left in place and
# its diff printed: write its single source by hand, with an
# {{if sqlite}} … {{else}} … {{end}} block for the step that truly differs.
# The exit status is 1 when any pair was left.
set -eu
root=$(git rev-parse --show-toplevel)
cd "$root"
dir=internal/store/migrations
tool=$(mktemp)
trap 'rm -f "$tool"' EXIT
go build -o "$tool" ./tools/migration-merge

if [ $# -gt 0 ]; then
	versions="$*"
else
	versions=$(find "$dir/sqlite" "$dir/postgres" -name '*.sql' 2>/dev/null | sed 's|.*/||; s|_.*||' | sort -u)
fi
if [ -z "$versions" ]; then
	echo "no migration in the old form under $dir/sqlite or $dir/postgres"
	exit 0
fi

left=0
for v in $versions; do
	lite=$(ls "$dir"/sqlite/"$v"_*.sql 2>/dev/null || true)
	pg=$(ls "$dir"/postgres/"$v"_*.sql 2>/dev/null || true)
	if [ -z "$lite" ] || [ -z "$pg" ] || [ "$(echo "$lite" | wc -l)" -ne 1 ] || [ "$(echo "$pg" | wc -l)" -ne 1 ]; then
		echo "$v: want exactly one file in each of $dir/sqlite and $dir/postgres, found: sqlite [$lite] postgres [$pg]" >&2
		left=1
		continue
	fi
	out="$dir/$(basename "$lite")"
	if "$tool" "$lite" "$pg" "$out"; then
		for f in "$lite" "$pg"; do
			if git ls-files --error-unmatch "$f" >/dev/null 2>&1; then git rm -q "$f"; else rm "$f"; fi
		done
		echo "$v: merged into $out"
	else
		echo "--- $v differs beyond the placeholders (diff sqlite postgres):" >&2
		diff -u "$lite" "$pg" >&2 || true
		left=1
	fi
done
rmdir "$dir/sqlite" "$dir/postgres" 2>/dev/null || true
exit $left
