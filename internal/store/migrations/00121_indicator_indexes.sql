-- +goose Up
-- Indexes for the indicators' measures (issue 17): the reassessments of a
-- period by day (reassessments_on_time read every reassessment through
-- the family index), the earliest start of a family's enrollments, and
-- the contacts a family held in whole months from its tallies without a
-- look-up per month (the rhythm).
CREATE INDEX reassessments_held_on ON reassessments (held_on, family_id);
CREATE INDEX enrollments_family_start ON enrollments (family_id, start_date);
DROP INDEX indicator_contact_months_family;
CREATE INDEX indicator_contact_months_family ON indicator_contact_months (family_id, month, done);

-- +goose Down
DROP INDEX reassessments_held_on;
DROP INDEX enrollments_family_start;
DROP INDEX indicator_contact_months_family;
CREATE INDEX indicator_contact_months_family ON indicator_contact_months (family_id, month);
