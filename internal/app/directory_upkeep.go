package app

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// maxWaitlistWeeks bounds a waiting-list estimate: beyond two years it is
// a typing error.
const maxWaitlistWeeks = 104

// UpdateCapacity records a service's capacity signal (accepting, waiting
// list with an estimate in weeks, full), dated now, for its maintainers
// (its organisation's editors, the network's moderators). The change lands
// in the HSDS history and the audit trail; version, when set, is the
// service version the editor saw.
func (a *DirectoryService) UpdateCapacity(ctx context.Context, actor berceau.Actor, serviceID string, status directory.CapacityStatus, waitlistWeeks int, version string) error {
	const action = "directory.service.capacity"
	if !actor.SignedIn() {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	err := a.write(ctx, actor, "", auditTarget{Action: action, ObjectType: "directory_service", ObjectID: 0, Detail: serviceID}, func(tx *store.Tx, t *auditTarget) error {
		s, err := maintainedService(ctx, tx, actor, serviceID)
		if err != nil {
			return err
		}
		fields := map[string]string{}
		switch status {
		case directory.CapacityAccepting, directory.CapacityFull:
			waitlistWeeks = 0
		case directory.CapacityWaitlist:
			if waitlistWeeks < 0 || waitlistWeeks > maxWaitlistWeeks {
				fields["waitlist_weeks"] = "daily_flows.waitlist_weeks_range"
			}
		default:
			fields["capacity"] = "error.required"
		}
		if len(fields) > 0 {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
		}
		if version != "" && version != ServiceVersion(s) {
			return &berceau.Error{Kind: berceau.KindConflict, Key: "directory_editors.error.changed"}
		}
		old := capacityText(s.Capacity)
		s.Capacity = directory.CapacitySignal{Status: status, WaitlistWeeks: waitlistWeeks, At: tx.Now()}
		s.LastModified = tx.Now()
		if err := tx.PutService(ctx, s); err != nil {
			return err
		}
		if err := tx.AddHistory(ctx, directory.DirectoryChange{ResourceID: s.ID, ResourceType: "service", FieldName: "capacity",
			PreviousValue: old, ReplacementValue: capacityText(s.Capacity), UpdatedBy: actor.User.Email, ActionType: "update"}); err != nil {
			return err
		}
		t.Detail = s.ID + " " + capacityText(s.Capacity)
		return nil
	})
	return err
}

func capacityText(c directory.CapacitySignal) string {
	if c.Status == directory.CapacityWaitlist {
		return string(c.Status) + " " + strconv.Itoa(c.WaitlistWeeks) + "w"
	}
	return string(c.Status)
}

var clockTime = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// SetWeeklyHours replaces a service's opening hours with one weekly
// schedule: the days it opens (HSDS byday codes MO…SU) from opens to closes
// (HH:MM, local time of the service). Same maintainers, history and audit
// as UpdateCapacity.
func (a *DirectoryService) SetWeeklyHours(ctx context.Context, actor berceau.Actor, serviceID string, days []string, opens, closes, version string) error {
	const action = "directory.service.hours"
	if !actor.SignedIn() {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	opens, closes = strings.TrimSpace(opens), strings.TrimSpace(closes)
	err := a.write(ctx, actor, "", auditTarget{Action: action, ObjectType: "directory_service", ObjectID: 0, Detail: serviceID}, func(tx *store.Tx, t *auditTarget) error {
		s, err := maintainedService(ctx, tx, actor, serviceID)
		if err != nil {
			return err
		}
		fields := map[string]string{}
		var byday []string
		for _, code := range []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"} {
			for _, d := range days {
				if d == code {
					byday = append(byday, code)
				}
			}
		}
		if len(byday) == 0 || len(byday) != len(days) {
			fields["days"] = "daily_flows.hours_days_required"
		}
		if !clockTime.MatchString(opens) {
			fields["opens"] = "daily_flows.hours_time_invalid"
		}
		if !clockTime.MatchString(closes) {
			fields["closes"] = "daily_flows.hours_time_invalid"
		} else if fields["opens"] == "" && closes <= opens {
			fields["closes"] = "daily_flows.hours_closes_before_opens"
		}
		if len(fields) > 0 {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
		}
		if version != "" && version != ServiceVersion(s) {
			return &berceau.Error{Kind: berceau.KindConflict, Key: "directory_editors.error.changed"}
		}
		old := hoursText(s.Details.Schedules)
		s.Details.Schedules = []directory.DirectorySchedule{{ID: berceau.NewUUID(), Freq: "WEEKLY", Byday: strings.Join(byday, ","),
			OpensAt: opens, ClosesAt: closes}}
		s.LastModified = tx.Now()
		if err := tx.PutService(ctx, s); err != nil {
			return err
		}
		if err := tx.AddHistory(ctx, directory.DirectoryChange{ResourceID: s.ID, ResourceType: "service", FieldName: "schedules",
			PreviousValue: old, ReplacementValue: hoursText(s.Details.Schedules), UpdatedBy: actor.User.Email, ActionType: "update"}); err != nil {
			return err
		}
		t.Detail = s.ID + " " + hoursText(s.Details.Schedules)
		return nil
	})
	return err
}

// hoursText writes weekly schedules as the history shows them: "TU,TH 09:00-12:00".
func hoursText(list []directory.DirectorySchedule) string {
	var parts []string
	for _, sc := range list {
		if sc.Byday == "" && sc.OpensAt == "" {
			continue
		}
		parts = append(parts, strings.TrimSpace(sc.Byday+" "+short(sc.OpensAt)+"-"+short(sc.ClosesAt)))
	}
	return strings.Join(parts, "; ")
}

func short(clock string) string {
	if len(clock) >= 5 {
		return clock[:5]
	}
	return clock
}

// NewService is a service a maintainer adds to an organisation of the
// directory, at the same places as the service she starts from.
type NewService struct {
	FromServiceID string
	// Name and Description hold the languages the form offered.
	Name, Description berceau.Text
}

// AddService creates a service of the organisation of in.FromServiceID, at
// its locations, for that organisation's maintainers. It is active,
// unconfirmed, and written to the HSDS history as created and to the audit
// trail. It returns the new service's id.
func (a *DirectoryService) AddService(ctx context.Context, actor berceau.Actor, in NewService) (string, error) {
	const action = "directory.service.create"
	if !actor.SignedIn() {
		return "", berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	in.Name, in.Description = in.Name.Map(strings.TrimSpace), in.Description.Map(strings.TrimSpace)
	var id string
	err := a.write(ctx, actor, "", auditTarget{Action: action, ObjectType: "directory_service", ObjectID: 0, Detail: in.FromServiceID}, func(tx *store.Tx, t *auditTarget) error {
		from, err := maintainedService(ctx, tx, actor, in.FromServiceID)
		if err != nil {
			return err
		}
		fields := map[string]string{}
		if in.Name.Empty() {
			fields["new_name"] = "error.required"
		}
		for field, v := range map[string]berceau.Text{"new_name": in.Name, "new_description": in.Description} {
			if v.Longest() > 4000 {
				fields[field] = "directory.error.too_long"
			}
		}
		if len(fields) > 0 {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
		}
		s := directory.DirectoryService{ID: berceau.NewUUID(), OrganizationID: from.OrganizationID, Status: directory.ServiceActive,
			Name: in.Name, Description: in.Description,
			TimeZone: from.TimeZone, LastModified: tx.Now()}
		for _, l := range from.Locations {
			s.Locations = append(s.Locations, directory.ServiceAtLocation{ID: berceau.NewUUID(), LocationID: l.LocationID})
		}
		if err := tx.PutService(ctx, s); err != nil {
			return err
		}
		if err := tx.AddHistory(ctx, directory.DirectoryChange{ResourceID: s.ID, ResourceType: "service", FieldName: "name",
			ReplacementValue: joinLanguages(in.Name), UpdatedBy: actor.User.Email, ActionType: "create"}); err != nil {
			return err
		}
		id = s.ID
		t.Detail = s.ID + " of " + s.OrganizationID
		return nil
	})
	return id, err
}

// joinLanguages writes a text's languages one after the other ("Nom /
// Name / Naam"), for the directory's history.
func joinLanguages(t berceau.Text) string {
	var parts []string
	for _, lang := range []string{"fr", "en"} {
		if v := t.Get(lang); v != "" {
			parts = append(parts, v)
		}
	}
	for _, lang := range t.Langs() {
		if lang != "fr" && lang != "en" {
			parts = append(parts, t.Get(lang))
		}
	}
	return strings.Join(parts, " / ")
}
