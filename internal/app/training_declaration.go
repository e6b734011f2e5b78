package app

import (
	"context"
	"net/http"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// External trainings: a professional declares one with its proof; a
// coordinator of one of their sites approves or refuses it; approved, it
// joins their ledger.

// DeclareExternal records the actor's declaration of an external training
// with its proof file, whose type is read from its content (a PDF, a PNG
// or a JPEG), never from its name.
func (s *TrainingService) DeclareExternal(ctx context.Context, actor berceau.Actor, d training.Declaration, proof []byte) (training.Declaration, error) {
	if !learner(actor) {
		s.recordAlone(ctx, actor, "learning_record.declare", "declaration", 0, berceau.OutcomeDenied, "")
		return d, errNotLearner
	}
	d.Normalize()
	d.ID, d.UserID, d.ProofSize = 0, actor.User.ID, len(proof)
	d.ProofType = ""
	if len(proof) > 0 {
		d.ProofType = http.DetectContentType(proof)
	}
	if d.ProofName == "" {
		d.ProofName = "proof"
	}
	if err := d.Validate(s.now()); err != nil {
		return d, err
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateDeclaration(ctx, &d, proof); err != nil {
			return err
		}
		return record(ctx, tx, actor, "learning_record.declare", "declaration", d.ID, berceau.OutcomeSuccess, d.Title)
	})
	return d, domainError(err)
}

// DecideDeclaration approves or refuses a pending declaration: only a
// coordinator (learning.review) of a site the person works at, never the
// person themselves. A refusal needs its reason.
func (s *TrainingService) DecideDeclaration(ctx context.Context, actor berceau.Actor, id int64, approve bool, reason string) error {
	reason = strings.TrimSpace(reason)
	if (!approve && reason == "") || len([]rune(reason)) > training.MaxNote {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"reason": "training.error.reason_required"}}
	}
	status, action := training.Approved, "learning_record.approve"
	if !approve {
		status, action = training.Refused, "learning_record.refuse"
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		d, err := tx.DeclarationByID(ctx, id)
		if err != nil {
			return err
		}
		if ok, err := coordinatesTx(ctx, tx, actor, d.UserID); err != nil || !ok {
			return firstErr(err, errNotCoordinator)
		}
		if d.Status != training.Pending {
			return berceau.Errorf(berceau.KindConflict, "training.error.already_decided")
		}
		if err := tx.DecideDeclaration(ctx, id, status, actor.User.ID, reason); err != nil {
			return err
		}
		return record(ctx, tx, actor, action, "declaration", id, berceau.OutcomeSuccess, reason)
	})
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, action, "declaration", id, berceau.OutcomeDenied, refusalKey(err))
	}
	return domainError(err)
}

// Proof is a declaration's proof file.
type Proof struct {
	Name, ContentType string
	Content           []byte
}

// DeclarationProof reads a declaration's proof: its declarant or a
// coordinator of theirs; audited.
func (s *TrainingService) DeclarationProof(ctx context.Context, actor berceau.Actor, id int64) (Proof, error) {
	var out Proof
	err := s.readAudited(ctx, actor, "learning_record.proof", "declaration", id, func(tx *store.Tx) (string, error) {
		d, err := tx.DeclarationByID(ctx, id)
		if err != nil {
			return "", err
		}
		if d.UserID != actor.User.ID || !learner(actor) {
			if ok, err := coordinatesTx(ctx, tx, actor, d.UserID); err != nil || !ok {
				return "", firstErr(err, errNotCoordinator)
			}
		}
		out.Name, out.ContentType = d.ProofName, d.ProofType
		out.Content, err = tx.DeclarationProof(ctx, id)
		return d.ProofName, err
	})
	return out, domainError(err)
}
