package mail

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"mime"
	"net/mail"
	"strings"
	"time"
)

// Attachment is one file sent with a message, such as an .ics invitation.
type Attachment struct {
	Filename    string
	ContentType string // e.g. `text/calendar; charset=utf-8; method=REQUEST`
	Content     []byte
}

// MessageWithAttachments formats a multipart/mixed message: the plain-text
// body first, then every file base64-encoded in lines of 76 characters.
// Without files it is Message.
func MessageWithAttachments(from, to *mail.Address, subject, body string, files []Attachment, date time.Time) ([]byte, error) {
	if len(files) == 0 {
		return Message(from, to, subject, body, date)
	}
	id, err := messageID(from.Address)
	if err != nil {
		return nil, err
	}
	raw := make([]byte, 12)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	boundary := "berceau-" + hex.EncodeToString(raw)
	var b strings.Builder
	b.WriteString("From: " + from.String() + "\r\n")
	b.WriteString("To: " + to.String() + "\r\n")
	subject = strings.Join(strings.Fields(subject), " ")
	b.WriteString("Subject: " + mime.QEncoding.Encode("utf-8", subject) + "\r\n")
	b.WriteString("Date: " + date.UTC().Format(time.RFC1123Z) + "\r\n")
	b.WriteString("Message-ID: " + id + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n")
	b.WriteString("--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		b.WriteString(line + "\r\n")
	}
	for _, f := range files {
		if strings.ContainsAny(f.Filename+f.ContentType, "\r\n\"") {
			return nil, errors.New("mail: line break or quote in an attachment's name or type")
		}
		b.WriteString("--" + boundary + "\r\n")
		b.WriteString("Content-Type: " + f.ContentType + "; name=\"" + f.Filename + "\"\r\n")
		b.WriteString("Content-Disposition: attachment; filename=\"" + f.Filename + "\"\r\n")
		b.WriteString("Content-Transfer-Encoding: base64\r\n\r\n")
		enc := base64.StdEncoding.EncodeToString(f.Content)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	}
	b.WriteString("--" + boundary + "--\r\n")
	return []byte(b.String()), nil
}
