package store

import (
	"context"

	"github.com/berceau/berceau/directory"
)

// ServiceLocationLinks maps each of the given services to its links to
// locations (the map of organisations by type reads where they are).
func (tx *Tx) ServiceLocationLinks(ctx context.Context, serviceIDs []string) (map[string][]directory.ServiceAtLocation, error) {
	return tx.serviceLocationsOf(ctx, serviceIDs)
}
