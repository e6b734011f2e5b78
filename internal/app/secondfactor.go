package app

import (
	"context"
	"errors"

	"github.com/alexedwards/scs/v2"
	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
)

// recoveryCodeCount is how many single-use recovery codes a person gets.
const recoveryCodeCount = 10

// SessionStore is where the web layer keeps its sessions.
func (a *AccountService) SessionStore() scs.Store { return a.store.Sessions() }

// SessionCodec is how sessions are encoded in SessionStore: scs's gob, with
// the same bytes for the same values and no decoding of bytes seen before.
func (a *AccountService) SessionCodec() scs.Codec { return a.store.SessionCodec() }

// TOTPEnrollment is a second factor being set up: what to show the person,
// and the secret sealed for the session until they confirm it.
type TOTPEnrollment struct {
	auth.TOTPEnrollment
	Sealed string
}

// BeginEnrollment prepares a new TOTP secret for a user. Nothing is saved
// until ConfirmEnrollment proves their app reads it.
func (a *AccountService) BeginEnrollment(ctx context.Context, userID int64) (TOTPEnrollment, error) {
	var user berceau.User
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		user, err = tx.UserByID(ctx, userID)
		return err
	}); err != nil {
		return TOTPEnrollment{}, berceau.Wrap(err, "error.internal_message")
	}
	enrol, err := auth.NewTOTPEnrollment(a.opts.Issuer, user.Email)
	if err != nil {
		return TOTPEnrollment{}, berceau.Wrap(err, "error.internal_message")
	}
	sealed, err := a.sealSecret(enrol.Secret)
	if err != nil {
		return TOTPEnrollment{}, berceau.Wrap(err, "error.internal_message")
	}
	return TOTPEnrollment{TOTPEnrollment: enrol, Sealed: sealed}, nil
}

// ConfirmEnrollment saves the second factor once a code from it is right,
// and returns the recovery codes to show once (only their hashes are kept).
func (a *AccountService) ConfirmEnrollment(ctx context.Context, userID int64, sealed, code, clientAddress string) ([]string, error) {
	actor, err := a.ActorFor(ctx, userID, clientAddress)
	if err != nil {
		return nil, err
	}
	secret, err := a.openSecret(sealed)
	if err != nil || secret == "" {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.enrollment_expired", Cause: err}
	}
	step, err := auth.VerifyTOTP(secret, code, a.now(), 0)
	if err != nil {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.code_invalid", Fields: map[string]string{"code": "error.code_invalid"}}
	}
	codes, hashes, err := auth.NewRecoveryCodes(recoveryCodeCount)
	if err != nil {
		return nil, berceau.Wrap(err, "error.internal_message")
	}
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.EnableTOTP(ctx, userID, sealed, step, hashes); err != nil {
			return err
		}
		return record(ctx, tx, actor, "auth.second_factor.enrol", "user", userID, berceau.OutcomeSuccess, "")
	})
	if err != nil {
		return nil, berceau.Wrap(err, "error.internal_message")
	}
	return codes, nil
}

// ReplaceSecondFactor sets up (or changes) the signed-in actor's own second
// factor from their account page, after checking their current password
// again: a session left open on a shared computer must not let anyone move
// the second factor to their own phone.
func (a *AccountService) ReplaceSecondFactor(ctx context.Context, actor berceau.Actor, sealed, code, currentPassword string) ([]string, error) {
	if err := a.reauthenticate(ctx, actor, currentPassword, "auth.second_factor.enrol"); err != nil {
		return nil, err
	}
	return a.ConfirmEnrollment(ctx, actor.User.ID, sealed, code, actor.ClientAddress)
}

func (a *AccountService) sealSecret(secret string) (string, error) {
	if a.opts.SecretBox == nil {
		return "", errors.New("app: no secret box configured to seal second-factor secrets")
	}
	return a.opts.SecretBox.Seal(secret)
}

// ReopenEnrollment shows again the secret being set up, from its sealed form.
func (a *AccountService) ReopenEnrollment(ctx context.Context, userID int64, sealed string) (TOTPEnrollment, error) {
	secret, err := a.openSecret(sealed)
	if err != nil || secret == "" {
		return TOTPEnrollment{}, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.enrollment_expired", Cause: err}
	}
	var user berceau.User
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		user, err = tx.UserByID(ctx, userID)
		return err
	}); err != nil {
		return TOTPEnrollment{}, berceau.Wrap(err, "error.internal_message")
	}
	enrol, err := auth.ReopenTOTPEnrollment(a.opts.Issuer, user.Email, secret)
	if err != nil {
		return TOTPEnrollment{}, berceau.Wrap(err, "error.internal_message")
	}
	return TOTPEnrollment{TOTPEnrollment: enrol, Sealed: sealed}, nil
}
