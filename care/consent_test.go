package care

import (
	"testing"

	"github.com/berceau/berceau"
)

func TestAConsentHoldsFromItsDateUntilWithdrawnOrExpired(t *testing.T) {
	t.Parallel()
	c := Consent{Kind: ConsentSharing, Partner: "CLSC de Parc-Extension", GivenOn: day("2026-11-01"), ExpiresOn: day("2027-11-01")}
	cases := map[string]bool{"2026-10-31": false, "2026-11-01": true, "2027-11-01": true, "2027-11-02": false}
	for on, want := range cases {
		if got := c.InForce(day(on)); got != want {
			t.Errorf("on %s: %v, want %v", on, got, want)
		}
	}
	c.WithdrawnOn = day("2027-02-15")
	if c.InForce(day("2027-02-15")) || !c.InForce(day("2027-02-14")) {
		t.Error("a withdrawal takes effect on its date")
	}
	if !SharingAllowed([]Consent{{Kind: ConsentSharing, Partner: "CLSC de Parc-Extension", GivenOn: day("2026-11-01"), ExpiresOn: day("2027-11-01")}},
		" clsc de parc-extension", day("2027-01-01")) {
		t.Error("sharing with the named partner is refused")
	}
	if SharingAllowed([]Consent{c}, "Maison de la famille", day("2027-01-01")) {
		t.Error("sharing with another partner is allowed")
	}
}

func TestASharingConsentNamesAPartnerAndAnExpiry(t *testing.T) {
	t.Parallel()
	cases := map[string]Consent{
		"no partner":          {Kind: ConsentSharing, GivenOn: day("2026-11-01"), ExpiresOn: day("2027-11-01")},
		"no expiry":           {Kind: ConsentSharing, Partner: "CLSC", GivenOn: day("2026-11-01")},
		"expiry before given": {Kind: ConsentSharing, Partner: "CLSC", GivenOn: day("2026-11-01"), ExpiresOn: day("2026-10-01")},
		"no date":             {Kind: ConsentProcessing},
		"no kind":             {GivenOn: day("2026-11-01")},
	}
	for name, c := range cases {
		if err := c.Validate(); berceau.KindOf(err) != berceau.KindInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
	ok := Consent{Kind: ConsentProcessing, GivenOn: day("2026-11-01")}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
}
