package demo

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/training"
)

// TestDemoTrainingsGiveLearningRecords: the demo catalogue has its
// trainings with sessions, professionals with completed trainings and
// hours, an approved and a pending declaration whose proofs are valid
// PDFs, and certificates; loading twice adds nothing.
func TestDemoTrainingsGiveLearningRecords(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
			t.Fatal(err)
		}
		if err := LoadTrainings(ctx, st); err != nil {
			t.Fatal(err)
		}
		err := st.ReadTx(ctx, func(tx *store.Tx) error {
			list, total, err := tx.Trainings(ctx, store.TrainingFilter{})
			if err != nil {
				return err
			}
			if total != len(demoTrainings) || len(list) != total {
				t.Errorf("%d trainings, want %d (loaded twice?)", total, len(demoTrainings))
			}
			nurse, err := tx.UserByEmail(ctx, "infirmiere@berceau.example")
			if err != nil {
				return err
			}
			attended, err := tx.LearningAttendances(ctx, nurse.ID)
			if err != nil {
				return err
			}
			if len(attended[nurse.ID]) != 3 {
				t.Errorf("the nurse attended %d sessions, want 3 (two of the basics, one of motivational interviewing)", len(attended[nurse.ID]))
			}
			marks, err := tx.CompletionMarks(ctx, nurse.ID, 0)
			if err != nil {
				return err
			}
			if len(marks[nurse.ID]) != 1 {
				t.Errorf("the nurse's marks: %v, want one", marks)
			}
			certs, err := tx.Certificates(ctx, nurse.ID, 0)
			if err != nil {
				return err
			}
			if len(certs) != 1 || certs[0].Minutes != 360 {
				t.Errorf("the nurse's certificates: %+v", certs)
			}
			pending, err := tx.Declarations(ctx, 0, nil, training.Pending)
			if err != nil {
				return err
			}
			approved, err := tx.Declarations(ctx, 0, nil, training.Approved)
			if err != nil {
				return err
			}
			if len(pending) != 1 || len(approved) != 1 {
				t.Errorf("declarations: %d pending, %d approved; want one of each", len(pending), len(approved))
			}
			proof, err := tx.DeclarationProof(ctx, approved[0].ID)
			if err != nil {
				return err
			}
			path := filepath.Join(t.TempDir(), "proof.pdf")
			if err := os.WriteFile(path, proof, 0o600); err != nil {
				return err
			}
			if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
				t.Errorf("the demo proof is no valid PDF: %v\n%s", err, out)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
