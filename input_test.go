package berceau

import (
	"strings"
	"testing"
)

func TestValidWebURLTakesAbsoluteHTTPOnly(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"https://nid.example/halte": true, "http://nid.example": true, "HTTPS://nid.example/a?b=c#d": true,
		"javascript:alert(1)": false, "JavaScript:alert(1)": false, "data:text/html,<b>": false, "ftp://f.example/x": false,
		"//nid.example": false, "/halte": false, "nid.example": false, "https://": false, "https:///path": false,
		"https://nid.example/a b": false, "https://nid.example/\x00": false, "https://nid.example/\n": false,
		"https://nid.example/" + strings.Repeat("a", MaxURLLength): false, "": false,
	} {
		if got := ValidWebURL(s); got != want {
			t.Errorf("ValidWebURL(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestValidEmailAddressTakesOneBareAddress(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"accueil@nid.example": true, "a.b+c@d.example": true,
		"Nid <accueil@nid.example>": false, "a@b.example, c@d.example": false, "accueil": false, "@nid.example": false,
		"accueil@nid.example\x00": false, "": false, strings.Repeat("a", 250) + "@b.example": false,
	} {
		if got := ValidEmailAddress(s); got != want {
			t.Errorf("ValidEmailAddress(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParsePageRefusesWhatWouldOverflow(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]int{"": 1, "1": 1, "42": 42, "1000000": MaxPage} {
		if got, ok := ParsePage(s); !ok || got != want {
			t.Errorf("ParsePage(%q) = %d, %v", s, got, ok)
		}
	}
	for _, s := range []string{"0", "-1", "1000001", "9223372036854775807", "99999999999999999999", "1e3", " 1", "un"} {
		if _, ok := ParsePage(s); ok {
			t.Errorf("ParsePage(%q) accepted", s)
		}
	}
}

func TestParseDateRefusesYearZeroAndFarDates(t *testing.T) {
	t.Parallel()
	if d, err := ParseDate("2026-02-28"); err != nil || d.Year() != 2026 {
		t.Fatalf("a plain date: %v %v", d, err)
	}
	for s, key := range map[string]string{"0000-01-01": KeyDateRange, "1899-12-31": KeyDateRange, "2101-01-01": KeyDateRange,
		"31/02/1990": KeyDateInvalid, "2026-02-30": KeyDateInvalid} {
		_, err := ParseDate(s)
		if e, ok := err.(*Error); !ok || e.Key != key || e.Kind != KindInvalid {
			t.Errorf("ParseDate(%q): %v", s, err)
		}
	}
}

func FieldsOf(err error) map[string]string {
	if e, ok := err.(*Error); ok {
		return e.Fields
	}
	return nil
}
