package store

import (
	"bytes"
	"fmt"
	"strings"
)

// MergeMigration turns a migration written the old way, one file per engine,
// into its single source: the SQLite text with a placeholder wherever the
// PostgreSQL text spells a placeholder's other form. It fails, saying where,
// when the two differ in any other way (a step written differently, a column
// missing on one side): a person writes that source, with an {{if sqlite}}
// block if the step truly differs. The result renders back to each input
// byte for byte, or MergeMigration fails.
func MergeMigration(name string, sqlite, postgres []byte) ([]byte, error) {
	s, p := string(sqlite), string(postgres)
	if strings.Contains(s, "{{") || strings.Contains(p, "{{") {
		return nil, fmt.Errorf("store: merge %s: the files already hold template actions ({{)", name)
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(s) || j < len(p) {
		if ph, ok := placeholderAt(s, i, p, j); ok {
			out.WriteString("{{" + ph.name + "}}")
			i += len(ph.sqlite)
			j += len(ph.postgres)
			continue
		}
		if i < len(s) && j < len(p) && s[i] == p[j] {
			out.WriteByte(s[i])
			i, j = i+1, j+1
			continue
		}
		return nil, fmt.Errorf("store: merge %s: the engines differ beyond the placeholders at sqlite line %d (%q) and postgres line %d (%q)",
			name, lineOf(s, i), lineAt(s, i), lineOf(p, j), lineAt(p, j))
	}
	merged := []byte(out.String())
	for engine, want := range map[string][]byte{sqliteDialect.name: sqlite, postgresDialect.name: postgres} {
		got, err := RenderMigration(name, merged, engine)
		if err != nil {
			return nil, fmt.Errorf("store: merge %s: %w", name, err)
		}
		if !bytes.Equal(got, want) {
			return nil, fmt.Errorf("store: merge %s: the merged source does not render back to the %s file", name, engine)
		}
	}
	return merged, nil
}

// placeholderAt finds the placeholder whose SQLite form starts s at i and
// whose PostgreSQL form starts p at j, both as whole words.
func placeholderAt(s string, i int, p string, j int) (migrationPlaceholder, bool) {
	if !wordStart(s, i) || !wordStart(p, j) {
		return migrationPlaceholder{}, false
	}
	for _, ph := range migrationPlaceholders {
		if wholeWordAt(s, i, ph.sqlite) && wholeWordAt(p, j, ph.postgres) {
			return ph, true
		}
	}
	return migrationPlaceholder{}, false
}

func wordStart(s string, i int) bool { return i == 0 || !isWordByte(s[i-1]) }

func wholeWordAt(s string, i int, word string) bool {
	end := i + len(word)
	return strings.HasPrefix(s[i:], word) && (end == len(s) || !isWordByte(s[end]))
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func lineOf(s string, i int) int { return strings.Count(s[:min(i, len(s))], "\n") + 1 }

func lineAt(s string, i int) string {
	i = min(i, len(s))
	start := strings.LastIndexByte(s[:i], '\n') + 1
	end := strings.IndexByte(s[i:], '\n')
	if end < 0 {
		return s[start:]
	}
	return s[start : i+end]
}
