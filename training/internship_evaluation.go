package training

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// EvaluationFieldKind is what an evaluation field asks for.
type EvaluationFieldKind string

const (
	FieldText  EvaluationFieldKind = "text"   // a free comment
	FieldScale EvaluationFieldKind = "scale"  // 1 (poor) to 5 (excellent)
	FieldYesNo EvaluationFieldKind = "yes_no" // yes or no
)

// EvaluationFieldKinds lists the kinds, in the order the form editor shows them.
var EvaluationFieldKinds = []EvaluationFieldKind{FieldScale, FieldYesNo, FieldText}

// Valid reports whether k is a known kind.
func (k EvaluationFieldKind) Valid() bool {
	for _, known := range EvaluationFieldKinds {
		if k == known {
			return true
		}
	}
	return false
}

// EvaluationField is one question of the evaluation form the network
// administrator defines; a retired field is no longer asked but its past
// answers stay readable.
type EvaluationField struct {
	ID       int64
	Label    berceau.Text
	Kind     EvaluationFieldKind
	Position int
	Retired  bool
}

// EvaluationStage is when an evaluation is made.
type EvaluationStage string

const (
	StageMidTerm EvaluationStage = "mid_term"
	StageEnd     EvaluationStage = "end"
)

// EvaluationStages lists the stages in order.
var EvaluationStages = []EvaluationStage{StageMidTerm, StageEnd}

// Valid reports whether s is a known stage.
func (s EvaluationStage) Valid() bool { return s == StageMidTerm || s == StageEnd }

// Evaluation is a supervisor's evaluation of an intern at one stage: the
// answers by field id.
type Evaluation struct {
	ID           int64
	InternshipID int64
	Stage        EvaluationStage
	Answers      map[int64]string
	ByUserID     int64
	At           time.Time
}

// CleanAnswers keeps the answers to the form's current fields, checked by
// kind: a scale from 1 to 5, yes or no, a bounded text. An empty answer is
// left out; every field answered wrongly is named in the error.
func CleanAnswers(form []EvaluationField, given map[int64]string) (map[int64]string, error) {
	answers := map[int64]string{}
	fields := map[string]string{}
	for _, f := range form {
		if f.Retired {
			continue
		}
		v := strings.TrimSpace(given[f.ID])
		if v == "" {
			continue
		}
		name := EvaluationInputName(f.ID)
		switch f.Kind {
		case FieldScale:
			if len(v) != 1 || v[0] < '1' || v[0] > '5' {
				fields[name] = "internship.error.scale"
				continue
			}
		case FieldYesNo:
			if v != "yes" && v != "no" {
				fields[name] = "internship.error.yes_no"
				continue
			}
		default:
			if utf8.RuneCountInString(v) > MaxAnswerLength {
				fields[name] = "internship.error.too_long"
				continue
			}
		}
		answers[f.ID] = v
	}
	if len(fields) > 0 {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	if len(answers) == 0 {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "internship.error.evaluation_empty"}
	}
	return answers, nil
}

// EvaluationInputName is the form input of a field's answer.
func EvaluationInputName(fieldID int64) string { return "answer_" + strconv.FormatInt(fieldID, 10) }
