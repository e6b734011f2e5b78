-- +goose Up
CREATE TABLE teams (
    id         {{identity_pk}},
    site_id    {{bigint}} NOT NULL REFERENCES sites (id),
    slug       TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL,
    UNIQUE (site_id, slug)
);

CREATE TABLE team_members (
    team_id {{bigint}} NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);

-- What each role may do: data, not code, so a network can adjust it.
CREATE TABLE role_permissions (
    role       TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
);

ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN updated_at {{timestamp}};

CREATE TABLE recovery_codes (
    id        {{identity_pk}},
    user_id   {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   {{timestamp}}
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- Server-side sessions (scs store). The cookie's token is kept only as a hash.
CREATE TABLE sessions (
    id             {{identity_pk}},
    token_hash     TEXT NOT NULL UNIQUE,
    user_id        {{bigint}} REFERENCES users (id) ON DELETE CASCADE,
    data           {{blob}} NOT NULL,
    expiry         {{timestamp}} NOT NULL,
    created_at     {{timestamp}} NOT NULL,
    last_seen_at   {{timestamp}} NOT NULL,
    client_address TEXT NOT NULL DEFAULT '',
    user_agent     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- Failed sign-ins, for temporary throttling per account and per client.
CREATE TABLE sign_in_failures (
    id             {{identity_pk}},
    email          TEXT NOT NULL,
    client_address TEXT NOT NULL,
    at             {{timestamp}} NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_client ON sign_in_failures (client_address, at);

-- Single-use links: invitations and password resets. Only hashes are kept.
CREATE TABLE one_time_tokens (
    id         {{identity_pk}},
    token_hash TEXT NOT NULL UNIQUE,
    user_id    {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    expires_at {{timestamp}} NOT NULL,
    used_at    {{timestamp}},
    created_at {{timestamp}} NOT NULL
);

-- Mail waiting for (or without) an SMTP server; administrators read it in the UI.
CREATE TABLE outbox (
    id         {{identity_pk}},
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL,
    sent_at    {{timestamp}}
);

CREATE TABLE api_tokens (
    id           {{identity_pk}},
    user_id      {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    expires_at   {{timestamp}} NOT NULL,
    revoked_at   {{timestamp}},
    last_used_at {{timestamp}},
    created_at   {{timestamp}} NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Append-only, hash-chained audit trail.
CREATE TABLE audit_log (
    id             {{identity_pk}},
    at             {{timestamp}} NOT NULL,
    actor_id       BIGINT,
    actor_email    TEXT NOT NULL DEFAULT '',
    action         TEXT NOT NULL,
    object_type    TEXT NOT NULL DEFAULT '',
    object_id      TEXT NOT NULL DEFAULT '',
    outcome        TEXT NOT NULL,
    client_address TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT '',
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
CREATE INDEX audit_log_action ON audit_log (action, at);

{{/* No UPDATE nor DELETE may change the trail: SQLite's triggers raise in their body, */}}
{{/* PostgreSQL's call a function, and refuse TRUNCATE too. */}}
{{if sqlite}}
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
{{else}}
-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- TRUNCATE bypasses row triggers: refuse it too.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
{{end}}

-- +goose Down
DROP TABLE audit_log;
{{if postgres}}
DROP FUNCTION audit_log_append_only();
{{end}}
DROP TABLE api_tokens;
DROP TABLE outbox;
DROP TABLE one_time_tokens;
DROP TABLE sign_in_failures;
DROP TABLE sessions;
DROP TABLE recovery_codes;
ALTER TABLE users DROP COLUMN updated_at;
ALTER TABLE users DROP COLUMN totp_last_step;
ALTER TABLE users DROP COLUMN totp_secret;
DROP TABLE role_permissions;
DROP TABLE team_members;
DROP TABLE teams;
