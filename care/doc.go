// Package care is the domain of families and their follow-up: the file and
// its household, screening and eligibility rulebooks, team admission
// decisions, enrollment and status, consents, contacts and their
// compartments, the action plan's goals, referrals to partners, the
// programmes' rhythms and intensity, group meetings. Plain Go: it imports the
// standard library and the kernel (package berceau) only.
package care
