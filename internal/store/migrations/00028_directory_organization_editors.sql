-- +goose Up
-- The people who maintain a directory organisation's records: they decide
-- the suggestions made on its services, confirm them and edit them, like
-- the network's moderators but for this organisation only. Moderators
-- grant and remove them.
CREATE TABLE directory_organization_editors (
    organization_id TEXT NOT NULL REFERENCES directory_organizations (id),
    user_id         {{bigint}} NOT NULL REFERENCES users (id),
    granted_by      {{bigint}} NOT NULL REFERENCES users (id),
    granted_at      {{timestamp}} NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX directory_organization_editors_user ON directory_organization_editors (user_id);

-- +goose Down
DROP TABLE directory_organization_editors;
