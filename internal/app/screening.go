package app

import (
	"context"

	"github.com/berceau/berceau"
)

// EvaluateScreening runs a programme's eligibility rulebook on one set of
// answers, for people who screen families. It stores nothing and reads no
// family file: it is the calculation the screening page and the API share.
// The network's current income thresholds table decides, or the embedded
// example until it stores one (the result's Thresholds label says which).
func (a *App) EvaluateScreening(ctx context.Context, actor berceau.Actor, programme string, in berceau.ScreeningInput) (berceau.Screening, error) {
	if !actor.Can(berceau.PermFamiliesRead) {
		return berceau.Screening{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	thresholds, err := a.currentThresholds(ctx)
	if err != nil {
		return berceau.Screening{}, err
	}
	rulebook, ok := berceau.RulebookFor(programme, thresholds)
	if !ok {
		return berceau.Screening{}, berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
	}
	return rulebook.Evaluate(in), nil
}
