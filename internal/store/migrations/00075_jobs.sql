-- +goose Up
-- Background jobs (offer expiries, reminders, retention): one row per
-- (kind, key), claimed and run inside one write transaction so that a job
-- killed half-way leaves nothing behind and runs again after a restart.
CREATE TABLE jobs (
    id         {{identity_pk}},
    kind       TEXT NOT NULL,
    job_key    TEXT NOT NULL,
    payload    TEXT NOT NULL DEFAULT '',
    run_at     {{timestamp}} NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    done_at    {{timestamp}},
    created_at {{timestamp}} NOT NULL,
    UNIQUE (kind, job_key)
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE done_at IS NULL;

-- Files sent with an outbox message (.ics invitations).
CREATE TABLE outbox_attachments (
    id           {{identity_pk}},
    outbox_id    {{bigint}} NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content      {{blob}} NOT NULL
);
CREATE INDEX outbox_attachments_message ON outbox_attachments (outbox_id);

-- +goose Down
DROP TABLE outbox_attachments;
DROP TABLE jobs;
