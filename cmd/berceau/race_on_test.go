//go:build race

package main

// underRace is true when the tests run with the race detector, which slows
// the page walks ten-fold: they check pages, not concurrency, and the plain
// pass runs them.
const underRace = true
