package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// EvaluateScreening runs a programme's eligibility rulebook on one set of
// answers, for people who screen families. It stores nothing and reads no
// family file: it is the calculation the screening page and the API share.
// The network's current income thresholds table decides, or the embedded
// example until it stores one (the result's Thresholds label says which).
func (a *CareService) EvaluateScreening(ctx context.Context, actor berceau.Actor, programme string, in care.ScreeningInput) (care.Screening, error) {
	var thresholds care.IncomeThresholds
	err := a.read(ctx, actor, berceau.PermFamiliesRead, nil, func(tx *store.Tx) error {
		t, ok, err := tx.CurrentIncomeThresholds(ctx)
		if thresholds = t; !ok {
			thresholds = care.DefaultIncomeThresholds()
		}
		return err
	})
	if err != nil {
		return care.Screening{}, err
	}
	rulebook, ok := care.RulebookFor(programme, thresholds)
	if !ok {
		return care.Screening{}, berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
	}
	return rulebook.Evaluate(in), nil
}
