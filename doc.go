// Package berceau is the domain of Berceau, a platform for social perinatal
// care networks: the types, rules, roles and error kinds of the field, in
// plain Go. It imports nothing but the standard library; storage, HTTP and
// wiring live in sub-packages that depend on it, never the other way round.
package berceau
