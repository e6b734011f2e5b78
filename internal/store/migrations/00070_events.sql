-- +goose Up
-- Events and meeting cycles of the knowledge space (package knowledge).
-- Organisers are organisations of the resource directory. An event is never
-- deleted: a change or a cancellation marks it and raises its sequence, the
-- counter calendars read (RFC 5545 SEQUENCE).
CREATE TABLE event_cycles (
    id          {{identity_pk}},
    uid         TEXT NOT NULL UNIQUE,
    title_fr    TEXT NOT NULL DEFAULT '',
    title_en    TEXT NOT NULL DEFAULT '',
    summary_fr  TEXT NOT NULL DEFAULT '',
    summary_en  TEXT NOT NULL DEFAULT '',
    created_by  {{bigint}} REFERENCES users (id),
    created_at  {{timestamp}} NOT NULL,
    updated_at  {{timestamp}} NOT NULL
);

CREATE TABLE event_cycle_organisers (
    cycle_id        {{bigint}} NOT NULL REFERENCES event_cycles (id),
    organization_id TEXT NOT NULL REFERENCES directory_organizations (id),
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cycle_id, organization_id)
);
CREATE INDEX event_cycle_organisers_organization ON event_cycle_organisers (organization_id);

CREATE TABLE events (
    id                       {{identity_pk}},
    uid                      TEXT NOT NULL UNIQUE,
    cycle_id                 {{bigint}} REFERENCES event_cycles (id),
    kind                     TEXT NOT NULL,
    title_fr                 TEXT NOT NULL DEFAULT '',
    title_en                 TEXT NOT NULL DEFAULT '',
    summary_fr               TEXT NOT NULL DEFAULT '',
    summary_en               TEXT NOT NULL DEFAULT '',
    body_fr                  TEXT NOT NULL DEFAULT '',
    body_en                  TEXT NOT NULL DEFAULT '',
    place_kind               TEXT NOT NULL,
    location_id              TEXT REFERENCES directory_locations (id),
    address                  TEXT NOT NULL DEFAULT '',
    join_url                 TEXT NOT NULL DEFAULT '',
    starts_at                {{timestamp}} NOT NULL,
    ends_at                  {{timestamp}} NOT NULL,
    time_zone                TEXT NOT NULL,
    audience                 TEXT NOT NULL,
    audience_organization_id TEXT REFERENCES directory_organizations (id),
    capacity                 INTEGER NOT NULL DEFAULT 0,
    registration_opens       {{timestamp}},
    registration_closes      {{timestamp}},
    approval_required        BOOLEAN NOT NULL DEFAULT FALSE,
    accessibility_fr         TEXT NOT NULL DEFAULT '',
    accessibility_en         TEXT NOT NULL DEFAULT '',
    languages                TEXT NOT NULL DEFAULT '',
    interpretation_languages TEXT NOT NULL DEFAULT '',
    free                     BOOLEAN NOT NULL DEFAULT TRUE,
    status                   TEXT NOT NULL DEFAULT 'scheduled',
    sequence                 INTEGER NOT NULL DEFAULT 0,
    created_by               {{bigint}} REFERENCES users (id),
    created_at               {{timestamp}} NOT NULL,
    updated_at               {{timestamp}} NOT NULL
);
CREATE INDEX events_starts ON events (starts_at);
CREATE INDEX events_ends ON events (ends_at);
CREATE INDEX events_cycle ON events (cycle_id, starts_at);

CREATE TABLE event_organisers (
    event_id        {{bigint}} NOT NULL REFERENCES events (id),
    organization_id TEXT NOT NULL REFERENCES directory_organizations (id),
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, organization_id)
);
CREATE INDEX event_organisers_organization ON event_organisers (organization_id);

-- Organisers of events (berceau.PermEventsManage): network administrators,
-- content editors and site coordinators.
INSERT INTO role_permissions (role, permission) VALUES
    ('network_admin', 'events.manage'),
    ('content_editor', 'events.manage'),
    ('site_coordinator', 'events.manage');

-- +goose Down
DELETE FROM role_permissions WHERE permission = 'events.manage';
DROP TABLE event_organisers;
DROP TABLE events;
DROP TABLE event_cycle_organisers;
DROP TABLE event_cycles;
