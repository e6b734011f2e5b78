-- +goose Up
-- A group meeting: one meeting, many families; each family's attendance is
-- its own contact (done when present, missed when absent) pointing here.
CREATE TABLE group_meetings (
    id         {{identity_pk}},
    site_id    {{bigint}} NOT NULL REFERENCES sites (id),
    title      TEXT NOT NULL,
    meeting_on DATE NOT NULL,
    minutes    INTEGER NOT NULL DEFAULT 0,
    created_by {{bigint}} NOT NULL REFERENCES users (id),
    created_at {{timestamp}} NOT NULL
);

-- A contact's group meeting, and its sensitive note: a note in a
-- compartment (conjugal violence, immigration status, mental health,
-- substance use) that only people granted the compartment read.
ALTER TABLE contacts ADD COLUMN group_id {{bigint}} REFERENCES group_meetings (id);
ALTER TABLE contacts ADD COLUMN compartment TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN sensitive_notes TEXT NOT NULL DEFAULT '';
CREATE INDEX contacts_on ON contacts (contact_on);

-- The family members present at a contact, and the goals worked on.
CREATE TABLE contact_members (
    contact_id {{bigint}} NOT NULL REFERENCES contacts (id),
    member_id  {{bigint}} NOT NULL REFERENCES household_members (id),
    PRIMARY KEY (contact_id, member_id)
);
CREATE TABLE contact_goals (
    contact_id {{bigint}} NOT NULL REFERENCES contacts (id),
    goal_id    {{bigint}} NOT NULL REFERENCES plan_goals (id),
    PRIMARY KEY (contact_id, goal_id)
);
CREATE INDEX contact_workers_user ON contact_workers (user_id);
CREATE INDEX families_key_worker ON families (key_worker_id);

-- Who may read which compartment of sensitive notes. Nobody by default.
CREATE TABLE compartment_grants (
    user_id     {{bigint}} NOT NULL REFERENCES users (id),
    compartment TEXT NOT NULL,
    granted_by  {{bigint}} NOT NULL REFERENCES users (id),
    granted_at  {{timestamp}} NOT NULL,
    PRIMARY KEY (user_id, compartment)
);

-- +goose Down
DROP TABLE compartment_grants;
DROP INDEX contact_workers_user;
DROP INDEX families_key_worker;
DROP TABLE contact_goals;
DROP TABLE contact_members;
DROP INDEX contacts_on;
ALTER TABLE contacts DROP COLUMN sensitive_notes;
ALTER TABLE contacts DROP COLUMN compartment;
ALTER TABLE contacts DROP COLUMN group_id;
DROP TABLE group_meetings;
