package api

import (
	"context"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/training"
)

// The trainings' catalogue (public, like the page) and the caller's own
// learning record.

type trainingSession struct {
	EventID   int64     `json:"event_id"`
	URL       string    `json:"url" format:"uri"`
	Start     time.Time `json:"start" doc:"With the offset of the session's own time zone."`
	End       time.Time `json:"end"`
	TimeZone  string    `json:"time_zone"`
	Online    bool      `json:"online"`
	Cancelled bool      `json:"cancelled"`
}

type trainingItem struct {
	ID             int64             `json:"id"`
	URL            string            `json:"url" format:"uri"`
	Title          berceau.Text      `json:"title"`
	Objectives     berceau.Text      `json:"objectives"`
	Prerequisites  berceau.Text      `json:"prerequisites"`
	Audience       []string          `json:"audience" nullable:"false" doc:"Disciplines it is meant for; empty: every discipline."`
	Hours          float64           `json:"hours" doc:"The duration a completion credits and a certificate states."`
	Modality       string            `json:"modality" enum:"in_person,online,hybrid"`
	Language       string            `json:"language"`
	OrganizationID string            `json:"organization_id" doc:"The giving organisation, a directory organisation's id."`
	Organization   berceau.Text      `json:"organization"`
	Sessions       []trainingSession `json:"sessions" nullable:"false" doc:"Its public sessions, events of the agenda, soonest first."`
}

type trainingList struct {
	Trainings []trainingItem `json:"trainings" nullable:"false"`
	Total     int            `json:"total" doc:"Trainings matching the filters, on every page."`
}

type trainingsOutput struct{ Body trainingList }

type listTrainingsInput struct {
	Discipline string `query:"discipline" enum:"nurse,social_worker,physician,midwife,special_educator,psychoeducator,nutritionist,community_worker,administration" required:"false" doc:"Meant for this discipline (or for every discipline)."`
	Modality   string `query:"modality" enum:"in_person,online,hybrid" required:"false"`
	Language   string `query:"language" enum:"fr,en,nl,es,ar" required:"false"`
	Limit      int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Offset     int    `query:"offset" minimum:"0" maximum:"100000" default:"0"`
}

func (s *server) listTrainings(ctx context.Context, in *listTrainingsInput) (*trainingsOutput, error) {
	list, err := s.app.Trainings.Catalogue(ctx, app.TrainingQuery{Modality: training.Modality(in.Modality),
		Discipline: berceau.Discipline(in.Discipline), Language: in.Language, Limit: in.Limit, Offset: in.Offset})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	base := s.app.Events.BaseURL()
	out := &trainingsOutput{Body: trainingList{Trainings: make([]trainingItem, 0, len(list.Items)), Total: list.Total}}
	for _, it := range list.Items {
		t := it.Training
		item := trainingItem{ID: t.ID, URL: base + "/trainings/" + strconv.FormatInt(t.ID, 10), Title: t.Title, Objectives: t.Objectives,
			Prerequisites: t.Prerequisites, Audience: []string{}, Hours: t.Hours(), Modality: string(t.Modality), Language: t.Language,
			OrganizationID: t.OrganizationID, Organization: it.Provider.Name, Sessions: []trainingSession{}}
		for _, d := range t.Audience {
			item.Audience = append(item.Audience, string(d))
		}
		for _, e := range it.Sessions {
			loc := e.Location()
			item.Sessions = append(item.Sessions, trainingSession{EventID: e.ID, URL: base + "/events/" + strconv.FormatInt(e.ID, 10),
				Start: e.Start.In(loc), End: e.End.In(loc), TimeZone: e.TimeZone, Online: e.Place.Online(), Cancelled: e.Cancelled()})
		}
		out.Body.Trainings = append(out.Body.Trainings, item)
	}
	return out, nil
}

type ledgerEntry struct {
	Date          string  `json:"date" format:"date" doc:"The real completion date of a training, the day of an event, the declared date of an external training."`
	Category      string  `json:"category" enum:"training,event,external"`
	Title         string  `json:"title" doc:"In the caller's language when it has one."`
	Provider      string  `json:"provider"`
	Hours         float64 `json:"hours"`
	TrainingID    int64   `json:"training_id,omitempty"`
	EventID       int64   `json:"event_id,omitempty"`
	DeclarationID int64   `json:"declaration_id,omitempty"`
	Completion    string  `json:"completion,omitempty" enum:"attendance,trainer" doc:"How a training was completed: every session attended, or marked by the trainer."`
}

type yearTotal struct {
	Year     int     `json:"year"`
	Training float64 `json:"training_hours"`
	Event    float64 `json:"event_hours"`
	External float64 `json:"external_hours"`
	Total    float64 `json:"total_hours"`
}

type declarationItem struct {
	ID       int64   `json:"id"`
	Title    string  `json:"title"`
	Provider string  `json:"provider"`
	Date     string  `json:"date" format:"date"`
	Hours    float64 `json:"hours"`
	Status   string  `json:"status" enum:"pending,approved,refused"`
	Reason   string  `json:"reason" doc:"A refusal's reason; empty otherwise."`
}

type certificateItem struct {
	ID        int64   `json:"id"`
	Code      string  `json:"code" doc:"The verification code: anyone confirms it at /verify/{code}."`
	VerifyURL string  `json:"verify_url" format:"uri"`
	Title     string  `json:"title"`
	Date      string  `json:"date" format:"date"`
	Hours     float64 `json:"hours"`
	Revoked   bool    `json:"revoked"`
}

type learningRecordOutput struct {
	Body struct {
		Name         string            `json:"name"`
		Discipline   string            `json:"discipline"`
		Year         int               `json:"year" doc:"The year asked; 0 for every year."`
		TotalHours   float64           `json:"total_hours" doc:"The hours of the year asked (or of every year)."`
		Years        []yearTotal       `json:"years" nullable:"false" doc:"Every year's hours by category, newest first."`
		Entries      []ledgerEntry     `json:"entries" nullable:"false" doc:"The lines of the year asked, newest first."`
		Declarations []declarationItem `json:"declarations" nullable:"false" doc:"External trainings declared, in every status."`
		Certificates []certificateItem `json:"certificates" nullable:"false"`
	}
}

type learningRecordInput struct {
	Year int `query:"year" minimum:"0" maximum:"2200" default:"0" doc:"One year's lines; 0 for every year."`
}

func hours(minutes int) float64 { return float64(minutes) / 60 }

func (s *server) myLearningRecord(ctx context.Context, in *learningRecordInput) (*learningRecordOutput, error) {
	actor := actorOf(ctx)
	lang := actor.User.Locale
	if lang == "" {
		lang = "fr"
	}
	rec, err := s.app.Trainings.MyLearningRecord(ctx, actor, in.Year, lang)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &learningRecordOutput{}
	b := &out.Body
	b.Name, b.Discipline, b.Year = rec.Person.Name, string(rec.Person.Discipline), in.Year
	shown := rec.Shown()
	b.TotalHours = hours(shown.Minutes())
	b.Years, b.Entries, b.Declarations, b.Certificates = []yearTotal{}, []ledgerEntry{}, []declarationItem{}, []certificateItem{}
	for _, y := range rec.Ledger.ByYear() {
		b.Years = append(b.Years, yearTotal{Year: y.Year, Training: hours(y.ByCategory[training.CategoryTraining]),
			Event: hours(y.ByCategory[training.CategoryEvent]), External: hours(y.ByCategory[training.CategoryExternal]), Total: hours(y.Minutes)})
	}
	for _, e := range shown.Entries {
		title, _ := e.Title.In(lang)
		b.Entries = append(b.Entries, ledgerEntry{Date: e.On.Format("2006-01-02"), Category: string(e.Category), Title: title, Provider: e.Provider,
			Hours: e.Hours(), TrainingID: e.TrainingID, EventID: e.EventID, DeclarationID: e.DeclarationID, Completion: string(e.Method)})
	}
	for _, d := range rec.Declarations {
		b.Declarations = append(b.Declarations, declarationItem{ID: d.ID, Title: d.Title, Provider: d.Provider, Date: d.On.Format("2006-01-02"),
			Hours: hours(d.Minutes), Status: string(d.Status), Reason: d.Reason})
	}
	base := s.app.Events.BaseURL()
	for _, c := range rec.Certificates {
		title, _ := c.Title.In(c.Lang)
		b.Certificates = append(b.Certificates, certificateItem{ID: c.ID, Code: c.Code, VerifyURL: base + "/verify/" + c.Code, Title: title,
			Date: c.On.Format("2006-01-02"), Hours: c.Hours(), Revoked: c.Revoked()})
	}
	return out, nil
}
