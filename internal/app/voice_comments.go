package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// The families' comments are free text: nobody reads one before a
// coordinator of its site has (pending), and only shared ones reach the
// site's team and the network's evaluators. Every list of comments is an
// audited read (a family may have written a name); moderating is audited
// with the moderator.

// ModerationQueue lists the comments of the sites the actor coordinates in
// one state (pending by default), over months from..to.
func (a *VoiceService) ModerationQueue(ctx context.Context, actor berceau.Actor, state indicator.VoiceCommentState, from, to string) ([]indicator.VoiceComment, error) {
	if !state.Valid() {
		state = indicator.VoicePending
	}
	if from == "" || to == "" {
		from, to = VoicePeriodDefault(a.now())
	}
	var list []indicator.VoiceComment
	err := a.readAudited(ctx, actor, "voice.comments.moderation", "voice_comment", 0, func(tx *store.Tx) (string, error) {
		if !actor.Can(berceau.PermVoiceManage) || actor.System {
			return "", forbidden()
		}
		if !indicator.ValidVoicePeriod(from) || !indicator.ValidVoicePeriod(to) || from > to {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"period": "voice.error.period"}}
		}
		sites, err := voiceCoordinatedSites(ctx, tx, actor)
		if err != nil {
			return "", err
		}
		list, err = tx.VoiceComments(ctx, store.VoiceCommentFilter{State: state, SiteIDs: sites, From: from, To: to})
		return string(state), err
	})
	return list, domainError(err)
}

// Moderate shares or hides a comment of a site the actor coordinates; a
// comment elsewhere is not found. Audited with the moderator.
func (a *VoiceService) Moderate(ctx context.Context, actor berceau.Actor, commentID string, to indicator.VoiceCommentState) error {
	return a.write(ctx, actor, berceau.PermVoiceManage, auditTarget{Action: "voice.comment.moderate", ObjectType: "voice_comment", Detail: commentID},
		func(tx *store.Tx, t *auditTarget) error {
			if !berceau.ValidUUID(commentID) {
				return berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
			}
			c, err := tx.VoiceComment(ctx, commentID)
			if err != nil {
				return err
			}
			sites, err := voiceCoordinatedSites(ctx, tx, actor)
			if err != nil {
				return err
			}
			if !containsID(sites, c.SiteID) {
				return berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
			}
			if err := indicator.CheckVoiceModeration(c.State, to); err != nil {
				return err
			}
			t.Detail = commentID + ": " + string(c.State) + " → " + string(to)
			return tx.ModerateVoiceComment(ctx, commentID, c.State, to, actor.User.ID)
		})
}

// SharedComments lists the comments coordinators shared, over months
// from..to: an evaluator reads every site's, a member of a site's staff
// (its coordinators, its care teams) that site's. A site with fewer
// responses than the threshold over the period shows none: a comment there
// could be told apart.
func (a *VoiceService) SharedComments(ctx context.Context, actor berceau.Actor, from, to string) ([]indicator.VoiceComment, error) {
	if from == "" || to == "" {
		from, to = VoicePeriodDefault(a.now())
	}
	var list []indicator.VoiceComment
	err := a.readAudited(ctx, actor, "voice.comments.shared", "voice_comment", 0, func(tx *store.Tx) (string, error) {
		if actor.System || (!actor.Can(berceau.PermIndicatorsDeidentified) && !actor.Can(berceau.PermFamiliesRead)) {
			return "", forbidden()
		}
		if !indicator.ValidVoicePeriod(from) || !indicator.ValidVoicePeriod(to) || from > to {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"period": "voice.error.period"}}
		}
		filter := store.VoiceCommentFilter{State: indicator.VoiceShared, From: from, To: to}
		if actor.Can(berceau.PermIndicatorsDeidentified) {
			filter.AllSites = true
		} else {
			var err error
			if filter.SiteIDs, err = voiceStaffSites(ctx, tx, actor); err != nil {
				return "", err
			}
		}
		all, err := tx.VoiceComments(ctx, filter)
		if err != nil {
			return "", err
		}
		counts, err := tx.VoiceCounts(ctx, from, to)
		if err != nil {
			return "", err
		}
		responses := map[int64]int{}
		for _, c := range counts {
			if c.QuestionID == 0 {
				responses[c.SiteID] += c.Count
			}
		}
		min := voiceMinResponses(ctx, tx)
		for _, c := range all {
			if responses[c.SiteID] >= min {
				list = append(list, c)
			}
		}
		return "shared", nil
	})
	return list, domainError(err)
}

// PendingComments counts the comments waiting for the actor's moderation
// (0 for whoever does not moderate).
func (a *VoiceService) PendingComments(ctx context.Context, actor berceau.Actor) int {
	if !actor.Can(berceau.PermVoiceManage) || actor.System {
		return 0
	}
	n := 0
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		sites, err := voiceCoordinatedSites(ctx, tx, actor)
		if err != nil {
			return err
		}
		n, err = tx.VoicePendingCount(ctx, sites)
		return err
	})
	return n
}

// voiceCoordinatedSites are the sites the actor coordinates (their families'
// reach by site).
func voiceCoordinatedSites(ctx context.Context, tx *store.Tx, actor berceau.Actor) ([]int64, error) {
	scope, err := familyScopeTx(ctx, tx, actor)
	return scope.SiteIDs, err
}

// voiceStaffSites are the sites the actor works at: those they coordinate and
// those of their care teams.
func voiceStaffSites(ctx context.Context, tx *store.Tx, actor berceau.Actor) ([]int64, error) {
	scope, err := familyScopeTx(ctx, tx, actor)
	if err != nil {
		return nil, err
	}
	sites := append([]int64{}, scope.SiteIDs...)
	if len(scope.TeamIDs) == 0 {
		return sites, nil
	}
	teams, err := tx.ListTeams(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range teams {
		if containsID(scope.TeamIDs, t.ID) && !containsID(sites, t.SiteID) {
			sites = append(sites, t.SiteID)
		}
	}
	return sites, nil
}
