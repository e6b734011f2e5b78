// Package icaltest checks iCalendar files with a third-party parser that
// Berceau does not use itself: Debian's python3-icalendar, run by
// /usr/bin/python3 (installed by .ci/run).
package icaltest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

//go:embed check_ics.py
var script []byte

// Python is the interpreter that has python3-icalendar.
const Python = "/usr/bin/python3"

// Check writes each calendar to a file named by its key, parses them all
// with python3-icalendar and fails t on any parse error, bad line end,
// overlong line, TZID without VTIMEZONE or event without UID, DTSTAMP,
// DTSTART, SEQUENCE or STATUS. It returns, for each key, the UIDs with their
// sequence.
func Check(t testing.TB, calendars map[string][]byte) map[string]map[string]int {
	t.Helper()
	report, problems, err := Run(t.TempDir(), calendars)
	if err != nil {
		t.Fatalf("python3-icalendar refused Berceau's calendars (%v; %s needs python3-icalendar):\n%s", err, Python, problems)
	}
	return report
}

// Run is Check without a test: the report, the problems the checker
// printed, and an error when it found any.
func Run(dir string, calendars map[string][]byte) (map[string]map[string]int, string, error) {
	checker := filepath.Join(dir, "check_ics.py")
	if err := os.WriteFile(checker, script, 0o600); err != nil {
		return nil, "", err
	}
	args := []string{checker}
	names := map[string]string{}
	i := 0
	for key, body := range calendars {
		i++
		path := filepath.Join(dir, "calendar"+itoa(i)+".ics")
		if err := os.WriteFile(path, body, 0o600); err != nil {
			return nil, "", err
		}
		names[path] = key
		args = append(args, path)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(Python, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, stderr.String(), err
	}
	var report map[string]map[string]int
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		return nil, stdout.String(), err
	}
	out := map[string]map[string]int{}
	for path, uids := range report {
		out[names[path]] = uids
	}
	return out, stderr.String(), nil
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
