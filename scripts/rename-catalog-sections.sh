#!/usr/bin/env bash
# Renames translation catalog sections to the domain's nouns (issue 13) in
# internal/i18n/locales/*.toml and every key in the Go sources and the
# templates; the rules are in tools/renamecatalog/main.go. Idempotent: run it
# again after merging a branch that still uses the old keys.
# Usage: scripts/rename-catalog-sections.sh [-check]
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
go run ./tools/renamecatalog "$@"
gofmt -l . | xargs -r gofmt -w
