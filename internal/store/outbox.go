package store

import (
	"context"
	"database/sql"
	"time"
)

// OutboxMessage is an email Berceau wrote: sent through SMTP when one is
// configured, otherwise kept for administrators to read.
type OutboxMessage struct {
	ID        int64
	Recipient string
	Subject   string
	Body      string
	CreatedAt time.Time
	SentAt    time.Time // zero while unsent
	// Attachments are sent with the message (an invitation's .ics).
	Attachments []OutboxAttachment
	// Headers are extra header fields (a digest's List-Unsubscribe).
	Headers []OutboxHeader
}

// OutboxHeader is one extra header field of an outbox message.
type OutboxHeader struct {
	Name, Value string
}

// OutboxAttachment is one file sent with an outbox message.
type OutboxAttachment struct {
	Filename    string
	ContentType string
	Content     []byte
}

// QueueMail adds a message to the outbox.
func (tx *Tx) QueueMail(ctx context.Context, m *OutboxMessage) error {
	id, err := tx.insertID(ctx, `INSERT INTO outbox (recipient, subject, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		m.Recipient, m.Subject, m.Body, tx.now)
	if err != nil {
		return wrapErr("queue mail", err)
	}
	m.ID, m.CreatedAt = id, tx.now
	for _, a := range m.Attachments {
		if _, err := tx.exec(ctx, `INSERT INTO outbox_attachments (outbox_id, filename, content_type, content) VALUES ($1, $2, $3, $4)`,
			id, a.Filename, a.ContentType, a.Content); err != nil {
			return wrapErr("queue mail attachment", err)
		}
	}
	for i, h := range m.Headers {
		if _, err := tx.exec(ctx, `INSERT INTO outbox_headers (outbox_id, position, name, value) VALUES ($1, $2, $3, $4)`,
			id, i, h.Name, h.Value); err != nil {
			return wrapErr("queue mail header", err)
		}
	}
	return nil
}

// attachOutbox reads the attachments of the listed messages.
func (tx *Tx) attachOutbox(ctx context.Context, list []OutboxMessage) error {
	for i := range list {
		atts, err := queryAll(ctx, tx, "read mail attachments", func(row rowScanner) (OutboxAttachment, error) {
			var a OutboxAttachment
			err := row.Scan(&a.Filename, &a.ContentType, &a.Content)
			return a, err
		}, `SELECT filename, content_type, content FROM outbox_attachments WHERE outbox_id = $1 ORDER BY id`, list[i].ID)
		if err != nil {
			return err
		}
		list[i].Attachments = atts
		headers, err := queryAll(ctx, tx, "read mail headers", func(row rowScanner) (OutboxHeader, error) {
			var h OutboxHeader
			err := row.Scan(&h.Name, &h.Value)
			return h, err
		}, `SELECT name, value FROM outbox_headers WHERE outbox_id = $1 ORDER BY position`, list[i].ID)
		if err != nil {
			return err
		}
		list[i].Headers = headers
	}
	return nil
}

// ListOutbox returns the newest messages first, at most limit.
func (tx *Tx) ListOutbox(ctx context.Context, limit int) ([]OutboxMessage, error) {
	var list []OutboxMessage
	if err := tx.eachRow(ctx, "list the outbox", func(row rowScanner) error {
		var m OutboxMessage
		var sent sql.NullTime
		if err := row.Scan(&m.ID, &m.Recipient, &m.Subject, &m.Body, &m.CreatedAt, &sent); err != nil {
			return err
		}
		m.SentAt = sent.Time
		list = append(list, m)
		return nil
	}, `SELECT id, recipient, subject, body, created_at, sent_at FROM outbox
		ORDER BY id DESC LIMIT $1`, limit); err != nil {
		return nil, err
	}
	if err := tx.attachOutbox(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// MarkMailSent records that a message left through SMTP.
func (tx *Tx) MarkMailSent(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `UPDATE outbox SET sent_at = $1 WHERE id = $2`, tx.now, id)
	return wrapErr("mark mail sent", err)
}

// UnsentMail returns the oldest messages not sent yet, at most limit.
func (tx *Tx) UnsentMail(ctx context.Context, limit int) ([]OutboxMessage, error) {
	var list []OutboxMessage
	if err := tx.eachRow(ctx, "read unsent mail", func(row rowScanner) error {
		var m OutboxMessage
		if err := row.Scan(&m.ID, &m.Recipient, &m.Subject, &m.Body, &m.CreatedAt); err != nil {
			return err
		}
		list = append(list, m)
		return nil
	}, `SELECT id, recipient, subject, body, created_at FROM outbox
		WHERE sent_at IS NULL ORDER BY id LIMIT $1`, limit); err != nil {
		return nil, err
	}
	if err := tx.attachOutbox(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}
