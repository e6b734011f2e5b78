-- +goose Up
-- A programme's rhythms are configuration: its intensity levels, each with
-- the interval between prescribed contacts, and how often a family is
-- reassessed (months) with how many days of notice before it is due.
ALTER TABLE programmes ADD COLUMN reassess_months INTEGER NOT NULL DEFAULT 6;
ALTER TABLE programmes ADD COLUMN reassess_notice_days INTEGER NOT NULL DEFAULT 30;

CREATE TABLE programme_levels (
    programme_id  {{bigint}} NOT NULL REFERENCES programmes (id),
    code          TEXT NOT NULL,
    interval_days INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (programme_id, code)
);
INSERT INTO programme_levels (programme_id, code, interval_days, position)
    SELECT id, '1', 7, 1 FROM programmes WHERE slug IN ('sippe', 'cspc', 'mille-jours');
INSERT INTO programme_levels (programme_id, code, interval_days, position)
    SELECT id, '2', 14, 2 FROM programmes WHERE slug IN ('sippe', 'cspc', 'mille-jours');
INSERT INTO programme_levels (programme_id, code, interval_days, position)
    SELECT id, '3', 28, 3 FROM programmes WHERE slug IN ('sippe', 'cspc', 'mille-jours');

-- A reassessment of a family: what it found and, when the level changed,
-- the new level (its change is in intensity_changes).
CREATE TABLE reassessments (
    id         {{identity_pk}},
    family_id  {{bigint}} NOT NULL REFERENCES families (id),
    held_on    DATE NOT NULL,
    summary    TEXT NOT NULL,
    level_code TEXT NOT NULL DEFAULT '',
    held_by    {{bigint}} NOT NULL REFERENCES users (id),
    at         {{timestamp}} NOT NULL
);
CREATE INDEX reassessments_family ON reassessments (family_id, held_on);

-- +goose Down
DROP TABLE reassessments;
DROP TABLE programme_levels;
ALTER TABLE programmes DROP COLUMN reassess_notice_days;
ALTER TABLE programmes DROP COLUMN reassess_months;
