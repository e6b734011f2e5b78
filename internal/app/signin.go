package app

import (
	"context"
	"errors"
	"strconv"
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
	// Pending names the sign-in waiting for its second factor (NeedsSecondFactor):
	// the session keeps it and gives it back with the code.
	Pending string
}

var errBadCredentials = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.sign_in_failed"}

// SignIn checks an email and password. An unknown address, a disabled account
// and a wrong password get the same answer after the same work.
func (a *AccountService) SignIn(ctx context.Context, email, password, clientAddress string) (SignInResult, error) {
	email = berceau.NormalizeEmail(email)
	who := berceau.Anonymous(clientAddress)
	who.User.Email = email

	var user berceau.User
	var hash string
	var byEmail, byClient int
	var internshipEnded bool
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
		if internshipEnded, err = internshipAccessEnded(ctx, tx, user, a.now()); err != nil {
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
	if internshipEnded {
		a.recordAlone(ctx, who, "auth.sign_in", "user", user.ID, berceau.OutcomeDenied, "internship ended")
		return SignInResult{}, errInternshipEnded
	}

	var perms berceau.Permissions
	var pending string
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
		if user.TOTPEnabled {
			if pending, err = a.startPendingSignIn(ctx, tx, user.ID); err != nil {
				return err
			}
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
		result.Next, result.Pending = NeedsSecondFactor, pending
	case perms.SeesFamilyData():
		result.Next = NeedsEnrollment
	}
	return result, nil
}

// CompleteSignIn audits the moment a session becomes signed in.
func (a *AccountService) CompleteSignIn(ctx context.Context, userID int64, clientAddress string) error {
	actor, err := a.ActorFor(ctx, userID, clientAddress)
	if err != nil {
		return err
	}
	return a.store.WriteTx(ctx, func(tx *store.Tx) error {
		return record(ctx, tx, actor, "auth.sign_in", "user", userID, berceau.OutcomeSuccess, "")
	})
}

// The second-factor step: a pending sign-in takes a few wrong codes, then
// is destroyed (the person starts again with their password); an account
// takes a few more over every pending sign-in in the throttling window,
// then its code step waits, like the password step.
const (
	pendingSignInTTL       = 10 * time.Minute
	maxCodeFailuresPending = 5
	maxCodeFailuresAccount = 10
)

// Errors of the code step that send the person back to the password.
var (
	errSignInExpired  = &berceau.Error{Kind: berceau.KindForbidden, Key: "account_security.sign_in_expired"}
	errCodesExhausted = &berceau.Error{Kind: berceau.KindForbidden, Key: "account_security.codes_exhausted"}
	errCodeThrottled  = &berceau.Error{Kind: berceau.KindForbidden, Key: "account_security.code_throttled"}
)

// SignInMustRestart reports whether an error of VerifySecondFactor ends the
// pending sign-in: the person must give their password again.
func SignInMustRestart(err error) bool {
	var de *berceau.Error
	return errors.As(err, &de) && (de == errSignInExpired || de == errCodesExhausted || de == errCodeThrottled)
}

// startPendingSignIn records a sign-in waiting for its second factor and
// returns the token the session keeps for it.
func (a *AccountService) startPendingSignIn(ctx context.Context, tx *store.Tx, userID int64) (string, error) {
	token, hash, err := newLinkToken()
	if err != nil {
		return "", err
	}
	return token, tx.CreatePendingSignIn(ctx, hash, userID)
}

// VerifySecondFactor checks a TOTP code, or a recovery code, for a pending
// sign-in (a right password) and returns whose sign-in it completes. A code
// is accepted once. Wrong codes are counted per pending sign-in and per
// account, inside the transaction that checks them, so that parallel guesses
// are counted too; every failure and every lock is audited.
func (a *AccountService) VerifySecondFactor(ctx context.Context, pendingToken, code, clientAddress string) (int64, error) {
	if pendingToken == "" {
		return 0, errSignInExpired
	}
	hash := hashLinkToken(pendingToken)
	var userID int64
	var outcome error
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		uid, _, err := tx.PendingSignIn(ctx, hash, tx.Now().Add(-pendingSignInTTL))
		if berceau.IsNotFound(err) {
			outcome = errSignInExpired
			return nil
		}
		if err != nil {
			return err
		}
		userID = uid
		if err := tx.LockUserRow(ctx, userID); err != nil {
			return err
		}
		actor := berceau.Actor{ClientAddress: clientAddress}
		if actor.User, err = tx.UserByID(ctx, userID); err != nil {
			return err
		}
		if actor.User.Disabled {
			outcome = errSignInExpired
			return tx.DeletePendingSignIn(ctx, hash)
		}
		recent, err := tx.SecondFactorFailuresSince(ctx, userID, tx.Now().Add(-throttleWindow))
		if err != nil {
			return err
		}
		if recent >= maxCodeFailuresAccount {
			outcome = errCodeThrottled
			if err := tx.DeletePendingSignIn(ctx, hash); err != nil {
				return err
			}
			return record(ctx, tx, actor, "auth.second_factor", "user", userID, berceau.OutcomeDenied, "throttled")
		}
		sealed, lastStep, err := tx.TOTPState(ctx, userID)
		if err != nil {
			return err
		}
		secret, err := a.openSecret(sealed)
		if err != nil {
			return err
		}
		ok := false
		step, verr := auth.VerifyTOTP(secret, code, a.now(), lastStep)
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
		if ok {
			if err := tx.DeletePendingSignIn(ctx, hash); err != nil {
				return err
			}
			if err := tx.ClearSecondFactorFailures(ctx, userID); err != nil {
				return err
			}
			return record(ctx, tx, actor, "auth.second_factor", "user", userID, berceau.OutcomeSuccess, "")
		}
		failures, err := tx.RecordPendingFailure(ctx, hash)
		if err != nil {
			return err
		}
		if err := tx.RecordSecondFactorFailure(ctx, userID); err != nil {
			return err
		}
		if err := tx.RecordSignInFailure(ctx, actor.User.Email, clientAddress); err != nil {
			return err
		}
		if err := record(ctx, tx, actor, "auth.second_factor", "user", userID, berceau.OutcomeFailure, ""); err != nil {
			return err
		}
		outcome = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.code_invalid", Fields: map[string]string{"code": "error.code_invalid"}}
		switch {
		case failures >= maxCodeFailuresPending:
			outcome = errCodesExhausted
		case recent+1 >= maxCodeFailuresAccount:
			outcome = errCodeThrottled
		default:
			return nil
		}
		if err := tx.DeletePendingSignIn(ctx, hash); err != nil {
			return err
		}
		return record(ctx, tx, actor, "auth.second_factor.locked", "user", userID, berceau.OutcomeDenied,
			strconv.Itoa(failures)+" wrong code(s) on this sign-in, "+strconv.Itoa(recent+1)+" on the account")
	})
	if err != nil {
		return 0, berceau.Wrap(err, "error.internal_message")
	}
	if outcome != nil {
		return 0, outcome
	}
	return userID, nil
}

// ActorFor loads a signed-in user's actor: the user, their permissions and
// the client they use. A disabled or removed account is no actor.
func (a *AccountService) ActorFor(ctx context.Context, userID int64, clientAddress string) (berceau.Actor, error) {
	actor := berceau.Actor{ClientAddress: clientAddress}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if actor.User, err = tx.UserByID(ctx, userID); err != nil {
			return err
		}
		if ended, err := internshipAccessEnded(ctx, tx, actor.User, a.now()); err != nil || ended {
			if ended {
				return errInternshipEnded
			}
			return err
		}
		actor.Permissions, err = tx.PermissionsOf(ctx, userID)
		return err
	})
	if err != nil {
		if err == errInternshipEnded {
			return berceau.Anonymous(clientAddress), &berceau.Error{Kind: berceau.KindForbidden, Key: "error.session_ended", Cause: err}
		}
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

// SessionActor loads the actor of a signed-in session. A session that did
// not pass a second factor holds no family permission, whatever the
// account's roles say now: a role gained after the sign-in (or an account
// signed in before its roles required a second factor) opens no family
// file until the person signs in again with their second factor. The actor
// is kept between requests for at most ActorCacheTTL while this process
// commits no write (actor_cache.go says what that means for security).
func (a *AccountService) SessionActor(ctx context.Context, userID int64, secondFactor bool, clientAddress string) (berceau.Actor, error) {
	actor, err := a.sessionActor(ctx, userID, clientAddress)
	if err != nil {
		return actor, err
	}
	actor.SecondFactor = secondFactor
	if !secondFactor {
		actor.Permissions = withoutFamilyPermissions(actor.Permissions)
	}
	return actor, nil
}

// reauthenticate checks the actor's current password again before a
// sensitive change of their own account (a token, a new second factor): a
// session left open is not enough. Wrong passwords count towards the
// sign-in throttle, and a throttled account is refused.
func (a *AccountService) reauthenticate(ctx context.Context, actor berceau.Actor, password, action string) error {
	wrong := &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
		Fields: map[string]string{"current_password": "error.password_wrong"}}
	if !actor.SignedIn() || actor.System {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var hash string
	var byEmail, byClient int
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		if byEmail, byClient, err = tx.SignInFailuresSince(ctx, actor.User.Email, actor.ClientAddress, a.now().Add(-throttleWindow)); err != nil {
			return err
		}
		hash, err = tx.PasswordHash(ctx, actor.User.Email)
		return err
	}); err != nil {
		return domainError(err)
	}
	if byEmail >= maxFailuresAccount || byClient >= maxFailuresClient {
		a.recordAlone(ctx, actor, action, "user", actor.User.ID, berceau.OutcomeDenied, "re-authentication throttled")
		return &berceau.Error{Kind: berceau.KindForbidden, Key: "error.sign_in_throttled"}
	}
	if password == "" || hash == "" {
		return wrong
	}
	if _, err := a.opts.Hasher.Verify(ctx, password, hash); err != nil {
		err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
			if err := tx.RecordSignInFailure(ctx, actor.User.Email, actor.ClientAddress); err != nil {
				return err
			}
			return record(ctx, tx, actor, action, "user", actor.User.ID, berceau.OutcomeFailure, "wrong current password")
		})
		if err != nil {
			return domainError(err)
		}
		return wrong
	}
	return nil
}

// withoutFamilyPermissions is ps less every permission that reaches family data.
func withoutFamilyPermissions(ps berceau.Permissions) berceau.Permissions {
	out := berceau.Permissions{}
	for p, held := range ps {
		if held && !p.ReachesFamilies() {
			out[p] = true
		}
	}
	return out
}

// SignOut ends every session of the actor, this one included, and revokes
// their personal access tokens: "sign out everywhere" leaves no door open.
func (a *AccountService) SignOut(ctx context.Context, actor berceau.Actor) error {
	return a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.DeleteUserSessions(ctx, actor.User.ID, ""); err != nil {
			return err
		}
		if _, err := tx.RevokeUserAPITokens(ctx, actor.User.ID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "auth.sign_out", "user", actor.User.ID, berceau.OutcomeSuccess, "")
	})
}

func (a *AccountService) openSecret(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	if a.opts.SecretBox == nil {
		return "", errors.New("app: no secret box configured to open second-factor secrets")
	}
	return a.opts.SecretBox.Open(sealed)
}
