package api

import (
	"context"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/app"
)

type indicatorsInput struct {
	From         string `query:"from" required:"true" pattern:"^[0-9]{4}-[0-9]{2}-[0-9]{2}$" doc:"First day of the period (YYYY-MM-DD)."`
	To           string `query:"to" required:"true" pattern:"^[0-9]{4}-[0-9]{2}-[0-9]{2}$" doc:"Last day of the period (YYYY-MM-DD), included; ten years at most."`
	Site         string `query:"site" required:"false" pattern:"^[a-z0-9-]{1,80}$" doc:"One site, by its slug (default: every site the token's owner may see)."`
	Indicator    string `query:"indicator" required:"false" pattern:"^[a-z][a-z0-9_]{1,59}$" doc:"One indicator, by its code (default: the whole catalogue)."`
	By           string `query:"by" required:"false" pattern:"^[a-z_]+(,[a-z_]+)?$" doc:"Up to two breakdowns, comma-separated: site, team, programme, level, month, quarter, year, basis, kind, service, outcome, orientation, closure_reason, sector, discipline. An indicator that does not allow one is given without it."`
	Deidentified bool   `query:"deidentified" required:"false" doc:"Suppress small cells as evaluators see them (always on for an evaluator)."`
}

type indicatorsBody struct {
	From         string             `json:"from"`
	To           string             `json:"to"`
	Deidentified bool               `json:"deidentified" doc:"Small cells and their complements are suppressed (suppressed: true, values zero)."`
	MinFamilies  int                `json:"min_families" doc:"The suppression threshold: numbers of fewer families are hidden."`
	Rows         []app.IndicatorRow `json:"rows" doc:"Every cell, margin and total, indicator after indicator. Sites and teams are named by their slug; no person, no id, no free text."`
	AsOf         time.Time          `json:"as_of" doc:"When the figures' data was read: up to 30 s before the request when a change since is still being counted."`
}

type indicatorsOutput struct{ Body indicatorsBody }

func (s *server) listIndicators(ctx context.Context, in *indicatorsInput) (*indicatorsOutput, error) {
	from, errF := time.Parse(time.DateOnly, in.From)
	to, errT := time.Parse(time.DateOnly, in.To)
	period, ok := indicator.NewPeriod(from, to)
	if errF != nil || errT != nil || !ok {
		return nil, huma.Error422UnprocessableEntity("from and to are days, to not before from, at most ten years apart")
	}
	req := app.IndicatorRequest{Period: period, SiteSlug: in.Site, Deidentified: in.Deidentified}
	if in.Indicator != "" {
		req.Codes = []string{in.Indicator}
	}
	if in.By != "" {
		for i, d := range strings.Split(in.By, ",") {
			req.By[i] = indicator.Dimension(d)
			if !req.By[i].Valid() {
				return nil, huma.Error422UnprocessableEntity("unknown breakdown " + d)
			}
		}
	}
	rep, err := s.app.Indicators.Compute(ctx, actorOf(ctx), req)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	rows := rep.Rows(nil)
	if rows == nil {
		rows = []app.IndicatorRow{}
	}
	return &indicatorsOutput{Body: indicatorsBody{From: in.From, To: in.To, Deidentified: rep.Deidentified,
		MinFamilies: rep.MinFamilies, Rows: rows, AsOf: rep.AsOf.UTC()}}, nil
}

// indicatorOperations are the indicators' routes: the app lets through
// site coordinators (their sites, identified aggregates) and evaluators
// (the network, de-identified).
func (s *server) indicatorOperations() []operation {
	return []operation{
		{Route: Route{"GET", Prefix + "/indicators", berceau.PermNetworkRead},
			id: "list-indicators", summary: "Process and outcome indicators over a period, with their breakdowns and totals", tags: []string{"indicators"},
			description: "Computed from the follow-up's own tables when asked. A site coordinator gets the aggregates of the sites they " +
				"coordinate; an evaluator gets the network's, de-identified: any number of fewer families than the network's threshold " +
				"is suppressed, and so is any number that would let one be recomputed from the totals. Anyone else: 403.",
			errors: []int{404, 422}, register: handle(s.listIndicators)},
	}
}
