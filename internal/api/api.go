// Package api serves Berceau's JSON API under /api/v1, described by an
// OpenAPI 3.1 document at /api/v1/openapi.json. It is thin, like
// internal/web: it authenticates a bearer token, checks the route's
// permission, calls internal/app and returns JSON or an RFC 9457 problem
// document translated into the request's language.
//
// Every operation is declared with its permission in routes.go: the route
// table is the access policy.
package api

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/i18n"
)

// Prefix is where the API lives on the server's mux.
const Prefix = "/api/v1"

// openAPIPath is the OpenAPI document's path without its extension: huma
// serves openapi.json (3.1), openapi.yaml and their 3.0 downgrades.
const openAPIPath = Prefix + "/openapi"

// Route is one entry of the API's route table: a method, a path in huma's
// form (/api/v1/organisations/{id}) and the permission it requires. An empty
// Method means every method.
type Route struct {
	Method     string
	Path       string
	Permission berceau.Permission
}

// server holds what the API's handlers need; there is no global state.
type server struct {
	app    *app.App
	i18n   *i18n.Bundle
	log    *slog.Logger
	api    huma.API
	routes []Route
}

// Register adds every API operation to mux under /api/v1, and the HSDS read
// API under /hsds/, and returns the API's route table.
func Register(mux *http.ServeMux, a *app.App, bundle *i18n.Bundle, log *slog.Logger) []Route {
	s := &server{app: a, i18n: bundle, log: log}
	s.api = humago.New(mux, s.config())
	for _, op := range s.operations() {
		op.register(s.api, s.describe(op))
		s.routes = append(s.routes, op.Route)
	}
	s.routes = append(s.routes, documentRoutes()...)
	s.routes = append(s.routes, s.registerFallback(mux))
	s.routes = append(s.routes, s.registerHSDS(mux)...)
	return s.routes
}

// config is huma's configuration: the OpenAPI document at openAPIPath, no
// documentation page (huma's loads scripts from another origin) and no
// schema endpoint (the schemas are in the document), errors translated.
func (s *server) config() huma.Config {
	cfg := huma.DefaultConfig("Berceau API", "1.0.0")
	cfg.Info.Description = "The JSON API of Berceau, the workspace of a social perinatal care network. " +
		"Authenticate with a personal access token created on your account page: " +
		"`Authorization: Bearer brc_…`. A token carries only the permissions chosen when it was created, " +
		"among those its owner still holds. Errors are RFC 9457 problem documents whose `detail` is in " +
		"French, or in English when `Accept-Language` prefers it."
	cfg.OpenAPIPath = openAPIPath
	cfg.DocsPath = ""
	cfg.SchemasPath = ""
	// The default hooks add a $schema link to every response that points at
	// the schema endpoint, which is off.
	cfg.CreateHooks = nil
	cfg.Transformers = []huma.Transformer{s.translateProblem}
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		securityScheme: {Type: "http", Scheme: "bearer", Description: "A personal access token (brc_…)."},
	}
	return cfg
}

const securityScheme = "bearer"

// describe turns a route table entry into huma's operation, with its guard.
func (s *server) describe(op operation) huma.Operation {
	h := huma.Operation{
		OperationID: op.id,
		Method:      op.Method,
		Path:        op.Path,
		Summary:     op.summary,
		Description: op.description,
		Tags:        op.tags,
		Errors:      op.errors,
		Middlewares: huma.Middlewares{s.guard(op.Route)},
		Extensions:  map[string]any{"x-permission": string(op.Permission)},
	}
	if op.Permission != berceau.PermPublic {
		h.Security = []map[string][]string{{securityScheme: {}}}
		h.Errors = append([]int{http.StatusUnauthorized, http.StatusForbidden}, h.Errors...)
	}
	return h
}

// requestInfo travels in the context from the guard to the handler.
type requestInfo struct {
	route string
	actor berceau.Actor
}

type requestKey struct{}

func info(ctx context.Context) requestInfo {
	if ri, ok := ctx.Value(requestKey{}).(requestInfo); ok {
		return ri
	}
	return requestInfo{actor: berceau.Anonymous("")}
}

// actorOf is the actor the guard resolved for this request.
func actorOf(ctx context.Context) berceau.Actor { return info(ctx).actor }

// guard authenticates the bearer token and checks the route's permission
// before the handler runs: no or a bad token is 401, a token without the
// permission 403.
func (s *server) guard(rt Route) func(huma.Context, func(huma.Context)) {
	name := rt.Method + " " + rt.Path
	return func(ctx huma.Context, next func(huma.Context)) {
		defer s.recoverPanic(ctx, name)
		ctx.SetHeader("Cache-Control", "no-store")
		client := clientAddress(ctx.RemoteAddr())
		if rt.Permission == berceau.PermPublic {
			next(huma.WithValue(ctx, requestKey{}, requestInfo{route: name, actor: berceau.Anonymous(client)}))
			return
		}
		token, ok := bearerToken(ctx.Header("Authorization"))
		if !ok {
			s.unauthorized(ctx)
			return
		}
		actor, err := s.app.Accounts.ActorForToken(ctx.Context(), token, client)
		if err != nil {
			if berceau.KindOf(err) == berceau.KindForbidden {
				s.unauthorized(ctx)
				return
			}
			if app.Unavailable(err) {
				s.log.Warn("api: database unavailable", "route", name, "err", err)
				_ = huma.WriteErr(s.api, ctx, http.StatusServiceUnavailable, "")
				return
			}
			s.log.Error("api: token not resolved", "route", name, "err", err)
			_ = huma.WriteErr(s.api, ctx, http.StatusInternalServerError, "")
			return
		}
		if !actor.Can(rt.Permission) {
			s.app.RecordDenial(ctx.Context(), actor, name)
			_ = huma.WriteErr(s.api, ctx, http.StatusForbidden, "")
			return
		}
		next(huma.WithValue(ctx, requestKey{}, requestInfo{route: name, actor: actor}))
	}
}

func (s *server) unauthorized(ctx huma.Context) {
	ctx.SetHeader("WWW-Authenticate", `Bearer realm="berceau"`)
	_ = huma.WriteErr(s.api, ctx, http.StatusUnauthorized, "")
}

// recoverPanic turns a panic into a 500 problem document, keeping the cause
// in the logs only.
func (s *server) recoverPanic(ctx huma.Context, route string) {
	p := recover()
	if p == nil {
		return
	}
	if p == http.ErrAbortHandler {
		panic(p)
	}
	s.log.Error("api: panic while serving a request", "route", route, "panic", p)
	if ctx.Status() == 0 {
		_ = huma.WriteErr(s.api, ctx, http.StatusInternalServerError, "")
	}
}

// bearerToken reads an "Authorization: Bearer <token>" header.
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// clientAddress is the host part of a request's remote address.
func clientAddress(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return remote
	}
	return host
}
