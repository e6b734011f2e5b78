package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// formField is one field of a form as partials/field.html draws it: its
// label, one control, its hint and its error, tied together by ids so that
// a screen reader reads the hint and the error with the control. Templates
// build it with the "field" function and named arguments:
//
//	{{template "field" (field $ "id" "due-date" "name" "due_date" "type" "date"
//	    "label" "family.due_date" "value" .Form.DueDate "error" (.Errors.Field "due_date"))}}
type formField struct {
	ID, Name string
	// Type is an input's type, or "textarea" or "checkbox" (the box before
	// its label).
	Type         string
	Label        string // translated
	Hint         string // translated; empty: no hint
	HintID       string
	Error        string // translated; empty: the field is valid
	Value        string
	HasValue     bool // a password or an empty new field has no value attribute
	Required     bool
	Checked      bool
	Autofocus    bool
	Autocomplete string
	InputMode    string
	Pattern      string
	List         string
	Min, Max     string
	MinLength    string
	MaxLength    string
	Rows         string
	// Lang is the language the field is written in, when it is not the
	// page's (one language of a multilingual text).
	Lang string
}

// translator is what a template's data offers to translate: every page
// (through its Layout) and the intake form's person partial.
type translator interface {
	T(key string, args ...any) string
}

// newFormField is the templates' "field" function: tr translates the label,
// hint and error keys; then name/value pairs. An unknown name is an error,
// so a typo fails the page's render (and the template tests) instead of
// dropping an attribute.
func newFormField(tr translator, pairs ...any) (formField, error) {
	if len(pairs)%2 != 0 {
		return formField{}, fmt.Errorf("field: %d arguments, want name/value pairs", len(pairs))
	}
	f := formField{Type: "text"}
	for i := 0; i < len(pairs); i += 2 {
		name, ok := pairs[i].(string)
		if !ok {
			return formField{}, fmt.Errorf("field: argument %d is %T, want a name", i, pairs[i])
		}
		v := pairs[i+1]
		s := fmt.Sprint(v)
		switch name {
		case "id":
			f.ID = s
		case "name":
			f.Name = s
		case "type":
			f.Type = s
		case "label":
			f.Label = tr.T(s)
		case "hint":
			if s != "" {
				f.Hint = tr.T(s)
			}
		case "hintid":
			f.HintID = s
		case "error":
			if s != "" {
				f.Error = tr.T(s)
			}
		case "value":
			f.Value, f.HasValue = s, true
		case "required":
			f.Required = truthy(v)
		case "checked":
			f.Checked = truthy(v)
		case "autofocus":
			f.Autofocus = truthy(v)
		case "autocomplete":
			f.Autocomplete = s
		case "inputmode":
			f.InputMode = s
		case "pattern":
			f.Pattern = s
		case "list":
			f.List = s
		case "min":
			f.Min = s
		case "max":
			f.Max = s
		case "minlength":
			f.MinLength = s
		case "maxlength":
			f.MaxLength = s
		case "rows":
			f.Rows = s
		case "lang":
			f.Lang = s
		default:
			return formField{}, fmt.Errorf("field: unknown argument %q", name)
		}
	}
	if f.ID == "" || f.Name == "" || f.Label == "" {
		return formField{}, fmt.Errorf("field: id, name and label are required (id %q, name %q)", f.ID, f.Name)
	}
	if f.HintID == "" {
		f.HintID = f.ID + "-hint"
	}
	return f, nil
}

func truthy(v any) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		return b != ""
	default:
		return v != nil
	}
}

// SelectAttrs are a select's attributes: a select's options come from its
// page, so partials/field.html draws its label and messages
// ("field_label", "field_messages") and the page the select between them.
// Values are escaped here, the attribute names are fixed.
func (f formField) SelectAttrs() template.HTMLAttr {
	var b strings.Builder
	fmt.Fprintf(&b, `id="%s" name="%s"`, html.EscapeString(f.ID), html.EscapeString(f.Name))
	if f.Required {
		b.WriteString(" required")
	}
	if f.Autocomplete != "" {
		fmt.Fprintf(&b, ` autocomplete="%s"`, html.EscapeString(f.Autocomplete))
	}
	if d := f.DescribedBy(); d != "" {
		fmt.Fprintf(&b, ` aria-describedby="%s"`, html.EscapeString(d))
	}
	if f.Error != "" {
		b.WriteString(` aria-invalid="true"`)
	}
	return template.HTMLAttr(b.String())
}

// ErrorID is the id of the field's error message.
func (f formField) ErrorID() string { return f.ID + "-error" }

// DescribedBy lists the ids of the hint and the error, for aria-describedby.
func (f formField) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.HintID)
	}
	if f.Error != "" {
		ids = append(ids, f.ErrorID())
	}
	return strings.Join(ids, " ")
}
