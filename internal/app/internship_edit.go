package app

import (
	"context"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// InternshipForm is what the form of an internship offers: the sites the
// actor keeps, the lists, the trainee accounts who may be its intern and
// the accounts who may supervise (by site).
type InternshipForm struct {
	Sites       []berceau.Site
	Lists       InternshipLists
	Trainees    []berceau.User
	Supervisors []berceau.User
}

// OpenInternshipForm reads what the form of a new or changed internship
// offers, for whoever keeps a site's register.
func (a *InternshipService) OpenInternshipForm(ctx context.Context, actor berceau.Actor) (InternshipForm, error) {
	var form InternshipForm
	err := a.read(ctx, actor, berceau.PermInternshipsManage, nil, func(tx *store.Tx) error {
		reach, err := internshipReachTx(ctx, tx, actor)
		if err != nil {
			return err
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		for _, s := range sites {
			if reach.covers(s.ID) {
				form.Sites = append(form.Sites, s)
			}
		}
		if len(form.Sites) == 0 {
			return forbidden()
		}
		if form.Lists, err = readInternshipLists(ctx, tx); err != nil {
			return err
		}
		users, err := tx.ListUsers(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			if u.Disabled {
				continue
			}
			switch {
			case onlyTrainee(u.Roles):
				form.Trainees = append(form.Trainees, u)
			case internshipCanSupervise(u):
				form.Supervisors = append(form.Supervisors, u)
			}
		}
		return nil
	})
	return form, err
}

// canSupervise reports whether an account works at a site in a role that
// supervises interns (practitioners and coordinators).
func internshipCanSupervise(u berceau.User) bool {
	for _, g := range u.Roles {
		if (g.Role == berceau.RolePractitioner || g.Role == berceau.RoleSiteCoordinator) && g.OrganisationID != 0 {
			return true
		}
	}
	return false
}

// checkInternship checks, inside tx, what an internship names: a site the
// actor keeps, a kind and field still offered (or unchanged), an intern
// account with the trainee role, supervisors working on the site.
func checkInternship(ctx context.Context, tx *store.Tx, reach internshipReach, in training.Internship, before *training.Internship) error {
	if err := in.Validate(); err != nil {
		return err
	}
	fields := map[string]string{}
	if !reach.covers(in.SiteID) {
		return &authError{err: berceau.Errorf(berceau.KindForbidden, "error.forbidden_message"), detail: "site out of reach",
			objectType: "site", objectID: in.SiteID}
	}
	site, err := internshipSite(ctx, tx, in.SiteID)
	if err != nil {
		return err
	}
	lists, err := readInternshipLists(ctx, tx)
	if err != nil {
		return err
	}
	if k, ok := lists.KindByID(in.KindID); !ok || (k.Retired && (before == nil || before.KindID != k.ID)) {
		fields["kind"] = "internship.error.kind_required"
	}
	if f, ok := lists.FieldByID(in.FieldID); !ok || (f.Retired && (before == nil || before.FieldID != f.ID)) {
		fields["field"] = "internship.error.field_required"
	}
	if in.InternUserID != 0 {
		u, err := tx.UserByID(ctx, in.InternUserID)
		if err != nil && !berceau.IsNotFound(err) {
			return err
		}
		if err != nil || !onlyTrainee(u.Roles) {
			fields["intern_user"] = "internship.error.intern_not_trainee"
		}
	}
	for _, id := range in.SupervisorIDs {
		u, err := tx.UserByID(ctx, id)
		if err != nil && !berceau.IsNotFound(err) {
			return err
		}
		ok := err == nil && !u.Disabled && id != in.InternUserID && internshipCanSupervise(u)
		if ok {
			if ok, err = worksAtInternshipSite(ctx, tx, u, site); err != nil {
				return err
			}
		}
		if !ok {
			fields["supervisors"] = "internship.error.supervisor_not_on_site"
		}
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// internName is the name an internship keeps for its intern: the account's
// display name, so the register still names them if the account goes.
func internName(ctx context.Context, tx *store.Tx, in *training.Internship) error {
	if in.InternUserID == 0 {
		return nil
	}
	u, err := tx.UserByID(ctx, in.InternUserID)
	if err != nil {
		return err
	}
	in.InternName = u.DisplayName
	return nil
}

// CreateInternship adds an internship to the register of a site the actor
// keeps.
func (a *InternshipService) CreateInternship(ctx context.Context, actor berceau.Actor, in training.Internship) (training.Internship, error) {
	in.Normalize()
	in.ID = 0
	target := auditTarget{Action: "internship.create", ObjectType: "internship"}
	err := a.write(ctx, actor, berceau.PermInternshipsManage, target, func(tx *store.Tx, t *auditTarget) error {
		reach, err := internshipReachTx(ctx, tx, actor)
		if err != nil {
			return err
		}
		if err := checkInternship(ctx, tx, reach, in, nil); err != nil {
			return err
		}
		if err := internName(ctx, tx, &in); err != nil {
			return err
		}
		if err := tx.CreateInternship(ctx, &in); err != nil {
			return err
		}
		t.ObjectID = in.ID
		t.Detail = "site " + strconv.FormatInt(in.SiteID, 10)
		return nil
	})
	return in, err
}

// UpdateInternship changes an internship of a site the actor keeps (and
// moves it only to another such site). Extending its end date renews its
// intern's access.
func (a *InternshipService) UpdateInternship(ctx context.Context, actor berceau.Actor, in training.Internship) error {
	in.Normalize()
	target := auditTarget{Action: "internship.update", ObjectType: "internship", ObjectID: in.ID}
	return a.write(ctx, actor, berceau.PermInternshipsManage, target, func(tx *store.Tx, t *auditTarget) error {
		before, role, err := internshipFor(ctx, tx, actor, in.ID)
		if err != nil {
			return err
		}
		if !role.keeps {
			return errInternshipNotFound()
		}
		reach, err := internshipReachTx(ctx, tx, actor)
		if err != nil {
			return err
		}
		if err := checkInternship(ctx, tx, reach, in, &before); err != nil {
			return err
		}
		if in.InternUserID == 0 && before.InternUserID != 0 && in.InternName == "" {
			in.InternName = before.InternName
		}
		if err := internName(ctx, tx, &in); err != nil {
			return err
		}
		if !before.EndsOn.Equal(in.EndsOn) {
			t.Detail = "ends " + before.EndsOn.Format("2006-01-02") + " → " + in.EndsOn.Format("2006-01-02")
		}
		return tx.UpdateInternship(ctx, in)
	})
}

// Agreement documents: a PDF or an image, bounded.
const MaxAgreementBytes = 5 << 20

// agreementTypes are the content types an agreement may have, as sniffed.
var agreementTypes = map[string]bool{"application/pdf": true, "image/png": true, "image/jpeg": true}

// AgreementFile is an internship's agreement document.
type AgreementFile struct {
	Name        string
	ContentType string
	Content     []byte
}

// AttachAgreement attaches (or replaces) the signed agreement of an
// internship the actor keeps. The content decides its type (sniffed), not
// what the browser claimed; the name is reduced to a plain file name.
func (a *InternshipService) AttachAgreement(ctx context.Context, actor berceau.Actor, internshipID int64, name string, content []byte) error {
	target := auditTarget{Action: "internship.agreement", ObjectType: "internship", ObjectID: internshipID}
	if err := a.deny(ctx, actor, berceau.PermInternshipsManage, target); err != nil {
		return err
	}
	if len(content) == 0 || len(content) > MaxAgreementBytes {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"agreement": "internship.error.agreement_size"}}
	}
	kind := http.DetectContentType(content)
	if !agreementTypes[kind] {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"agreement": "internship.error.agreement_type"}}
	}
	name = cleanAgreementName(name, kind)
	return a.write(ctx, actor, berceau.PermInternshipsManage, target, func(tx *store.Tx, t *auditTarget) error {
		_, role, err := internshipFor(ctx, tx, actor, internshipID)
		if err != nil {
			return err
		}
		if !role.keeps {
			return errInternshipNotFound()
		}
		t.Detail = name
		return tx.SetInternshipAgreement(ctx, internshipID, name, kind, content, actor.User.ID)
	})
}

// cleanFileName keeps a file name's base, printable and bounded, with the
// extension of its sniffed type.
func cleanAgreementName(name, kind string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '/' {
			return -1
		}
		return r
	}, name)
	ext := map[string]string{"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}[kind]
	name = strings.TrimSuffix(name, path.Ext(name))
	if name == "" || name == "." {
		name = "agreement"
	}
	for utf8.RuneCountInString(name) > 100 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name + ext
}

// Agreement reads an internship's agreement, for its intern, supervisors
// and the coordinators who keep it; the download is audited.
func (a *InternshipService) Agreement(ctx context.Context, actor berceau.Actor, internshipID int64) (AgreementFile, error) {
	var f AgreementFile
	err := a.readAudited(ctx, actor, "internship.agreement_read", "internship", internshipID, func(tx *store.Tx) (string, error) {
		if _, _, err := internshipFor(ctx, tx, actor, internshipID); err != nil {
			return "", err
		}
		var err error
		f.Name, f.ContentType, f.Content, err = tx.InternshipAgreement(ctx, internshipID)
		return f.Name, err
	})
	return f, domainError(err)
}
