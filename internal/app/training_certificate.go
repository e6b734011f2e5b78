package app

import (
	"context"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// Certificates: a person has one issued for a training they completed or an
// event they attended; it states the real completion date and the hours of
// their ledger line, and a verification code that /verify/{code} confirms.

// IssueCertificate gives the actor the certificate of a line of their own
// ledger: a training completed (trainingID) or an event attended (eventID).
// The certificate in force is returned when one was issued already.
func (s *TrainingService) IssueCertificate(ctx context.Context, actor berceau.Actor, trainingID, eventID int64) (training.Certificate, error) {
	var out training.Certificate
	if !learner(actor) {
		s.recordAlone(ctx, actor, "certificate.issue", "certificate", 0, berceau.OutcomeDenied, "")
		return out, errNotLearner
	}
	if (trainingID == 0) == (eventID == 0) {
		return out, berceau.Errorf(berceau.KindNotFound, "training.error.certificate_not_found")
	}
	lang := actor.User.Locale
	if lang == "" {
		lang = "fr"
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if c, ok, err := tx.ValidCertificateFor(ctx, actor.User.ID, trainingID, eventID); err != nil || ok {
			out = c
			return err
		}
		ledgers, err := ledgersTx(ctx, tx, ledgerScope{userID: actor.User.ID}, lang)
		if err != nil {
			return err
		}
		var entry *training.Entry
		for i, e := range ledgers[actor.User.ID].Entries {
			if (trainingID != 0 && e.TrainingID == trainingID) || (eventID != 0 && e.EventID == eventID) {
				entry = &ledgers[actor.User.ID].Entries[i]
			}
		}
		if entry == nil {
			return berceau.Errorf(berceau.KindConflict, "training.error.not_completed")
		}
		u, err := tx.UserByID(ctx, actor.User.ID)
		if err != nil {
			return err
		}
		issuer := entry.Provider
		if eventID != 0 {
			e, err := tx.EventByID(ctx, eventID)
			if err != nil {
				return err
			}
			for _, id := range e.Organizers {
				o, err := tx.DirectoryOrganizationByID(ctx, id)
				if err != nil && !berceau.IsNotFound(err) {
					return err
				}
				if issuer, _ = o.Name.In(lang); issuer != "" {
					break
				}
			}
		}
		out = training.Certificate{UserID: u.ID, TrainingID: trainingID, EventID: eventID, Holder: u.DisplayName, Title: entry.Title,
			On: entry.On, Minutes: entry.Minutes, Issuer: issuer, Lang: lang, IssuedBy: actor.User.ID}
		for attempt := 0; ; attempt++ {
			out.Code = training.NewCode()
			err := tx.CreateCertificate(ctx, &out)
			if berceau.KindOf(err) != berceau.KindConflict || attempt == 2 {
				if err != nil {
					return err
				}
				break
			}
		}
		return record(ctx, tx, actor, "certificate.issue", "certificate", out.ID, berceau.OutcomeSuccess, out.Title.String())
	})
	return out, domainError(err)
}

// mayOverseeCertificateTx reports whether the actor may revoke the
// certificate: a coordinator of the holder's site, or a trainer of its
// training (an event's certificate: an organiser of the event).
func mayOverseeCertificateTx(ctx context.Context, tx *store.Tx, actor berceau.Actor, c training.Certificate) (bool, error) {
	if ok, err := coordinatesTx(ctx, tx, actor, c.UserID); err != nil || ok {
		return ok, err
	}
	if c.TrainingID != 0 {
		t, err := tx.TrainingByID(ctx, c.TrainingID)
		if err != nil {
			return false, err
		}
		return mayManageTraining(ctx, tx, actor, t)
	}
	e, err := tx.EventByID(ctx, c.EventID)
	if err != nil {
		return false, err
	}
	o, err := organizerOf(ctx, tx, actor)
	return o.mayOrganize(e.Organizers), err
}

// Certificate reads one certificate for printing: its holder, or whoever
// may revoke it; audited.
func (s *TrainingService) Certificate(ctx context.Context, actor berceau.Actor, id int64) (training.Certificate, error) {
	var out training.Certificate
	err := s.readAudited(ctx, actor, "certificate.read", "certificate", id, func(tx *store.Tx) (string, error) {
		c, err := tx.CertificateByID(ctx, id)
		if err != nil {
			return "", err
		}
		if c.UserID != actor.User.ID || !learner(actor) {
			if ok, err := mayOverseeCertificateTx(ctx, tx, actor, c); err != nil || !ok {
				return "", firstErr(err, berceau.Errorf(berceau.KindForbidden, "training.error.not_reviewer"))
			}
		}
		out = c
		return "", nil
	})
	return out, domainError(err)
}

// RevokeCertificate withdraws a certificate, with its reason: a
// coordinator of the holder's site or a trainer of its training. The code
// then verifies as revoked.
func (s *TrainingService) RevokeCertificate(ctx context.Context, actor berceau.Actor, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || len([]rune(reason)) > training.MaxNote {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"reason": "training.error.reason_required"}}
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		c, err := tx.CertificateByID(ctx, id)
		if err != nil {
			return err
		}
		if ok, err := mayOverseeCertificateTx(ctx, tx, actor, c); err != nil || !ok {
			return firstErr(err, berceau.Errorf(berceau.KindForbidden, "training.error.not_reviewer"))
		}
		if c.Revoked() {
			return berceau.Errorf(berceau.KindConflict, "training.error.already_revoked")
		}
		if err := tx.RevokeCertificate(ctx, id, actor.User.ID, reason); err != nil {
			return err
		}
		return record(ctx, tx, actor, "certificate.revoke", "certificate", id, berceau.OutcomeSuccess, reason)
	})
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, "certificate.revoke", "certificate", id, berceau.OutcomeDenied, refusalKey(err))
	}
	return domainError(err)
}

// VerifyCertificate looks a code up for anyone holding a printed
// certificate. A code that is not one, or names no certificate, is not
// found; the answer holds only what the certificate states.
func (s *TrainingService) VerifyCertificate(ctx context.Context, code string) (training.Certificate, error) {
	normalized, ok := training.NormalizeCode(code)
	if !ok {
		return training.Certificate{}, berceau.Errorf(berceau.KindNotFound, "training.error.certificate_not_found")
	}
	var c training.Certificate
	err := s.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		c, err = tx.CertificateByCode(ctx, normalized)
		return err
	})
	if err != nil {
		return training.Certificate{}, domainError(err)
	}
	// Only what the certificate states leaves: no account id, no issuer
	// account, no revocation reason.
	return training.Certificate{Code: c.Code, Holder: c.Holder, Title: c.Title, On: c.On, Minutes: c.Minutes, Issuer: c.Issuer,
		Lang: c.Lang, IssuedAt: c.IssuedAt, RevokedAt: c.RevokedAt}, nil
}
