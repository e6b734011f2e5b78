package api

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// followUpRoutes are the routes TestFollowUpWritesAnswerAccordingToTheirPermission
// covers; the general route test counts them as covered.
var followUpRoutes = []string{
	"/api/v1/families/{id}/contacts",
	"/api/v1/families/{id}/contacts/{contactId}",
	"/api/v1/families/{id}/referrals",
	"/api/v1/families/{id}/referrals/{referralId}/moves",
}

// followUpEnv is the API's env with a family followed by the practitioner's
// team, and two of the practitioner's tokens: one that may change family
// files, one that may only read them.
type followUpEnv struct {
	*env
	familyID int64
	write    string // families.read + families.write
	readOnly string // families.read only
}

func newFollowUpEnv(t *testing.T, st *store.Store) *followUpEnv {
	t.Helper()
	ctx := context.Background()
	e := newEnv(t, st)
	system := berceau.System("test")
	if _, err := e.app.Admin.CreateTeam(ctx, system, berceau.Team{SiteID: e.site.ID, Slug: "equipe-suivi", Name: "Équipe Suivi Jarry",
		MemberIDs: []int64{e.practitioner.ID}}); err != nil {
		t.Fatal(err)
	}
	teams, err := e.app.Admin.ListTeams(ctx, system)
	if err != nil {
		t.Fatal(err)
	}
	var teamID int64
	for _, tm := range teams {
		if tm.Slug == "equipe-suivi" {
			teamID = tm.ID
		}
	}
	nadia, err := e.app.Accounts.ActorFor(ctx, e.practitioner.ID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := e.app.Care.CreateFamily(ctx, nadia, care.Family{SiteID: e.site.ID, TeamID: teamID, Languages: "français",
		Members: []care.HouseholdMember{{Role: care.MemberParent, GivenName: "Rosalie", Surname: "Fictive-Lavoie"}}}, true)
	if err != nil {
		t.Fatal(err)
	}
	return &followUpEnv{env: e, familyID: f.ID,
		write:    e.tokenOf(t, e.practitioner.ID, berceau.PermFamiliesRead, berceau.PermFamiliesWrite),
		readOnly: e.tokenOf(t, e.practitioner.ID, berceau.PermFamiliesRead)}
}

func (e *followUpEnv) practitionerActor(t *testing.T) berceau.Actor {
	t.Helper()
	actor, err := e.app.Accounts.ActorFor(context.Background(), e.practitioner.ID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return actor
}

// contactFixture records a contact through the app, as the practitioner.
func (e *followUpEnv) contactFixture(t *testing.T) care.Contact {
	t.Helper()
	c, err := e.app.Care.RecordContact(context.Background(), e.practitionerActor(t), care.Contact{FamilyID: e.familyID,
		Kind: care.ContactHomeVisit, On: time.Now().UTC().Truncate(24 * time.Hour), Minutes: 60, Outcome: care.ContactPlanned,
		Notes: "Visite prévue"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *followUpEnv) referralFixture(t *testing.T, partner string) care.Referral {
	t.Helper()
	r, err := e.app.Care.ProposeReferral(context.Background(), e.practitionerActor(t), care.Referral{FamilyID: e.familyID,
		ExternalResource: "Halte-garderie fictive du Parc", Partner: partner, Reason: "Répit"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (e *followUpEnv) headersFor(c credential) map[string]string {
	h := map[string]string{"Content-Type": "application/json"}
	switch c {
	case badToken:
		h["Authorization"] = "Bearer brc_not-a-token-of-this-network"
	case tokenWithoutPermission:
		h["Authorization"] = "Bearer " + e.readOnly
	case tokenWithPermission:
		h["Authorization"] = "Bearer " + e.write
	}
	return h
}

func TestFollowUpWritesAnswerAccordingToTheirPermission(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newFollowUpEnv(t, st)
		ctx := context.Background()
		nadia := e.practitionerActor(t)
		today := time.Now().UTC().Format(dateLayout)
		if _, err := e.app.Care.RecordConsent(ctx, nadia, care.Consent{FamilyID: e.familyID, Kind: care.ConsentSharing,
			Partner: "Halte fictive", GivenOn: time.Now().UTC().AddDate(0, 0, -1), ExpiresOn: time.Now().UTC().AddDate(1, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		c := e.contactFixture(t)
		r := e.referralFixture(t, "Halte fictive")
		fam := fmt.Sprintf("/api/v1/families/%d", e.familyID)
		scenarios := []struct {
			method, pattern, path, body string
			ok                          int
			want                        string // in the answer when allowed
		}{
			{"POST", followUpRoutes[0], fam + "/contacts",
				`{"kind":"home_visit","date":"` + today + `","minutes":45,"outcome":"done","notes":"Visite faite"}`, 201, `"notes":"Visite faite"`},
			{"PATCH", followUpRoutes[1], fmt.Sprintf("%s/contacts/%d", fam, c.ID),
				fmt.Sprintf(`{"version":%d,"outcome":"done","minutes":50}`, c.Version), 200, `"version":2`},
			{"POST", followUpRoutes[2], fam + "/referrals",
				`{"external_resource":"Banque alimentaire fictive","reason":"Fin de mois","partner":"Banque fictive"}`, 201, `"status":"proposed"`},
			{"POST", followUpRoutes[3], fmt.Sprintf("%s/referrals/%d/moves", fam, r.ID),
				fmt.Sprintf(`{"version":%d,"status":"sent","next_follow_up":"%s"}`, r.Version, today), 201, `"status":"sent"`},
		}
		for _, sc := range scenarios {
			for _, cr := range []credential{noToken, badToken, tokenWithoutPermission, tokenWithPermission} {
				want := map[credential]int{noToken: 401, badToken: 401, tokenWithoutPermission: 403, tokenWithPermission: sc.ok}[cr]
				t.Run(fmt.Sprintf("%s %s %s is %d", sc.method, sc.pattern, credentialNames[cr], want), func(t *testing.T) {
					resp, body := e.send(t, sc.method, sc.path, e.headersFor(cr), sc.body)
					if resp.StatusCode != want {
						t.Fatalf("status %d, want %d\n%s", resp.StatusCode, want, body)
					}
					if want == sc.ok {
						if !strings.Contains(body, sc.want) {
							t.Errorf("answer lacks %s:\n%s", sc.want, body)
						}
						return
					}
					if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
						t.Errorf("Content-Type %q, want application/problem+json", ct)
					}
					if strings.Contains(body, "Visite") || strings.Contains(body, "Halte") {
						t.Errorf("a denial shows the family's data:\n%s", body)
					}
				})
			}
		}
		// What the allowed calls wrote is there, and audited.
		fu, err := e.app.Care.OpenFollowUp(ctx, nadia, e.familyID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(fu.Contacts) != 2 || len(fu.Referrals) != 2 {
			t.Errorf("after the calls: %d contacts, %d referrals; want 2 and 2", len(fu.Contacts), len(fu.Referrals))
		}
		// A family out of reach answers 404, exactly like a missing one.
		resp, body := e.send(t, "POST", "/api/v1/families/999999/contacts", e.headersFor(tokenWithPermission),
			`{"kind":"call","date":"`+today+`","outcome":"done"}`)
		if resp.StatusCode != 404 {
			t.Errorf("a missing family: %d\n%s", resp.StatusCode, body)
		}
		// An invalid body is a 422 naming the field.
		resp, body = e.send(t, "POST", fam+"/contacts", e.headersFor(tokenWithPermission), `{"kind":"visit","date":"demain","outcome":"done"}`)
		if resp.StatusCode != 422 || !strings.Contains(body, "kind") || !strings.Contains(body, "date") {
			t.Errorf("an invalid contact: %d\n%s", resp.StatusCode, body)
		}
	})
}

// problemWithCurrent is a 409 answer of the follow-up writes.
type problemWithCurrent struct {
	Status  int             `json:"status"`
	Detail  string          `json:"detail"`
	Current json.RawMessage `json:"current"`
}

func TestAStaleContactEditIsRefusedWithTheCurrentContact(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newFollowUpEnv(t, st)
		c := e.contactFixture(t)
		path := fmt.Sprintf("/api/v1/families/%d/contacts/%d", e.familyID, c.ID)
		resp, body := e.send(t, "PATCH", path, e.headersFor(tokenWithPermission),
			fmt.Sprintf(`{"version":%d,"notes":"Première personne"}`, c.Version))
		if resp.StatusCode != 200 {
			t.Fatalf("first edit: %d\n%s", resp.StatusCode, body)
		}
		h := e.headersFor(tokenWithPermission)
		h["Accept-Language"] = "en"
		resp, body = e.send(t, "PATCH", path, h, fmt.Sprintf(`{"version":%d,"notes":"Seconde personne"}`, c.Version))
		if resp.StatusCode != 409 {
			t.Fatalf("second edit on the same version: %d\n%s", resp.StatusCode, body)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("Content-Type %q", ct)
		}
		if resp.Header.Get("Content-Language") != "en" {
			t.Errorf("Content-Language %q", resp.Header.Get("Content-Language"))
		}
		var p problemWithCurrent
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatal(err)
		}
		var current contact
		if err := json.Unmarshal(p.Current, &current); err != nil {
			t.Fatal(err)
		}
		if p.Status != 409 || !strings.Contains(p.Detail, "Someone else changed this contact") ||
			current.Notes != "Première personne" || current.Version != c.Version+1 {
			t.Errorf("conflict answer: %+v, current %+v", p, current)
		}
		// Nothing was overwritten.
		stored, err := e.app.Care.Contact(context.Background(), e.practitionerActor(t), e.familyID, c.ID)
		if err != nil || stored.Notes != "Première personne" {
			t.Errorf("stored %q, %v", stored.Notes, err)
		}
	})
}

func TestAReferralMoveIsRefusedWhenStaleOrWithoutConsent(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newFollowUpEnv(t, st)
		r := e.referralFixture(t, "Partenaire sans consentement")
		path := fmt.Sprintf("/api/v1/families/%d/referrals/%d/moves", e.familyID, r.ID)
		resp, body := e.send(t, "POST", path, e.headersFor(tokenWithPermission), fmt.Sprintf(`{"version":%d,"status":"sent"}`, r.Version))
		if resp.StatusCode != 409 || !strings.Contains(body, "consenti") {
			t.Fatalf("sent without consent: %d\n%s", resp.StatusCode, body)
		}
		// Staying put to set a follow-up date moves the version on.
		next := time.Now().UTC().AddDate(0, 0, 7).Format(dateLayout)
		resp, body = e.send(t, "POST", path, e.headersFor(tokenWithPermission),
			fmt.Sprintf(`{"version":%d,"status":"proposed","next_follow_up":"%s"}`, r.Version, next))
		if resp.StatusCode != 201 || !strings.Contains(body, `"next_follow_up":"`+next+`"`) {
			t.Fatalf("follow-up date: %d\n%s", resp.StatusCode, body)
		}
		resp, body = e.send(t, "POST", path, e.headersFor(tokenWithPermission),
			fmt.Sprintf(`{"version":%d,"status":"proposed","reason":"relance"}`, r.Version))
		if resp.StatusCode != 409 {
			t.Fatalf("stale move: %d\n%s", resp.StatusCode, body)
		}
		var p problemWithCurrent
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatal(err)
		}
		var current referral
		if err := json.Unmarshal(p.Current, &current); err != nil {
			t.Fatal(err)
		}
		if current.Version != r.Version+1 || current.NextFollowUp != next || !strings.Contains(p.Detail, "entre-temps") {
			t.Errorf("conflict answer: %+v, current %+v", p, current)
		}
	})
}
