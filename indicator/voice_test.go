package indicator

import (
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func TestVoiceSuppressionHidesSmallSitesAndTheirComplement(t *testing.T) {
	sites := []VoiceSiteResult{
		{SiteID: 1, SiteName: "A", Responses: 20},
		{SiteID: 2, SiteName: "B", Responses: 3},
		{SiteID: 3, SiteName: "C", Responses: 7},
	}
	out, network := SuppressVoiceSites(sites, VoiceSiteResult{Responses: 30}, 5)
	if !out[1].Suppressed || out[1].Responses != 0 {
		t.Fatalf("B (3 responses) shown: %+v", out[1])
	}
	// With B alone hidden, 30 − 20 − 7 would give it back: C, the smallest
	// shown, is hidden too.
	if !out[2].Suppressed || out[0].Suppressed || network.Suppressed || network.Responses != 30 {
		t.Fatalf("complementary suppression: %+v, network %+v", out, network)
	}
	shown := 0
	for _, s := range out {
		if !s.Suppressed {
			shown += s.Responses
		}
	}
	if network.Responses-shown == 3 {
		t.Fatal("the hidden site's count can be recomputed from the totals")
	}
	// Two hidden sites: their sum is known, neither alone.
	out, _ = SuppressVoiceSites([]VoiceSiteResult{{SiteID: 1, Responses: 20}, {SiteID: 2, Responses: 3}, {SiteID: 3, Responses: 2}},
		VoiceSiteResult{Responses: 25}, 5)
	if out[0].Suppressed || !out[1].Suppressed || !out[2].Suppressed {
		t.Fatalf("two small sites: %+v", out)
	}
	// A single site hidden beside a single shown: the network goes too.
	out, network = SuppressVoiceSites([]VoiceSiteResult{{SiteID: 1, Responses: 3}}, VoiceSiteResult{Responses: 3}, 5)
	if !out[0].Suppressed || !network.Suppressed {
		t.Fatalf("one site: %+v %+v", out, network)
	}
}

func TestVoiceAnswersAreCheckedByKind(t *testing.T) {
	qs := []VoiceQuestion{
		{VersionID: 1, Kind: VoiceAgreement}, {VersionID: 2, Kind: VoiceYesNo}, {VersionID: 3, Kind: VoiceFreeComment},
	}
	kept, err := CheckVoiceAnswers(qs, map[int64]VoiceAnswer{1: {Value: 5}, 2: {Value: 0}, 3: {Comment: "  "}})
	if err != nil || len(kept) != 2 {
		t.Fatalf("kept %+v, %v: an empty comment is dropped, the rest kept", kept, err)
	}
	long := make([]rune, MaxVoiceCommentLength+1)
	for i := range long {
		long[i] = 'é'
	}
	_, err = CheckVoiceAnswers(qs, map[int64]VoiceAnswer{1: {Value: 0}, 2: {Value: 2}, 3: {Comment: string(long)}})
	e, ok := err.(*berceau.Error)
	if !ok || e.Fields["q1"] != "voice.error.value" || e.Fields["q2"] != "voice.error.value" || e.Fields["q3"] != "voice.error.comment_long" {
		t.Fatalf("bad answers: %v", err)
	}
	if VoicePeriod(time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC)) != "2026-12" || ValidVoicePeriod("2026-13") || !ValidVoicePeriod("2026-01") {
		t.Fatal("periods are months")
	}
	inv := VoiceInvitation{ExpiresAt: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}
	if inv.Usable(inv.ExpiresAt) == nil || inv.Usable(inv.ExpiresAt.Add(-time.Second)) != nil {
		t.Fatal("a link expires at its expiry")
	}
	if err := CheckVoiceModeration(VoicePending, VoiceShared); err != nil {
		t.Fatal(err)
	}
	if CheckVoiceModeration(VoiceShared, VoicePending) == nil || CheckVoiceModeration(VoiceHidden, VoiceHidden) == nil {
		t.Fatal("back to pending, or to the same state, is refused")
	}
}
