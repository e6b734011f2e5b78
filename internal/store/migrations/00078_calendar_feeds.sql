-- +goose Up
-- A person's calendar feed of their registrations lives at a secret URL
-- signed over (user, nonce); a new nonce revokes the old URL.
CREATE TABLE personal_calendar_feeds (
    user_id    {{bigint}} PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    nonce      TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL
);

-- +goose Down
DROP TABLE personal_calendar_feeds;
