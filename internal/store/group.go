package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/berceau/berceau/care"
)

// GroupMeeting is one meeting of several families at a site.
type GroupMeeting struct {
	ID      int64
	SiteID  int64
	Title   string
	On      time.Time // civil date
	Minutes int
}

// CreateGroupMeeting records a group meeting and sets its id; each family's
// attendance is a contact that points to it (CreateContact with GroupID).
func (tx *Tx) CreateGroupMeeting(ctx context.Context, g *GroupMeeting, createdBy int64) error {
	id, err := tx.insertID(ctx, `INSERT INTO group_meetings (site_id, title, meeting_on, minutes, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, g.SiteID, g.Title, nullDate(g.On), g.Minutes, createdBy, tx.now)
	g.ID = id
	return wrapErr("create group meeting", err)
}

// GroupMeetingByID reads one group meeting.
func (tx *Tx) GroupMeetingByID(ctx context.Context, id int64) (GroupMeeting, error) {
	var g GroupMeeting
	var on sql.NullTime
	err := tx.queryRow(ctx, `SELECT id, site_id, title, meeting_on, minutes FROM group_meetings WHERE id = $1`, id).
		Scan(&g.ID, &g.SiteID, &g.Title, &on, &g.Minutes)
	g.On = civil(on)
	return g, notFound(wrapErr("read group meeting by ID", err), "error.not_found_message")
}

// GrantCompartment lets a user read the sensitive notes of a compartment.
// Granting twice changes nothing.
func (tx *Tx) GrantCompartment(ctx context.Context, userID int64, c care.Compartment, by int64) error {
	_, err := tx.exec(ctx, `INSERT INTO compartment_grants (user_id, compartment, granted_by, granted_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id, compartment) DO NOTHING`, userID, string(c), by, tx.now)
	return wrapErr("grant compartment", err)
}

// RevokeCompartment takes a compartment back from a user.
func (tx *Tx) RevokeCompartment(ctx context.Context, userID int64, c care.Compartment) error {
	_, err := tx.exec(ctx, `DELETE FROM compartment_grants WHERE user_id = $1 AND compartment = $2`, userID, string(c))
	return wrapErr("revoke compartment", err)
}

// CompartmentGrants reads the compartments granted to some users.
func (tx *Tx) CompartmentGrants(ctx context.Context, userIDs []int64) (map[int64]map[care.Compartment]bool, error) {
	out := map[int64]map[care.Compartment]bool{}
	if len(userIDs) == 0 {
		return out, nil
	}
	if err := tx.eachRow(ctx, "read compartment grants", func(row rowScanner) error {
		var id int64
		var c string
		if err := row.Scan(&id, &c); err != nil {
			return err
		}
		if out[id] == nil {
			out[id] = map[care.Compartment]bool{}
		}
		out[id][care.Compartment(c)] = true
		return nil
	}, `SELECT user_id, compartment FROM compartment_grants WHERE user_id IN (`+
		placeholders(1, len(userIDs))+`)`, contactIDArgs(userIDs)...); err != nil {
		return nil, err
	}
	return out, nil
}
