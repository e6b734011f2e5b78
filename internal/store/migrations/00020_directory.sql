-- +goose Up
-- The shared perinatal resource directory (HSDS 3.1). Ids are UUIDs kept as
-- text. Rows keep in columns what queries filter or sort on, and the rest of
-- the record as HSDS-shaped JSON (record). A service's professionals-only
-- fields sit in a column of their own (restricted) that public reads never
-- select.
CREATE TABLE directory_taxonomies (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    uri         TEXT NOT NULL DEFAULT '',
    version     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE directory_taxonomy_terms (
    id             TEXT PRIMARY KEY,
    taxonomy_id    TEXT NOT NULL DEFAULT '',
    code           TEXT NOT NULL DEFAULT '',
    name_fr        TEXT NOT NULL DEFAULT '',
    name_en        TEXT NOT NULL DEFAULT '',
    description_fr TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    parent_id      TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT '',
    term_uri       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_taxonomy_terms_taxonomy ON directory_taxonomy_terms (taxonomy_id);

CREATE TABLE directory_organizations (
    id            TEXT PRIMARY KEY,
    name_fr       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    kind_id       TEXT NOT NULL DEFAULT '',
    record        TEXT NOT NULL,
    last_modified {{timestamp}} NOT NULL
);
CREATE INDEX directory_organizations_modified ON directory_organizations (last_modified);

-- Identifiers given by others: a re-import finds the organisation by them.
CREATE TABLE directory_organization_identifiers (
    id                TEXT PRIMARY KEY,
    organization_id   TEXT NOT NULL REFERENCES directory_organizations (id),
    identifier_scheme TEXT NOT NULL DEFAULT '',
    identifier_type   TEXT NOT NULL,
    identifier        TEXT NOT NULL,
    UNIQUE (identifier_type, identifier)
);
CREATE INDEX directory_organization_identifiers_org ON directory_organization_identifiers (organization_id);

CREATE TABLE directory_locations (
    id                       TEXT PRIMARY KEY,
    organization_id          TEXT NOT NULL DEFAULT '',
    location_type            TEXT NOT NULL,
    name                     TEXT NOT NULL DEFAULT '',
    latitude                 {{double}},
    longitude                {{double}},
    postal_code              TEXT NOT NULL DEFAULT '',
    external_identifier      TEXT NOT NULL DEFAULT '',
    external_identifier_type TEXT NOT NULL DEFAULT '',
    redacted                 BOOLEAN NOT NULL DEFAULT FALSE,
    record                   TEXT NOT NULL,
    last_modified            {{timestamp}} NOT NULL
);
CREATE INDEX directory_locations_external ON directory_locations (external_identifier_type, external_identifier);

CREATE TABLE directory_services (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    name_fr         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    record          TEXT NOT NULL,
    restricted      TEXT NOT NULL DEFAULT '{}',
    confirmed_at    {{timestamp}},
    confirmed_by    TEXT NOT NULL DEFAULT '',
    confirm_outcome TEXT NOT NULL DEFAULT '',
    last_modified   {{timestamp}} NOT NULL
);
CREATE INDEX directory_services_organization ON directory_services (organization_id);
CREATE INDEX directory_services_modified ON directory_services (last_modified);
CREATE INDEX directory_services_confirmed ON directory_services (confirmed_at);

CREATE TABLE directory_service_locations (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES directory_services (id),
    location_id TEXT NOT NULL REFERENCES directory_locations (id),
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_service_locations_service ON directory_service_locations (service_id);
CREATE INDEX directory_service_locations_location ON directory_service_locations (location_id);

-- HSDS metadata: one row per changed field, the directory's history.
CREATE TABLE directory_history (
    id                TEXT PRIMARY KEY,
    resource_id       TEXT NOT NULL,
    resource_type     TEXT NOT NULL,
    field_name        TEXT NOT NULL,
    previous_value    TEXT NOT NULL DEFAULT '',
    replacement_value TEXT NOT NULL DEFAULT '',
    updated_by        TEXT NOT NULL,
    action_type       TEXT NOT NULL,
    action_date       {{timestamp}} NOT NULL
);
CREATE INDEX directory_history_resource ON directory_history (resource_id, action_date);

-- One row counting the directory's changes, so that search indexes in
-- every instance know cheaply when to rebuild.
CREATE TABLE directory_state (
    id       INTEGER PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO directory_state (id, revision) VALUES (1, 0);

-- +goose Down
DROP TABLE directory_state;
DROP TABLE directory_history;
DROP TABLE directory_service_locations;
DROP TABLE directory_services;
DROP TABLE directory_locations;
DROP TABLE directory_organization_identifiers;
DROP TABLE directory_organizations;
DROP TABLE directory_taxonomy_terms;
DROP TABLE directory_taxonomies;
