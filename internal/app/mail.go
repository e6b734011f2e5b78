package app

import (
	"context"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/mail"
	"github.com/berceau/berceau/internal/store"
)

// Mailer sends one message; internal/mail's SMTP is the real one.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// AttachmentMailer is a Mailer that also sends files (internal/mail's SMTP
// is one). Messages with attachments go through it when the Mailer has it;
// otherwise their text alone is sent.
type AttachmentMailer interface {
	SendWithAttachments(ctx context.Context, to, subject, body string, files []mail.Attachment) error
}

// HeaderMailer is a Mailer that also sends extra header fields (a
// digest's List-Unsubscribe); internal/mail's SMTP is one. A message with
// headers goes through it when the Mailer has it.
type HeaderMailer interface {
	SendWithHeaders(ctx context.Context, to, subject, body string, headers []mail.Header, files []mail.Attachment) error
}

// mailBatch bounds how many messages one pass sends.
const mailBatch = 50

// SendPendingMail sends unsent outbox messages through the mailer and marks
// each one sent. Mail is first written to the outbox in the transaction that
// caused it, so nothing is lost when the SMTP server is down: the next pass
// tries again. It returns how many were sent.
func (a *App) SendPendingMail(ctx context.Context) (int, error) {
	if a.opts.Mailer == nil {
		return 0, nil
	}
	var pending []store.OutboxMessage
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		pending, err = tx.UnsentMail(ctx, mailBatch)
		return err
	}); err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range pending {
		if err := sendOutboxMessage(ctx, a.opts.Mailer, m); err != nil {
			// Logged without the message: it may hold a single-use link.
			a.log.Warn("mail not sent; will retry", "outbox_id", m.ID, "err", err)
			return sent, nil
		}
		if err := a.store.WriteTx(ctx, func(tx *store.Tx) error { return tx.MarkMailSent(ctx, m.ID) }); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

// sendOutboxMessage sends one message, with its files when the mailer
// can attach them.
func sendOutboxMessage(ctx context.Context, mailer Mailer, m store.OutboxMessage) error {
	if withHeaders, ok := mailer.(HeaderMailer); ok && len(m.Headers) > 0 {
		headers := make([]mail.Header, len(m.Headers))
		for i, h := range m.Headers {
			headers[i] = mail.Header{Name: h.Name, Value: h.Value}
		}
		files := make([]mail.Attachment, len(m.Attachments))
		for i, f := range m.Attachments {
			files[i] = mail.Attachment{Filename: f.Filename, ContentType: f.ContentType, Content: f.Content}
		}
		return withHeaders.SendWithHeaders(ctx, m.Recipient, m.Subject, m.Body, headers, files)
	}
	withFiles, ok := mailer.(AttachmentMailer)
	if !ok || len(m.Attachments) == 0 {
		return mailer.Send(ctx, m.Recipient, m.Subject, m.Body)
	}
	files := make([]mail.Attachment, len(m.Attachments))
	for i, f := range m.Attachments {
		files[i] = mail.Attachment{Filename: f.Filename, ContentType: f.ContentType, Content: f.Content}
	}
	return withFiles.SendWithAttachments(ctx, m.Recipient, m.Subject, m.Body, files)
}

// queueMail writes a translated message with a link into the outbox.
func (a *App) queueMail(ctx context.Context, tx *store.Tx, to berceau.User, key, path, from string) error {
	network, _ := tx.Setting(ctx, berceau.SettingNetworkName)
	loc := a.opts.I18n.Localizer(to.Locale)
	if network == "" {
		network = loc.T("app.default_network_name")
	}
	link := strings.TrimRight(a.opts.BaseURL, "/") + path
	args := []any{"Name", to.DisplayName, "Network", network, "Link", link, "From", from}
	m := store.OutboxMessage{Recipient: to.Email, Subject: loc.T(key+".subject", args...), Body: loc.T(key+".body", args...)}
	return tx.QueueMail(ctx, &m)
}
