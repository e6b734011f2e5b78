-- +goose Up
-- Changes network members propose to a directory service, one field each,
-- until a moderator accepts or rejects them.
CREATE TABLE directory_suggestions (
    id             {{identity_pk}},
    service_id     TEXT NOT NULL REFERENCES directory_services (id),
    field_name     TEXT NOT NULL,
    current_value  TEXT NOT NULL DEFAULT '',
    proposed_value TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    proposed_by    {{bigint}} NOT NULL REFERENCES users (id),
    status         TEXT NOT NULL DEFAULT 'open',
    decided_by     {{bigint}} REFERENCES users (id),
    decided_at     {{timestamp}},
    created_at     {{timestamp}} NOT NULL
);
CREATE INDEX directory_suggestions_open ON directory_suggestions (status, created_at);

-- +goose Down
DROP TABLE directory_suggestions;
