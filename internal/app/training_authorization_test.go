package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// The authorization entries of the trainings' use cases
// (TestEveryUseCaseRefusesWhoMayNot), joined to the tables at init like the
// events' ones.
func init() {
	known := func(name string) bool {
		_, tested := useCaseAuthorization[name]
		_, exempt := useCaseExempt[name]
		return tested || exempt
	}
	for name, c := range trainingAuthorization {
		if !known(name) {
			useCaseAuthorization[name] = c
		}
	}
	for name, reason := range trainingExempt {
		if !known(name) {
			useCaseExempt[name] = reason
		}
	}
}

// demoTraining reads the demo's first training (the basics, whose
// certificate the nurse holds), valid as it is for an update.
func demoTraining(ctx context.Context, a *App) training.Training {
	var t training.Training
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, _, err := tx.Trainings(ctx, store.TrainingFilter{})
		for _, it := range list {
			if it.Title.Get("fr") == "Périnatalité sociale : les bases" {
				t = it
			}
		}
		return err
	})
	return t
}

// demoNurseCertificate and demoPendingDeclaration read the nurse's demo
// certificate and declaration (a Parc-Extension practitioner).
func demoNurseCertificate(ctx context.Context, a *App) int64 {
	var id int64
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByEmail(ctx, nurseEmail)
		if err != nil {
			return err
		}
		list, err := tx.Certificates(ctx, u.ID, 0)
		if len(list) > 0 {
			id = list[0].ID
		}
		return err
	})
	return id
}

func demoPendingDeclaration(ctx context.Context, a *App) int64 {
	var id int64
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.Declarations(ctx, 0, nil, training.Pending)
		if len(list) > 0 {
			id = list[0].ID
		}
		return err
	})
	return id
}

var trainingAuthorization = map[string]useCaseCase{
	// Trainers: events.manage, for the training's giving organisation.
	"Trainings.CreateTraining": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		t := demoTraining(ctx, a)
		t.ID, t.SessionIDs = 0, nil
		_, err := a.Trainings.CreateTraining(ctx, who, t)
		return err
	}},
	"Trainings.UpdateTraining": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.UpdateTraining(ctx, who, demoTraining(ctx, a))
		return err
	}},
	"Trainings.Participants": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.Participants(ctx, who, demoTraining(ctx, a).ID)
		return err
	}},
	"Trainings.MarkComplete": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Trainings.MarkComplete(ctx, who, demoTraining(ctx, a).ID, w.NurseID, "Rattrapage")
	}},
	// One's own record: community.participate.
	"Trainings.MyLearningRecord": {nurseEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.MyLearningRecord(ctx, who, 0, "fr")
		return err
	}},
	"Trainings.DeclareExternal": {nurseEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.DeclareExternal(ctx, who, training.Declaration{Title: "RCR", Provider: "Croix-Rouge", On: a.now().AddDate(0, 0, -3),
			Minutes: 60, ProofName: "a.pdf"}, []byte("%PDF-1.4\n"))
		return err
	}},
	"Trainings.IssueCertificate": {nurseEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.IssueCertificate(ctx, who, demoTraining(ctx, a).ID, 0)
		return err
	}},
	"Trainings.Certificate": {nurseEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.Certificate(ctx, who, demoNurseCertificate(ctx, a))
		return err
	}},
	// Coordinators: learning.review, on a site the person works at.
	"Trainings.PersonLearningRecord": {coordinatorEmail, berceau.PermLearningReview, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.PersonLearningRecord(ctx, who, w.NurseID, 0, "fr")
		return err
	}},
	"Trainings.SiteLearningRecords": {coordinatorEmail, berceau.PermLearningReview, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.SiteLearningRecords(ctx, who, 0, "fr")
		return err
	}},
	"Trainings.DecideDeclaration": {coordinatorEmail, berceau.PermLearningReview, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Trainings.DecideDeclaration(ctx, who, demoPendingDeclaration(ctx, a), true, "")
	}},
	"Trainings.DeclarationProof": {coordinatorEmail, berceau.PermLearningReview, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.DeclarationProof(ctx, who, demoPendingDeclaration(ctx, a))
		return err
	}},
	"Trainings.RevokeCertificate": {coordinatorEmail, berceau.PermLearningReview, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Trainings.RevokeCertificate(ctx, who, demoNurseCertificate(ctx, a), "Erreur")
	}},
	// The network's view: the network administrator.
	"Trainings.NetworkLearningRecords": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Trainings.NetworkLearningRecords(ctx, who, 0)
		return err
	}},
}

var trainingExempt = map[string]string{
	"Trainings.Catalogue":         "the public catalogue: every training, with its public sessions only",
	"Trainings.Training":          "a training's public page: sessions filtered by the reader's audiences (readerReach); the reader's own standing only",
	"Trainings.FormChoices":       "what the trainer's form offers; empty for whoever organises nothing (organizerOf)",
	"Trainings.VerifyCertificate": "public by design: the code printed on the certificate is the credential; the answer holds only what the certificate states",
	"Trainings.PublicKind":        "the portal's public source: a constant",
	"Trainings.SearchPublic":      "the portal's public source: the public catalogue",
	"Trainings.FeaturedPublic":    "the portal's public source: the public catalogue",
}
