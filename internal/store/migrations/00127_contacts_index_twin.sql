-- +goose Up
-- A contact saved writes one index fewer: 00110's index on (family,
-- outcome, date, kind) begins with 00019's (family, outcome, date) and
-- serves every query it served (my day's last contact held is the same
-- seek), so 00019's is dropped. Before, each save wrote a leaf of both.
DROP INDEX contacts_family_outcome_on;

-- +goose Down
CREATE INDEX contacts_family_outcome_on ON contacts (family_id, outcome, contact_on);
