-- +goose Up
-- Indicators are data: each edit of an indicator stores a new version under
-- the same code and the old ones stay (what a past report computed can be
-- traced). Names and descriptions are JSON texts by language. dimensions is
-- a comma-separated list of the breakdowns offered ('' : every breakdown
-- its measures carry); period is the default breakdown in time.
CREATE TABLE indicator_definitions (
    id          {{identity_pk}},
    code        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    section     TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    name        TEXT NOT NULL DEFAULT '{}',
    description TEXT NOT NULL DEFAULT '{}',
    expression  TEXT NOT NULL,
    dimensions  TEXT NOT NULL DEFAULT '',
    period      TEXT NOT NULL DEFAULT '',
    created_by  {{bigint}} REFERENCES users (id),
    created_at  {{timestamp}} NOT NULL,
    UNIQUE (code, version)
);

-- The territory's expected eligible births, per site and year, as the
-- coordinator enters them: the denominator of reach.
CREATE TABLE indicator_expected_births (
    site_id    {{bigint}} NOT NULL REFERENCES sites (id),
    year       INTEGER NOT NULL,
    births     INTEGER NOT NULL,
    updated_by {{bigint}} REFERENCES users (id),
    updated_at {{timestamp}} NOT NULL,
    PRIMARY KEY (site_id, year)
);

-- The intensity measures read each family's contacts of a period with
-- their kind from this index alone (one range per family), never the table.
CREATE INDEX contacts_family_outcome_on_kind ON contacts (family_id, outcome, contact_on, kind);
CREATE INDEX family_status_history_at ON family_status_history (at);
CREATE INDEX referrals_created ON referrals (created_at);
CREATE INDEX plan_goals_created ON plan_goals (created_at);
CREATE INDEX enrollments_closed ON enrollments (closed_on);

-- +goose Down
DROP INDEX enrollments_closed;
DROP INDEX plan_goals_created;
DROP INDEX referrals_created;
DROP INDEX family_status_history_at;
DROP INDEX contacts_family_outcome_on_kind;
DROP TABLE indicator_expected_births;
DROP TABLE indicator_definitions;
