-- +goose Up
-- My day at a network's scale (10,000 files, 1,000,000 contacts): the last
-- contact held of each file the worker follows is one seek in
-- (family, outcome, date) instead of a walk through the file's whole
-- history with a table read per contact; the contacts a worker took part in
-- are read from the index alone (user, contact).
CREATE INDEX contacts_family_outcome_on ON contacts (family_id, outcome, contact_on);
CREATE INDEX contact_workers_user_contact ON contact_workers (user_id, contact_id);
DROP INDEX contact_workers_user;

-- +goose Down
CREATE INDEX contact_workers_user ON contact_workers (user_id);
DROP INDEX contact_workers_user_contact;
DROP INDEX contacts_family_outcome_on;
