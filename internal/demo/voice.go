package demo

import (
	"context"
	"math/rand/v2"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// The demo of the families' voice: 41 anonymous responses to the default
// questionnaire over the last six months, at the three sites (Parc-Extension
// most, Saint-Gilles fewest), with comments: some shared by the
// Parc-Extension coordinator, some hidden, the rest waiting for moderation.

type demoVoiceSite struct {
	slug      string
	responses int
	// favourable is the chance (in %) that an agreement answer is 4 or 5.
	favourable int
}

var demoVoiceSites = []demoVoiceSite{
	{"premiers-pas-parc-ex", 20, 85},
	{"premiers-pas-hochelaga", 12, 70},
	{"mille-jours-saint-gilles", 9, 80},
}

type demoVoiceComment struct {
	site, body string
	state      indicator.VoiceCommentState
}

var demoVoiceComments = []demoVoiceComment{
	{"premiers-pas-parc-ex", "Amina m'a beaucoup aidée quand le bébé ne dormait pas. Merci pour votre patience.", indicator.VoiceShared},
	{"premiers-pas-parc-ex", "Les visites à la maison, c'était plus facile pour moi qu'aller au CLSC avec deux enfants.", indicator.VoiceShared},
	{"premiers-pas-parc-ex", "I would have liked an interpreter for the first visits, my husband had to translate.", indicator.VoiceShared},
	{"premiers-pas-parc-ex", "Parfois on changeait l'heure de la visite à la dernière minute.", indicator.VoicePending},
	{"premiers-pas-parc-ex", "Le groupe du jeudi m'a permis de rencontrer d'autres mamans du quartier.", indicator.VoicePending},
	{"premiers-pas-parc-ex", "Mon numéro est le 514 555 0199, rappelez-moi svp.", indicator.VoiceHidden},
	{"premiers-pas-hochelaga", "La docteure prenait le temps de tout m'expliquer.", indicator.VoicePending},
	{"premiers-pas-hochelaga", "It took a long time before someone called me back about the food bank.", indicator.VoicePending},
	{"mille-jours-saint-gilles", "Merci à la sage-femme, je me suis sentie moins seule après l'accouchement.", indicator.VoicePending},
}

// LoadVoice adds the demo responses unless some are there already. Loading
// twice adds nothing.
func LoadVoice(ctx context.Context, st *store.Store) error {
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		counts, err := tx.VoiceCounts(ctx, "1900-01", "2100-12")
		if err != nil || len(counts) > 0 {
			return err
		}
		questions, err := tx.VoiceQuestions(ctx, true)
		if err != nil {
			return err
		}
		kinds := map[int64]indicator.VoiceAnswerKind{}
		var comment indicator.VoiceQuestion
		for _, q := range questions {
			kinds[q.VersionID] = q.Kind
			if q.Kind == indicator.VoiceFreeComment && comment.VersionID == 0 {
				comment = q
			}
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		siteIDs := map[string]int64{}
		for _, s := range sites {
			siteIDs[s.Slug] = s.ID
		}
		coordinator, err := tx.UserByEmail(ctx, "coordination@berceau.example")
		if err != nil {
			return err
		}
		rng := rand.New(rand.NewPCG(17, 2026))
		month := func(back int) string { return indicator.VoicePeriod(tx.Now().AddDate(0, -back, 0)) }
		for _, site := range demoVoiceSites {
			id, ok := siteIDs[site.slug]
			if !ok {
				return nil
			}
			for i := 0; i < site.responses; i++ {
				r := indicator.VoiceResponse{SiteID: id, Programme: care.ProgrammeSIPPE, Period: month(i % 6)}
				for _, q := range questions {
					switch q.Kind {
					case indicator.VoiceAgreement:
						v := 2 + rng.IntN(2)
						if rng.IntN(100) < site.favourable {
							v = 4 + rng.IntN(2)
						}
						if rng.IntN(20) == 0 {
							continue // left out, as some families do
						}
						r.Answers = append(r.Answers, indicator.VoiceAnswer{VersionID: q.VersionID, Value: v})
					case indicator.VoiceYesNo:
						yes := 0
						if rng.IntN(100) < site.favourable+5 {
							yes = 1
						}
						r.Answers = append(r.Answers, indicator.VoiceAnswer{VersionID: q.VersionID, Value: yes})
					}
				}
				if err := tx.AddVoiceResponse(ctx, r, kinds); err != nil {
					return err
				}
			}
		}
		if comment.VersionID == 0 {
			return nil
		}
		for i, c := range demoVoiceComments {
			r := indicator.VoiceResponse{SiteID: siteIDs[c.site], Programme: care.ProgrammeSIPPE, Period: month(i % 4),
				Answers: []indicator.VoiceAnswer{{VersionID: comment.VersionID, Comment: c.body}}}
			if err := tx.AddVoiceResponse(ctx, r, kinds); err != nil {
				return err
			}
		}
		if err := moderateDemoComments(ctx, tx, coordinator.ID); err != nil {
			return err
		}
		return nil
	})
}

// moderateDemoComments gives the demo comments their state, by the
// Parc-Extension coordinator (only that site's).
func moderateDemoComments(ctx context.Context, tx *store.Tx, by int64) error {
	pending, err := tx.VoiceComments(ctx, store.VoiceCommentFilter{State: indicator.VoicePending, AllSites: true, From: "1900-01", To: "2100-12"})
	if err != nil {
		return err
	}
	want := map[string]indicator.VoiceCommentState{}
	for _, c := range demoVoiceComments {
		want[c.body] = c.state
	}
	for _, c := range pending {
		if to := want[c.Body]; to == indicator.VoiceShared || to == indicator.VoiceHidden {
			if err := tx.ModerateVoiceComment(ctx, c.ID, indicator.VoicePending, to, by); err != nil {
				return err
			}
		}
	}
	return nil
}
