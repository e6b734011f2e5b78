package store

import "context"

// ServiceIDOfServiceAtLocation finds the service a service-at-location
// belongs to, or a not-found error.
func (tx *Tx) ServiceIDOfServiceAtLocation(ctx context.Context, id string) (string, error) {
	var serviceID string
	err := tx.queryRow(ctx, `SELECT service_id FROM directory_service_locations WHERE id = $1`, id).Scan(&serviceID)
	return serviceID, notFound(err, "hsds_api.not_found")
}
