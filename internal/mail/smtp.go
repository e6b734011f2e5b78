// Package mail sends Berceau's messages through an SMTP server.
package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"
)

// SMTP sends mail through one server, with STARTTLS when the server offers
// it and PLAIN authentication when a user is configured.
type SMTP struct {
	Addr     string // host:port
	From     string
	User     string
	Password string
}

// Send writes one plain-text UTF-8 message. The sender may carry a display
// name ("Réseau Berceau <berceau@reseau.example>"): the envelope gets the
// bare address, the From header keeps the name.
func (s SMTP) Send(ctx context.Context, to, subject, body string) error {
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
	msg, err := Message(from, rcpt, subject, body, time.Now())
	if err != nil {
		return err
	}
	return s.deliver(ctx, from, rcpt, msg)
}

// SendWithAttachments writes one message with files attached (a
// multipart/mixed message: the text, then each file in base64).
func (s SMTP) SendWithAttachments(ctx context.Context, to, subject, body string, files []Attachment) error {
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
	msg, err := MessageWithAttachments(from, rcpt, subject, body, files, time.Now())
	if err != nil {
		return err
	}
	return s.deliver(ctx, from, rcpt, msg)
}

func (s SMTP) deliver(ctx context.Context, from, rcpt *mail.Address, msg []byte) error {
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("mail: server address: %w", err)
	}
	d := net.Dialer{Timeout: 10 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("mail: connect: %w", err)
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	} else {
		_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: greeting: %w", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(tlsConfig(host)); err != nil {
			return fmt.Errorf("mail: starttls: %w", err)
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
			return fmt.Errorf("mail: authenticate: %w", err)
		}
	}
	if err := c.Mail(from.Address); err != nil {
		return fmt.Errorf("mail: sender: %w", err)
	}
	if err := c.Rcpt(rcpt.Address); err != nil {
		return fmt.Errorf("mail: recipient: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail: data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("mail: write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: send: %w", err)
	}
	return c.Quit()
}

// Message formats a plain-text UTF-8 message with CRLF line ends, with the
// Date and a unique Message-ID that mail servers and spam filters expect.
func Message(from, to *mail.Address, subject, body string, date time.Time) ([]byte, error) {
	id, err := messageID(from.Address)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("From: " + from.String() + "\r\n")
	b.WriteString("To: " + to.String() + "\r\n")
	subject = strings.Join(strings.Fields(subject), " ") // no line break can open a new header
	b.WriteString("Subject: " + mime.QEncoding.Encode("utf-8", subject) + "\r\n")
	b.WriteString("Date: " + date.UTC().Format(time.RFC1123Z) + "\r\n")
	b.WriteString("Message-ID: " + id + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	// net/smtp's data writer does the dot-stuffing.
	for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		b.WriteString(line + "\r\n")
	}
	return []byte(b.String()), nil
}

// messageID is a unique id in the sender's domain: 16 random bytes.
func messageID(sender string) (string, error) {
	domain := "berceau.invalid"
	if at := strings.LastIndex(sender, "@"); at >= 0 && at < len(sender)-1 {
		domain = sender[at+1:]
	}
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return "<" + hex.EncodeToString(raw) + "@" + domain + ">", nil
}

func tlsConfig(host string) *tls.Config {
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}
