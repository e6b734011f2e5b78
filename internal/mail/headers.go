package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Header is an extra header field of a message, such as a newsletter's
// List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058).
type Header struct {
	Name, Value string
}

// validHeaderName reports whether name is an RFC 5322 field name: printable
// ASCII without a colon or a space.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range []byte(name) {
		if c <= ' ' || c >= 0x7f || c == ':' {
			return false
		}
	}
	return true
}

// withHeaders puts extra header fields at the top of a formatted message.
// A field whose name is not a field name, or whose value holds a line
// break or a non-ASCII character (these fields carry addresses only), is
// refused: nothing can open another header.
func withHeaders(msg []byte, headers []Header) ([]byte, error) {
	if len(headers) == 0 {
		return msg, nil
	}
	var b strings.Builder
	for _, h := range headers {
		if !validHeaderName(h.Name) {
			return nil, fmt.Errorf("mail: header name %q", h.Name)
		}
		for _, c := range []byte(h.Value) {
			if c < ' ' || c >= 0x7f {
				return nil, errors.New("mail: control or non-ASCII character in header " + h.Name)
			}
		}
		b.WriteString(h.Name + ": " + h.Value + "\r\n")
	}
	return append([]byte(b.String()), msg...), nil
}

// MessageWithHeaders is MessageWithAttachments with extra header fields.
func MessageWithHeaders(from, to *mail.Address, subject, body string, headers []Header, files []Attachment, date time.Time) ([]byte, error) {
	msg, err := MessageWithAttachments(from, to, subject, body, files, date)
	if err != nil {
		return nil, err
	}
	return withHeaders(msg, headers)
}

// SendWithHeaders writes one message with extra header fields (and files,
// if any).
func (s SMTP) SendWithHeaders(ctx context.Context, to, subject, body string, headers []Header, files []Attachment) error {
	if strings.ContainsAny(to+s.From, "\r\n") {
		return errors.New("mail: line break in an address")
	}
	from, err := mail.ParseAddress(s.From)
	if err != nil {
		return fmt.Errorf("mail: sender address %q: %w", s.From, err)
	}
	rcpt, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("mail: recipient address: %w", err)
	}
	msg, err := MessageWithHeaders(from, rcpt, subject, body, headers, files, time.Now())
	if err != nil {
		return err
	}
	return s.deliver(ctx, from, rcpt, msg)
}
