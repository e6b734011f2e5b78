package app

import (
	"context"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// DecisionAwaiting is a team decision that waits for the actor's
// confirmation, with the family it is about.
type DecisionAwaiting struct {
	DecisionID int64
	Family     care.Family
	Verdict    care.AdmissionVerdict
	ProposedBy string // the proposer's display name
	ProposedAt time.Time
}

// Path is the decision's page, where the actor confirms it.
func (d DecisionAwaiting) Path() string {
	return "/families/" + strconv.FormatInt(d.Family.ID, 10) + "/decisions/" + strconv.FormatInt(d.DecisionID, 10)
}

// DecisionsAwaiting lists the open team decisions the actor takes part in
// and has not confirmed yet, oldest first, about families still in the
// actor's scope (a file transferred since drops out). Reading it opens
// family data, so it is audited like any read.
func (a *CareService) DecisionsAwaiting(ctx context.Context, actor berceau.Actor) ([]DecisionAwaiting, error) {
	const action = "family.decisions_awaiting"
	if !actor.Can(berceau.PermTeamDecisions) || actor.System {
		// Not an error for the dashboard: whoever cannot decide waits for nothing.
		return nil, nil
	}
	var list []DecisionAwaiting
	err := a.scopedReadAudited(ctx, actor, berceau.PermTeamDecisions, action, func(tx *store.Tx, scope berceau.FamilyScope) (detail string, err error) {
		list, err = decisionsAwaitingIn(ctx, tx, actor, scope, nil)
		return strconv.Itoa(len(list)) + " decisions", err
	})
	return list, err
}

// decisionsAwaitingIn reads, inside tx, the open decisions awaiting the
// actor about files of scope; known holds families already read (it gains
// those read here), or is nil.
func decisionsAwaitingIn(ctx context.Context, tx *store.Tx, actor berceau.Actor, scope berceau.FamilyScope,
	known map[int64]care.Family) ([]DecisionAwaiting, error) {
	open, err := tx.DecisionsAwaiting(ctx, actor.User.ID)
	if err != nil {
		return nil, err
	}
	var list []DecisionAwaiting
	for _, d := range open {
		f, ok := known[d.FamilyID]
		if !ok {
			f, err = tx.FamilyByID(ctx, d.FamilyID)
			if berceau.IsNotFound(err) || (err == nil && !care.ScopeCovers(scope, f)) {
				continue // the file left the actor's scope since
			}
			if err != nil {
				return nil, err
			}
			if known != nil {
				known[f.ID] = f
			}
		}
		list = append(list, DecisionAwaiting{DecisionID: d.DecisionID, Family: f, Verdict: d.Verdict,
			ProposedBy: d.ProposedBy, ProposedAt: d.CreatedAt})
	}
	return list, nil
}

// MailDecisions reports whether the actor is told by mail that a team
// decision awaits her (on unless she turned it off).
func (a *CareService) MailDecisions(ctx context.Context, actor berceau.Actor) (bool, error) {
	var on bool
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		on, err = tx.MailDecisions(ctx, actor.User.ID)
		return err
	})
	return on, domainError(err)
}

// SetMailDecisions records the actor's choice for her own account.
func (a *CareService) SetMailDecisions(ctx context.Context, actor berceau.Actor, on bool) error {
	if actor.User.ID == 0 || actor.System {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	detail := "off"
	if on {
		detail = "on"
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetMailDecisions(ctx, actor.User.ID, on); err != nil {
			return err
		}
		return record(ctx, tx, actor, "account.notifications", "user", actor.User.ID, berceau.OutcomeSuccess, "mail decisions "+detail)
	}))
}

// tellParticipants queues, in the proposal's transaction, a mail to every
// participant but the proposer who wants one, in her language, with the
// link to the decision. The mail names no family: mail is not a safe place
// for family data, the page behind the link is.
func (a *CareService) tellParticipants(ctx context.Context, tx *store.Tx, proposer berceau.Actor, d care.AdmissionDecision) error {
	path := "/families/" + strconv.FormatInt(d.FamilyID, 10) + "/decisions/" + strconv.FormatInt(d.ID, 10)
	for _, p := range d.Participants {
		if p.UserID == proposer.User.ID {
			continue
		}
		on, err := tx.MailDecisions(ctx, p.UserID)
		if err != nil {
			return err
		}
		if !on {
			continue
		}
		u, err := tx.UserByID(ctx, p.UserID)
		if err != nil {
			return err
		}
		if u.Disabled {
			continue
		}
		if err := a.queueMail(ctx, tx, u, "daily_flows_mail.decision_awaiting", path, proposer.User.DisplayName); err != nil {
			return err
		}
	}
	return nil
}
