package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	nm "net/mail"
	"strings"
	"testing"
	"time"
)

// TestMessageWithAttachmentsParsesAsMultipart reads the message back with
// the standard library's MIME reader: the text, then the calendar file
// byte for byte with its method parameter.
func TestMessageWithAttachmentsParsesAsMultipart(t *testing.T) {
	from := &nm.Address{Name: "Réseau", Address: "berceau@reseau.example"}
	to := &nm.Address{Address: "guest@example.org"}
	ics := []byte(strings.Repeat("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n", 10) + "END:VCALENDAR\r\n")
	raw, err := MessageWithAttachments(from, to, "Inscription confirmée", "Bonjour\nÀ bientôt", []Attachment{
		{Filename: "invitation.ics", ContentType: "text/calendar; charset=utf-8; method=REQUEST", Content: ics},
	}, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := nm.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/mixed" {
		t.Fatalf("content type %q, %v", mediaType, err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	text, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(text)
	if !strings.Contains(string(body), "À bientôt") {
		t.Fatalf("text part %q", body)
	}
	file, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if file.FileName() != "invitation.ics" || !strings.Contains(file.Header.Get("Content-Type"), "method=REQUEST") {
		t.Fatalf("attachment header %v", file.Header)
	}
	// multipart decodes quoted-printable only; base64 is decoded here
	// (the decoder skips the line ends).
	decoded, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, file))
	if err != nil || !bytes.Equal(decoded, ics) {
		t.Fatalf("attachment content differs (%v)", err)
	}
	if _, err := r.NextPart(); err != io.EOF {
		t.Fatalf("more parts than expected: %v", err)
	}
}
