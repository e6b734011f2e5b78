package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

// problem is an error a handler returns: a status and a translation key,
// turned into a translated RFC 9457 document by translateProblem. Handlers
// return nothing else, so no raw error text ever reaches a client.
type problem struct {
	status int
	key    string
	fields map[string]string // field → translation key
}

func (p *problem) Error() string  { return p.key }
func (p *problem) GetStatus() int { return p.status }

// ContentType makes huma answer application/problem+json.
func (p *problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

// statusKeys translate the statuses huma and the guard produce themselves.
var statusKeys = map[int]string{
	http.StatusBadRequest:            "error.bad_request_message",
	http.StatusUnauthorized:          "error.token_invalid",
	http.StatusForbidden:             "api.forbidden_message",
	http.StatusNotFound:              "error.not_found_message",
	http.StatusMethodNotAllowed:      "error.method_message",
	http.StatusNotAcceptable:         "api.not_acceptable_message",
	http.StatusConflict:              "api.conflict_message",
	http.StatusRequestEntityTooLarge: "api.too_large_message",
	http.StatusUnsupportedMediaType:  "api.unsupported_media_type_message",
	http.StatusUnprocessableEntity:   "api.invalid_message",
	http.StatusInternalServerError:   "error.internal_message",
}

func keyForStatus(status int) string {
	if key, ok := statusKeys[status]; ok {
		return key
	}
	if status >= 500 {
		return "error.internal_message"
	}
	return "error.bad_request_message"
}

// fail maps an error from internal/app to a problem. Unexpected errors are
// logged with their cause and answered with a generic 500.
func (s *server) fail(ctx context.Context, err error) error {
	var e *berceau.Error
	if !errors.As(err, &e) {
		e = &berceau.Error{Kind: berceau.KindInternal, Cause: err}
	}
	p := &problem{key: e.Key, fields: e.Fields}
	switch e.Kind {
	case berceau.KindInvalid:
		p.status = http.StatusUnprocessableEntity
	case berceau.KindNotFound:
		p.status = http.StatusNotFound
	case berceau.KindForbidden:
		p.status = http.StatusForbidden
		if !actorOf(ctx).SignedIn() {
			p.status, p.key = http.StatusUnauthorized, "error.token_invalid"
		}
	case berceau.KindConflict:
		p.status = http.StatusConflict
	default:
		if app.Unavailable(err) {
			s.log.Warn("api: database unavailable", "route", info(ctx).route, "err", err)
			return &problem{status: http.StatusServiceUnavailable, key: "hardening_input.unavailable_message"}
		}
		s.log.Error("api: request failed", "route", info(ctx).route, "err", err)
		return &problem{status: http.StatusInternalServerError, key: "error.internal_message"}
	}
	if p.key == "" {
		p.key = keyForStatus(p.status)
	}
	return p
}

// retryAfterSeconds is what a 503 asks clients to wait before retrying.
const retryAfterSeconds = "30"

// notFound is the problem of a resource that does not exist.
// negotiate picks the answer's language among the network's enabled ones.
func (s *server) negotiate(ctx context.Context, acceptLanguage string) string {
	return s.i18n.Negotiate(acceptLanguage, s.app.Languages.Enabled(ctx).Enabled)
}

func notFound(key string) error { return &problem{status: http.StatusNotFound, key: key} }

// translateProblem is a huma transformer: it writes every error response,
// ours or huma's own (validation, negotiation), as a problem document whose
// detail is in the request's language. Server errors say nothing of their
// cause.
func (s *server) translateProblem(ctx huma.Context, _ string, v any) (any, error) {
	var status int
	var key string
	var fields map[string]string
	var details []*huma.ErrorDetail
	switch p := v.(type) {
	case *problem:
		status, key, fields = p.status, p.key, p.fields
	case *huma.ErrorModel:
		status, key, details = p.Status, keyForStatus(p.Status), p.Errors
	default:
		return v, nil
	}
	lang := s.negotiate(ctx.Context(), ctx.Header("Accept-Language"))
	ctx.SetHeader("Content-Language", lang)
	if status == http.StatusServiceUnavailable {
		ctx.SetHeader("Retry-After", retryAfterSeconds)
	}
	return s.problemDocument(lang, status, key, fields, details), nil
}

func (s *server) problemDocument(lang string, status int, key string, fields map[string]string, details []*huma.ErrorDetail) *huma.ErrorModel {
	l := s.i18n.Localizer(lang)
	if status == http.StatusServiceUnavailable {
		key, fields, details = "hardening_input.unavailable_message", nil, nil
	} else if status >= 500 {
		key, fields, details = "error.internal_message", nil, nil
	}
	doc := &huma.ErrorModel{Title: http.StatusText(status), Status: status, Detail: l.T(key), Errors: details}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		doc.Errors = append(doc.Errors, &huma.ErrorDetail{Location: "body." + name, Message: l.T(fields[name])})
	}
	return doc
}

// registerFallback answers unknown API paths with 404 and known paths asked
// with another method with 405, both as problem documents.
func (s *server) registerFallback(mux *http.ServeMux) Route {
	known := http.NewServeMux()
	allowed := map[string][]string{}
	for _, rt := range s.routes {
		if _, seen := allowed[rt.Path]; !seen {
			known.Handle(rt.Path, http.NotFoundHandler())
		}
		allowed[rt.Path] = append(allowed[rt.Path], rt.Method)
	}
	mux.HandleFunc(fallbackRoute.Path, func(w http.ResponseWriter, r *http.Request) {
		status := http.StatusNotFound
		if _, pattern := known.Handler(r); pattern != "" {
			status = http.StatusMethodNotAllowed
			w.Header().Set("Allow", strings.Join(allowed[pattern], ", "))
		}
		lang := s.negotiate(r.Context(), r.Header.Get("Accept-Language"))
		w.Header().Set("Content-Type", "application/problem+json")
		w.Header().Set("Content-Language", lang)
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(s.problemDocument(lang, status, keyForStatus(status), nil, nil))
	})
	return fallbackRoute
}
