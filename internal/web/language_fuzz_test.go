package web

import (
	"strings"
	"testing"
)

// FuzzLocalPathStaysOnSite: whatever the next= value, the redirect target is
// a path on this site.
func FuzzLocalPathStaysOnSite(f *testing.F) {
	for _, seed := range []string{"/", "//evil.example", `/\evil`, "https://evil.example", "/a?b=c", "/%2F%2Fevil", "\t//x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := localPath(next)
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, `/\`) || strings.ContainsAny(got, "\r\n") {
			t.Fatalf("localPath(%q) = %q", next, got)
		}
	})
}
