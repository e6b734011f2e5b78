-- +goose Up
-- A family's follow-up intensity: each change sets a level (its code and
-- contact interval, copied so that later programme edits do not rewrite the
-- past) from a date, for a reason.
CREATE TABLE intensity_changes (
    id            {{identity_pk}},
    family_id     {{bigint}} NOT NULL REFERENCES families (id),
    level_code    TEXT NOT NULL,
    interval_days INTEGER NOT NULL,
    effective_on  DATE NOT NULL,
    reason        TEXT NOT NULL,
    changed_by    {{bigint}} NOT NULL REFERENCES users (id),
    at            {{timestamp}} NOT NULL
);
CREATE INDEX intensity_changes_family ON intensity_changes (family_id);

-- Contacts with a family, planned or held, and the professionals who took
-- part. version counts changes, for optimistic concurrency.
CREATE TABLE contacts (
    id         {{identity_pk}},
    family_id  {{bigint}} NOT NULL REFERENCES families (id),
    kind       TEXT NOT NULL,
    contact_on DATE NOT NULL,
    minutes    INTEGER NOT NULL DEFAULT 0,
    outcome    TEXT NOT NULL,
    notes      TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    created_by {{bigint}} NOT NULL REFERENCES users (id),
    created_at {{timestamp}} NOT NULL,
    updated_at {{timestamp}} NOT NULL
);
CREATE INDEX contacts_family_on ON contacts (family_id, contact_on);

CREATE TABLE contact_workers (
    contact_id {{bigint}} NOT NULL REFERENCES contacts (id),
    user_id    {{bigint}} NOT NULL REFERENCES users (id),
    PRIMARY KEY (contact_id, user_id)
);

-- +goose Down
DROP TABLE contact_workers;
DROP TABLE contacts;
DROP TABLE intensity_changes;
