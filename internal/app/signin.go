package app

import (
	"context"
	"errors"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
)

// Throttling: a few tries per account, more per client address (a shared
// office connection), over a sliding window. Temporary, never a lockout.
const (
	throttleWindow     = 15 * time.Minute
	maxFailuresAccount = 5
	maxFailuresClient  = 20
)

// SignInStep says what a person must do after a correct password.
type SignInStep int

const (
	SignedIn          SignInStep = iota // nothing more: the session is signed in
	NeedsSecondFactor                   // enter a TOTP or recovery code
	NeedsEnrollment                     // their role requires a second factor they have not set up
)

// SignInResult is the outcome of a correct password.
type SignInResult struct {
	User berceau.User
	Next SignInStep
}

var errBadCredentials = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.sign_in_failed"}

// SignIn checks an email and password. An unknown address, a disabled account
// and a wrong password get the same answer after the same work.
func (a *App) SignIn(ctx context.Context, email, password, clientAddress string) (SignInResult, error) {
	email = berceau.NormalizeEmail(email)
	who := berceau.Anonymous(clientAddress)
	who.User.Email = email

	var user berceau.User
	var hash string
	var byEmail, byClient int
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if byEmail, byClient, err = tx.SignInFailuresSince(ctx, email, clientAddress, a.now().Add(-throttleWindow)); err != nil {
			return err
		}
		user, err = tx.UserByEmail(ctx, email)
		if berceau.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		hash, err = tx.PasswordHash(ctx, email)
		return err
	})
	if err != nil {
		return SignInResult{}, berceau.Wrap(err, "error.internal_message")
	}
	if byEmail >= maxFailuresAccount || byClient >= maxFailuresClient {
		a.recordAlone(ctx, who, "auth.sign_in", "user", user.ID, berceau.OutcomeDenied, "throttled")
		return SignInResult{}, &berceau.Error{Kind: berceau.KindForbidden, Key: "error.sign_in_throttled"}
	}

	verifyAgainst := hash
	if user.ID == 0 || hash == "" {
		verifyAgainst = a.dummyHash
	}
	needsRehash, verr := a.opts.Hasher.Verify(ctx, password, verifyAgainst)
	if verr != nil || user.ID == 0 || hash == "" || user.Disabled {
		detail := "wrong password"
		switch {
		case user.ID == 0:
			detail = "unknown account"
		case user.Disabled:
			detail = "account disabled"
		case hash == "":
			detail = "no password set"
		}
		err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
			if err := tx.RecordSignInFailure(ctx, email, clientAddress); err != nil {
				return err
			}
			return record(ctx, tx, who, "auth.sign_in", "user", user.ID, berceau.OutcomeFailure, detail)
		})
		if err != nil {
			return SignInResult{}, berceau.Wrap(err, "error.internal_message")
		}
		return SignInResult{}, errBadCredentials
	}

	var perms berceau.Permissions
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if needsRehash {
			newHash, err := a.opts.Hasher.Hash(ctx, password)
			if err != nil {
				return err
			}
			if err := tx.SetPasswordHash(ctx, user.ID, newHash); err != nil {
				return err
			}
		}
		if err := tx.ClearSignInFailures(ctx, email); err != nil {
			return err
		}
		var err error
		if perms, err = tx.PermissionsOf(ctx, user.ID); err != nil {
			return err
		}
		actor := berceau.Actor{User: user, Permissions: perms, ClientAddress: clientAddress}
		return record(ctx, tx, actor, "auth.password", "user", user.ID, berceau.OutcomeSuccess, "")
	})
	if err != nil {
		return SignInResult{}, berceau.Wrap(err, "error.internal_message")
	}
	result := SignInResult{User: user, Next: SignedIn}
	switch {
	case user.TOTPEnabled:
		result.Next = NeedsSecondFactor
	case perms.SeesFamilyData():
		result.Next = NeedsEnrollment
	}
	return result, nil
}

// CompleteSignIn audits the moment a session becomes signed in.
func (a *App) CompleteSignIn(ctx context.Context, userID int64, clientAddress string) error {
	actor, err := a.ActorFor(ctx, userID, clientAddress)
	if err != nil {
		return err
	}
	return a.store.WriteTx(ctx, func(tx *store.Tx) error {
		return record(ctx, tx, actor, "auth.sign_in", "user", userID, berceau.OutcomeSuccess, "")
	})
}

// VerifySecondFactor checks a TOTP code, or a recovery code, for a user who
// gave the right password. A code is accepted once.
func (a *App) VerifySecondFactor(ctx context.Context, userID int64, code, clientAddress string) error {
	actor, err := a.ActorFor(ctx, userID, clientAddress)
	if err != nil {
		return err
	}
	var sealed string
	var lastStep int64
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		sealed, lastStep, err = tx.TOTPState(ctx, userID)
		return err
	}); err != nil {
		return berceau.Wrap(err, "error.internal_message")
	}
	secret, err := a.openSecret(sealed)
	if err != nil {
		return berceau.Wrap(err, "error.internal_message")
	}
	step, verr := auth.VerifyTOTP(secret, code, a.now(), lastStep)
	ok := false
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		var err error
		switch {
		case verr == nil:
			// The conditional update closes the race of one code used twice at once.
			ok, err = tx.AdvanceTOTPStep(ctx, userID, step)
		case errors.Is(verr, auth.ErrTOTPInvalid):
			ok, err = tx.UseRecoveryCode(ctx, userID, auth.HashRecoveryCode(code))
		}
		if err != nil {
			return err
		}
		if !ok {
			if err := tx.RecordSignInFailure(ctx, actor.User.Email, clientAddress); err != nil {
				return err
			}
			return record(ctx, tx, actor, "auth.second_factor", "user", userID, berceau.OutcomeFailure, "")
		}
		return record(ctx, tx, actor, "auth.second_factor", "user", userID, berceau.OutcomeSuccess, "")
	})
	if err != nil {
		return berceau.Wrap(err, "error.internal_message")
	}
	if !ok {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.code_invalid", Fields: map[string]string{"code": "error.code_invalid"}}
	}
	return nil
}

// ActorFor loads a signed-in user's actor: the user, their permissions and
// the client they use. A disabled or removed account is no actor.
func (a *App) ActorFor(ctx context.Context, userID int64, clientAddress string) (berceau.Actor, error) {
	actor := berceau.Actor{ClientAddress: clientAddress}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if actor.User, err = tx.UserByID(ctx, userID); err != nil {
			return err
		}
		actor.Permissions, err = tx.PermissionsOf(ctx, userID)
		return err
	})
	if err != nil {
		if berceau.IsNotFound(err) {
			return berceau.Anonymous(clientAddress), &berceau.Error{Kind: berceau.KindForbidden, Key: "error.session_ended", Cause: err}
		}
		return berceau.Anonymous(clientAddress), berceau.Wrap(err, "error.internal_message")
	}
	if actor.User.Disabled {
		return berceau.Anonymous(clientAddress), &berceau.Error{Kind: berceau.KindForbidden, Key: "error.session_ended"}
	}
	return actor, nil
}

// SignOut ends every session of the actor, this one included.
func (a *App) SignOut(ctx context.Context, actor berceau.Actor) error {
	return a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.DeleteUserSessions(ctx, actor.User.ID, ""); err != nil {
			return err
		}
		return record(ctx, tx, actor, "auth.sign_out", "user", actor.User.ID, berceau.OutcomeSuccess, "")
	})
}

func (a *App) openSecret(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	if a.opts.SecretBox == nil {
		return "", errors.New("app: no secret box configured to open second-factor secrets")
	}
	return a.opts.SecretBox.Open(sealed)
}
