package api

import (
	"bytes"
	"context"
	"net/http"
	"reflect"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/screening"
)

// screeningInput and screeningResult name the shared JSON shapes of
// internal/screening in the OpenAPI document.
type screeningInput screening.InputDocument
type screeningResult screening.Output

type evaluateScreeningInput struct {
	Lang           string `query:"lang" enum:"fr,en" required:"false" doc:"Language of the explanations; without it, Accept-Language decides (French by default)."`
	AcceptLanguage string `header:"Accept-Language" required:"false" doc:"Language of the explanations when lang is not given."`
	// RawBody is decoded by internal/screening, exactly as the command line
	// decodes its standard input, so that every mistake names its field.
	RawBody []byte
}

type evaluateScreeningOutput struct {
	ContentLanguage string `header:"Content-Language"`
	Body            screeningResult
}

// registerEvaluateScreening documents the body with screening.InputDocument
// but leaves reading it to the handler: huma neither validates nor parses it
// (SkipValidateBody, and a RawBody rather than a Body field).
func (s *server) registerEvaluateScreening(api huma.API, op huma.Operation) {
	schema := api.OpenAPI().Components.Schemas.Schema(reflect.TypeOf(screeningInput{}), true, "ScreeningInput")
	op.RequestBody = &huma.RequestBody{Required: true,
		Description: "What is known of the person; every key but date may be null or absent (not known). Unknown keys are refused.",
		Content:     map[string]*huma.MediaType{"application/json": {Schema: schema}}}
	op.SkipValidateBody = true
	op.MaxBodyBytes = screening.MaxInputBytes
	op.BodyReadTimeout = 5 * time.Second
	huma.Register(api, op, s.evaluateScreening)
	// A RawBody field makes huma also declare application/octet-stream;
	// the body is JSON only.
	delete(op.RequestBody.Content, "application/octet-stream")
}

// evaluateScreening applies a programme's rulebook to what is known of a
// person, without storing anything: the input names nobody, and no family
// file is read or written, so there is nothing to audit.
//
// The income criterion uses the embedded EXAMPLE thresholds table
// (berceau.DefaultIncomeThresholds): networks cannot store their own table
// yet. When they can, this handler takes the caller's network's table and
// falls back to the example only when there is none; the answer's
// "thresholds" label always says which table decided.
func (s *server) evaluateScreening(ctx context.Context, in *evaluateScreeningInput) (*evaluateScreeningOutput, error) {
	input, err := screening.DecodeInput(bytes.NewReader(in.RawBody))
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	lang := in.Lang
	if lang == "" {
		lang = s.negotiate(ctx, in.AcceptLanguage)
	}
	result, err := s.app.Care.EvaluateScreening(ctx, actorOf(ctx), care.ProgrammeSIPPE, input)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := screening.Render(result, s.i18n.Localizer(lang))
	return &evaluateScreeningOutput{ContentLanguage: lang, Body: screeningResult(out)}, nil
}

// screeningErrors are the statuses the operation answers beyond 401 and 403.
var screeningErrors = []int{http.StatusBadRequest, http.StatusUnprocessableEntity}
