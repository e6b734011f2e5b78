package training

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// Category is a kind of line of the learning record.
type Category string

// The categories of the hours ledger.
const (
	// CategoryTraining: a training of the catalogue, completed.
	CategoryTraining Category = "training"
	// CategoryEvent: a meeting or an event of the agenda attended (its
	// attendance hours), when it is not a session of a completed training.
	CategoryEvent Category = "event"
	// CategoryExternal: a training taken elsewhere, declared by the person
	// and approved by their coordinator.
	CategoryExternal Category = "external"
)

// Categories lists every category, in the order pages show them.
var Categories = []Category{CategoryTraining, CategoryEvent, CategoryExternal}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool {
	return c == CategoryTraining || c == CategoryEvent || c == CategoryExternal
}

// Entry is one line of a person's learning record.
type Entry struct {
	Category Category
	Title    berceau.Text
	Provider string    // who gave it: the organisation's name, an external provider
	On       time.Time // civil day: the completion, the event's day, the declared date
	Minutes  int
	// What the line is about: one of these is set, by Category.
	TrainingID    int64
	EventID       int64
	DeclarationID int64
	Method        Method // how a training was completed
}

// Year is the entry's calendar year.
func (e Entry) Year() int { return e.On.Year() }

// Hours is the entry's minutes in hours.
func (e Entry) Hours() float64 { return float64(e.Minutes) / 60 }

// Attendance is one event a person attended, with the minutes it credits.
type Attendance struct {
	EventID int64
	Title   berceau.Text
	Day     time.Time // civil day of the event, in its zone
	Minutes int
}

// Ledger is a person's learning record, newest line first.
type Ledger struct {
	Entries []Entry
}

// LedgerInput is everything a person's ledger is built from.
type LedgerInput struct {
	Attended []Attendance
	// Trainings are the trainings one of whose sessions the person
	// attended or that a trainer marked complete for them, with Sessions
	// their sessions.
	Trainings []Training
	Sessions  map[int64][]Session // by training id
	Marks     map[int64]Mark      // by training id
	Providers map[int64]string    // a training's giving organisation, by training id
	Approved  []Declaration       // external trainings approved
}

// BuildLedger builds a person's learning record: each completed training
// once, at its completion date and duration; each attended event that is
// not a session of a completed training; each approved declaration. The
// sessions of a completed training are not counted again: the training's
// duration stands for them.
func BuildLedger(in LedgerInput) Ledger {
	attended := map[int64]bool{}
	for _, a := range in.Attended {
		attended[a.EventID] = true
	}
	covered := map[int64]bool{}
	var l Ledger
	for _, t := range in.Trainings {
		var mark *Mark
		if m, ok := in.Marks[t.ID]; ok {
			mark = &m
		}
		c := Complete(in.Sessions[t.ID], attended, mark)
		if !c.Done {
			continue
		}
		for _, s := range in.Sessions[t.ID] {
			covered[s.EventID] = true
		}
		l.Entries = append(l.Entries, Entry{Category: CategoryTraining, Title: t.Title, Provider: in.Providers[t.ID], On: c.On,
			Minutes: t.Minutes, TrainingID: t.ID, Method: c.Method})
	}
	for _, a := range in.Attended {
		if covered[a.EventID] || a.Minutes <= 0 {
			continue
		}
		l.Entries = append(l.Entries, Entry{Category: CategoryEvent, Title: a.Title, On: a.Day, Minutes: a.Minutes, EventID: a.EventID})
	}
	for _, d := range in.Approved {
		if d.Status != Approved {
			continue
		}
		l.Entries = append(l.Entries, Entry{Category: CategoryExternal, Title: berceau.TextOf("fr", d.Title, "en", d.Title),
			Provider: d.Provider, On: d.On, Minutes: d.Minutes, DeclarationID: d.ID})
	}
	sort.SliceStable(l.Entries, func(i, j int) bool {
		a, b := l.Entries[i], l.Entries[j]
		if !a.On.Equal(b.On) {
			return a.On.After(b.On)
		}
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		return a.TrainingID+a.EventID+a.DeclarationID > b.TrainingID+b.EventID+b.DeclarationID
	})
	return l
}

// In keeps the entries of one year (0: every year).
func (l Ledger) In(year int) Ledger {
	if year == 0 {
		return l
	}
	var out Ledger
	for _, e := range l.Entries {
		if e.Year() == year {
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}

// Minutes is the sum of the entries' minutes.
func (l Ledger) Minutes() int {
	n := 0
	for _, e := range l.Entries {
		n += e.Minutes
	}
	return n
}

// Years lists the years the ledger has entries in, newest first.
func (l Ledger) Years() []int {
	seen := map[int]bool{}
	var years []int
	for _, e := range l.Entries {
		if y := e.Year(); !seen[y] {
			seen[y] = true
			years = append(years, y)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	return years
}

// YearTotal is a year's minutes by category.
type YearTotal struct {
	Year       int
	ByCategory map[Category]int
	Minutes    int
}

// ByYear sums the ledger per year and category, newest year first.
func (l Ledger) ByYear() []YearTotal {
	var out []YearTotal
	for _, y := range l.Years() {
		t := YearTotal{Year: y, ByCategory: map[Category]int{}}
		for _, e := range l.In(y).Entries {
			t.ByCategory[e.Category] += e.Minutes
			t.Minutes += e.Minutes
		}
		out = append(out, t)
	}
	return out
}

// ByCategory sums the ledger per category.
func (l Ledger) ByCategory() map[Category]int {
	out := map[Category]int{}
	for _, e := range l.Entries {
		out[e.Category] += e.Minutes
	}
	return out
}

// DeclarationStatus is where an external training's declaration stands.
type DeclarationStatus string

// The statuses of a declaration.
const (
	Pending  DeclarationStatus = "pending"
	Approved DeclarationStatus = "approved"
	Refused  DeclarationStatus = "refused"
)

// Declaration is an external training a person declares for their record,
// counted once their coordinator approves it.
type Declaration struct {
	ID       int64
	UserID   int64
	Title    string
	Provider string
	On       time.Time // civil day the training was taken (its last day)
	Minutes  int
	// The proof: a PDF or an image, checked by its content.
	ProofName string
	ProofType string
	ProofSize int
	Status    DeclarationStatus
	DecidedBy int64
	DecidedAt time.Time
	Reason    string // a refusal's reason, an approval's remark
	CreatedAt time.Time
	// Person is the declarant's name, filled in for the coordinator's list.
	Person string
}

// Bounds on a declaration.
const (
	MaxDeclarationTitle = 200
	MaxProvider         = 200
	MaxDeclaredMinutes  = 200 * 60
	// MaxProofSize bounds a proof file.
	MaxProofSize = 5 << 20
)

// ProofTypes are the content types a proof may have, as sniffed from its
// first bytes (not as its name or the browser claims).
var ProofTypes = []string{"application/pdf", "image/png", "image/jpeg"}

// Normalize trims the declared texts.
func (d *Declaration) Normalize() {
	d.Title = strings.TrimSpace(d.Title)
	d.Provider = strings.TrimSpace(d.Provider)
	d.ProofName = strings.TrimSpace(d.ProofName)
}

// Validate checks a declaration against now (no date in the future); the
// error's Fields map form fields to translation keys.
func (d Declaration) Validate(now time.Time) error {
	fields := map[string]string{}
	if d.Title == "" {
		fields["title"] = "training.error.title_required"
	} else if utf8.RuneCountInString(d.Title) > MaxDeclarationTitle {
		fields["title"] = "training.error.too_long"
	}
	if d.Provider == "" {
		fields["provider"] = "training.error.provider_required"
	} else if utf8.RuneCountInString(d.Provider) > MaxProvider {
		fields["provider"] = "training.error.too_long"
	}
	if d.On.IsZero() || d.On.After(now) || d.On.Year() < 1990 {
		fields["date"] = "training.error.date_invalid"
	}
	if d.Minutes <= 0 || d.Minutes > MaxDeclaredMinutes {
		fields["hours"] = "training.error.hours_invalid"
	}
	switch {
	case d.ProofSize == 0:
		fields["proof"] = "training.error.proof_required"
	case d.ProofSize > MaxProofSize:
		fields["proof"] = "training.error.proof_too_large"
	default:
		ok := false
		for _, t := range ProofTypes {
			ok = ok || t == d.ProofType
		}
		if !ok {
			fields["proof"] = "training.error.proof_type"
		}
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}
