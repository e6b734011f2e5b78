package app

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// FamilyRhythm is how late a family is on the rhythm its level prescribes.
type FamilyRhythm struct {
	FamilyID   int64
	DaysBehind int
	Level      care.IntensityLevel
}

// SetIntensity sets a family's follow-up level from a date, for a reason.
func (a *CareService) SetIntensity(ctx context.Context, actor berceau.Actor, familyID int64, level care.IntensityLevel,
	effectiveOn time.Time, reason string) error {
	reason = strings.TrimSpace(reason)
	if err := checkLevelChange(level, effectiveOn, reason); err != nil {
		return err
	}
	return a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.intensity", func(tx *store.Tx, _ care.Family) (string, error) {
		return level.Code, addLevelChange(ctx, tx, actor, familyID, level, effectiveOn, reason)
	})
}

// FamiliesBehind reports, for every file of the actor's scope that is
// followed (active or on hold) and has a level in force on a date, how many
// days it is behind its rhythm, most behind first. It reads the changes and
// the contacts of all those files in two queries.
func (a *CareService) FamiliesBehind(ctx context.Context, actor berceau.Actor, on time.Time) ([]FamilyRhythm, error) {
	var out []FamilyRhythm
	err := a.scopedRead(ctx, actor, berceau.PermFamiliesRead, func(tx *store.Tx, scope berceau.FamilyScope) error {
		families, err := tx.FollowedFamilies(ctx, scope)
		if err != nil {
			return err
		}
		ids := make([]int64, len(families))
		for i, f := range families {
			ids[i] = f.ID
		}
		changes, err := tx.IntensityChangesOf(ctx, ids)
		if err != nil {
			return err
		}
		contacts, err := tx.ContactRecordsOf(ctx, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			days, ok := care.DaysBehind(changes[id], contacts[id], on)
			if !ok {
				continue
			}
			out = append(out, FamilyRhythm{FamilyID: id, DaysBehind: days, Level: levelInForce(changes[id], on)})
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DaysBehind != out[j].DaysBehind {
			return out[i].DaysBehind > out[j].DaysBehind
		}
		return out[i].FamilyID < out[j].FamilyID
	})
	return out, err
}
