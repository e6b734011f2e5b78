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
	return serviceID, notFound(wrapErr("read service ID of service at location", err), "hsds_api.not_found")
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
	out := map[string][]ServiceLocationPoint{}
	if err := tx.eachRow(ctx, "read service location points", func(row rowScanner) error {
		var p ServiceLocationPoint
		if err := row.Scan(&p.ID, &p.ServiceID, &p.Lat, &p.Lon, &p.Redacted); err != nil {
			return err
		}
		out[p.ServiceID] = append(out[p.ServiceID], p)
		return nil
	}, `SELECT sl.id, sl.service_id, l.latitude, l.longitude, l.redacted
		FROM directory_service_locations sl JOIN directory_locations l ON l.id = sl.location_id ORDER BY sl.service_id, sl.id`); err != nil {
		return nil, err
	}
	return out, nil
}
