#!/usr/bin/env bash
# Issue 13, the web layer's layout: handler and route-table files of
# internal/web named by the domain's nouns, templates under
# ui/templates/pages/<area>/. Only `git mv`, so history follows and git's
# rename detection carries other branches' edits over. Re-runnable: a move
# whose source is gone (already done) is skipped; a move whose target
# already exists stops the script (someone else's file is in the way).
# Usage: scripts/relayout-web.sh   (from anywhere inside the repository)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

move() { # from to
  if [ ! -e "$1" ]; then return; fi
  if [ -e "$2" ]; then echo "relayout-web: $2 already exists, $1 not moved" >&2; exit 1; fi
  mkdir -p "$(dirname "$2")"
  git mv "$1" "$2"
}

# Route tables: one file per surface, routes_<surface>.go.
move internal/web/family_routes.go    internal/web/routes_family.go
move internal/web/followup_routes.go  internal/web/routes_admission.go
move internal/web/care_routes.go      internal/web/routes_care.go
move internal/web/glass_routes.go     internal/web/routes_access.go
move internal/web/directory_routes.go internal/web/routes_directory.go

# Handlers by the domain's noun ("followup" meant admission in web and
# contacts in app; care_referral.go also held reassessments).
move internal/web/followup_screening.go  internal/web/screening.go
move internal/web/followup_decision.go   internal/web/admission_decision.go
move internal/web/followup_enrollment.go internal/web/enrollment.go
move internal/web/followup_test.go       internal/web/admission_test.go
move internal/web/followup_access_test.go internal/web/admission_access_test.go
move internal/web/care_followup.go       internal/web/contact.go
move internal/web/care_followup_test.go  internal/web/contact_test.go
move internal/web/care_referral.go       internal/web/referral.go
move internal/web/care_plan.go           internal/web/plan.go
move internal/web/care_plan_test.go      internal/web/plan_test.go
move internal/web/care_day.go            internal/web/my_day.go
move internal/web/glass.go               internal/web/access_grant.go
move internal/web/glass_test.go          internal/web/access_grant_test.go
move internal/web/glass_access_test.go   internal/web/access_grant_access_test.go
move internal/web/daily_dash.go          internal/web/family_search.go
