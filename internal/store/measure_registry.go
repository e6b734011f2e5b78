package store

import "github.com/berceau/berceau/indicator"

// The measures indicators are written over. ADDING A MEASURE IS ONE ENTRY
// HERE: a name, how its rows add up, its breakdowns, and one SELECT over
// the raw tables the application writes (no copy, no nightly job).
//
// The SELECT returns, in this order:
//
//	family_id  the family a row belongs to (NULL for network measures)
//	site_id    its site (NULL when the measure has no site)
//	team_id    its care team (0 for none)
//	programme  the programme slug ('' for none)
//	level      the family's intensity level code ('' for none)
//	day        the day that places the row in time, as text YYYY-MM-DD
//	cat, cat2  the measure's own categories (Categories), '' otherwise
//	value      1 for counted rows; the quantity for sums and distributions
//
// and keeps to the period itself with the tokens below (the computation
// adds no period filter of its own, so the SELECT can use its indexes):
//
//	{from} {end}     the period's first day and the day after its last (dates)
//	{stale_from}     the day the directory's stale period began (date)
//	{fam}            the families with their site, team, current programme,
//	                 current level and its contact interval (familiesDims)
//	{followed}       the families with an enrollment overlapping the period:
//	                 family_id, start_date (earliest), closed_on (NULL if open)
//	{day(x)}         the day of a date or timestamp x as text YYYY-MM-DD
//	{date(x)}        x (text YYYY-MM-DD or a date) as a date
//	{days(a, b)}     the days from date a to date b (b - a)
//	{period_days}    the days from {from} to {end}, a number
//	{greatest(a, b)} {least(a, b)}
//	{fence}          at the end of a subquery: PostgreSQL computes it on
//	                 its own (OFFSET 0), its columns once per row, rather
//	                 than pushing the outer conditions into it (which
//	                 repeats a correlated subquery there); nothing on SQLite
//	{fence_by(x)}    {fence}, its rows in the order of x: the families a
//	                 correlated look-up per family reads next (the rhythm,
//	                 days overdue) then come in the order of the index it
//	                 reads, about a fifth faster on PostgreSQL
//
// A measure over tables another area owns (the families' voice: voice_*)
// goes here the same way. The catalog test runs every measure on both
// engines, and TestEveryIndicatorMatchesANaiveRecount checks the registry
// against a recount in Go on the demo.
var measureRegistry = []measureEntry{
	// Access.
	{m: family("families_screened", indicator.AggFamilies, programmeDims, temporal), sql: `
		SELECT s.family_id, f.site_id, f.team_id, s.programme_slug, f.level, {day(s.screening_date)}, '', '', 1
		FROM screenings s JOIN {fam} f ON f.family_id = s.family_id
		WHERE s.screening_date >= {from} AND s.screening_date < {end}`},
	{m: family("families_eligible", indicator.AggFamilies, programmeDims, temporal), sql: `
		SELECT s.family_id, f.site_id, f.team_id, s.programme_slug, f.level, {day(s.screening_date)}, '', '', 1
		FROM screenings s JOIN {fam} f ON f.family_id = s.family_id
		WHERE s.screening_date >= {from} AND s.screening_date < {end} AND s.outcome IN ('eligible', 'not_yet')`},
	{m: family("families_admitted", indicator.AggFamilies, programmeDims, temporal, indicator.DimBasis), sql: admissions + `''`},
	{m: family("families_admitted_by_criteria", indicator.AggFamilies, programmeDims, temporal), sql: admissions + `'' AND h.reason = 'criteria_met'`},
	{m: family("families_admitted_by_team_decision", indicator.AggFamilies, programmeDims, temporal), sql: admissions + `'' AND h.reason = 'team_decision'`},
	{m: family("families_refused", indicator.AggFamilies, programmeDims, temporal), sql: refusals},
	{m: family("families_refused_with_orientation", indicator.AggFamilies, programmeDims, temporal), sql: refusals + ` AND d.orientation <> ''`},
	{m: family("families_admitted_pregnant", indicator.AggFamilies, programmeDims, temporal), sql: pregnantAdmissions},
	{m: family("families_admitted_before_20_weeks", indicator.AggFamilies, programmeDims, temporal), sql: pregnantAdmissions +
		` AND {days(a.day, a.due)} > 140`},
	{m: family("families_admitted_after_birth", indicator.AggFamilies, programmeDims, temporal), sql: `
		SELECT a.family_id, a.site_id, a.team_id, a.programme, a.level, a.day, '', '', 1 FROM (` + admissionDays + `) a
		WHERE a.due IS NULL OR a.due <= a.day`},
	{m: unit(family("gestational_weeks_at_admission", indicator.AggValues, programmeDims, temporal), "weeks"), sql: `
		SELECT a.family_id, a.site_id, a.team_id, a.programme, a.level, a.day, '', '',
			(280 - {days(a.day, a.due)}) / 7.0 FROM (` + admissionDays + `) a
		WHERE a.due > a.day`},
	{m: family("families_followed", indicator.AggFamilies, programmeDims), sql: `
		SELECT f.family_id, f.site_id, f.team_id, f.programme, f.level, {day({from})}, '', '', 1
		FROM {followed} e JOIN {fam} f ON f.family_id = e.family_id`},
	{m: measure("expected_eligible_births", indicator.AggSum, "births", indicator.DimSite, indicator.DimYear), sql: `
		SELECT NULL, b.site_id, 0, '', '', {day({greatest({from}, {date(CAST(b.year AS TEXT) || '-01-01')})})}, '', '',
			b.births * 1.0 * {days({greatest({from}, {date(CAST(b.year AS TEXT) || '-01-01')})}, {least({end}, {date(CAST(b.year + 1 AS TEXT) || '-01-01')})})}
			/ {days({date(CAST(b.year AS TEXT) || '-01-01')}, {date(CAST(b.year + 1 AS TEXT) || '-01-01')})}
		FROM indicator_expected_births b
		WHERE {date(CAST(b.year AS TEXT) || '-01-01')} < {end} AND {date(CAST(b.year + 1 AS TEXT) || '-01-01')} > {from}`},

	// Intensity and continuity.
	{m: family("families_rhythm_measured", indicator.AggFamilies, programmeDims), sql: rhythm(heldRaw), fast: rhythm(heldFast), total: rhythm(heldDays),
		pair: "families_rhythm_met", pairTotal: rhythmPair},
	{m: family("families_rhythm_met", indicator.AggFamilies, programmeDims), sql: rhythm(heldRaw) + rhythmMet, fast: rhythm(heldFast) + rhythmMet,
		total: rhythm(heldDays) + rhythmMet, pair: "families_rhythm_measured", pairTotal: rhythmPair, conditioned: true},
	{m: unit(family("days_overdue", indicator.AggValues, programmeDims), "days"), sql: overdue(lastHeldRaw), fast: overdue(lastHeldTally), postgresFast: true},
	{m: family("key_worker_changes", indicator.AggRows, programmeDims, temporal), sql: `
		SELECT k.family_id, f.site_id, f.team_id, f.programme, f.level, {day(k.at)}, '', '', 1
		FROM key_worker_history k JOIN {fam} f ON f.family_id = k.family_id
		WHERE k.at >= {from} AND k.at < {end}
			AND EXISTS (SELECT 1 FROM key_worker_history p WHERE p.family_id = k.family_id AND p.id < k.id)`},
	{m: unit(family("family_years", indicator.AggSum, programmeDims), "family_years"), sql: `
		SELECT f.family_id, f.site_id, f.team_id, f.programme, f.level, {day({from})}, '', '',
			` + followedDays + ` / 365.25
		FROM {followed} e JOIN {fam} f ON f.family_id = e.family_id`},
	{m: family("contacts_held", indicator.AggRows, programmeDims, temporal, indicator.DimKind), sql: heldContacts,
		fast: contactTally("done", heldCond), byMonth: contactCells("done", "families_done", "days_done", heldCond), total: contactTotal("done", "done_months", "days_done", heldCond),
		twin: "home_visits", twinByMonth: contactCellsTwin(tallyHeld, tallyHome), twinTotal: contactTotalTwin(tallyHeld, tallyHome)},
	{m: family("home_visits", indicator.AggRows, programmeDims, temporal), sql: heldContacts + ` AND c.kind = 'home_visit'`,
		fast: contactTally("home_visits", homeCond), byMonth: contactCells("home_visits", "families_home", "days_home", homeCond),
		total: contactTotal("home_visits", "home_months", "days_home", homeCond),
		twin:  "contacts_held", twinByMonth: contactCellsTwin(tallyHome, tallyHeld), twinTotal: contactTotalTwin(tallyHome, tallyHeld)},
	{m: family("group_meeting_invitations", indicator.AggRows, programmeDims, temporal), sql: groupContacts,
		fast: contactTally("group_invited", invitedCond), byMonth: contactCells("group_invited", "families_invited", "days_invited", invitedCond),
		total: contactTotal("group_invited", "invited_months", "days_invited", invitedCond),
		twin:  "group_meeting_attendances", twinByMonth: contactCellsTwin(tallyInvited, tallyAttended), twinTotal: contactTotalTwin(tallyInvited, tallyAttended)},
	{m: family("group_meeting_attendances", indicator.AggRows, programmeDims, temporal), sql: groupContacts + ` AND c.outcome = 'done'`,
		fast: contactTally("group_attended", attendedCond), byMonth: contactCells("group_attended", "families_attended", "days_attended", attendedCond),
		total: contactTotal("group_attended", "attended_months", "days_attended", attendedCond),
		twin:  "group_meeting_invitations", twinByMonth: contactCellsTwin(tallyAttended, tallyInvited), twinTotal: contactTotalTwin(tallyAttended, tallyInvited)},
	{m: family("families_in_group_meetings", indicator.AggFamilies, programmeDims, temporal), sql: groupContacts + ` AND c.outcome = 'done'`,
		fast: contactTally("group_attended", attendedCond), byMonth: contactCells("group_attended", "families_attended", "days_attended", attendedCond),
		total: contactTotal("group_attended", "attended_months", "days_attended", attendedCond)},
	{m: family("families_interpreter_needed", indicator.AggFamilies, programmeDims), sql: `
		SELECT f.family_id, f.site_id, f.team_id, f.programme, f.level, {day({from})}, '', '', 1
		FROM {followed} e JOIN {fam} f ON f.family_id = e.family_id
		WHERE f.interpreter_needed`},

	// Referrals.
	{m: family("referrals_made", indicator.AggRows, programmeDims, temporal, indicator.DimService), sql: referrals},
	{m: family("referrals_closed_with_outcome", indicator.AggRows, programmeDims, temporal, indicator.DimService), sql: referrals +
		` AND r.status IN ('completed', 'not_reached', 'declined')`},
	{m: family("referral_outcomes", indicator.AggRows, programmeDims, temporal, indicator.DimService, indicator.DimOutcome), sql: referrals},
	// The first appointments are joined, grouped once (the partial index of
	// migration 00126 holds them), rather than looked up per referral.
	{m: unit(family("days_to_first_appointment", indicator.AggValues, programmeDims, temporal, indicator.DimService), "days"), sql: `
		SELECT r.family_id, f.site_id, f.team_id, f.programme, f.level, {day(r.created_at)}, ` + serviceCategory + `, '',
			{days({day(r.created_at)}, {day(x.first_at)})}
		FROM referrals r JOIN {fam} f ON f.family_id = r.family_id
			JOIN (SELECT x.referral_id, MIN(x.at) AS first_at FROM referral_changes x
				WHERE x.to_status = 'first_appointment_held' GROUP BY x.referral_id) x ON x.referral_id = r.id
		WHERE r.created_at >= {from} AND r.created_at < {end}`},

	// Plan and outcomes.
	{m: family("goals_set", indicator.AggRows, programmeDims, temporal, indicator.DimOrientation), sql: goals},
	{m: family("goals_achieved", indicator.AggRows, programmeDims, temporal, indicator.DimOrientation), sql: goals + ` AND g.status = 'achieved'`},
	{m: family("reassessments_held", indicator.AggRows, programmeDims, temporal), sql: reassessments, fast: reassessmentsFast},
	{m: family("reassessments_on_time", indicator.AggRows, programmeDims, temporal), sql: reassessments +
		` AND {days(COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
			(SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id)), r.held_on)} <= 31 * COALESCE(pr.reassess_months, 6)`,
		fast: reassessmentsOnTimeFast},
	{m: family("closures", indicator.AggFamilies, programmeDims, temporal, indicator.DimClosure), sql: closures},
	{m: unit(family("follow_up_days", indicator.AggValues, programmeDims, temporal, indicator.DimClosure), "days"), sql: `
		SELECT e.family_id, f.site_id, f.team_id, e.programme, f.level, {day(e.closed_on)}, e.closure_reason, '', {days(e.start_date, e.closed_on)}
		FROM enrollments e JOIN {fam} f ON f.family_id = e.family_id
		WHERE e.closed_on >= {from} AND e.closed_on < {end}`},

	// Network.
	{m: measure("events_held", indicator.AggRows, "", temporal...), sql: `
		SELECT NULL, NULL, 0, '', '', {day(e.starts_at)}, '', '', 1 FROM events e
		WHERE e.starts_at >= {from} AND e.starts_at < {end} AND e.status <> 'cancelled'`},
	{m: measure("event_attendances", indicator.AggRows, "", append([]indicator.Dimension{indicator.DimSector}, temporal...)...), sql: `
		SELECT NULL, NULL, 0, '', '', {day(e.starts_at)}, r.sector, '', 1
		FROM event_registrations r JOIN events e ON e.id = r.event_id
		WHERE e.starts_at >= {from} AND e.starts_at < {end} AND r.state = 'attended'`},
	{m: measure("training_hours", indicator.AggSum, "hours", append([]indicator.Dimension{indicator.DimDiscipline}, temporal...)...), sql: `
		SELECT NULL, NULL, 0, '', '', {day(e.starts_at)}, COALESCE(u.discipline, ''), '', l.minutes / 60.0
		FROM learning_hours l JOIN events e ON e.id = l.event_id LEFT JOIN users u ON u.id = l.user_id
		WHERE e.starts_at >= {from} AND e.starts_at < {end}`},
	{m: measure("directory_services", indicator.AggRows, ""), sql: `
		SELECT NULL, NULL, 0, '', '', {day({from})}, '', '', 1 FROM directory_services s WHERE s.status = 'active'`},
	{m: measure("directory_services_confirmed", indicator.AggRows, ""), sql: `
		SELECT NULL, NULL, 0, '', '', {day({from})}, '', '', 1 FROM directory_services s
		WHERE s.status = 'active' AND s.confirmed_at >= {stale_from} AND s.confirmed_at < {end}`},
}

// Shared pieces of the measures above.
const (
	admissions = `
		SELECT h.family_id, f.site_id, f.team_id, f.programme, f.level, {day(h.at)}, h.reason, '', 1
		FROM family_status_history h JOIN {fam} f ON f.family_id = h.family_id
		WHERE h.at >= {from} AND h.at < {end} AND h.to_status = 'active' AND h.reason IN ('criteria_met', 'team_decision') AND h.reason <> `
	refusals = `
		SELECT d.family_id, f.site_id, f.team_id, f.programme, f.level, {day(d.completed_at)}, '', '', 1
		FROM admission_decisions d JOIN {fam} f ON f.family_id = d.family_id
		WHERE d.completed_at >= {from} AND d.completed_at < {end} AND d.verdict = 'refuse' AND d.superseded_by IS NULL`
	// admissionDays are the admissions of the period with the due date of
	// the pregnancy followed (the latest due date of the household).
	admissionDays = `
		SELECT h.family_id, f.site_id, f.team_id, f.programme, f.level, {day(h.at)} AS day,
			(SELECT {day(MAX(m.due_date))} FROM household_members m WHERE m.family_id = h.family_id) AS due
		FROM family_status_history h JOIN {fam} f ON f.family_id = h.family_id
		WHERE h.at >= {from} AND h.at < {end} AND h.to_status = 'active' AND h.reason IN ('criteria_met', 'team_decision')`
	pregnantAdmissions = `
		SELECT a.family_id, a.site_id, a.team_id, a.programme, a.level, a.day, '', '', 1 FROM (` + admissionDays + `) a
		WHERE a.due > a.day`
	rhythmMetCond = `(r.held + 1) * r.interval_days > r.followed_days`
	rhythmMet     = ` AND ` + rhythmMetCond
	// The contacts each tally of indicator_contact_months counts.
	heldCond     = `c.outcome = 'done'`
	homeCond     = `c.outcome = 'done' AND c.kind = 'home_visit'`
	invitedCond  = `c.outcome IN ('done', 'missed') AND c.kind = 'group_meeting'`
	attendedCond = `c.outcome = 'done' AND c.kind = 'group_meeting'`
	// heldRaw and heldFast are the contacts a family held in the period,
	// from the contacts, or from its monthly tallies for the whole months
	// and the contacts for the days around them.
	heldRaw = `(SELECT COUNT(*) FROM contacts c WHERE c.family_id = f.family_id AND c.outcome = 'done'
					AND c.contact_on >= {from} AND c.contact_on < {end})`
	heldFast = `((SELECT COALESCE(SUM(t.done), 0) FROM indicator_contact_months t WHERE t.family_id = f.family_id
					AND t.month >= {whole_from_month} AND t.month < {whole_end_month})
				+ (SELECT COUNT(*) FROM contacts c WHERE c.family_id = f.family_id AND c.outcome = 'done'
					AND c.contact_on >= {from} AND c.contact_on < {whole_from})
				+ (SELECT COUNT(*) FROM contacts c WHERE c.family_id = f.family_id AND c.outcome = 'done'
					AND c.contact_on >= {whole_end} AND c.contact_on < {end}))`
	heldContacts = `
		SELECT c.family_id, f.site_id, f.team_id, f.programme, f.level, {day(c.contact_on)}, c.kind, '', 1
		FROM {fam} f CROSS JOIN contacts c
		WHERE c.family_id = f.family_id AND c.outcome = 'done' AND c.contact_on >= {from} AND c.contact_on < {end}`
	groupContacts = `
		SELECT c.family_id, f.site_id, f.team_id, f.programme, f.level, {day(c.contact_on)}, '', '', 1
		FROM {fam} f CROSS JOIN contacts c
		WHERE c.family_id = f.family_id AND c.outcome IN ('done', 'missed') AND c.contact_on >= {from} AND c.contact_on < {end}
			AND c.kind = 'group_meeting'`
	// serviceCategory names a referral's service: the directory service's
	// name as it was then, '' for a resource outside the directory (its
	// description is free text, never shown in an indicator).
	serviceCategory = `CASE WHEN r.service_id <> '' THEN r.service_name ELSE '' END`
	referrals       = `
		SELECT r.family_id, f.site_id, f.team_id, f.programme, f.level, {day(r.created_at)}, ` + serviceCategory + `,
			CASE WHEN r.status IN ('accepted', 'first_appointment_held', 'completed') THEN 'reached'
				WHEN r.status = 'waitlisted' THEN 'waitlisted'
				WHEN r.status = 'declined' THEN 'refused'
				WHEN r.status = 'not_reached' THEN 'no_answer'
				ELSE 'pending' END, 1
		FROM referrals r JOIN {fam} f ON f.family_id = r.family_id
		WHERE r.created_at >= {from} AND r.created_at < {end}`
	goals = `
		SELECT g.family_id, f.site_id, f.team_id, f.programme, f.level, {day(g.created_at)}, g.orientation, '', 1
		FROM plan_goals g JOIN {fam} f ON f.family_id = g.family_id
		WHERE g.created_at >= {from} AND g.created_at < {end}`
	reassessments = `
		SELECT r.family_id, f.site_id, f.team_id, f.programme, f.level, {day(r.held_on)}, '', '', 1
		FROM reassessments r JOIN {fam} f ON f.family_id = r.family_id LEFT JOIN programmes pr ON pr.slug = f.programme
		WHERE r.held_on >= {from} AND r.held_on < {end}`
	// reassessmentsFast are the reassessments from indicator_reassessments
	// (migration 00123): each with its family's breakdowns and the days
	// since the one before.
	reassessmentsFast = `
		SELECT r.family_id, r.site_id, r.team_id, r.programme, r.level, {day(r.held_on)}, '', '', 1
		FROM indicator_reassessments r
		WHERE r.held_on >= {from} AND r.held_on < {end}`
	// reassessmentsOnTimeFast joins the programmes (three rows, hashed)
	// rather than looking each reassessment's up.
	reassessmentsOnTimeFast = `
		SELECT r.family_id, r.site_id, r.team_id, r.programme, r.level, {day(r.held_on)}, '', '', 1
		FROM indicator_reassessments r LEFT JOIN programmes pr ON pr.slug = r.programme
		WHERE r.held_on >= {from} AND r.held_on < {end} AND r.days <= 31 * COALESCE(pr.reassess_months, 6)`
	closures = `
		SELECT e.family_id, f.site_id, f.team_id, e.programme, f.level, {day(e.closed_on)}, e.closure_reason, '', 1
		FROM enrollments e JOIN {fam} f ON f.family_id = e.family_id
		WHERE e.closed_on >= {from} AND e.closed_on < {end}`
)

var (
	partialHeldStart = partialDay("done", "days_done", heldCond, "start")
	partialHeldEnd   = partialDay("done", "days_done", heldCond, "end")
	// heldDays is heldFast for a period with whole months, in one range of
	// the family's tallies: the partial months' from their days (partialDay).
	heldDays = `(SELECT COALESCE(SUM(CASE WHEN t.month >= {whole_from_month} AND t.month < {whole_end_month} THEN t.done
					WHEN t.month = {from_month} THEN CASE WHEN (t.days_done & {start_mask}) = 0 THEN 0 ELSE ` + partialHeldStart + ` END
					ELSE CASE WHEN (t.days_done & {end_mask}) = 0 THEN 0 ELSE ` + partialHeldEnd + ` END END), 0)
				FROM indicator_contact_months t WHERE t.family_id = f.family_id AND t.month >= {from_month} AND t.month <= {whole_end_month})`
)

// overdue is days_overdue: the days past its level's interval since the
// last contact held before the period's end (last: lastHeldRaw or
// lastHeldTally) or its follow-up's start, of each family followed at the
// end of the period and overdue then.
func overdue(last string) string {
	return `
		SELECT o.family_id, o.site_id, o.team_id, o.programme, o.level, {day({from})}, '', '', o.overdue FROM (
			SELECT f.family_id, f.site_id, f.team_id, f.programme, f.level,
				{days(COALESCE({greatest(` + last + `, f.start_date)}, f.start_date), {end})} - 1 - f.interval_days AS overdue
			FROM (SELECT f.family_id, f.site_id, f.team_id, f.programme, f.level, f.interval_days, e.start_date
				FROM {followed} e JOIN {fam} f ON f.family_id = e.family_id
				WHERE e.closed_on IS NULL AND f.interval_days > 0 {fence_by(f.family_id)}) f {fence}) o
		WHERE o.overdue > 0`
}

const (
	lastHeldRaw = `(SELECT MAX(c.contact_on) FROM contacts c
					WHERE c.family_id = f.family_id AND c.outcome = 'done' AND c.contact_on < {end})`
	// lastHeldTally is lastHeldRaw from the family's latest tally with a
	// contact held before the period's end (its days, migration 00124: the
	// highest bit is the last day held; in the end's own month, the days
	// before it). PostgreSQL only (a bit string), where one look-up in the
	// tallies' family index costs about two thirds of one in the contacts'.
	lastHeldTally = `(SELECT CAST(t.month || '-01' AS DATE) - 1 + length(ltrim(CAST(CAST(
						CASE WHEN t.month = {end_month} THEN t.days_done & {end_days} ELSE t.days_done END AS BIT(31)) AS TEXT), '0'))
					FROM indicator_contact_months t
					WHERE t.family_id = f.family_id AND t.month <= {end_month} AND t.done > 0
						AND (t.month < {end_month} OR (t.days_done & {end_days}) <> 0)
					ORDER BY t.family_id DESC, t.month DESC LIMIT 1)`
)

// followedDays are the days of the period a family of {followed} (e) was
// followed: the period's length for most, computed per family only for
// those who began or ended within it.
const followedDays = `CASE WHEN e.start_date <= {from} AND (e.closed_on IS NULL OR e.closed_on >= {end}) THEN {period_days}
					ELSE {days({greatest(e.start_date, {from})}, {least(COALESCE(e.closed_on, {end}), {end})})} END`

// rhythmPair is the rhythm's families with heldDays, each row's value 1
// when its rhythm is met, 0 otherwise (measurePair).
var rhythmPair = rhythmValued(heldDays, `CASE WHEN `+rhythmMetCond+` THEN 1 ELSE 0 END`)

// rhythm are the followed families whose rhythm is measured, with the
// contacts they held (held: heldRaw or heldFast).
func rhythm(held string) string { return rhythmValued(held, "1") }

// rhythmValued is rhythm with value as each row's value.
func rhythmValued(held, value string) string {
	return `
		SELECT r.family_id, r.site_id, r.team_id, r.programme, r.level, {day({from})}, '', '', ` + value + ` FROM (
			SELECT f.family_id, f.site_id, f.team_id, f.programme, f.level, f.interval_days, f.followed_days,
				` + held + ` AS held
			FROM (SELECT f.family_id, f.site_id, f.team_id, f.programme, f.level, f.interval_days,
					` + followedDays + ` AS followed_days
				FROM {followed} e JOIN {fam} f ON f.family_id = e.family_id
				WHERE f.interval_days > 0 {fence_by(f.family_id)}) f) r
		WHERE r.followed_days > 0`
}

// contactTally is a contact measure read from indicator_contact_months
// (column: its tally) for the period's whole months, and from the
// contacts (cond: the same rows) for the days before and after them
// (contactPartial). A tally row is one family in one month, with its
// breakdowns.
func contactTally(column, cond string) string {
	return `
		SELECT t.family_id, t.site_id, t.team_id, t.programme, t.level, t.month || '-01', '', '', t.` + column + `
		FROM indicator_contact_months t
		WHERE t.month >= {whole_from_month} AND t.month < {whole_end_month} AND t.` + column + ` > 0` +
		contactPartial(column, cond, "")
}

// contactPartial are the contacts (cond) of the days of the period outside
// its whole months, one row each, found from the tallies of their months
// (only the families with such a contact that month, each with its
// breakdowns; each contact from its own month's tally when those days
// span two months), after UNION ALL; extra is appended to each row (byMonth's
// families column).
func contactPartial(column, cond, extra string) string {
	part := func(fromMonth, lastMonth, from, end string) string {
		return `
		UNION ALL
		SELECT c.family_id, t.site_id, t.team_id, t.programme, t.level, {day(c.contact_on)}, '', '', 1` + extra + `
		FROM indicator_contact_months t CROSS JOIN contacts c
		WHERE t.month >= ` + fromMonth + ` AND t.month <= ` + lastMonth + ` AND t.` + column + ` > 0
			AND c.family_id = t.family_id AND ` + cond + ` AND c.contact_on >= ` + from + ` AND c.contact_on < ` + end + `
			AND substr({day(c.contact_on)}, 1, 7) = t.month`
	}
	return part("{from_month}", "{whole_from_last_month}", "{from}", "{whole_from}") +
		part("{whole_end_month}", "{end_last_month}", "{whole_end}", "{end}")
}

// contactCells is a contact measure broken down by month: the whole
// months from indicator_contact_cells (column: its tally, families: its
// families' count), the days around them from the contacts.
func contactCells(column, families, days, cond string) string {
	return `
		SELECT NULL, s.site_id, s.team_id, s.programme, s.level, s.month || '-01', '', '', s.` + column + `, s.` + families + `
		FROM indicator_contact_cells s
		WHERE s.month >= {whole_from_month} AND s.month < {whole_end_month} AND s.` + column + ` > 0` +
		contactPartialDays(column, days, cond, ", 0")
}

// contactTotal is a contact measure without a period breakdown: the
// whole months' quantities from indicator_contact_cells (no family: they
// are counted next), the families with one in a whole month from
// indicator_contact_years (months: their mask; a quantity of 0), and the
// days around them from the contacts.
func contactTotal(column, months, days, cond string) string {
	return `
		SELECT NULL, s.site_id, s.team_id, s.programme, s.level, s.month || '-01', '', '', s.` + column + `
		FROM indicator_contact_cells s
		WHERE s.month >= {whole_from_month} AND s.month < {whole_end_month} AND s.` + column + ` > 0
		UNION ALL
		SELECT y.family_id, y.site_id, y.team_id, y.programme, y.level, {day({from})}, '', '', 0
		FROM indicator_contact_years y
		WHERE y.year = {years_year} AND (y.` + months + ` & {years_mask}) <> 0` +
		contactPartialDays(column, days, cond, "")
}

// contactTallyColumns name one contact measure's columns in the summaries:
// its tally (indicator_contact_months, indicator_contact_cells), its
// families' count in a cell, its days (a tally's) and months (a year's),
// and the contacts it counts.
type contactTallyColumns struct{ column, families, days, months, cond string }

var (
	tallyHeld     = contactTallyColumns{"done", "families_done", "days_done", "done_months", heldCond}
	tallyHome     = contactTallyColumns{"home_visits", "families_home", "days_home", "home_months", homeCond}
	tallyInvited  = contactTallyColumns{"group_invited", "families_invited", "days_invited", "invited_months", invitedCond}
	tallyAttended = contactTallyColumns{"group_attended", "families_attended", "days_attended", "attended_months", attendedCond}
)

// contactCellsTwin is contactCells for two measures at once (a share's
// numerator and denominator read the same summary rows once), each row
// with both quantities, whether it is each measure's (in1, in2) and both
// families' counts (measureTwin).
func contactCellsTwin(a, b contactTallyColumns) string {
	return `
		SELECT NULL, s.site_id, s.team_id, s.programme, s.level, s.month || '-01', '', '', s.` + a.column + `, s.` + b.column + `,
			CASE WHEN s.` + a.column + ` > 0 THEN 1 ELSE 0 END, CASE WHEN s.` + b.column + ` > 0 THEN 1 ELSE 0 END, s.` + a.families + `, s.` + b.families + `
		FROM indicator_contact_cells s
		WHERE s.month >= {whole_from_month} AND s.month < {whole_end_month} AND (s.` + a.column + ` > 0 OR s.` + b.column + ` > 0)` +
		contactPartialDaysTwin(a, b, ", 0, 0")
}

// contactTotalTwin is contactTotal for two measures at once
// (contactCellsTwin).
func contactTotalTwin(a, b contactTallyColumns) string {
	return `
		SELECT NULL, s.site_id, s.team_id, s.programme, s.level, s.month || '-01', '', '', s.` + a.column + `, s.` + b.column + `,
			CASE WHEN s.` + a.column + ` > 0 THEN 1 ELSE 0 END, CASE WHEN s.` + b.column + ` > 0 THEN 1 ELSE 0 END
		FROM indicator_contact_cells s
		WHERE s.month >= {whole_from_month} AND s.month < {whole_end_month} AND (s.` + a.column + ` > 0 OR s.` + b.column + ` > 0)
		UNION ALL
		SELECT y.family_id, y.site_id, y.team_id, y.programme, y.level, {day({from})}, '', '', 0, 0,
			CASE WHEN (y.` + a.months + ` & {years_mask}) <> 0 THEN 1 ELSE 0 END, CASE WHEN (y.` + b.months + ` & {years_mask}) <> 0 THEN 1 ELSE 0 END
		FROM indicator_contact_years y
		WHERE y.year = {years_year} AND ((y.` + a.months + ` & {years_mask}) <> 0 OR (y.` + b.months + ` & {years_mask}) <> 0)` +
		contactPartialDaysTwin(a, b, "")
}

// contactPartialDaysTwin is contactPartialDays for two measures at once:
// one read of each partial month's tallies.
func contactPartialDaysTwin(a, b contactTallyColumns, extra string) string {
	part := func(month, side string) string {
		in := func(c contactTallyColumns) string { return `(t.` + c.days + ` & {` + side + `_mask}) <> 0` }
		return `
		UNION ALL
		SELECT t.family_id, t.site_id, t.team_id, t.programme, t.level, t.month || '-01', '', '',
			CASE WHEN ` + in(a) + ` THEN ` + partialDay(a.column, a.days, a.cond, side) + ` ELSE 0 END,
			CASE WHEN ` + in(b) + ` THEN ` + partialDay(b.column, b.days, b.cond, side) + ` ELSE 0 END,
			CASE WHEN ` + in(a) + ` THEN 1 ELSE 0 END, CASE WHEN ` + in(b) + ` THEN 1 ELSE 0 END` + extra + `
		FROM indicator_contact_months t
		WHERE t.month = ` + month + ` AND (` + in(a) + ` OR ` + in(b) + `)`
	}
	return part("{from_month}", "start") + part("{whole_end_month}", "end")
}

// contactPartialDays are contactPartial's rows for a period with whole
// months, one per family and partial month, from the tallies whose days
// (migration 00124) meet the period's (partialDay: the contacts counted).
func contactPartialDays(column, days, cond, extra string) string {
	part := func(month, side string) string {
		return `
		UNION ALL
		SELECT t.family_id, t.site_id, t.team_id, t.programme, t.level, t.month || '-01', '', '', ` +
			partialDay(column, days, cond, side) + extra + `
		FROM indicator_contact_months t
		WHERE t.month = ` + month + ` AND (t.` + days + ` & {` + side + `_mask}) <> 0`
	}
	return part("{from_month}", "start") + part("{whole_end_month}", "end")
}

// partialDay is how many contacts (cond) a tally row t of a partial month
// (side: start or end) counts in the period's days: counted from the
// contacts when those days are the fewer, else the tally less the
// contacts of the month's other days, read only when t has some then.
func partialDay(column, days, cond, side string) string {
	inside, outside := `c.contact_on >= {from} AND c.contact_on < {whole_from}`, `c.contact_on >= {start_month_first} AND c.contact_on < {from}`
	if side == "end" {
		inside, outside = `c.contact_on >= {whole_end} AND c.contact_on < {end}`, `c.contact_on >= {end} AND c.contact_on < {end_month_next}`
	}
	count := func(when string) string {
		return `(SELECT COUNT(*) FROM contacts c WHERE c.family_id = t.family_id AND ` + cond + ` AND ` + when + `)`
	}
	return `CASE WHEN {` + side + `_direct} = 1 THEN ` + count(inside) + `
			WHEN (t.` + days + ` & {` + side + `_rest}) = 0 THEN t.` + column + `
			ELSE t.` + column + ` - ` + count(outside) + ` END`
}

// familiesDims is {fam}: every family with the breakdowns its rows take —
// its site and team now, the programme of its latest enrollment, its
// current intensity level and that level's contact interval. The last
// three come from indicator_families, which triggers keep in the
// transactions that write enrollments and intensity changes (migration
// 00113); familiesDimsRaw computes them from the raw rows, for the test
// that compares the two.
const familiesDims = `(SELECT fa.id AS family_id, fa.site_id, COALESCE(fa.team_id, 0) AS team_id, fa.interpreter_needed,
	COALESCE(d.programme, '') AS programme, COALESCE(d.level, '') AS level, COALESCE(d.interval_days, 0) AS interval_days
	FROM families fa LEFT JOIN indicator_families d ON d.family_id = fa.id)`

const familiesDimsRaw = `(SELECT fa.id AS family_id, fa.site_id, COALESCE(fa.team_id, 0) AS team_id, fa.interpreter_needed,
	COALESCE((SELECT e.programme FROM enrollments e WHERE e.family_id = fa.id ORDER BY e.start_date DESC, e.id DESC LIMIT 1), '') AS programme,
	COALESCE((SELECT i.level_code FROM intensity_changes i WHERE i.family_id = fa.id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), '') AS level,
	COALESCE((SELECT i.interval_days FROM intensity_changes i WHERE i.family_id = fa.id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), 0) AS interval_days
	FROM families fa)`

// followedFamilies is {followed}: the families with an enrollment
// overlapping the period, from their earliest start, until their latest
// closure (NULL while one is open).
const followedFamilies = `(SELECT e.family_id, MIN(e.start_date) AS start_date,
	CASE WHEN COUNT(*) > COUNT(e.closed_on) THEN NULL ELSE MAX(e.closed_on) END AS closed_on
	FROM enrollments e WHERE e.start_date < {end} AND (e.closed_on IS NULL OR e.closed_on >= {from}) GROUP BY e.family_id)`

var (
	programmeDims = []indicator.Dimension{indicator.DimSite, indicator.DimTeam, indicator.DimProgramme, indicator.DimLevel}
	temporal      = []indicator.Dimension{indicator.DimMonth, indicator.DimQuarter, indicator.DimYear}
)
