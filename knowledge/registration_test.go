package knowledge

import "testing"

// TestEveryRegistrationTransition checks every (state, action) pair, with a
// place free and without: the allowed ones lead where the table says, all
// others are refused and leave the state unchanged.
func TestEveryRegistrationTransition(t *testing.T) {
	type key struct {
		from RegistrationState
		act  RegistrationAction
	}
	// want[free] is the state reached with a place free, want[full] when the
	// event is full.
	type outcome struct{ free, full RegistrationState }
	allowed := map[key]outcome{
		{StateUnconfirmed, ActConfirm}:      {StateRegistered, StateWaitlisted},
		{StateUnconfirmed, ActCancel}:       {StateCancelled, StateCancelled},
		{StateAwaitingApproval, ActApprove}: {StateRegistered, StateWaitlisted},
		{StateAwaitingApproval, ActReject}:  {StateCancelled, StateCancelled},
		{StateAwaitingApproval, ActCancel}:  {StateCancelled, StateCancelled},
		{StateRegistered, ActCancel}:        {StateCancelled, StateCancelled},
		{StateRegistered, ActAttend}:        {StateAttended, StateAttended},
		{StateRegistered, ActNoShow}:        {StateNoShow, StateNoShow},
		{StateWaitlisted, ActCancel}:        {StateCancelled, StateCancelled},
		{StateWaitlisted, ActOffer}:         {StateOffered, StateOffered},
		{StateOffered, ActAccept}:           {StateRegistered, StateRegistered},
		{StateOffered, ActDecline}:          {StateCancelled, StateCancelled},
		{StateOffered, ActExpire}:           {StateExpired, StateExpired},
		{StateOffered, ActCancel}:           {StateCancelled, StateCancelled},
		{StateAttended, ActNoShow}:          {StateNoShow, StateNoShow},
		{StateNoShow, ActAttend}:            {StateAttended, StateAttended},
	}
	for _, from := range RegistrationStates {
		for _, act := range RegistrationActions {
			want, ok := allowed[key{from, act}]
			for _, free := range []bool{true, false} {
				next, got := Next(from, act, free)
				if got != ok {
					t.Errorf("%s --%s--> allowed = %v, want %v", from, act, got, ok)
					continue
				}
				if !ok {
					if next != from {
						t.Errorf("refused %s --%s--> changed the state to %s", from, act, next)
					}
					continue
				}
				w := want.full
				if free {
					w = want.free
				}
				if next != w {
					t.Errorf("%s --%s--> (place free %v) = %s, want %s", from, act, free, next, w)
				}
			}
		}
	}
}

func TestAdmitAndFreedPlaces(t *testing.T) {
	cases := []struct {
		free, approval bool
		want           RegistrationState
	}{
		{true, false, StateRegistered},
		{false, false, StateWaitlisted},
		{true, true, StateAwaitingApproval},
		{false, true, StateAwaitingApproval},
	}
	for _, c := range cases {
		if got := Admit(c.free, c.approval); got != c.want {
			t.Errorf("Admit(%v, %v) = %s, want %s", c.free, c.approval, got, c.want)
		}
	}
	frees := map[[2]RegistrationState]bool{
		{StateRegistered, StateCancelled}: true,
		{StateOffered, StateExpired}:      true,
		{StateOffered, StateCancelled}:    true,
		{StateOffered, StateRegistered}:   false,
		{StateWaitlisted, StateCancelled}: false,
		{StateRegistered, StateAttended}:  false,
	}
	for pair, want := range frees {
		if got := FreesPlace(pair[0], pair[1]); got != want {
			t.Errorf("FreesPlace(%s, %s) = %v, want %v", pair[0], pair[1], got, want)
		}
	}
}

func TestGuestValidation(t *testing.T) {
	g := Guest{Name: "  Awa Diallo ", Email: " Awa@Example.ORG ", Organisation: "Crèche Les Lucioles", Sector: SectorEarlyChildhood}
	g.Normalize()
	if g.Email != "awa@example.org" || g.Name != "Awa Diallo" || g.Language != "fr" {
		t.Fatalf("normalized %+v", g)
	}
	if f := g.Validate(); f != nil {
		t.Fatalf("valid guest refused: %v", f)
	}
	bad := Guest{Name: "", Email: "not an address", Sector: "cardiology"}
	f := bad.Validate()
	for _, field := range []string{"name", "email", "sector"} {
		if f[field] == "" {
			t.Errorf("field %s not refused: %v", field, f)
		}
	}
}
