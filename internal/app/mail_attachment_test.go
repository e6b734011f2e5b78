package app

import (
	"context"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/mail"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// filesMailer records what it is asked to send.
type filesMailer struct {
	plain, withFiles int
	files            []mail.Attachment
}

func (m *filesMailer) Send(context.Context, string, string, string) error { m.plain++; return nil }

func (m *filesMailer) SendWithAttachments(_ context.Context, _, _, _ string, files []mail.Attachment) error {
	m.withFiles++
	m.files = append(m.files, files...)
	return nil
}

// TestPendingMailCarriesItsAttachments: a message queued with an .ics goes
// out through the mailer's attachment path with the file unchanged; one
// without goes out plain.
func TestPendingMailCarriesItsAttachments(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		mailer := &filesMailer{}
		a.opts.Mailer = mailer
		ics := []byte("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n")
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			if err := tx.QueueMail(ctx, &store.OutboxMessage{Recipient: "a@example.org", Subject: "Invitation", Body: "…",
				Attachments: []store.OutboxAttachment{{Filename: "invitation.ics", ContentType: "text/calendar; method=REQUEST", Content: ics}}}); err != nil {
				return err
			}
			return tx.QueueMail(ctx, &store.OutboxMessage{Recipient: "b@example.org", Subject: "Plain", Body: "…"})
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := a.SendPendingMail(ctx); err != nil || n != 2 {
			t.Fatalf("sent %d, %v", n, err)
		}
		if mailer.withFiles != 1 || mailer.plain != 1 || len(mailer.files) != 1 || string(mailer.files[0].Content) != string(ics) ||
			!strings.Contains(mailer.files[0].ContentType, "method=REQUEST") {
			t.Fatalf("mailer saw %d with files, %d plain, files %+v", mailer.withFiles, mailer.plain, mailer.files)
		}
	})
}
