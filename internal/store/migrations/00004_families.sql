-- +goose Up
-- A family file: a household followed by one site, and by one of its care teams.
CREATE TABLE families (
    id                 {{identity_pk}},
    site_id            {{bigint}} NOT NULL REFERENCES sites (id),
    team_id            {{bigint}} REFERENCES teams (id),
    key_worker_id      {{bigint}} REFERENCES users (id),
    status             TEXT NOT NULL,
    languages          TEXT NOT NULL DEFAULT '',
    interpreter_needed BOOLEAN NOT NULL DEFAULT FALSE,
    phone              TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    created_at         {{timestamp}} NOT NULL,
    updated_at         {{timestamp}} NOT NULL
);
CREATE INDEX families_site ON families (site_id);
CREATE INDEX families_team ON families (team_id);

CREATE TABLE household_members (
    id         {{identity_pk}},
    family_id  {{bigint}} NOT NULL REFERENCES families (id),
    role       TEXT NOT NULL,
    given_name TEXT NOT NULL DEFAULT '',
    surname    TEXT NOT NULL DEFAULT '',
    birth_date DATE,
    due_date   DATE,
    born_from  {{bigint}} REFERENCES household_members (id)
);
CREATE INDEX household_members_family ON household_members (family_id);
CREATE INDEX household_members_birth ON household_members (birth_date);

-- +goose Down
DROP TABLE household_members;
DROP TABLE families;
