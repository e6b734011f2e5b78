package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/pressly/goose/v3"
)

// TestADatabaseMadeByTodaysMainMigratesForward: a database built by the
// migrations of main at ca62488 (the two folders, frozen under testdata,
// and the Go migration 00047), holding rows in every area, opens with the
// single-source migrator: no error, none of its versions applied again, no
// row lost or changed, and the same schema as a database migrated fresh.
// Also for a database main had only partly migrated (up to 00014).
func TestADatabaseMadeByTodaysMainMigratesForward(t *testing.T) {
	t.Parallel()
	for _, engine := range testdb.Engines(t) {
		for _, upTo := range []int64{0, 14} {
			t.Run(fmt.Sprintf("%s/up to %d", engine, upTo), func(t *testing.T) {
				t.Parallel()
				ctx := context.Background()
				old, err := Open(ctx, testdb.NewDatabase(t, engine))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { old.Close() })
				frozen, err := goose.NewProvider(old.dialect.goose, old.writer, frozenFolder(engine),
					goose.WithAllowOutofOrder(true), goose.WithGoMigrations(partnerMigration()))
				if err != nil {
					t.Fatal(err)
				}
				if upTo == 0 {
					_, err = frozen.Up(ctx)
				} else {
					_, err = frozen.UpTo(ctx, upTo)
				}
				if err != nil {
					t.Fatalf("migrate with main's folders: %v", err)
				}
				if upTo == 0 {
					insertRowsOfEveryArea(t, old)
				}
				versionsBefore := appliedVersions(t, old)
				rowsBefore := tableRows(t, old)

				applied, err := old.Migrate(ctx)
				if err != nil {
					t.Fatalf("the single-source migrator refuses a database of main: %v", err)
				}
				for _, m := range applied {
					if versionsBefore[m.Version] != "" {
						t.Errorf("version %d applied again (%s)", m.Version, m.Name)
					}
				}
				if upTo == 14 && len(applied) == 0 {
					t.Error("a partly migrated database got none of the versions it lacked")
				}
				versionsAfter := appliedVersions(t, old)
				for v, at := range versionsBefore {
					if versionsAfter[v] != at {
						t.Errorf("version %d: recorded %q, now %q", v, at, versionsAfter[v])
					}
				}
				rowsAfter := tableRows(t, old)
				// Later migrations may add columns and seed rows; every row
				// there before is still there, with the values it had.
				for table, before := range rowsBefore {
					if lost := missing(before.rows, project(rowsAfter[table], before.columns)); len(lost) > 0 {
						t.Errorf("%s lost %d row(s): %v", table, len(lost), lost)
					}
				}
				if (upTo == 0 && len(rowsBefore["families"].rows) != 1) || len(rowsBefore["role_permissions"].rows) == 0 {
					t.Fatalf("the fixture is not there: %d families, %d role permissions",
						len(rowsBefore["families"].rows), len(rowsBefore["role_permissions"].rows))
				}

				fresh := openMigrated(t, engine)
				want, got := schemaOf(t, fresh), schemaOf(t, old)
				if len(want) < 50 {
					t.Fatalf("only %d schema lines: %v", len(want), want)
				}
				if !slices.Equal(got, want) {
					t.Errorf("the schema differs from a fresh database's:\n%s", lineDiff(got, want))
				}
			})
		}
	}
}

// insertRowsOfEveryArea writes rows as main at ca62488 stored them:
// accounts, sessions (binary), the audit trail, a family and its follow-up,
// the directory (coordinates).
func insertRowsOfEveryArea(t *testing.T, s *Store) {
	t.Helper()
	at := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	rows := []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO organisations (id, slug, name, created_at) VALUES (1, 'org', 'Maison des familles', $1)`, []any{at}},
		{`INSERT INTO sites (id, organisation_id, slug, name, created_at) VALUES (1, 1, 'nord', 'Nord', $1)`, []any{at}},
		{`INSERT INTO users (id, email, display_name, created_at) VALUES (1, 'infirmiere@example.org', 'Infirmière', $1), (2, 'coord@example.org', 'Coordination', $1)`, []any{at}},
		{`INSERT INTO user_roles (id, user_id, role, organisation_id, site_id) VALUES (1, 1, 'nurse', 1, 1), (2, 2, 'coordinator', 1, NULL)`, nil},
		{`INSERT INTO teams (id, site_id, slug, name, created_at) VALUES (1, 1, 'equipe', 'Équipe', $1)`, []any{at}},
		{`INSERT INTO team_members (team_id, user_id) VALUES (1, 1)`, nil},
		{`INSERT INTO recovery_codes (id, user_id, code_hash) VALUES (1, 1, 'h')`, nil},
		{`INSERT INTO sessions (id, token_hash, user_id, data, expiry, created_at, last_seen_at) VALUES (1, 'tok', 1, $1, $2, $2, $2)`, []any{[]byte{0, 1, 2, 0xfe, 0xff}, at}},
		{`INSERT INTO sign_in_failures (id, email, client_address, at) VALUES (1, 'x@example.org', '192.0.2.1', $1)`, []any{at}},
		{`INSERT INTO outbox (id, recipient, subject, body, created_at) VALUES (1, 'coord@example.org', 'Sujet', 'Corps', $1)`, []any{at}},
		{`INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, expires_at, created_at) VALUES (1, 2, 'cli', 'th', 'directory.read', $1, $1)`, []any{at}},
		{`INSERT INTO audit_log (id, at, actor_id, action, outcome, prev_hash, hash) VALUES (1, $1, 1, 'family.view', 'ok', '', 'h1')`, []any{at}},
		{`INSERT INTO families (id, site_id, team_id, key_worker_id, status, created_at, updated_at) VALUES (1, 1, 1, 1, 'followed', $1, $1)`, []any{at}},
		{`INSERT INTO household_members (id, family_id, role) VALUES (1, 1, 'parent'), (2, 1, 'child')`, nil},
		{`INSERT INTO admission_decisions (id, family_id, verdict, rationale, quorum_professionals, quorum_disciplines, proposed_by, created_at) VALUES (1, 1, 'admitted', 'Ligne 1
ligne 2', 2, 2, 2, $1)`, []any{at}},
		{`INSERT INTO decision_participants (decision_id, user_id, discipline) VALUES (1, 1, 'nursing')`, nil},
		{`INSERT INTO screenings (id, family_id, programme_slug, rulebook, thresholds_label, screening_date, input, outcome, criteria, screened_by, created_at)
			VALUES (1, 1, 'sippe', 'sippe-2026', '2026', '2026-01-05', '{}', 'eligible', '[]', 1, $1)`, []any{at}},
		{`INSERT INTO enrollments (id, family_id, programme, start_date, created_at) VALUES (1, 1, 'sippe', '2026-01-05', $1)`, []any{at}},
		{`INSERT INTO access_grants (id, family_id, user_id, reason, granted_at, expires_at) VALUES (1, 1, 2, 'remplacement', $1, $1)`, []any{at}},
		{`INSERT INTO consents (id, family_id, kind, partner, given_on, recorded_by, created_at) VALUES (1, 1, 'sharing', 'Les Marraines', '2026-01-05', 1, $1)`, []any{at}},
		{`INSERT INTO plan_goals (id, family_id, words, orientation, sub_objective, status, created_at, updated_at) VALUES (1, 1, 'Dormir', 'o', 's', 'open', $1, $1)`, []any{at}},
		{`INSERT INTO goal_notes (id, goal_id, at, text, author) VALUES (1, 1, $1, 'note', 1)`, []any{at}},
		{`INSERT INTO contacts (id, family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES (1, 1, 'home_visit', '2026-01-06', 'held', 1, $1, $1)`, []any{at}},
		{`INSERT INTO contact_workers (contact_id, user_id) VALUES (1, 1)`, nil},
		{`INSERT INTO contact_members (contact_id, member_id) VALUES (1, 2)`, nil},
		{`INSERT INTO referrals (id, family_id, reason, status, created_by, created_at, updated_at) VALUES (1, 1, 'Halte-garderie', 'sent', 1, $1, $1)`, []any{at}},
		{`INSERT INTO group_meetings (id, site_id, title, meeting_on, created_by, created_at) VALUES (1, 1, 'Café des parents', '2026-01-07', 1, $1)`, []any{at}},
		{`INSERT INTO reassessments (id, family_id, held_on, summary, held_by, at) VALUES (1, 1, '2026-01-08', 'bilan', 1, $1)`, []any{at}},
		{`INSERT INTO directory_organizations (id, name_fr, name_en, record, last_modified) VALUES ('org-1', 'Les Marraines', 'The Godmothers', '{}', $1)`, []any{at}},
		{`INSERT INTO directory_locations (id, location_type, record, latitude, longitude, last_modified) VALUES ('loc-1', 'physical', '{}', 45.5017, -73.5673, $1)`, []any{at}},
		{`INSERT INTO directory_services (id, organization_id, status, name_fr, name_en, record, last_modified) VALUES ('svc-1', 'org-1', 'active', 'Halte', 'Drop-in', '{}', $1)`, []any{at}},
		{`INSERT INTO directory_service_locations (id, service_id, location_id) VALUES ('sl-1', 'svc-1', 'loc-1')`, nil},
		{`INSERT INTO directory_suggestions (id, service_id, field_name, proposed_value, proposed_by, created_at) VALUES (1, 'svc-1', 'phone', '555', 1, $1)`, []any{at}},
		{`INSERT INTO directory_organization_editors (organization_id, user_id, granted_by, granted_at) VALUES ('org-1', 1, 2, $1)`, []any{at}},
		{`INSERT INTO second_factor_resets (id, user_id, requested_by, requested_at) VALUES (1, 1, 2, $1)`, []any{at}},
	}
	for _, r := range rows {
		if _, err := s.writer.Exec(r.sql, r.args...); err != nil {
			t.Fatalf("%s: %v", r.sql, err)
		}
	}
}

// appliedVersions maps each applied version to when goose recorded it.
func appliedVersions(t *testing.T, s *Store) map[int64]string {
	t.Helper()
	rows, err := s.writer.Query(`SELECT version_id, tstamp FROM goose_db_version WHERE is_applied AND version_id > 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	versions := map[int64]string{}
	for rows.Next() {
		var v int64
		var at any
		if err := rows.Scan(&v, &at); err != nil {
			t.Fatal(err)
		}
		versions[v] = fmt.Sprint(at)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return versions
}

type tableContent struct {
	columns []string
	rows    []string // each row's values, sorted
}

// tableRows reads every row of every table but goose's own.
func tableRows(t *testing.T, s *Store) map[string]tableContent {
	t.Helper()
	tables := map[string]tableContent{}
	for table, columns := range s.columns(t) {
		rows, err := s.writer.Query(`SELECT ` + strings.Join(columns, ", ") + ` FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		content := tableContent{columns: columns}
		for rows.Next() {
			values := make([]any, len(columns))
			ptrs := make([]any, len(columns))
			for i := range values {
				ptrs[i] = &values[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			content.rows = append(content.rows, formatRow(columns, values))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		sort.Strings(content.rows)
		tables[table] = content
	}
	return tables
}

func formatRow(columns []string, values []any) string {
	var b strings.Builder
	for i, v := range values {
		if b.Len() > 0 {
			b.WriteString(" | ")
		}
		if raw, ok := v.([]byte); ok {
			v = fmt.Sprintf("%x", raw)
		}
		fmt.Fprintf(&b, "%s=%v", columns[i], v)
	}
	return b.String()
}

// missing lists the rows of before that after lacks, duplicates counted.
func missing(before, after []string) []string {
	left := map[string]int{}
	for _, r := range after {
		left[r]++
	}
	var lost []string
	for _, r := range before {
		if left[r] == 0 {
			lost = append(lost, r)
			continue
		}
		left[r]--
	}
	return lost
}

// project keeps of each row the columns the table had before: a later
// migration may add columns, never take a value away.
func project(c tableContent, columns []string) []string {
	keep := map[string]bool{}
	for _, col := range columns {
		keep[col+"="] = true
	}
	var rows []string
	for _, row := range c.rows {
		var kept []string
		for _, field := range strings.Split(row, " | ") {
			name, _, _ := strings.Cut(field, "=")
			if keep[name+"="] {
				kept = append(kept, field)
			}
		}
		rows = append(rows, strings.Join(kept, " | "))
	}
	sort.Strings(rows)
	return rows
}

// schemaOf describes the schema, one sorted line per object: SQLite's own
// text of every table, index and trigger; PostgreSQL's columns (type,
// nullability, default, identity), indexes, constraints, triggers and
// functions.
func schemaOf(t *testing.T, s *Store) []string {
	t.Helper()
	queries := []string{`SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`}
	if s.dialect == postgresDialect {
		queries = []string{
			`SELECT 'column ' || table_name || '.' || column_name || ' #' || ordinal_position || ' ' || data_type || ' null=' || is_nullable ||
				' default=' || COALESCE(column_default, '') || ' identity=' || is_identity
				FROM information_schema.columns WHERE table_schema = current_schema()`,
			`SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()`,
			`SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ': ' || pg_get_constraintdef(oid)
				FROM pg_constraint WHERE connamespace = current_schema()::regnamespace`,
			`SELECT 'trigger ' || event_object_table || '.' || trigger_name || ' ' || event_manipulation || ' ' || action_timing || ': ' || action_statement
				FROM information_schema.triggers WHERE trigger_schema = current_schema()`,
			`SELECT 'function ' || proname || ': ' || prosrc FROM pg_proc WHERE pronamespace = current_schema()::regnamespace`,
		}
	}
	var lines []string
	for _, q := range queries {
		lines = append(lines, queryStrings(t, s.reader, q)...)
	}
	sort.Strings(lines)
	return lines
}

func queryStrings(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// lineDiff lists the lines only one side has.
func lineDiff(got, want []string) string {
	var b strings.Builder
	for _, l := range got {
		if !slices.Contains(want, l) {
			b.WriteString("only here:  " + l + "\n")
		}
	}
	for _, l := range want {
		if !slices.Contains(got, l) {
			b.WriteString("only fresh: " + l + "\n")
		}
	}
	return b.String()
}
