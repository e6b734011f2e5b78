-- +goose Up
-- The outreach register (package knowledge, outreach.go): media coverage,
-- research projects, publications and conference talks, with their ordered
-- authors (an account of the network, or a name from outside), the staff
-- and sites they concern.
CREATE TABLE outreach_entries (
    id         {{identity_pk}},
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    year       INTEGER NOT NULL,
    month      INTEGER NOT NULL DEFAULT 0,
    day        INTEGER NOT NULL DEFAULT 0,
    outlet     TEXT NOT NULL DEFAULT '',
    doi        TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    abstract   TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT '',
    created_by {{bigint}} REFERENCES users (id),
    created_at {{timestamp}} NOT NULL,
    updated_at {{timestamp}} NOT NULL
);
CREATE INDEX outreach_entries_date ON outreach_entries (year, month, day);

CREATE TABLE outreach_authors (
    entry_id {{bigint}} NOT NULL REFERENCES outreach_entries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    user_id  {{bigint}} REFERENCES users (id),
    name     TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
);
CREATE INDEX outreach_authors_user ON outreach_authors (user_id);

CREATE TABLE outreach_staff (
    entry_id {{bigint}} NOT NULL REFERENCES outreach_entries (id) ON DELETE CASCADE,
    user_id  {{bigint}} NOT NULL REFERENCES users (id),
    PRIMARY KEY (entry_id, user_id)
);
CREATE INDEX outreach_staff_user ON outreach_staff (user_id);

CREATE TABLE outreach_sites (
    entry_id {{bigint}} NOT NULL REFERENCES outreach_entries (id) ON DELETE CASCADE,
    site_id  {{bigint}} NOT NULL REFERENCES sites (id),
    PRIMARY KEY (entry_id, site_id)
);

-- +goose Down
DROP TABLE outreach_sites;
DROP TABLE outreach_staff;
DROP TABLE outreach_authors;
DROP TABLE outreach_entries;
