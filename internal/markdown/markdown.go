// Package markdown turns the Markdown that content editors write into HTML
// safe to put in a page: goldmark renders it (raw HTML left out), then
// bluemonday's user-generated-content policy keeps only harmless elements
// and attributes, so neither a script, an event handler nor a javascript:
// link reaches a visitor, whatever the editor typed.
package markdown

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	// The renderer leaves out raw HTML (goldmark's default: "<!-- raw HTML
	// omitted -->"); tables, strikethrough and autolinks are GitHub's.
	renderer = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))
	policy   = newPolicy()
)

// newPolicy is the UGC policy (outside links get rel="nofollow") with only
// web and mail addresses allowed in links and images.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}

// HTML renders src and sanitises the result. The sanitiser runs even though
// the renderer drops raw HTML: it is the one guarantee, whatever the
// renderer's options become.
func HTML(src string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := renderer.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return template.HTML(policy.SanitizeBytes(buf.Bytes())), nil // #nosec: sanitised just above
}
