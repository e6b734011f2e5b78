package app

import (
	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// Who may read what of the directory is decided here, once, and every
// surface applies the same redaction through RedactDirectory: the service
// and map pages (DirectoryServicePage, DirectoryOrganizationsOfKind), the
// HSDS read API (DirectoryRecords, DirectoryOrganizationRecords), and the
// export (ExportDirectory, which `berceau export hsds` calls).

// DirectoryAudience is what the actor may read of the directory: members
// of the network read professionals-only fields and the addresses of
// redacted locations; everyone else reads the public ones.
func DirectoryAudience(actor berceau.Actor) hsds.Audience {
	if actor.Can(berceau.PermNetworkRead) {
		return hsds.Professionals
	}
	return hsds.Public
}

// storeAudience is the same audience as the store's reads select columns.
func storeAudience(aud hsds.Audience) store.Audience {
	if aud == hsds.Professionals {
		return store.Professionals
	}
	return store.Public
}

// RedactDirectory strips ds of what aud may not read. For the public: the
// professionals-only phones and internal notes of every service, and the
// address, position and transport directions of every redacted location.
// Professionals read everything.
func RedactDirectory(ds *hsds.Dataset, aud hsds.Audience) {
	if aud == hsds.Professionals {
		return
	}
	for i := range ds.Services {
		ds.Services[i].ProfessionalPhones, ds.Services[i].InternalNotes = nil, ""
	}
	for i := range ds.Locations {
		ds.Locations[i] = redactLocation(ds.Locations[i])
	}
}

// redactLocation strips a redacted location of its address, position and
// transport directions, as the public sees it.
func redactLocation(l directory.DirectoryLocation) directory.DirectoryLocation {
	if !l.Redacted {
		return l
	}
	l.Latitude, l.Longitude = nil, nil
	l.Details.Addresses = nil
	l.Details.Transportation = ""
	return l
}
