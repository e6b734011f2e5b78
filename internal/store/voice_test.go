package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/testdb"
)

// TestVoiceResponsesCannotBeLinkedToAFamily: the tables holding answers
// have exactly the columns of an anonymous response — site, programme,
// month — and nothing naming a family, an invitation, a person or a moment
// (a new column fails this test and must be argued). The invitation, which
// knows the family, keeps no trace of when it was used. Responses and
// comments are keyed by random UUIDs and, on SQLite, have no hidden rowid,
// so neither their ids nor their order of arrival line up with the
// invitations' audit entries.
func TestVoiceResponsesCannotBeLinkedToAFamily(t *testing.T) {
	t.Parallel()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := openMigrated(t, engine)
			columns := s.columns(t)
			want := map[string][]string{
				"voice_responses":   {"id", "period", "programme", "site_id"},
				"voice_answers":     {"response_id", "value", "version_id"},
				"voice_comments":    {"body", "id", "moderated_at", "moderated_by", "period", "programme", "site_id", "state", "version_id"},
				"voice_invitations": {"created_at", "created_by", "expires_at", "family_id", "id", "mode", "occasion", "programme", "site_id", "token_hash", "used"},
			}
			for table, cols := range want {
				if !reflect.DeepEqual(columns[table], cols) {
					t.Errorf("%s has columns %v, want %v", table, columns[table], cols)
				}
			}

			var siteID int64
			err := s.WriteTx(ctx, func(tx *Tx) error {
				org := berceau.Organisation{Slug: "o", Name: "O"}
				if err := tx.CreateOrganisation(ctx, &org); err != nil {
					return err
				}
				site := berceau.Site{OrganisationID: org.ID, Slug: "a", Name: "A"}
				if err := tx.CreateSite(ctx, &site); err != nil {
					return err
				}
				siteID = site.ID
				questions, err := tx.VoiceQuestions(ctx, true)
				if err != nil {
					return err
				}
				kinds := map[int64]indicator.VoiceAnswerKind{}
				var answers []indicator.VoiceAnswer
				for _, q := range questions {
					kinds[q.VersionID] = q.Kind
					switch q.Kind {
					case indicator.VoiceAgreement:
						answers = append(answers, indicator.VoiceAnswer{VersionID: q.VersionID, Value: 4})
					case indicator.VoiceFreeComment:
						answers = append(answers, indicator.VoiceAnswer{VersionID: q.VersionID, Comment: "Merci"})
					}
				}
				for i := 0; i < 3; i++ {
					if err := tx.AddVoiceResponse(ctx, indicator.VoiceResponse{SiteID: site.ID, Programme: "sippe", Period: "2026-12", Answers: answers}, kinds); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, table := range []string{"voice_responses", "voice_comments"} {
				rows, err := s.reader.QueryContext(ctx, `SELECT id, site_id, period FROM `+table)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for rows.Next() {
					var id, period string
					var site int64
					if err := rows.Scan(&id, &site, &period); err != nil {
						t.Fatal(err)
					}
					if !berceau.ValidUUID(id) || site != siteID || period != "2026-12" {
						t.Errorf("%s row (%q, %d, %q): want a random UUID, the site and the month only", table, id, site, period)
					}
					n++
				}
				rows.Close()
				if n != 3 {
					t.Errorf("%s: %d rows, want 3", table, n)
				}
				if engine == "sqlite" {
					if rows, err := s.reader.QueryContext(ctx, `SELECT rowid FROM `+table); err == nil {
						rows.Close()
						t.Errorf("%s has a rowid: its order of arrival could be matched with the invitations'", table)
					}
				}
			}
		})
	}
}
