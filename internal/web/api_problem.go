package web

import (
	"encoding/json"
	"net/http"
)

// apiProblem writes an RFC 9457 problem document in the request's language
// for what the middleware refuses on the /api/ and /hsds/ surfaces (a body
// too large, a cross-origin write) before internal/api sees the request;
// location, when set, names the value at fault ("query.page", "body.name")
// and is given to the message as Field.
func (s *Server) apiProblem(w http.ResponseWriter, r *http.Request, status int, key, location string) {
	lang := state(r).lang
	if lang == "" {
		lang = s.i18n.Negotiate(r.Header.Get("Accept-Language"), s.app.Languages.Enabled(r.Context()).Enabled)
	}
	l := s.i18n.Localizer(lang)
	if status >= 500 && status != http.StatusServiceUnavailable {
		key, location = "error.internal_message", ""
	}
	detail := l.T(key, "Field", location)
	doc := map[string]any{"type": "about:blank", "title": http.StatusText(status), "status": status, "detail": detail}
	if location != "" {
		doc["errors"] = []map[string]any{{"location": location, "message": detail}}
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", lang)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(doc)
}
