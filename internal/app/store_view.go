package app

import (
	"context"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// The types below are what app's use cases give web and api in place of
// internal/store's rows: no store type crosses app's API, so the surfaces
// never import store (internal/archtest enforces it). Each has the fields
// of the row it is read from and is converted here, at the boundary; the
// use cases themselves keep working on the rows inside their transaction.

// SessionInfo is one signed-in session of a user, for the account page.
type SessionInfo struct {
	ID            int64
	UserID        int64
	CreatedAt     time.Time
	LastSeenAt    time.Time
	Expiry        time.Time
	ClientAddress string
	UserAgent     string
	Current       bool // the session of the request that asked
}

// OutboxMessage is one mail Berceau wrote.
type OutboxMessage struct {
	ID        int64
	Recipient string
	Subject   string
	Body      string
	CreatedAt time.Time
	SentAt    time.Time // zero while unsent
	// AttachmentNames names the files sent with it (an invitation's .ics).
	AttachmentNames []string
}

func outboxView(r store.OutboxMessage) OutboxMessage {
	m := OutboxMessage{ID: r.ID, Recipient: r.Recipient, Subject: r.Subject, Body: r.Body, CreatedAt: r.CreatedAt, SentAt: r.SentAt}
	for _, a := range r.Attachments {
		m.AttachmentNames = append(m.AttachmentNames, a.Filename)
	}
	return m
}

// SecondFactorReset is a request to remove an account's second factor.
type SecondFactorReset struct {
	ID            int64
	UserID        int64
	RequestedBy   int64
	RequesterName string
	RequestedAt   time.Time
	ApprovedBy    int64 // 0 while pending
	ApprovedAt    time.Time
}

// PartnerOrganisation is a directory organisation a sharing consent may name.
type PartnerOrganisation struct {
	ID     string
	NameFR string
	NameEN string
}

// GroupMeeting is one meeting of several families at a site.
type GroupMeeting struct {
	ID      int64
	SiteID  int64
	Title   string
	On      time.Time // civil date
	Minutes int
}

// AccessGrant is a break-the-glass opening of a family file.
type AccessGrant struct {
	ID         int64
	FamilyID   int64
	UserID     int64
	UserName   string
	Reason     string
	GrantedAt  time.Time
	ExpiresAt  time.Time
	ReviewedBy int64 // 0 until the coordinator reviews it
	ReviewedAt time.Time
}

// SuggestionOfUser is one of a person's suggestions with the name of the
// service it was about.
type SuggestionOfUser struct {
	directory.Suggestion
	ServiceNameFR, ServiceNameEN string
}

// APIToken is a personal access token, without its secret.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	Scopes     []berceau.Permission
	ExpiresAt  time.Time
	RevokedAt  time.Time // zero when active
	LastUsedAt time.Time // zero when never used
	CreatedAt  time.Time
	// SecondFactor: minted by a session that passed a second factor; only
	// such a token may carry family scopes.
	SecondFactor bool
}

// The one-time links' purposes, as the password pages name them.
const (
	PurposeInvitation    = store.PurposeInvitation
	PurposePasswordReset = store.PurposePasswordReset
)

// SessionUserKey is the session value holding the signed-in user's id.
const SessionUserKey = store.SessionUserKey

// HashSessionToken is how a session token is kept at rest.
func HashSessionToken(token string) string { return store.HashSessionToken(token) }

// WithSessionClient tells the session store who asks (address and user
// agent), remembered with a session it creates.
func WithSessionClient(ctx context.Context, address, userAgent string) context.Context {
	return store.WithSessionClient(ctx, store.SessionClient{Address: address, UserAgent: userAgent})
}

// viewsOf converts the rows of a list.
func viewsOf[R, V any](rows []R, view func(R) V) []V {
	if rows == nil {
		return nil
	}
	out := make([]V, len(rows))
	for i, r := range rows {
		out[i] = view(r)
	}
	return out
}

// Sessions lists the sessions of a user: the actor's own, or anyone's for an
// administrator. currentHash marks the session of this request.
func (a *AccountService) Sessions(ctx context.Context, actor berceau.Actor, userID int64, currentHash string) ([]SessionInfo, error) {
	list, err := a.sessions(ctx, actor, userID, currentHash)
	return viewsOf(list, func(r store.SessionInfo) SessionInfo { return SessionInfo(r) }), err
}

// Outbox returns the newest mail Berceau wrote, for administrators, with
// every link hidden. Reading it is audited.
func (a *AdminService) Outbox(ctx context.Context, actor berceau.Actor) ([]OutboxMessage, error) {
	list, err := a.outbox(ctx, actor)
	return viewsOf(list, outboxView), err
}

// OperatorOutbox returns the unsent mail, links included, for the operator
// of the server (the command line). Reading it is audited.
func (a *AdminService) OperatorOutbox(ctx context.Context, actor berceau.Actor, to string) ([]OutboxMessage, error) {
	list, err := a.operatorOutbox(ctx, actor, to)
	return viewsOf(list, outboxView), err
}

// PendingSecondFactorReset returns the request awaiting approval for an
// account, if any (ok false when there is none), for administrators.
func (a *AdminService) PendingSecondFactorReset(ctx context.Context, actor berceau.Actor, userID int64) (SecondFactorReset, bool, error) {
	r, ok, err := a.pendingSecondFactorReset(ctx, actor, userID)
	return SecondFactorReset(r), ok, err
}

// PartnerOrganisations lists the directory's organisations a sharing
// consent may name.
func (a *CareService) PartnerOrganisations(ctx context.Context) ([]PartnerOrganisation, error) {
	list, err := a.partnerOrganisations(ctx)
	return viewsOf(list, func(r store.PartnerOrganisation) PartnerOrganisation { return PartnerOrganisation(r) }), err
}

// BreakGlass opens a family file outside the actor's scope for a short
// read-only while, with a reason, to be reviewed (see breakGlass).
func (a *CareService) BreakGlass(ctx context.Context, actor berceau.Actor, familyID int64, reason string) (AccessGrant, error) {
	g, err := a.breakGlass(ctx, actor, familyID, reason)
	return AccessGrant(g), err
}

// AccessGrantsToReview lists the break-the-glass openings the actor
// reviews, unreviewed first.
func (a *CareService) AccessGrantsToReview(ctx context.Context, actor berceau.Actor) ([]AccessGrant, error) {
	list, err := a.accessGrantsToReview(ctx, actor)
	return viewsOf(list, func(r store.AccessGrant) AccessGrant { return AccessGrant(r) }), err
}

// MySuggestions lists the actor's own suggestions with what became of them.
func (a *DirectoryService) MySuggestions(ctx context.Context, actor berceau.Actor) ([]SuggestionOfUser, error) {
	list, err := a.mySuggestions(ctx, actor)
	return viewsOf(list, func(r store.SuggestionOfUser) SuggestionOfUser { return SuggestionOfUser(r) }), err
}

// CreateToken makes a personal access token for the actor and returns it
// in clear, once (see createToken).
func (a *AccountService) CreateToken(ctx context.Context, actor berceau.Actor, in NewToken) (string, APIToken, error) {
	token, t, err := a.createToken(ctx, actor, in)
	return token, APIToken(t), err
}

// ListTokens returns the actor's own tokens.
func (a *AccountService) ListTokens(ctx context.Context, actor berceau.Actor) ([]APIToken, error) {
	list, err := a.listTokens(ctx, actor)
	return viewsOf(list, func(r store.APIToken) APIToken { return APIToken(r) }), err
}
