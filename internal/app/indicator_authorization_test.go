package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
)

const evaluatorEmail = "evaluation@berceau.example"

// The authorization entries of the indicators' use cases
// (TestEveryUseCaseRefusesWhoMayNot), joined at init like the events'.
func init() {
	for name, c := range indicatorAuthorization {
		if _, ok := useCaseAuthorization[name]; !ok {
			useCaseAuthorization[name] = c
		}
	}
	for name, reason := range indicatorExempt {
		if _, ok := useCaseExempt[name]; !ok {
			useCaseExempt[name] = reason
		}
	}
}

var indicatorAuthorization = map[string]useCaseCase{
	"Indicators.Compute": {coordinatorEmail, berceau.PermIndicators, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Indicators.Compute(ctx, who, IndicatorRequest{Period: indicator.Year(2026), Codes: []string{"families_followed"}})
		return err
	}},
	// The catalogue is read by whoever reads indicators or manages them:
	// stripped of every permission, refused.
	"Indicators.Catalogue": {coordinatorEmail, "", false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Indicators.Catalogue(ctx, who)
		return err
	}},
	"Indicators.Versions": {coordinatorEmail, "", false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Indicators.Versions(ctx, who, "reach")
		return err
	}},
	"Indicators.SaveDefinition": {coordinatorEmail, berceau.PermIndicatorsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Indicators.SaveDefinition(ctx, who, indicator.Definition{Code: "home_visits_count", Section: indicator.SectionIntensity,
			Name: berceau.TextOf("fr", "Visites à domicile", "en", "Home visits"), Expression: "count(home_visits)"})
		return err
	}},
	"Indicators.ExpectedBirths": {coordinatorEmail, berceau.PermIndicators, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return emptyRefused(a.Indicators.ExpectedBirths(ctx, who))
	}},
	"Indicators.SetExpectedBirths": {coordinatorEmail, berceau.PermIndicators, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Indicators.SetExpectedBirths(ctx, who, indicator.ExpectedBirths{SiteID: w.Sites["premiers-pas-parc-ex"], Year: 2026, Births: 120})
	}},
	"Indicators.SetMinFamilies": {adminEmail, berceau.PermIndicatorsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Indicators.SetMinFamilies(ctx, who, 6)
	}},
}

var indicatorExempt = map[string]string{
	"Indicators.Measures":        "the measure registry's names and breakdowns: code, no data",
	"Indicators.MeasureNames":    "the measure registry's names: code, no data",
	"Indicators.ParseExpression": "parses an expression against the registry: no data",
	"Indicators.MinFamilies":     "the network's suppression threshold, a number every dashboard states",
}
