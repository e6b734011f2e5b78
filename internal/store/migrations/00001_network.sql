-- +goose Up
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organisations (
    id         {{identity_pk}},
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    city       TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL
);

CREATE TABLE sites (
    id              {{identity_pk}},
    organisation_id {{bigint}} NOT NULL REFERENCES organisations (id),
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    created_at      {{timestamp}} NOT NULL
);
CREATE INDEX sites_organisation ON sites (organisation_id);

CREATE TABLE users (
    id            {{identity_pk}},
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    discipline    TEXT NOT NULL DEFAULT '',
    locale        TEXT NOT NULL DEFAULT 'fr',
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    {{timestamp}} NOT NULL
);

CREATE TABLE user_roles (
    id              {{identity_pk}},
    user_id         {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    organisation_id {{bigint}} REFERENCES organisations (id), -- NULL: the whole network
    site_id         {{bigint}} REFERENCES sites (id)          -- NULL: the whole organisation
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, COALESCE(organisation_id, 0), COALESCE(site_id, 0));

-- +goose Down
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE sites;
DROP TABLE organisations;
DROP TABLE settings;
