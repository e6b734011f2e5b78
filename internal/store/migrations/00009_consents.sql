-- +goose Up
-- Consents a family gave: to the processing of its data, and to sharing with
-- a named partner organisation until an expiry date. A withdrawal is a date
-- on the consent, never a deletion.
CREATE TABLE consents (
    id           {{identity_pk}},
    family_id    {{bigint}} NOT NULL REFERENCES families (id),
    kind         TEXT NOT NULL,
    partner      TEXT NOT NULL DEFAULT '',
    given_on     DATE NOT NULL,
    expires_on   DATE,
    withdrawn_on DATE,
    recorded_by  {{bigint}} NOT NULL REFERENCES users (id),
    created_at   {{timestamp}} NOT NULL
);
CREATE INDEX consents_family ON consents (family_id);

-- +goose Down
DROP TABLE consents;
