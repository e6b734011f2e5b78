//go:build !race

package web

// underRace: see race_on_test.go.
const underRace = false
