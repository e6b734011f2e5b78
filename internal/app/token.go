package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// Personal access tokens let a person's scripts use the JSON API with a part
// of their permissions, for a limited time.
const (
	tokenPrefix    = "brc_"
	maxTokenLife   = 366 * 24 * time.Hour
	maxTokenName   = 80
	defaultTokenTT = 90 * 24 * time.Hour
)

func hashAPIToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewToken is what a person asks for when creating a token.
type NewToken struct {
	Name   string
	Scopes []berceau.Permission
	Expiry time.Duration // 0: 90 days
	// CurrentPassword re-authenticates the person: a session left open
	// on a shared computer mints no token.
	CurrentPassword string
}

// CreateToken makes a personal access token for the actor and returns it in
// clear, once, after checking their current password again. Scopes must be
// permissions the actor holds; family scopes only from a session that passed
// a second factor (the session's actor holds none otherwise), and the token
// remembers it.
func (a *AccountService) createToken(ctx context.Context, actor berceau.Actor, in NewToken) (string, store.APIToken, error) {
	if !actor.SignedIn() || actor.System {
		return "", store.APIToken{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	fields := map[string]string{}
	name := strings.TrimSpace(in.Name)
	if name == "" || len([]rune(name)) > maxTokenName {
		fields["name"] = "error.required"
	}
	if len(in.Scopes) == 0 {
		fields["scopes"] = "error.scopes_required"
	}
	for _, p := range in.Scopes {
		if !actor.Permissions.Has(p) {
			fields["scopes"] = "error.scope_not_held"
		}
	}
	if in.Expiry == 0 {
		in.Expiry = defaultTokenTT
	}
	if in.Expiry < 0 || in.Expiry > maxTokenLife {
		fields["expiry"] = "error.token_expiry"
	}
	if len(fields) > 0 {
		return "", store.APIToken{}, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	if err := a.reauthenticate(ctx, actor, in.CurrentPassword, "auth.token.create"); err != nil {
		return "", store.APIToken{}, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", store.APIToken{}, berceau.Wrap(err, "error.internal_message")
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	t := store.APIToken{UserID: actor.User.ID, Name: name, Scopes: in.Scopes, ExpiresAt: a.now().Add(in.Expiry),
		SecondFactor: actor.SecondFactor}
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAPIToken(ctx, &t, hashAPIToken(token)); err != nil {
			return err
		}
		return record(ctx, tx, actor, "auth.token.create", "api_token", t.ID, berceau.OutcomeSuccess, name)
	})
	if err != nil {
		return "", t, berceau.Wrap(err, "error.internal_message")
	}
	return token, t, nil
}

// ListTokens returns the actor's own tokens.
func (a *AccountService) listTokens(ctx context.Context, actor berceau.Actor) ([]store.APIToken, error) {
	var list []store.APIToken
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		list, err = tx.ListAPITokens(ctx, actor.User.ID)
		return err
	})
	if err != nil {
		return nil, berceau.Wrap(err, "error.internal_message")
	}
	return list, nil
}

// RevokeToken revokes one of the actor's own tokens.
func (a *AccountService) RevokeToken(ctx context.Context, actor berceau.Actor, tokenID int64) error {
	return a.store.WriteTx(ctx, func(tx *store.Tx) error {
		ok, err := tx.RevokeAPIToken(ctx, actor.User.ID, tokenID)
		if err != nil {
			return err
		}
		if !ok {
			return berceau.Errorf(berceau.KindNotFound, "error.token_invalid")
		}
		return record(ctx, tx, actor, "auth.token.revoke", "api_token", tokenID, berceau.OutcomeSuccess, "")
	})
}

// ActorForToken resolves a bearer token to its actor: the token's owner with
// only the permissions the token was given and the owner still holds.
func (a *AccountService) ActorForToken(ctx context.Context, token, clientAddress string) (berceau.Actor, error) {
	denied := &berceau.Error{Kind: berceau.KindForbidden, Key: "error.token_invalid"}
	if !strings.HasPrefix(token, tokenPrefix) {
		return berceau.Anonymous(clientAddress), denied
	}
	var t store.APIToken
	owner := berceau.Actor{ClientAddress: clientAddress}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		if t, err = tx.APITokenByHash(ctx, hashAPIToken(token)); err != nil {
			return err
		}
		if owner.User, err = tx.UserByID(ctx, t.UserID); err != nil {
			return err
		}
		if ended, err := internshipAccessEnded(ctx, tx, owner.User, a.now()); err != nil || ended {
			if ended {
				return errInternshipEnded
			}
			return err
		}
		owner.Permissions, err = tx.PermissionsOf(ctx, t.UserID)
		return err
	})
	if berceau.IsNotFound(err) || err == errInternshipEnded || (err == nil && owner.User.Disabled) {
		return berceau.Anonymous(clientAddress), denied
	}
	if err != nil {
		return berceau.Anonymous(clientAddress), berceau.Wrap(err, "error.internal_message")
	}
	// Last use is noted at most once a minute: one write per script run,
	// not one per request.
	if a.now().Sub(t.LastUsedAt) > time.Minute {
		if err := a.store.NoteAPITokenUse(ctx, t.ID); err != nil {
			a.log.Warn("token use not noted", "err", err)
		}
	}
	scoped := berceau.Permissions{}
	for _, p := range t.Scopes {
		if owner.Permissions.Has(p) {
			scoped[p] = true
		}
	}
	owner.Permissions = scoped
	// A family scope holds only on a token minted by a session that passed
	// a second factor, of an account that still has one.
	owner.SecondFactor = t.SecondFactor && owner.User.TOTPEnabled
	if !owner.SecondFactor {
		owner.Permissions = withoutFamilyPermissions(owner.Permissions)
	}
	return owner, nil
}
