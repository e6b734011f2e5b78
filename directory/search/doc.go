// Package search is the directory's in-memory search index: folded words
// with postings, facets, opening hours, distances and ranking, built from
// the public fields of the directory's services.
package search
