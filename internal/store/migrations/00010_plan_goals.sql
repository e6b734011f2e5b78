-- +goose Up
-- A family's action plan: goals in the family's own words, each under an
-- orientation and sub-objective of the programme, with dated progress notes.
-- version counts the edits, so that two people editing the same goal at once
-- cannot silently overwrite each other.
CREATE TABLE plan_goals (
    id            {{identity_pk}},
    family_id     {{bigint}} NOT NULL REFERENCES families (id),
    words         TEXT NOT NULL,
    orientation   TEXT NOT NULL,
    sub_objective TEXT NOT NULL,
    status        TEXT NOT NULL,
    progress      INTEGER NOT NULL DEFAULT 0,
    target_date   DATE,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    {{timestamp}} NOT NULL,
    updated_at    {{timestamp}} NOT NULL
);
CREATE INDEX plan_goals_family ON plan_goals (family_id);

-- Internal notes never appear in the plan printed for the family.
CREATE TABLE goal_notes (
    id       {{identity_pk}},
    goal_id  {{bigint}} NOT NULL REFERENCES plan_goals (id),
    at       {{timestamp}} NOT NULL,
    text     TEXT NOT NULL,
    internal BOOLEAN NOT NULL DEFAULT FALSE,
    author   {{bigint}} NOT NULL REFERENCES users (id)
);
CREATE INDEX goal_notes_goal ON goal_notes (goal_id);

-- +goose Down
DROP TABLE goal_notes;
DROP TABLE plan_goals;
