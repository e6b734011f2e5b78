-- +goose Up
-- Trainings of the knowledge space (package training), the learning record's
-- declared external trainings, and the certificates. Multilingual texts are
-- JSON objects of languages ({"fr": …, "en": …}); civil dates are
-- 'YYYY-MM-DD' text, the same on both engines.
CREATE TABLE trainings (
    id              {{identity_pk}},
    title           TEXT NOT NULL DEFAULT '{}',
    objectives      TEXT NOT NULL DEFAULT '{}',
    prerequisites   TEXT NOT NULL DEFAULT '{}',
    audience        TEXT NOT NULL DEFAULT '',
    minutes         INTEGER NOT NULL,
    modality        TEXT NOT NULL,
    language        TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES directory_organizations (id),
    created_by      {{bigint}} REFERENCES users (id),
    created_at      {{timestamp}} NOT NULL,
    updated_at      {{timestamp}} NOT NULL
);
CREATE INDEX trainings_organization ON trainings (organization_id);

-- The sessions of a training are events of the agenda; an event is a
-- session of one training at most.
CREATE TABLE training_sessions (
    training_id {{bigint}} NOT NULL REFERENCES trainings (id),
    event_id    {{bigint}} NOT NULL UNIQUE REFERENCES events (id),
    PRIMARY KEY (training_id, event_id)
);

-- A trainer's statement that a person completed a training (with a note);
-- completion by attendance is read from the sessions' attendance.
CREATE TABLE training_completions (
    training_id  {{bigint}} NOT NULL REFERENCES trainings (id),
    user_id      {{bigint}} NOT NULL REFERENCES users (id),
    completed_on TEXT NOT NULL,
    note         TEXT NOT NULL,
    marked_by    {{bigint}} REFERENCES users (id),
    marked_at    {{timestamp}} NOT NULL,
    PRIMARY KEY (training_id, user_id)
);
CREATE INDEX training_completions_user ON training_completions (user_id);

-- External trainings a professional declares, approved or refused by their
-- site's coordinator; the proof file stays with the declaration.
CREATE TABLE training_declarations (
    id           {{identity_pk}},
    user_id      {{bigint}} NOT NULL REFERENCES users (id),
    title        TEXT NOT NULL,
    provider     TEXT NOT NULL,
    taken_on     TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    proof_name   TEXT NOT NULL,
    proof_type   TEXT NOT NULL,
    proof        {{blob}} NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',
    decided_by   {{bigint}} REFERENCES users (id),
    decided_at   {{timestamp}},
    reason       TEXT NOT NULL DEFAULT '',
    created_at   {{timestamp}} NOT NULL
);
CREATE INDEX training_declarations_user ON training_declarations (user_id, taken_on);
CREATE INDEX training_declarations_status ON training_declarations (status);

-- Certificates: what they state is copied when issued; the code is what
-- /verify/{code} looks up.
CREATE TABLE training_certificates (
    id           {{identity_pk}},
    code         TEXT NOT NULL UNIQUE,
    user_id      {{bigint}} NOT NULL REFERENCES users (id),
    training_id  {{bigint}} REFERENCES trainings (id),
    event_id     {{bigint}} REFERENCES events (id),
    holder       TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '{}',
    completed_on TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    issuer       TEXT NOT NULL,
    lang         TEXT NOT NULL,
    issued_by    {{bigint}} REFERENCES users (id),
    issued_at    {{timestamp}} NOT NULL,
    revoked_by   {{bigint}} REFERENCES users (id),
    revoked_at   {{timestamp}},
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_certificates_user ON training_certificates (user_id);

-- +goose Down
DROP TABLE training_certificates;
DROP TABLE training_declarations;
DROP TABLE training_completions;
DROP TABLE training_sessions;
DROP TABLE trainings;
