package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// PutService creates or replaces a service and its links to locations.
func (tx *Tx) PutService(ctx context.Context, s directory.DirectoryService) error {
	if err := tx.putService(ctx, s, nil, nil, nil); err != nil {
		return err
	}
	return tx.bumpDirectory(ctx)
}

// putService writes s with the prepared statements given, or with one-off
// statements when they are nil.
func (tx *Tx) putService(ctx context.Context, s directory.DirectoryService, upsert, unlinkAll, link *sql.Stmt) error {
	exec := func(st *sql.Stmt, query string, args ...any) error {
		var err error
		if st != nil {
			_, err = st.ExecContext(ctx, args...)
		} else {
			_, err = tx.exec(ctx, query, args...)
		}
		return wrapErr("put service", err)
	}
	if err := s.Validate(); err != nil {
		return err
	}
	if s.LastModified.IsZero() {
		s.LastModified = tx.now
	}
	rec := serviceRecord{ProgramID: s.ProgramID, Name: s.Name, AlternateName: s.AlternateName, Description: s.Description,
		Eligibility: s.Eligibility, ApplicationProcess: s.ApplicationProcess, FeesDescription: s.FeesDescription, URL: s.URL,
		Email: s.Email, InterpretationServices: s.InterpretationServices, Accreditations: s.Accreditations, Alert: s.Alert,
		MinimumAge: s.MinimumAge, MaximumAge: s.MaximumAge, Profile: s.Profile, NeedIDs: s.NeedIDs, Capacity: s.Capacity,
		TimeZone: s.TimeZone, Details: s.Details}
	restricted := serviceRestricted{Phones: s.ProfessionalPhones, InternalNotes: s.InternalNotes}
	var confirmedAt any
	if !s.Confirmation.At.IsZero() {
		confirmedAt = s.Confirmation.At.UTC()
	}
	if err := exec(upsert, upsertServiceSQL, s.ID, s.OrganizationID, string(s.Status), s.Name.Get("fr"), s.Name.Get("en"), mustJSON(rec), mustJSON(restricted),
		confirmedAt, s.Confirmation.By, string(s.Confirmation.Outcome), s.LastModified.UTC()); err != nil {
		return err
	}
	if err := exec(unlinkAll, unlinkServiceSQL, s.ID); err != nil {
		return err
	}
	for _, sal := range s.Locations {
		if err := exec(link, linkServiceSQL, sal.ID, s.ID, sal.LocationID, sal.Description); err != nil {
			return err
		}
	}
	return nil
}

// ServiceWriter writes many services in one transaction (an import): the
// same rows as PutService, with its statements prepared once and the
// directory's revision bumped once, at Close.
type ServiceWriter struct {
	tx                      *Tx
	upsert, unlinkAll, link *sql.Stmt
	wrote                   bool
}

const (
	upsertServiceSQL = `INSERT INTO directory_services (id, organization_id, status, name_fr, name_en, record, restricted,
			confirmed_at, confirmed_by, confirm_outcome, last_modified)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, status = excluded.status, name_fr = excluded.name_fr,
			name_en = excluded.name_en, record = excluded.record, restricted = excluded.restricted, confirmed_at = excluded.confirmed_at,
			confirmed_by = excluded.confirmed_by, confirm_outcome = excluded.confirm_outcome, last_modified = excluded.last_modified`
	unlinkServiceSQL = `DELETE FROM directory_service_locations WHERE service_id = $1`
	linkServiceSQL   = `INSERT INTO directory_service_locations (id, service_id, location_id, description) VALUES ($1, $2, $3, $4)
			ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, location_id = excluded.location_id, description = excluded.description`
)

// ServiceWriter prepares the statements of PutService.
func (tx *Tx) ServiceWriter(ctx context.Context) (*ServiceWriter, error) {
	w := &ServiceWriter{tx: tx}
	for _, st := range []struct {
		stmt **sql.Stmt
		sql  string
	}{{&w.upsert, upsertServiceSQL}, {&w.unlinkAll, unlinkServiceSQL}, {&w.link, linkServiceSQL}} {
		var err error
		if *st.stmt, err = tx.tx.PrepareContext(ctx, st.sql); err != nil {
			w.Close(ctx)
			return nil, wrapErr("service writer", err)
		}
	}
	return w, nil
}

// Put writes s as PutService does.
func (w *ServiceWriter) Put(ctx context.Context, s directory.DirectoryService) error {
	if err := w.tx.putService(ctx, s, w.upsert, w.unlinkAll, w.link); err != nil {
		return err
	}
	w.wrote = true
	return nil
}

// Close releases the statements and, when a service was written, counts
// the change in the directory's revision.
func (w *ServiceWriter) Close(ctx context.Context) error {
	for _, st := range []*sql.Stmt{w.upsert, w.unlinkAll, w.link} {
		if st != nil {
			st.Close()
		}
	}
	if !w.wrote {
		return nil
	}
	w.wrote = false
	return w.tx.bumpDirectory(ctx)
}

// Audience says which fields a read returns.
type Audience int

const (
	// Public readers never get professionals-only fields.
	Public Audience = iota
	// Professionals get every field.
	Professionals
)

func serviceColumns(a Audience) string {
	restricted := `'{}'`
	if a == Professionals {
		restricted = `restricted`
	}
	return `id, organization_id, status, record, ` + restricted + `, confirmed_at, confirmed_by, confirm_outcome, last_modified`
}

func scanService(row interface{ Scan(...any) error }) (directory.DirectoryService, error) {
	var s directory.DirectoryService
	var status, rec, restricted, outcome string
	var confirmedAt sql.NullTime
	if err := row.Scan(&s.ID, &s.OrganizationID, &status, &rec, &restricted, &confirmedAt, &s.Confirmation.By, &outcome, &s.LastModified); err != nil {
		return s, err
	}
	var r serviceRecord
	if err := json.Unmarshal([]byte(rec), &r); err != nil {
		return s, err
	}
	var pro serviceRestricted
	if err := json.Unmarshal([]byte(restricted), &pro); err != nil {
		return s, err
	}
	s.Status, s.Confirmation.Outcome = directory.ServiceStatus(status), directory.ConfirmOutcome(outcome)
	if confirmedAt.Valid {
		s.Confirmation.At = confirmedAt.Time.UTC()
	}
	s.LastModified = s.LastModified.UTC()
	s.ProgramID, s.Name, s.AlternateName, s.Description = r.ProgramID, r.Name, r.AlternateName, r.Description
	s.Eligibility, s.ApplicationProcess, s.FeesDescription = r.Eligibility, r.ApplicationProcess, r.FeesDescription
	s.URL, s.Email, s.InterpretationServices, s.Accreditations, s.Alert = r.URL, r.Email, r.InterpretationServices, r.Accreditations, r.Alert
	s.MinimumAge, s.MaximumAge, s.Profile, s.NeedIDs, s.Capacity = r.MinimumAge, r.MaximumAge, r.Profile, r.NeedIDs, r.Capacity
	s.TimeZone, s.Details = r.TimeZone, r.Details
	s.ProfessionalPhones, s.InternalNotes = pro.Phones, pro.InternalNotes
	return s, nil
}

// DirectoryServiceByID reads a service with its links to locations.
func (tx *Tx) DirectoryServiceByID(ctx context.Context, id string, a Audience) (directory.DirectoryService, error) {
	s, err := scanService(tx.queryRow(ctx, `SELECT `+serviceColumns(a)+` FROM directory_services WHERE id = $1`, id))
	if err != nil {
		return s, notFound(wrapErr("read directory service by ID", err), "directory.error.not_found")
	}
	links, err := tx.serviceLocationsOf(ctx, []string{id})
	s.Locations = links[id]
	return s, err
}

func (tx *Tx) serviceLocationsOf(ctx context.Context, serviceIDs []string) (map[string][]directory.ServiceAtLocation, error) {
	out := map[string][]directory.ServiceAtLocation{}
	if len(serviceIDs) == 0 {
		return out, nil
	}
	if err := tx.eachRow(ctx, "read locations of services", func(row rowScanner) error {
		var sid string
		var sal directory.ServiceAtLocation
		if err := row.Scan(&sid, &sal.ID, &sal.LocationID, &sal.Description); err != nil {
			return err
		}
		out[sid] = append(out[sid], sal)
		return nil
	}, `SELECT service_id, id, location_id, description FROM directory_service_locations
		WHERE service_id IN (`+placeholders(1, len(serviceIDs))+`) ORDER BY service_id, id`, stringArgs(serviceIDs)...); err != nil {
		return nil, err
	}
	return out, nil
}

// DirectoryServices lists services by id, with their links to locations,
// and counts all that the page's conditions select.
func (tx *Tx) DirectoryServices(ctx context.Context, p DirectoryPage, a Audience) ([]directory.DirectoryService, int, error) {
	where, args := p.where(1, "organization_id")
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM directory_services`+where, args...).Scan(&total); err != nil {
		return nil, 0, wrapErr("directory services", err)
	}
	list, err := tx.EachDirectoryService(ctx, p, a, nil)
	return list, total, err
}

// EachDirectoryService reads the selected services in id order. With fn,
// each is handed to fn and none is kept (a whole directory need not fit in
// memory twice); without, they are returned with their location links.
func (tx *Tx) EachDirectoryService(ctx context.Context, p DirectoryPage, a Audience, fn func(directory.DirectoryService) error) ([]directory.DirectoryService, error) {
	where, args := p.where(1, "organization_id")
	var list []directory.DirectoryService
	if err := tx.eachRow(ctx, "list directory services", func(row rowScanner) error {
		s, err := scanService(row)
		if err != nil {
			return err
		}
		if fn != nil {
			return fn(s)
		}
		list = append(list, s)
		return nil
	}, `SELECT `+serviceColumns(a)+` FROM directory_services`+where+` ORDER BY id`+p.limit(), args...); err != nil || fn != nil {
		return nil, err
	}
	ids := make([]string, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	links, err := tx.serviceLocationsOf(ctx, ids)
	for i := range list {
		list[i].Locations = links[list[i].ID]
	}
	return list, err
}

// AllServiceLocations maps every service to its location links.
func (tx *Tx) AllServiceLocations(ctx context.Context) (map[string][]directory.ServiceAtLocation, error) {
	out := map[string][]directory.ServiceAtLocation{}
	if err := tx.eachRow(ctx, "read all service locations", func(row rowScanner) error {
		var sid string
		var sal directory.ServiceAtLocation
		if err := row.Scan(&sid, &sal.ID, &sal.LocationID, &sal.Description); err != nil {
			return err
		}
		out[sid] = append(out[sid], sal)
		return nil
	}, `SELECT service_id, id, location_id, description FROM directory_service_locations ORDER BY service_id, id`); err != nil {
		return nil, err
	}
	return out, nil

}

// AddHistory appends a change to the directory's history.
func (tx *Tx) AddHistory(ctx context.Context, h directory.DirectoryChange) error {
	if h.ID == "" {
		h.ID = berceau.NewUUID()
	}
	if h.ActionDate.IsZero() {
		h.ActionDate = tx.now
	}
	_, err := tx.exec(ctx, `INSERT INTO directory_history (id, resource_id, resource_type, field_name, previous_value, replacement_value, updated_by, action_type, action_date)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
		h.ID, h.ResourceID, h.ResourceType, h.FieldName, h.PreviousValue, h.ReplacementValue, h.UpdatedBy, h.ActionType, h.ActionDate.UTC())
	return wrapErr("add history", err)
}

// History lists the changes of resources (all when ids is nil), oldest first.
func (tx *Tx) History(ctx context.Context, ids []string) ([]directory.DirectoryChange, error) {
	query := `SELECT id, resource_id, resource_type, field_name, previous_value, replacement_value, updated_by, action_type, action_date FROM directory_history`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return nil, nil
		}
		query += ` WHERE resource_id IN (` + placeholders(1, len(ids)) + `)`
		args = stringArgs(ids)
	}
	var list []directory.DirectoryChange
	if err := tx.eachRow(ctx, "read the history of a service", func(row rowScanner) error {
		var h directory.DirectoryChange
		if err := row.Scan(&h.ID, &h.ResourceID, &h.ResourceType, &h.FieldName, &h.PreviousValue, &h.ReplacementValue, &h.UpdatedBy, &h.ActionType, &h.ActionDate); err != nil {
			return err
		}
		h.ActionDate = h.ActionDate.UTC()
		list = append(list, h)
		return nil
	}, query+` ORDER BY action_date, id`, args...); err != nil {
		return nil, err
	}
	return list, nil
}

// CountDirectory counts organisations, locations and services.
func (tx *Tx) CountDirectory(ctx context.Context) (orgs, locations, services int, err error) {
	err = tx.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM directory_organizations), (SELECT COUNT(*) FROM directory_locations),
		(SELECT COUNT(*) FROM directory_services)`).Scan(&orgs, &locations, &services)
	return
}
