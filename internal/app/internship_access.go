package app

import (
	"context"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// A trainee's access lasts as long as their internship: an account whose
// every role is the trainee's and who is the intern of at least one
// internship of the register can no longer sign in, its sessions and
// tokens end and its family scope is empty once the last of them ended
// (the day after its end date, on the app's clock). Extending the end date
// renews the access. A trainee the register does not know keeps the rules
// they had before the register existed.

// errInternshipEnded refuses a trainee whose internship ended.
var errInternshipEnded = &berceau.Error{Kind: berceau.KindForbidden, Key: "internship.error.access_ended"}

// onlyTrainee reports whether every role of the account is the trainee's.
func onlyTrainee(grants []berceau.RoleGrant) bool {
	if len(grants) == 0 {
		return false
	}
	for _, g := range grants {
		if g.Role != berceau.RoleTrainee {
			return false
		}
	}
	return true
}

// internshipAccessEnded reports whether user is a trainee whose internships
// all ended before today.
func internshipAccessEnded(ctx context.Context, tx *store.Tx, user berceau.User, today time.Time) (bool, error) {
	if user.ID == 0 || !onlyTrainee(user.Roles) {
		return false, nil
	}
	last, known, err := tx.InternshipsEndOf(ctx, user.ID)
	if err != nil || !known {
		return false, err
	}
	return training.Civil(today).After(last), nil
}
