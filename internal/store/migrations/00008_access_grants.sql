-- +goose Up
-- Break the glass: a professional outside a family's care team opens its
-- file for a stated reason, for a limited time; the coordinator reviews it.
CREATE TABLE access_grants (
    id          {{identity_pk}},
    family_id   {{bigint}} NOT NULL REFERENCES families (id),
    user_id     {{bigint}} NOT NULL REFERENCES users (id),
    reason      TEXT NOT NULL,
    granted_at  {{timestamp}} NOT NULL,
    expires_at  {{timestamp}} NOT NULL,
    reviewed_by {{bigint}} REFERENCES users (id),
    reviewed_at {{timestamp}}
);
CREATE INDEX access_grants_user ON access_grants (user_id, expires_at);
CREATE INDEX access_grants_family ON access_grants (family_id);

-- +goose Down
DROP TABLE access_grants;
