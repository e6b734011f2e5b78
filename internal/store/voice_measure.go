package store

import "github.com/berceau/berceau/indicator"

// The families' voice's measures, entries of the indicators' registry
// (measure_registry.go) over the anonymous voice_* tables. A response has
// no family: its row names the response itself where a family measure
// names a family, so a cell's "families" are its responses — each one
// family's answers — and the evaluators' small-cell rule holds the voice
// to the same threshold as every other indicator. Rows are placed in time
// by their month (a response keeps no finer time).
func init() {
	measureRegistry = append(measureRegistry, voiceMeasures()...)
}

// voiceCodes are the default questionnaire's agreement and yes/no
// questions (migration 00115) that have a measure of their own; a question
// added later is counted on the voice's results page, and joins the
// indicators when an entry names its code here.
var voiceCodes = []string{"listened", "rhythm", "services", "respected", "recommend"}

var voiceDims = []indicator.Dimension{indicator.DimSite, indicator.DimProgramme, indicator.DimMonth, indicator.DimQuarter, indicator.DimYear}

// voicePeriod keeps a voice row to the period by its month.
const voicePeriod = ` r.period || '-01' >= {day({from})} AND r.period || '-01' < {day({end})}`

func voiceMeasures() []measureEntry {
	entries := []measureEntry{{m: family("voice_responses", indicator.AggRows, voiceDims), sql: `
		SELECT r.id, r.site_id, 0, r.programme, '', r.period || '-01', '', '', 1
		FROM voice_responses r WHERE` + voicePeriod}}
	for _, code := range voiceCodes {
		answers := `
		SELECT r.id, r.site_id, 0, r.programme, '', r.period || '-01', '', '', 1
		FROM voice_answers a JOIN voice_responses r ON r.id = a.response_id
			JOIN voice_question_versions v ON v.id = a.version_id JOIN voice_questions q ON q.id = v.question_id
		WHERE q.code = '` + code + `' AND` + voicePeriod
		entries = append(entries,
			measureEntry{m: family("voice_"+code+"_answered", indicator.AggRows, voiceDims), sql: answers},
			// Agreed: "agree" or "strongly agree" on the scale (indicator.VoiceAgrees), "yes" for a yes/no question.
			measureEntry{m: family("voice_"+code+"_agreed", indicator.AggRows, voiceDims), sql: answers +
				` AND ((q.kind = 'agreement' AND a.value >= 4) OR (q.kind = 'yes_no' AND a.value = 1))`})
	}
	return entries
}
