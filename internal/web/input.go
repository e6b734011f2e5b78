package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// Every request passes boundInput before any handler: its body is bounded
// by its route class, and every submitted value (query, form, JSON) is
// checked for what no database can store (a NUL character, invalid UTF-8),
// so that PostgreSQL never sees it and answers 500. One place for all
// routes, rather than one check per handler that a new route could forget.

// Body limits by route class, in bytes.
const (
	// publicFormBody: the forms anyone may post without an account (sign
	// in, password, invitation, language). Bounded hard: nobody is
	// accountable for them.
	publicFormBody = 16 << 10
	// formBody: every other form. Two long texts (MaxLongTextLength
	// characters each) of accented Latin text, URL-encoded at six bytes a
	// character, stay below it.
	formBody = 256 << 10
	// importBody: forms that carry a table (the income thresholds' CSV).
	importBody = 1 << 20
	// apiBody: the JSON API's documents.
	apiBody = 1 << 20
	// hsdsBody: the HSDS API's POST lists take no body at all.
	hsdsBody = 16 << 10
	// eventDocumentBody: a document attached to an event (5 MB, the app's
	// bound, and the form around it).
	eventDocumentBody = 5<<20 + 64<<10
	// newsBody: an article with its picture (knowledge.MaxNewsImage) and
	// its texts.
	newsBody = 2<<20 + 512<<10
)

// bodyClass is what a route may receive.
type bodyClass struct {
	limit int64
	json  bool // answers problem documents (the /api/ and /hsds/ surfaces)
}

// bodyClassOf keys a request to its route class by path: the route table
// declares no body sizes of its own, so a new route is a form unless it
// lives under one of these prefixes.
func bodyClassOf(path string) bodyClass {
	switch {
	case strings.HasPrefix(path, "/api/"):
		return bodyClass{limit: apiBody, json: true}
	case strings.HasPrefix(path, "/hsds/"):
		return bodyClass{limit: hsdsBody, json: true}
	case path == "/admin/thresholds":
		return bodyClass{limit: importBody}
	case strings.HasPrefix(path, "/events/") && strings.HasSuffix(path, "/documents"),
		path == "/me/learning-record/declarations", // an external training's proof (5 MB, training.MaxProofSize)
		strings.HasPrefix(path, "/internships/") && strings.HasSuffix(path, "/agreement"):
		return bodyClass{limit: eventDocumentBody}
	case strings.HasPrefix(path, "/news/manage"):
		return bodyClass{limit: newsBody}
	case path == "/outreach/import":
		return bodyClass{limit: importBody}
	case path == "/news/subscribe", strings.HasPrefix(path, "/news/subscribe/"), strings.HasPrefix(path, "/news/unsubscribe/"):
		return bodyClass{limit: publicFormBody}
	case strings.HasPrefix(path, "/registrations/"),
		strings.HasPrefix(path, "/events/") && strings.HasSuffix(path, "/registration/guest"):
		return bodyClass{limit: publicFormBody}
	case path == "/language", strings.HasPrefix(path, "/signin"), strings.HasPrefix(path, "/password/"),
		strings.HasPrefix(path, "/invitation/"):
		return bodyClass{limit: publicFormBody}
	}
	return bodyClass{limit: formBody}
}

// isAPIPath reports whether path belongs to a surface that answers problem
// documents rather than pages.
func isAPIPath(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/hsds/")
}

// boundInput bounds the body and checks every value before the handler.
func (s *Server) boundInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		class := bodyClassOf(r.URL.Path)
		if isLibraryUpload(r) {
			class.limit = s.app.Library.MaxFileBytes() + libraryFormBody
		}
		hasBody := r.Body != nil && r.Body != http.NoBody
		if hasBody {
			// A declared size over the limit is refused before one byte is
			// read; a chunked body is cut at the limit as it is read.
			if r.ContentLength > class.limit {
				s.refuseTooLarge(w, r, class)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, class.limit)
		}
		if field, ok := badValue(r.URL.Query()); !ok {
			s.refuseValue(w, r, class, "query", field)
			return
		}
		if hasBody && class.json {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				s.refuseUnread(w, r, class, err)
				return
			}
			if field, ok := badJSON(body); !ok {
				s.refuseValue(w, r, class, "body", field)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		} else if hasBody && isForm(r) {
			if err := parseForm(r, class.limit); err != nil {
				s.refuseUnread(w, r, class, err)
				return
			}
			if field, ok := badValue(r.PostForm); !ok {
				s.refuseValue(w, r, class, "body", field)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// isForm reports whether a request carries an HTML form.
func isForm(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "application/x-www-form-urlencoded" || mt == "multipart/form-data"
}

func parseForm(r *http.Request, limit int64) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		return r.ParseMultipartForm(limit)
	}
	return r.ParseForm()
}

// badValue finds a key or value that cannot be stored; ok is false then,
// and field names it (its first 64 characters, made printable).
func badValue(values url.Values) (field string, ok bool) {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same field is named every time
	for _, k := range keys {
		if !storable(k) {
			return printableField(k), false
		}
		for _, v := range values[k] {
			if !storable(v) {
				return printableField(k), false
			}
		}
	}
	return "", true
}

// storable reports whether s is valid UTF-8 without a NUL character.
func storable(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// badJSON checks a JSON body: valid UTF-8 throughout, and no key or string
// holding a NUL (written \u0000). A body that is not JSON is left to the
// handler, which answers with its own problem.
func badJSON(body []byte) (field string, ok bool) {
	if !utf8.Valid(body) {
		return "", false
	}
	if bytes.Index(body, []byte(`\u0000`)) < 0 {
		return "", true
	}
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		return "", true
	}
	if f, bad := jsonNUL(doc, ""); bad {
		return printableField(f), false
	}
	return "", true
}

func jsonNUL(v any, at string) (string, bool) {
	switch x := v.(type) {
	case string:
		return at, strings.IndexByte(x, 0) >= 0
	case []any:
		for i, item := range x {
			if f, bad := jsonNUL(item, fmt.Sprintf("%s[%d]", at, i)); bad {
				return f, true
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			name := k
			if at != "" {
				name = at + "." + k
			}
			if strings.IndexByte(k, 0) >= 0 {
				return name, true
			}
			if f, bad := jsonNUL(x[k], name); bad {
				return f, true
			}
		}
	}
	return "", false
}

// printableField makes a field name safe to show and to log.
func printableField(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	name = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return '\uFFFD'
		}
		return r
	}, name)
	if utf8.RuneCountInString(name) > 64 {
		name = string([]rune(name)[:64]) + "…"
	}
	return name
}

// refuseUnread answers a body that could not be read: 413 when it passed
// the class's limit, 400 otherwise.
func (s *Server) refuseUnread(w http.ResponseWriter, r *http.Request, class bodyClass, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		s.refuseTooLarge(w, r, class)
		return
	}
	if class.json {
		s.apiProblem(w, r, http.StatusBadRequest, "error.bad_request_message", "")
		return
	}
	s.renderError(w, r, http.StatusBadRequest)
}

// refuseTooLarge answers 413 and closes the connection, so that the rest
// of the body is never read.
func (s *Server) refuseTooLarge(w http.ResponseWriter, r *http.Request, class bodyClass) {
	w.Header().Set("Connection", "close")
	if class.json {
		s.apiProblem(w, r, http.StatusRequestEntityTooLarge, "api.too_large_message", "")
		return
	}
	s.renderError(w, r, http.StatusRequestEntityTooLarge)
}

// refuseValue answers 400 naming the field that holds a NUL character or
// invalid UTF-8.
func (s *Server) refuseValue(w http.ResponseWriter, r *http.Request, class bodyClass, where, field string) {
	if class.json {
		s.apiProblem(w, r, http.StatusBadRequest, "hardening_input.value_unstorable", where+"."+field)
		return
	}
	s.renderFieldError(w, r, http.StatusBadRequest, "hardening_input.value_unstorable", field)
}

// queryPage reads the page number of a paged list (?page=) through
// berceau.ParsePage, the one rule for every list; on an absurd value it
// answers 400, naming the parameter, and returns false.
func (s *Server) queryPage(w http.ResponseWriter, r *http.Request) (int, bool) {
	page, ok := berceau.ParsePage(r.URL.Query().Get("page"))
	if !ok {
		if isAPIPath(r.URL.Path) {
			s.apiProblem(w, r, http.StatusBadRequest, "hardening_input.page_invalid", "query.page")
		} else {
			s.renderFieldError(w, r, http.StatusBadRequest, "hardening_input.page_invalid", "page")
		}
	}
	return page, ok
}
