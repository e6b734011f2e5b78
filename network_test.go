package berceau

import (
	"errors"
	"testing"
)

func TestUserValidationNamesEachBadField(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		user  User
		field string
		key   string
	}{
		{"valid", User{Email: "amina.diallo@berceau.example", DisplayName: "Amina Diallo", Discipline: DisciplineNurse}, "", ""},
		{"bad email", User{Email: "amina", DisplayName: "Amina"}, "email", "error.email_invalid"},
		{"email not normalised", User{Email: "Amina@Berceau.example", DisplayName: "Amina"}, "email", "error.email_invalid"},
		{"no name", User{Email: "a@b.example", DisplayName: "  "}, "display_name", "error.required"},
		{"unknown discipline", User{Email: "a@b.example", DisplayName: "A", Discipline: "astrologer"}, "discipline", "error.discipline_unknown"},
		{"unknown role", User{Email: "a@b.example", DisplayName: "A", Roles: []RoleGrant{{Role: "king"}}}, "roles", "error.role_unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.user.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindInvalid || e.Fields[c.field] != c.key {
				t.Fatalf("err = %#v, want field %s = %s", err, c.field, c.key)
			}
		})
	}
}

func TestSlugsAreLowerCaseASCIIWithInnerHyphens(t *testing.T) {
	t.Parallel()
	for slug, want := range map[string]bool{
		"premiers-pas": true, "site-2": true, "a": true,
		"": false, "-a": false, "a-": false, "Premiers": false, "été": false, "a b": false,
		"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde": false,
	} {
		if got := ValidSlug(slug); got != want {
			t.Errorf("validSlug(%q) = %v, want %v", slug, got, want)
		}
	}
}

func TestNormalizeEmailMakesOneAccountPerPerson(t *testing.T) {
	t.Parallel()
	if got := NormalizeEmail("  Els.Vermeulen@Berceau.EXAMPLE "); got != "els.vermeulen@berceau.example" {
		t.Fatalf("got %q", got)
	}
}

func TestEveryRoleAndDisciplineIsValidAndOthersAreNot(t *testing.T) {
	t.Parallel()
	for _, r := range Roles {
		if !r.Valid() {
			t.Errorf("role %s is not valid", r)
		}
	}
	for _, d := range Disciplines {
		if !d.Valid() {
			t.Errorf("discipline %s is not valid", d)
		}
	}
	if Role("superuser").Valid() || Discipline("wizard").Valid() {
		t.Error("an unknown role or discipline is valid")
	}
	if len(Roles) != 7 {
		t.Errorf("%d roles, the network has 7", len(Roles))
	}
}

func TestErrorKindSurvivesWrapping(t *testing.T) {
	t.Parallel()
	base := Errorf(KindNotFound, "error.user_not_found")
	wrapped := errors.Join(errors.New("context"), base)
	if KindOf(wrapped) != KindNotFound || !IsNotFound(wrapped) {
		t.Fatalf("kind lost: %v", KindOf(wrapped))
	}
	if KindOf(errors.New("plain")) != KindInternal || IsNotFound(nil) {
		t.Fatal("a plain error must be internal, nil must not be not-found")
	}
	cause := errors.New("disk full")
	if !errors.Is(Wrap(cause, "error.internal_message"), cause) {
		t.Fatal("Wrap hides its cause from errors.Is")
	}
}
