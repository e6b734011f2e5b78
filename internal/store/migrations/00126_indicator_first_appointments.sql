-- +goose Up
-- The first appointment held of each referral (issue 17,
-- days_to_first_appointment on PostgreSQL): the measure joins them grouped
-- once instead of looking each referral's changes up, twice, per referral
-- of the period. referral_changes is written when a referral changes
-- status, never by a contact.
CREATE INDEX referral_changes_first_appointment ON referral_changes (referral_id, at) WHERE to_status = 'first_appointment_held';

-- +goose Down
DROP INDEX referral_changes_first_appointment;
