-- +goose Up
-- Whether a person is told by mail that a team decision awaits her
-- confirmation. On by default: a decision nobody hears about never
-- reaches its quorum.
ALTER TABLE users ADD COLUMN mail_decisions BOOLEAN NOT NULL DEFAULT TRUE;

-- +goose Down
ALTER TABLE users DROP COLUMN mail_decisions;
