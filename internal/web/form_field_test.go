package web

import (
	"html/template"
	"strings"
	"testing"

	"github.com/berceau/berceau/ui"
)

// keyTranslator shows keys as they are: the test reads which key went where.
type keyTranslator struct{}

func (keyTranslator) T(key string, _ ...any) string { return "«" + key + "»" }

func renderField(t *testing.T, src string) string {
	t.Helper()
	tmpl, err := template.New("page").Funcs(pageFuncs).ParseFS(ui.Templates, "templates/partials/field.html")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmpl.New("case").Parse(src); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, "case", keyTranslator{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestAFieldTiesItsHintAndErrorToItsControl(t *testing.T) {
	t.Parallel()
	got := renderField(t, `{{template "field" (field $ "id" "due" "name" "due_date" "type" "date" "label" "l.due" "hint" "l.hint" "value" "2027-01-02" "required" true "error" "e.late")}}`)
	for _, want := range []string{
		`<label for="due">«l.due»</label>`,
		`<input type="date" id="due" name="due_date" required aria-describedby="due-hint due-error" aria-invalid="true" value="2027-01-02">`,
		`<p class="hint" id="due-hint">«l.hint»</p>`,
		`<p class="field-error" id="due-error">«e.late»</p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	valid := renderField(t, `{{template "field" (field $ "id" "n" "name" "notes" "type" "textarea" "label" "l.notes" "rows" 3 "error" "")}}`)
	if strings.Contains(valid, "aria-invalid") || strings.Contains(valid, "aria-describedby") || strings.Contains(valid, "field-error") || !strings.Contains(valid, `<textarea id="n" name="notes" rows="3"></textarea>`) {
		t.Errorf("a valid field without hint:\n%s", valid)
	}
	box := renderField(t, `{{template "field" (field $ "id" "c" "name" "consent" "type" "checkbox" "label" "l.c" "value" "1" "checked" true)}}`)
	if !strings.Contains(box, `<input type="checkbox" id="c" name="consent" value="1" checked>`+"\n    "+`<label for="c">«l.c»</label>`) {
		t.Errorf("a checkbox comes before its label:\n%s", box)
	}
	sel := renderField(t, `{{$field := field $ "id" "k" "name" "kind" "label" "l.k" "error" "e.k"}}<div class="field">{{template "field_label" $field}}<select {{$field.SelectAttrs}}><option>x</option></select>{{template "field_messages" $field}}</div>`)
	if !strings.Contains(sel, `<select id="k" name="kind" aria-describedby="k-error" aria-invalid="true">`) || !strings.Contains(sel, `<p class="field-error" id="k-error">«e.k»</p>`) {
		t.Errorf("a select:\n%s", sel)
	}
}

func TestAFieldRefusesAnArgumentItDoesNotKnow(t *testing.T) {
	t.Parallel()
	if _, err := newFormField(keyTranslator{}, "id", "x", "name", "x", "label", "l", "palceholder", "typo"); err == nil {
		t.Fatal("a misspelt argument went through")
	}
	if _, err := newFormField(keyTranslator{}, "id", "x", "label", "l"); err == nil {
		t.Fatal("a field without a name went through")
	}
}
