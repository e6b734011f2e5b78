package knowledge

import (
	"strings"
	"testing"

	"github.com/berceau/berceau"
)

func TestPageSlugs(t *testing.T) {
	for slug, want := range map[string]bool{"about": true, "social-perinatal-care": true, "a1": true, "": false, "About": false,
		"-about": false, "about-": false, "a--b": false, "a/b": false, "à-propos": false, strings.Repeat("a", MaxSlugLength+1): false} {
		if got := ValidSlug(slug); got != want {
			t.Errorf("ValidSlug(%q) = %v, want %v", slug, got, want)
		}
	}
}

func TestPageValidation(t *testing.T) {
	langs := []string{"fr", "en"}
	ok := Page{Slug: "about", Title: berceau.TextOf("fr", "À propos"), Body: berceau.TextOf("fr", "Le réseau.")}
	if err := ok.Validate(langs, ""); err != nil {
		t.Fatalf("a valid page: %v", err)
	}
	cases := map[string]Page{
		"slug":     {Slug: "À propos", Title: ok.Title, Body: ok.Body},
		"title_fr": {Slug: "about"},
		"body_en":  {Slug: "about", Title: berceau.TextOf("fr", "À propos", "en", "About"), Body: ok.Body},
		"summary_fr": {Slug: "about", Title: ok.Title, Body: ok.Body,
			Summary: berceau.TextOf("fr", strings.Repeat("x", berceau.MaxShortTextLength+1))},
	}
	for field, p := range cases {
		err := p.Validate(langs, "")
		var e *berceau.Error
		if de, isDomain := err.(*berceau.Error); isDomain {
			e = de
		}
		if e == nil || e.Fields[field] == "" {
			t.Errorf("%s: got %v, want an error on that field", field, err)
		}
	}
	if err := ok.Validate(langs, strings.Repeat("n", berceau.MaxShortTextLength+1)); err == nil {
		t.Error("an overlong change note was accepted")
	}
}
