package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// maxThresholdsBytes bounds an uploaded thresholds table: a real one is well
// under a kilobyte.
const maxThresholdsBytes = 256 << 10

// ListProgrammes returns the network's programmes, for people who screen
// families.
func (a *CareService) ListProgrammes(ctx context.Context, actor berceau.Actor) ([]care.Programme, error) {
	var list []care.Programme
	err := a.read(ctx, actor, berceau.PermFamiliesRead, nil, func(tx *store.Tx) (err error) {
		list, err = tx.ListProgrammes(ctx)
		return err
	})
	return list, err
}

// ScreenFamily screens a family of the actor's scope for a programme and
// stores the screening with everything that decided it: the input as
// evaluated, the rulebook's id@version, the label of the thresholds table
// (the network's current one, or the embedded example) and every criterion's
// explanation. A programme without a rulebook gives team_review with no
// criteria. The screening and its audit entry commit together.
func (a *CareService) ScreenFamily(ctx context.Context, actor berceau.Actor, familyID int64, programme string, in care.ScreeningInput) (care.StoredScreening, error) {
	s := care.StoredScreening{FamilyID: familyID, Programme: programme, Input: in, ScreenedBy: actor.User.ID}
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.screening", func(tx *store.Tx, _ care.Family) (string, error) {
		if err := in.Validate(); err != nil {
			return "", err
		}
		p, err := tx.ProgrammeBySlug(ctx, programme)
		if err != nil {
			return "", err
		}
		if !p.Active {
			return "", berceau.Errorf(berceau.KindNotFound, "screening.programme_not_found")
		}
		consents, err := tx.ConsentsOf(ctx, familyID)
		if err != nil {
			return "", err
		}
		if !care.ProcessingAllowed(consents, a.now()) {
			// Screening is processing the family's data: it needs the
			// family's consent first, asked at intake.
			return "", berceau.Errorf(berceau.KindConflict, "daily_flows.processing_consent_missing")
		}
		thresholds, ok, err := tx.CurrentIncomeThresholds(ctx)
		if err != nil {
			return "", err
		}
		if !ok {
			thresholds = care.DefaultIncomeThresholds()
		}
		result, ok := p.Screen(in, thresholds)
		if !ok {
			return "", fmt.Errorf("programme %q names rulebook %q, which this version does not know", p.Slug, p.Rulebook)
		}
		s.Screening = result
		return string(s.Outcome), tx.CreateScreening(ctx, &s)
	})
	return s, err
}

// FamilyScreenings returns the screenings of a family of the actor's scope,
// newest first, as they were stored. The read is audited.
func (a *CareService) FamilyScreenings(ctx context.Context, actor berceau.Actor, familyID int64) ([]care.StoredScreening, error) {
	var list []care.StoredScreening
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.screening.read", func(tx *store.Tx, _ care.Family) (detail string, err error) {
		list, err = tx.ScreeningsOfFamily(ctx, familyID)
		return strconv.Itoa(len(list)) + " screening(s)", err
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// RecordOrientation records where a family found not eligible was oriented
// (other resources of the network or of its region). Only a not-eligible
// screening takes one; the text is required. The screening itself does not
// change.
func (a *CareService) RecordOrientation(ctx context.Context, actor berceau.Actor, screeningID int64, text string) (care.StoredScreening, error) {
	var s care.StoredScreening
	text = strings.TrimSpace(text)
	err := a.familyWriteOf(ctx, actor, berceau.PermFamiliesWrite, "family.screening.orientation", "screening", screeningID,
		func(tx *store.Tx) (id int64, err error) {
			s, err = tx.ScreeningByID(ctx, screeningID)
			return s.FamilyID, err
		},
		func(tx *store.Tx, _ care.Family) (string, error) {
			if text == "" {
				return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"orientation": "error.required"}}
			}
			if s.Outcome != care.ScreeningNotEligible {
				return "", berceau.Errorf(berceau.KindConflict, "screening.orientation_not_eligible_only")
			}
			return "screening " + strconv.FormatInt(screeningID, 10), tx.SetScreeningOrientation(ctx, screeningID, text)
		})
	if berceau.IsNotFound(err) {
		// Absent and not yours look the same from outside.
		return care.StoredScreening{}, berceau.Errorf(berceau.KindNotFound, "screening.screening_not_found")
	}
	if err != nil {
		if berceau.KindOf(err) == berceau.KindForbidden {
			return care.StoredScreening{}, err
		}
		return s, err
	}
	s.Orientation = text
	return s, nil
}

// ReplaceIncomeThresholds makes a CSV table (see
// berceau.ParseIncomeThresholds) the network's current low-income thresholds
// table, for network administrators. The label says where the figures come
// from; when empty, the table's first comment line is used. Past screenings
// keep the table they were decided with. A mistake in the table is an invalid
// error on the "thresholds" field whose cause names the line.
func (a *CareService) ReplaceIncomeThresholds(ctx context.Context, actor berceau.Actor, label string, csv io.Reader) (care.IncomeThresholds, error) {
	target := auditTarget{Action: "network.income_thresholds.replace", ObjectType: "income_thresholds"}
	if err := a.deny(ctx, actor, berceau.PermAdminOrganisations, target); err != nil {
		return care.IncomeThresholds{}, err // before reading the upload
	}
	t, err := care.ParseIncomeThresholds(io.LimitReader(csv, maxThresholdsBytes))
	if err != nil {
		var te *care.ThresholdsError
		if !errors.As(err, &te) {
			return t, berceau.Wrap(err, "error.internal_message")
		}
		return t, &berceau.Error{Kind: berceau.KindInvalid, Key: "screening.thresholds_invalid",
			Fields: map[string]string{"thresholds": "screening.thresholds_file"}, Cause: err}
	}
	// One line of text: the label is shown beside every screening.
	if label = strings.Join(strings.Fields(label), " "); label == "" {
		label = t.Label
	}
	if label == "" {
		return t, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"label": "error.required"}}
	}
	t.Label = label
	err = a.write(ctx, actor, berceau.PermAdminOrganisations, target, func(tx *store.Tx, e *auditTarget) error {
		id, err := tx.ReplaceIncomeThresholds(ctx, label, t, actor.User.ID)
		e.ObjectID, e.Detail = id, strconv.Itoa(t.Sizes())+" household sizes"
		return err
	})
	return t, err
}
