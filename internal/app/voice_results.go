package app

import (
	"context"
	"sort"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// VoiceResults are the questionnaire's results over months [From, To]: per
// site and for the network, each under the small-cell rule (a site with
// fewer responses than MinResponses shows nothing, and complementary
// suppression keeps the network's total from giving it back).
type VoiceResults struct {
	From, To     string
	MinResponses int
	Questions    []indicator.VoiceQuestion // the questions counted: agreement and yes/no
	Sites        []indicator.VoiceSiteResult
	Network      indicator.VoiceSiteResult
}

// seesVoiceResults: the people who follow families, coordinate or evaluate,
// and those who manage the questionnaire. The results are aggregates only.
func seesVoiceResults(actor berceau.Actor) bool {
	return actor.Can(berceau.PermFamiliesRead) || actor.Can(berceau.PermIndicators) ||
		actor.Can(berceau.PermIndicatorsDeidentified) || actor.Can(berceau.PermVoiceManage)
}

// VoicePeriodDefault is the default period of the results: the twelve
// months up to today's.
func VoicePeriodDefault(today time.Time) (from, to string) {
	return indicator.VoicePeriod(today.AddDate(0, -11, 0)), indicator.VoicePeriod(today)
}

// Results counts the answers over months from..to (YYYY-MM; empty: the last
// twelve months).
func (a *VoiceService) Results(ctx context.Context, actor berceau.Actor, from, to string) (VoiceResults, error) {
	res := VoiceResults{From: from, To: to}
	if res.From == "" || res.To == "" {
		res.From, res.To = VoicePeriodDefault(a.now())
	}
	err := a.read(ctx, actor, "", nil, func(tx *store.Tx) error {
		if !seesVoiceResults(actor) {
			return forbidden()
		}
		if !indicator.ValidVoicePeriod(res.From) || !indicator.ValidVoicePeriod(res.To) || res.From > res.To {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"period": "voice.error.period"}}
		}
		res.MinResponses = voiceMinResponses(ctx, tx)
		questions, err := tx.VoiceQuestions(ctx, false)
		if err != nil {
			return err
		}
		for _, q := range questions {
			if q.Kind != indicator.VoiceFreeComment {
				res.Questions = append(res.Questions, q)
			}
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		counts, err := tx.VoiceCounts(ctx, res.From, res.To)
		if err != nil {
			return err
		}
		bySite := map[int64]*indicator.VoiceSiteResult{}
		network := newVoiceSiteResult(0, "", res.Questions)
		for _, s := range sites {
			r := newVoiceSiteResult(s.ID, s.Name, res.Questions)
			bySite[s.ID] = &r
		}
		for _, c := range counts {
			r, ok := bySite[c.SiteID]
			if !ok {
				continue
			}
			for _, into := range []*indicator.VoiceSiteResult{r, &network} {
				if c.QuestionID == 0 {
					into.Responses += c.Count
					continue
				}
				for i := range into.Questions {
					if into.Questions[i].Question.ID == c.QuestionID {
						into.Questions[i].Counts[c.Value] += c.Count
						into.Questions[i].Answered += c.Count
					}
				}
			}
		}
		list := make([]indicator.VoiceSiteResult, 0, len(sites))
		for _, s := range sites {
			list = append(list, *bySite[s.ID])
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].SiteName < list[j].SiteName })
		res.Sites, res.Network = indicator.SuppressVoiceSites(list, network, res.MinResponses)
		return nil
	})
	return res, err
}

func newVoiceSiteResult(siteID int64, name string, questions []indicator.VoiceQuestion) indicator.VoiceSiteResult {
	r := indicator.VoiceSiteResult{SiteID: siteID, SiteName: name}
	for _, q := range questions {
		r.Questions = append(r.Questions, indicator.VoiceQuestionResult{Question: q, Counts: map[int]int{}})
	}
	return r
}
