package store

// The families' voice on the indicators' fixture (indicator_test.go): four
// anonymous responses, three of them in 2026, each answer hand-counted.
//
//	r1 site 1, 2026-03: listened 5, rhythm 4, recommend yes
//	r2 site 1, 2026-05: listened 3, services 5, recommend no
//	r3 site 2, 2026-07: listened 4, rhythm 2, recommend yes
//	r4 site 1, 2025-12: listened 5 (outside 2026)
func init() {
	version := func(code string) string {
		return `(SELECT v.id FROM voice_question_versions v JOIN voice_questions q ON q.id = v.question_id WHERE q.code = '` + code + `')`
	}
	indicatorFixture = append(indicatorFixture,
		`INSERT INTO voice_responses (id, site_id, programme, period) VALUES
			('00000000-0000-4000-8000-000000000001', 1, 'sippe', '2026-03'),
			('00000000-0000-4000-8000-000000000002', 1, 'sippe', '2026-05'),
			('00000000-0000-4000-8000-000000000003', 2, 'sippe', '2026-07'),
			('00000000-0000-4000-8000-000000000004', 1, 'sippe', '2025-12')`,
		`INSERT INTO voice_answers (response_id, version_id, value) VALUES
			('00000000-0000-4000-8000-000000000001', `+version("listened")+`, 5),
			('00000000-0000-4000-8000-000000000001', `+version("rhythm")+`, 4),
			('00000000-0000-4000-8000-000000000001', `+version("recommend")+`, 1),
			('00000000-0000-4000-8000-000000000002', `+version("listened")+`, 3),
			('00000000-0000-4000-8000-000000000002', `+version("services")+`, 5),
			('00000000-0000-4000-8000-000000000002', `+version("recommend")+`, 0),
			('00000000-0000-4000-8000-000000000003', `+version("listened")+`, 4),
			('00000000-0000-4000-8000-000000000003', `+version("rhythm")+`, 2),
			('00000000-0000-4000-8000-000000000003', `+version("recommend")+`, 1),
			('00000000-0000-4000-8000-000000000004', `+version("listened")+`, 5)`,
	)
}

// voiceIndicatorWant are the voice's indicators over 2026 on the fixture:
// the share of "agree"/"strongly agree" (or "yes"); the families behind a
// share are the fewer of its numerator's and denominator's responses.
var voiceIndicatorWant = map[string]struct {
	total    float64
	bySite   map[string]float64
	families int
}{
	"voice_responses": {3, map[string]float64{"1": 2, "2": 1}, 3},
	"voice_listened":  {200.0 / 3, map[string]float64{"1": 50, "2": 100}, 2},
	"voice_rhythm":    {50, map[string]float64{"1": 100, "2": 0}, 1},
	"voice_services":  {100, map[string]float64{"1": 100}, 1},
	"voice_recommend": {200.0 / 3, map[string]float64{"1": 50, "2": 100}, 2},
}
