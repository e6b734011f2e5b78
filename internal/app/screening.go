package app

import (
	"context"

	"github.com/berceau/berceau"
)

// EvaluateScreening runs a programme's eligibility rulebook on one set of
// answers, for people who screen families. It stores nothing and reads no
// family file: it is the calculation the screening page and the API share.
// Networks cannot store their own income thresholds yet, so the embedded
// example table decides, and the result's Thresholds label says so.
func (a *App) EvaluateScreening(ctx context.Context, actor berceau.Actor, programme string, in berceau.ScreeningInput) (berceau.Screening, error) {
	if !actor.Can(berceau.PermFamiliesRead) {
		return berceau.Screening{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	rulebook, ok := berceau.RulebookFor(programme, berceau.DefaultIncomeThresholds())
	if !ok {
		return berceau.Screening{}, berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
	}
	return rulebook.Evaluate(in), nil
}
