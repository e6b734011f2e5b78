package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// xssPayloads are the usual ways to smuggle a script through Markdown: raw
// HTML, event handlers, javascript: and data: links and images, entities
// and case tricks.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<img src=x onerror=alert(1)>`,
	`<svg/onload=alert(1)>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`[clic](javascript:alert(1))`,
	`[clic](JaVaScRiPt:alert(1))`,
	`[clic](&#106;avascript:alert(1))`,
	`[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`![x](javascript:alert(1))`,
	`![x" onerror="alert(1)](https://example.org/a.png)`,
	`<a href="https://example.org" onclick="alert(1)">x</a>`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	"```html\n<script>alert(1)</script>\n```",
	`<details open ontoggle=alert(1)>`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`<<script>script>alert(1)<</script>/script>`,
	`[a](https://example.org "title\" onmouseover=\"alert(1)")`,
}

// dangerousTag finds, in one tag of the output, what must never be there:
// a scripting element, an event handler, a style, a script or data URL.
// Text is escaped (&lt;), so every "<" of the output opens a real tag.
var (
	tags         = regexp.MustCompile(`<[^>]*>`)
	dangerousTag = regexp.MustCompile(`^</?(script|svg|iframe|form|details|object|embed|style|math|button)|\son[a-z]+\s*=|style\s*=|javascript:|vbscript:|data:`)
)

func TestMarkdownNeverLetsAScriptThrough(t *testing.T) {
	for _, payload := range xssPayloads {
		out, err := HTML("Texte avant\n\n" + payload + "\n\nTexte après")
		if err != nil {
			t.Fatalf("%q: %v", payload, err)
		}
		for _, tag := range tags.FindAllString(strings.ToLower(string(out)), -1) {
			if dangerousTag.MatchString(tag) {
				t.Errorf("payload %q rendered as %q: tag %s", payload, out, tag)
			}
		}
	}
}

func TestMarkdownKeepsWhatEditorsWrite(t *testing.T) {
	out, err := HTML("# Titre\n\nUn **réseau** de [périnatalité](https://example.org/p) et _plus_.\n\n- un\n- deux\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1", "Titre</h1>", "<strong>réseau</strong>", `href="https://example.org/p"`, `rel="nofollow"`,
		"<em>plus</em>", "<li>deux</li>", "<table>", "<td>2</td>"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("rendered %q: missing %q", out, want)
		}
	}
}
