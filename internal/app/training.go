package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
	"github.com/berceau/berceau/training"
)

// TrainingService holds the use cases of trainings (package training): the
// public catalogue, the editors' forms, the trainers' completion marks,
// each professional's learning record with their declared external
// trainings, and certificates (training_record.go, training_certificate.go).
type TrainingService struct{ *App }

// TrainingQuery is the catalogue's filters.
type TrainingQuery struct {
	Modality      training.Modality
	Discipline    berceau.Discipline
	Language      string
	Limit, Offset int
}

// TrainingSummary is a training of the catalogue with what its card shows.
type TrainingSummary struct {
	Training training.Training
	Provider directory.DirectoryOrganization
	// Sessions are the sessions an anonymous visitor may see (public
	// events), soonest first.
	Sessions []knowledge.Event
}

// TrainingList is a page of the catalogue.
type TrainingList struct {
	Items []TrainingSummary
	Total int
}

// Catalogue lists the catalogue: every training, with its giving
// organisation and its public sessions. Anyone may read it.
func (s *TrainingService) Catalogue(ctx context.Context, q TrainingQuery) (TrainingList, error) {
	var out TrainingList
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, total, err := tx.Trainings(ctx, store.TrainingFilter{Modality: q.Modality, Discipline: q.Discipline, Language: q.Language,
			Limit: q.Limit, Offset: q.Offset})
		if err != nil {
			return err
		}
		out.Total = total
		orgs := map[string]directory.DirectoryOrganization{}
		for _, t := range list {
			item := TrainingSummary{Training: t}
			if item.Provider, err = cachedOrganization(ctx, tx, orgs, t.OrganizationID); err != nil {
				return err
			}
			if item.Sessions, err = visibleSessions(ctx, tx, store.EventReach{}, t.SessionIDs); err != nil {
				return err
			}
			out.Items = append(out.Items, item)
		}
		return nil
	})
	return out, domainError(err)
}

func cachedOrganization(ctx context.Context, tx *store.Tx, cache map[string]directory.DirectoryOrganization, id string) (directory.DirectoryOrganization, error) {
	if o, ok := cache[id]; ok {
		return o, nil
	}
	o, err := tx.DirectoryOrganizationByID(ctx, id)
	if berceau.IsNotFound(err) {
		return directory.DirectoryOrganization{ID: id}, nil
	}
	cache[id] = o
	return o, err
}

// visibleSessions reads the events of ids that reach lets see.
func visibleSessions(ctx context.Context, tx *store.Tx, reach store.EventReach, ids []int64) ([]knowledge.Event, error) {
	var out []knowledge.Event
	for _, id := range ids {
		e, err := tx.EventByID(ctx, id)
		if err != nil {
			return nil, err
		}
		if sees(reach, e) {
			e.Place.JoinURL = "" // the event's own page gives it to the people registered
			out = append(out, e)
		}
	}
	return out, nil
}

// TrainingDetail is one training as its page shows it.
type TrainingDetail struct {
	TrainingSummary
	// CanManage: the reader gives this training (its trainers and the
	// network's editors): they edit it and mark completions.
	CanManage bool
	// Completion is the signed-in reader's own standing; nil when they
	// registered to no session and hold no mark.
	Completion *training.Completion
}

// Training reads one training with the sessions the reader may see.
func (s *TrainingService) Training(ctx context.Context, actor berceau.Actor, id int64) (TrainingDetail, error) {
	var d TrainingDetail
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		t, err := tx.TrainingByID(ctx, id)
		if err != nil {
			return err
		}
		d.Training = t
		if d.Provider, err = cachedOrganization(ctx, tx, map[string]directory.DirectoryOrganization{}, t.OrganizationID); err != nil {
			return err
		}
		reach, err := readerReach(ctx, tx, actor)
		if err != nil {
			return err
		}
		if d.Sessions, err = visibleSessions(ctx, tx, reach, t.SessionIDs); err != nil {
			return err
		}
		if d.CanManage, err = mayManageTraining(ctx, tx, actor, t); err != nil {
			return err
		}
		if actor.User.ID == 0 {
			return nil
		}
		return completionOfTx(ctx, tx, t, actor.User.ID, &d.Completion)
	})
	return d, domainError(err)
}

// completionOfTx sets *out to the person's standing with the training, or
// leaves it nil when they have nothing to do with it.
func completionOfTx(ctx context.Context, tx *store.Tx, t training.Training, userID int64, out **training.Completion) error {
	sessions, err := tx.TrainingSessions(ctx, []int64{t.ID})
	if err != nil {
		return err
	}
	attended, err := tx.LearningAttendances(ctx, userID)
	if err != nil {
		return err
	}
	marks, err := tx.CompletionMarks(ctx, userID, t.ID)
	if err != nil {
		return err
	}
	seen := map[int64]bool{}
	for _, a := range attended[userID] {
		seen[a.EventID] = true
	}
	var mark *training.Mark
	if m, ok := marks[userID][t.ID]; ok {
		mark = &m
	}
	registered := false
	for _, s := range sessions[t.ID] {
		if _, err := tx.RegistrationOf(ctx, s.EventID, userID, ""); err == nil {
			registered = true
		} else if !berceau.IsNotFound(err) {
			return err
		}
	}
	if !registered && mark == nil {
		return nil
	}
	c := training.Complete(sessions[t.ID], seen, mark)
	*out = &c
	return nil
}

// mayManageTraining reports whether the actor gives the training. The
// sessions of a training are events, so its trainers are who organises
// events for its giving organisation (events.manage, organizerOf): the
// network's editors and coordinators for every organisation, the staff of
// that organisation for its own. Every role holding knowledge.edit holds
// events.manage too.
func mayManageTraining(ctx context.Context, tx *store.Tx, actor berceau.Actor, t training.Training) (bool, error) {
	o, err := organizerOf(ctx, tx, actor)
	return o.mayOrganize([]string{t.OrganizationID}), err
}

// mayTrain reports for which organisations the actor may give trainings.
func mayTrain(ctx context.Context, tx *store.Tx, actor berceau.Actor) (organizer, error) {
	return organizerOf(ctx, tx, actor)
}

var errNotTrainer = berceau.Errorf(berceau.KindForbidden, "training.error.not_trainer")

// TrainingFormChoices is what the editors' form offers: the organisations
// they may give a training for and the events that may be its sessions.
type TrainingFormChoices struct {
	Organizations []directory.DirectoryOrganization
	Events        []knowledge.Event
}

// FormChoices lists what the actor's training form offers; empty for
// whoever gives no training.
func (s *TrainingService) FormChoices(ctx context.Context, actor berceau.Actor) (TrainingFormChoices, error) {
	var out TrainingFormChoices
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		o, err := mayTrain(ctx, tx, actor)
		if err != nil || !o.any() {
			return err
		}
		orgs, _, err := tx.DirectoryOrganizations(ctx, store.DirectoryPage{Limit: maxChoices})
		if err != nil {
			return err
		}
		for _, org := range orgs {
			if o.all || o.orgs[org.ID] {
				out.Organizations = append(out.Organizations, org)
			}
		}
		// Sessions: the events of the last two years and to come that the
		// actor organises.
		events, err := tx.Events(ctx, knowledge.EventFilter{From: tx.Now().AddDate(-2, 0, 0), To: tx.Now().AddDate(2, 0, 0)}, store.EventReach{All: true})
		if err != nil {
			return err
		}
		for _, e := range events {
			if o.mayOrganize(e.Organizers) {
				out.Events = append(out.Events, e)
			}
		}
		return nil
	})
	return out, domainError(err)
}

// checkTrainingTx verifies, inside the transaction, that the actor gives
// the training's organisation and may organise each of its sessions.
func checkTrainingTx(ctx context.Context, tx *store.Tx, actor berceau.Actor, t training.Training) error {
	o, err := mayTrain(ctx, tx, actor)
	if err != nil {
		return err
	}
	if !o.mayOrganize([]string{t.OrganizationID}) {
		return errNotTrainer
	}
	if _, err := tx.DirectoryOrganizationByID(ctx, t.OrganizationID); err != nil {
		if berceau.IsNotFound(err) {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"organization": "training.error.organization_required"}}
		}
		return err
	}
	for _, id := range t.SessionIDs {
		e, err := tx.EventByID(ctx, id)
		if berceau.IsNotFound(err) {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"sessions": "training.error.session_unknown"}}
		}
		if err != nil {
			return err
		}
		if !o.mayOrganize(e.Organizers) {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"sessions": "training.error.session_not_yours"}}
		}
	}
	return nil
}

// CreateTraining adds a training to the catalogue.
func (s *TrainingService) CreateTraining(ctx context.Context, actor berceau.Actor, t training.Training) (training.Training, error) {
	t.Normalize()
	t.ID, t.CreatedBy = 0, actor.User.ID
	if err := t.Validate(); err != nil {
		return t, err
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := checkTrainingTx(ctx, tx, actor, t); err != nil {
			return err
		}
		if err := tx.CreateTraining(ctx, &t); err != nil {
			return err
		}
		return record(ctx, tx, actor, "training.create", "training", t.ID, berceau.OutcomeSuccess, t.Title.String())
	})
	return t, s.refusal(ctx, actor, "training.create", t.ID, err)
}

// UpdateTraining changes a training: its trainers only, for an
// organisation they give trainings for.
func (s *TrainingService) UpdateTraining(ctx context.Context, actor berceau.Actor, t training.Training) (training.Training, error) {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return t, err
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		old, err := tx.TrainingByID(ctx, t.ID)
		if err != nil {
			return err
		}
		if ok, err := mayManageTraining(ctx, tx, actor, old); err != nil || !ok {
			return firstErr(err, errNotTrainer)
		}
		if err := checkTrainingTx(ctx, tx, actor, t); err != nil {
			return err
		}
		if err := tx.UpdateTraining(ctx, &t); err != nil {
			return err
		}
		t.CreatedBy, t.CreatedAt = old.CreatedBy, old.CreatedAt
		return record(ctx, tx, actor, "training.update", "training", t.ID, berceau.OutcomeSuccess, t.Title.String())
	})
	return t, s.refusal(ctx, actor, "training.update", t.ID, err)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// refusal audits a refused change on its own (the change's transaction
// rolled back with its entry) and turns err into a domain error.
func (s *TrainingService) refusal(ctx context.Context, actor berceau.Actor, action string, id int64, err error) error {
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, action, "training", id, berceau.OutcomeDenied, refusalKey(err))
	}
	return domainError(err)
}

// ParticipantStanding is one participant of a training with their
// completion and certificate.
type ParticipantStanding struct {
	training.Participant
	Completion  training.Completion
	Certificate *training.Certificate // in force; nil when none issued
}

// ParticipantList is a training's participants as its trainers see them.
type ParticipantList struct {
	Training     training.Training
	Sessions     []training.Session
	Participants []ParticipantStanding
	// Certificates are every certificate issued for the training, revoked
	// ones too.
	Certificates []training.Certificate
}

// Participants lists the members registered to the training's sessions
// with their attendance and completion: its trainers only, audited.
func (s *TrainingService) Participants(ctx context.Context, actor berceau.Actor, trainingID int64) (ParticipantList, error) {
	var out ParticipantList
	err := s.readAudited(ctx, actor, "training.participants", "training", trainingID, func(tx *store.Tx) (string, error) {
		t, err := tx.TrainingByID(ctx, trainingID)
		if err != nil {
			return "", err
		}
		if ok, err := mayManageTraining(ctx, tx, actor, t); err != nil || !ok {
			return "", firstErr(err, errNotTrainer)
		}
		out.Training = t
		sessions, err := tx.TrainingSessions(ctx, []int64{t.ID})
		if err != nil {
			return "", err
		}
		out.Sessions = sessions[t.ID]
		people, err := tx.TrainingParticipants(ctx, t.ID)
		if err != nil {
			return "", err
		}
		marks, err := tx.CompletionMarks(ctx, 0, t.ID)
		if err != nil {
			return "", err
		}
		if out.Certificates, err = tx.Certificates(ctx, 0, t.ID); err != nil {
			return "", err
		}
		for _, p := range people {
			var mark *training.Mark
			if m, ok := marks[p.UserID][t.ID]; ok {
				mark = &m
			}
			st := ParticipantStanding{Participant: p, Completion: training.Complete(out.Sessions, p.Attended, mark)}
			for i, c := range out.Certificates {
				if c.UserID == p.UserID && !c.Revoked() && st.Certificate == nil {
					st.Certificate = &out.Certificates[i]
				}
			}
			out.Participants = append(out.Participants, st)
		}
		return strconv.Itoa(len(people)) + " participants", nil
	})
	return out, domainError(err)
}

// MarkComplete records a trainer's statement that a participant completed
// the training, with a note (a make-up session, an equivalence…); the
// completion date is today, the day of the mark.
func (s *TrainingService) MarkComplete(ctx context.Context, actor berceau.Actor, trainingID, userID int64, note string) error {
	note = strings.TrimSpace(note)
	if note == "" || len([]rune(note)) > training.MaxNote {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"note": "training.error.note_required"}}
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		t, err := tx.TrainingByID(ctx, trainingID)
		if err != nil {
			return err
		}
		if ok, err := mayManageTraining(ctx, tx, actor, t); err != nil || !ok {
			return firstErr(err, errNotTrainer)
		}
		people, err := tx.TrainingParticipants(ctx, t.ID)
		if err != nil {
			return err
		}
		found := false
		for _, p := range people {
			found = found || p.UserID == userID
		}
		if !found {
			return berceau.Errorf(berceau.KindNotFound, "training.error.not_participant")
		}
		if err := tx.SetCompletionMark(ctx, training.Mark{TrainingID: t.ID, UserID: userID, On: training.CivilDay(tx.Now()), Note: note,
			MarkedBy: actor.User.ID}); err != nil {
			return err
		}
		return record(ctx, tx, actor, "training.complete", "training", t.ID, berceau.OutcomeSuccess, "user "+strconv.FormatInt(userID, 10))
	})
	return s.refusal(ctx, actor, "training.complete", trainingID, err)
}
