// Package ui holds Berceau's embedded templates and static assets.
package ui

import "embed"

// Templates holds layouts/*.html (shared frame), partials/*.html (family
// header, form field…) and pages/<area>/*.html (one per page).
//
//go:embed templates
var Templates embed.FS

// Static holds the stylesheet, scripts and images, served under hashed URLs.
//
//go:embed static
var Static embed.FS
