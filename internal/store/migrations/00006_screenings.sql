-- +goose Up
-- Programmes are configuration: which rulebook decides admission automatically
-- (empty: the team reviews every file) and the quorum of team decisions.
CREATE TABLE programmes (
    id                   {{identity_pk}},
    slug                 TEXT NOT NULL UNIQUE,
    rulebook             TEXT NOT NULL DEFAULT '',
    quorum_professionals INTEGER NOT NULL,
    quorum_disciplines   INTEGER NOT NULL,
    active               BOOLEAN NOT NULL DEFAULT TRUE,
    created_at           {{timestamp}} NOT NULL
);
INSERT INTO programmes (slug, rulebook, quorum_professionals, quorum_disciplines, active, created_at) VALUES
    ('sippe', 'sippe', 2, 2, TRUE, CURRENT_TIMESTAMP),
    ('cspc', '', 2, 2, TRUE, CURRENT_TIMESTAMP),
    ('mille-jours', '', 2, 2, TRUE, CURRENT_TIMESTAMP);

-- The network's low-income thresholds tables. The newest is the current one;
-- older ones stay, so that what they decided can be traced.
CREATE TABLE income_threshold_tables (
    id         {{identity_pk}},
    label      TEXT NOT NULL,
    created_by {{bigint}} REFERENCES users (id),
    created_at {{timestamp}} NOT NULL
);

CREATE TABLE income_thresholds (
    table_id       {{bigint}} NOT NULL REFERENCES income_threshold_tables (id),
    household_size INTEGER NOT NULL,
    threshold      INTEGER NOT NULL,
    PRIMARY KEY (table_id, household_size)
);

-- A screening with everything that decided it: the input as evaluated, the
-- rulebook's id@version, the thresholds table's label and each criterion's
-- verdict and explanation (JSON). Changing a rulebook or a table never
-- changes a past screening.
CREATE TABLE screenings (
    id               {{identity_pk}},
    family_id        {{bigint}} NOT NULL REFERENCES families (id),
    programme_slug   TEXT NOT NULL,
    rulebook         TEXT NOT NULL,
    thresholds_label TEXT NOT NULL,
    screening_date   DATE NOT NULL,
    input            TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    admissible_from  DATE,
    criteria         TEXT NOT NULL,
    orientation      TEXT NOT NULL DEFAULT '',
    screened_by      {{bigint}} NOT NULL REFERENCES users (id),
    created_at       {{timestamp}} NOT NULL
);
CREATE INDEX screenings_family ON screenings (family_id);

-- +goose Down
DROP TABLE screenings;
DROP TABLE income_thresholds;
DROP TABLE income_threshold_tables;
DROP TABLE programmes;
