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

# Templates by area (the route surfaces): ui/templates/pages/<area>/, each
# keeping its file name, which is the name handlers render it by.
move ui/templates/pages/home.html ui/templates/pages/site/home.html
move ui/templates/pages/error.html ui/templates/pages/site/error.html
move ui/templates/pages/signin.html ui/templates/pages/signin/signin.html
move ui/templates/pages/signin_code.html ui/templates/pages/signin/signin_code.html
move ui/templates/pages/signin_enrol.html ui/templates/pages/signin/signin_enrol.html
move ui/templates/pages/password_forgot.html ui/templates/pages/signin/password_forgot.html
move ui/templates/pages/set_password.html ui/templates/pages/signin/set_password.html
move ui/templates/pages/account.html ui/templates/pages/account/account.html
move ui/templates/pages/recovery_codes.html ui/templates/pages/account/recovery_codes.html
move ui/templates/pages/admin_audit.html ui/templates/pages/admin/admin_audit.html
move ui/templates/pages/admin_invite.html ui/templates/pages/admin/admin_invite.html
move ui/templates/pages/admin_organisations.html ui/templates/pages/admin/admin_organisations.html
move ui/templates/pages/admin_outbox.html ui/templates/pages/admin/admin_outbox.html
move ui/templates/pages/admin_settings.html ui/templates/pages/admin/admin_settings.html
move ui/templates/pages/admin_thresholds.html ui/templates/pages/admin/admin_thresholds.html
move ui/templates/pages/admin_user.html ui/templates/pages/admin/admin_user.html
move ui/templates/pages/admin_users.html ui/templates/pages/admin/admin_users.html
move ui/templates/pages/family.html ui/templates/pages/family/family.html
move ui/templates/pages/family_birth.html ui/templates/pages/family/family_birth.html
move ui/templates/pages/family_contact.html ui/templates/pages/family/family_contact.html
move ui/templates/pages/family_list.html ui/templates/pages/family/family_list.html
move ui/templates/pages/family_new.html ui/templates/pages/family/family_new.html
move ui/templates/pages/family_transferred.html ui/templates/pages/family/family_transferred.html
move ui/templates/pages/families_search.html ui/templates/pages/family/families_search.html
move ui/templates/pages/consents.html ui/templates/pages/family/consents.html
move ui/templates/pages/screening.html ui/templates/pages/admission/screening.html
move ui/templates/pages/screening_new.html ui/templates/pages/admission/screening_new.html
move ui/templates/pages/decision.html ui/templates/pages/admission/decision.html
move ui/templates/pages/decision_new.html ui/templates/pages/admission/decision_new.html
move ui/templates/pages/enrollment.html ui/templates/pages/admission/enrollment.html
move ui/templates/pages/care_contact.html ui/templates/pages/care/care_contact.html
move ui/templates/pages/care_followup.html ui/templates/pages/care/care_followup.html
move ui/templates/pages/care_group.html ui/templates/pages/care/care_group.html
move ui/templates/pages/care_plan.html ui/templates/pages/care/care_plan.html
move ui/templates/pages/care_plan_print.html ui/templates/pages/care/care_plan_print.html
move ui/templates/pages/care_reassess.html ui/templates/pages/care/care_reassess.html
move ui/templates/pages/care_referral.html ui/templates/pages/care/care_referral.html
move ui/templates/pages/care_referral_new.html ui/templates/pages/care/care_referral_new.html
move ui/templates/pages/caseloads.html ui/templates/pages/care/caseloads.html
move ui/templates/pages/compartments.html ui/templates/pages/care/compartments.html
move ui/templates/pages/my_day.html ui/templates/pages/care/my_day.html
move ui/templates/pages/access_log.html ui/templates/pages/access/access_log.html
move ui/templates/pages/access_review.html ui/templates/pages/access/access_review.html
move ui/templates/pages/break_glass.html ui/templates/pages/access/break_glass.html
move ui/templates/pages/directory_editors.html ui/templates/pages/directory/directory_editors.html
move ui/templates/pages/directory_moderation.html ui/templates/pages/directory/directory_moderation.html
move ui/templates/pages/directory_my_suggestions.html ui/templates/pages/directory/directory_my_suggestions.html
move ui/templates/pages/directory_org_map.html ui/templates/pages/directory/directory_org_map.html
move ui/templates/pages/directory_search.html ui/templates/pages/directory/directory_search.html
move ui/templates/pages/directory_service.html ui/templates/pages/directory/directory_service.html
