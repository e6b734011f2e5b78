-- +goose Up
-- A family's enrollments in programmes (SIPPE…), from a start date until closure.
CREATE TABLE enrollments (
    id             {{identity_pk}},
    family_id      {{bigint}} NOT NULL REFERENCES families (id),
    programme      TEXT NOT NULL,
    start_date     DATE NOT NULL,
    closed_on      DATE,
    closure_reason TEXT NOT NULL DEFAULT '',
    created_at     {{timestamp}} NOT NULL
);
CREATE INDEX enrollments_family ON enrollments (family_id);

-- Every change of a family file's status, and every transfer to another
-- site or team (same status before and after, sites and teams filled in).
CREATE TABLE family_status_history (
    id             {{identity_pk}},
    family_id      {{bigint}} NOT NULL REFERENCES families (id),
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    closure_reason TEXT NOT NULL DEFAULT '',
    from_site_id   {{bigint}} REFERENCES sites (id),
    from_team_id   {{bigint}} REFERENCES teams (id),
    to_site_id     {{bigint}} REFERENCES sites (id),
    to_team_id     {{bigint}} REFERENCES teams (id),
    changed_by     {{bigint}} REFERENCES users (id),
    at             {{timestamp}} NOT NULL
);
CREATE INDEX family_status_history_family ON family_status_history (family_id);

-- Every change of a family's key worker; a NULL user means none.
CREATE TABLE key_worker_history (
    id         {{identity_pk}},
    family_id  {{bigint}} NOT NULL REFERENCES families (id),
    user_id    {{bigint}} REFERENCES users (id),
    reason     TEXT NOT NULL DEFAULT '',
    changed_by {{bigint}} REFERENCES users (id),
    at         {{timestamp}} NOT NULL
);
CREATE INDEX key_worker_history_family ON key_worker_history (family_id);

-- +goose Down
DROP TABLE key_worker_history;
DROP TABLE family_status_history;
DROP TABLE enrollments;
