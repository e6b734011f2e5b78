// Package directory is the domain of the HSDS resource directory:
// organisations, services, locations, schedules, capacity signals and
// confirmations, taxonomies and suggested changes. Plain Go: it imports the
// standard library and the kernel (package berceau) only.
package directory
