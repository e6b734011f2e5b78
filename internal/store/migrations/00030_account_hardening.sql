-- +goose Up
-- A password accepted, a second factor still to check: each pending sign-in
-- counts its wrong codes, and is destroyed after too many.
CREATE TABLE pending_sign_ins (
    token_hash TEXT PRIMARY KEY,
    user_id    {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    failures   INTEGER NOT NULL DEFAULT 0,
    created_at {{timestamp}} NOT NULL
);
CREATE INDEX pending_sign_ins_user ON pending_sign_ins (user_id);

-- Wrong second-factor codes per account, over every pending sign-in, for
-- throttling the code step like passwords are throttled.
CREATE TABLE second_factor_failures (
    id      {{identity_pk}},
    user_id {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at      {{timestamp}} NOT NULL
);
CREATE INDEX second_factor_failures_user ON second_factor_failures (user_id, at);

-- A token carries family scopes only when a session that passed a second
-- factor minted it. Tokens made before this column existed were minted by
-- sessions that had to pass one when their owner had family access.
ALTER TABLE api_tokens ADD COLUMN second_factor BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE api_tokens SET second_factor = TRUE WHERE user_id IN (SELECT id FROM users WHERE totp_secret <> '');

-- Removing someone's second factor takes two people: one administrator asks,
-- another administrator (or the person's site coordinator) approves.
CREATE TABLE second_factor_resets (
    id           {{identity_pk}},
    user_id      {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    requested_by {{bigint}} NOT NULL REFERENCES users (id),
    requested_at {{timestamp}} NOT NULL,
    approved_by  {{bigint}} REFERENCES users (id),
    approved_at  {{timestamp}}
);
CREATE INDEX second_factor_resets_user ON second_factor_resets (user_id);

-- +goose Down
DROP TABLE second_factor_resets;
ALTER TABLE api_tokens DROP COLUMN second_factor;
DROP TABLE second_factor_failures;
DROP TABLE pending_sign_ins;
