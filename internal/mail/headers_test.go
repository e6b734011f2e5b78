package mail

import (
	"context"
	"strings"
	"testing"
)

// TestSendWithHeadersCarriesListUnsubscribe: the extra fields reach the
// server as header fields, before the body.
func TestSendWithHeadersCarriesListUnsubscribe(t *testing.T) {
	addr, received := fakeSMTP(t)
	s := SMTP{Addr: addr, From: "berceau@reseau.example"}
	headers := []Header{{"List-Unsubscribe", "<https://berceau.example/news/unsubscribe/abc>, <mailto:berceau@reseau.example?subject=unsubscribe%20abc>"},
		{"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}}
	if err := s.SendWithHeaders(context.Background(), "amina@berceau.example", "Nouvelles", "Bonjour", headers, nil); err != nil {
		t.Fatal(err)
	}
	got := <-received
	head, _, ok := strings.Cut(got, "\r\n\r\n")
	if !ok {
		t.Fatalf("no header/body split:\n%s", got)
	}
	for _, want := range []string{"List-Unsubscribe: <https://berceau.example/news/unsubscribe/abc>, <mailto:", "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", "Subject: Nouvelles"} {
		if !strings.Contains(head, want) {
			t.Errorf("header lacks %q:\n%s", want, head)
		}
	}
}

// TestSendWithHeadersRefusesInjection: a line break in a value, or a bad
// name, is refused before anything is sent.
func TestSendWithHeadersRefusesInjection(t *testing.T) {
	s := SMTP{Addr: "127.0.0.1:1", From: "berceau@reseau.example"}
	for _, h := range []Header{{"List-Unsubscribe", "<https://x>\r\nBcc: y@z.example"}, {"Bad Name", "v"}, {"X:Y", "v"}} {
		if err := s.SendWithHeaders(context.Background(), "a@b.example", "s", "b", []Header{h}, nil); err == nil || !strings.Contains(err.Error(), "header") {
			t.Errorf("header %q accepted: %v", h, err)
		}
	}
}
