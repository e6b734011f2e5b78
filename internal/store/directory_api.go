package store

import (
	"context"
	"database/sql"
)

// ServiceIDOfServiceAtLocation finds the service a service-at-location
// belongs to, or a not-found error.
func (tx *Tx) ServiceIDOfServiceAtLocation(ctx context.Context, id string) (string, error) {
	var serviceID string
	err := tx.queryRow(ctx, `SELECT service_id FROM directory_service_locations WHERE id = $1`, id).Scan(&serviceID)
	return serviceID, notFound(err, "hsds_api.not_found")
}

// ServiceLocationPoint is where a service is offered, as little as the
// HSDS API needs to filter and page services at locations without reading
// whole records.
type ServiceLocationPoint struct {
	ID, ServiceID string
	Lat, Lon      sql.NullFloat64
	Redacted      bool
}

// ServiceLocationPoints lists every service-at-location with its
// location's position, grouped by service, by id within a service.
func (tx *Tx) ServiceLocationPoints(ctx context.Context) (map[string][]ServiceLocationPoint, error) {
	rows, err := tx.query(ctx, `SELECT sl.id, sl.service_id, l.latitude, l.longitude, l.redacted
		FROM directory_service_locations sl JOIN directory_locations l ON l.id = sl.location_id ORDER BY sl.service_id, sl.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]ServiceLocationPoint{}
	for rows.Next() {
		var p ServiceLocationPoint
		if err := rows.Scan(&p.ID, &p.ServiceID, &p.Lat, &p.Lon, &p.Redacted); err != nil {
			return nil, err
		}
		out[p.ServiceID] = append(out[p.ServiceID], p)
	}
	return out, rows.Err()
}
