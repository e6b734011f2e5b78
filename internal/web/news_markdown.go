package web

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// An article's text is Markdown (CommonMark with GitHub's tables,
// strikethrough and autolinks), rendered by goldmark and then sanitised by
// bluemonday's user-content policy: whatever an editor writes — raw HTML,
// a javascript: link, an event handler — the page gets only safe elements
// and attributes, and links that open outside carry rel="nofollow noopener".

var newsMarkdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

var newsPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	return p
}()

// renderMarkdown turns an editor's Markdown into sanitised HTML.
func renderMarkdown(src string) template.HTML {
	var buf bytes.Buffer
	if err := newsMarkdown.Convert([]byte(src), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(newsPolicy.SanitizeBytes(buf.Bytes())) // sanitised just above: safe to mark
}
