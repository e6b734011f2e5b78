-- +goose Up
-- Hours credited by attending an event: the learning record (next issue)
-- reads them. A guest's row keeps the hours once their data is erased.
CREATE TABLE learning_hours (
    registration_id {{bigint}} PRIMARY KEY REFERENCES event_registrations (id),
    event_id        {{bigint}} NOT NULL REFERENCES events (id),
    user_id         {{bigint}} REFERENCES users (id),
    minutes         INTEGER NOT NULL,
    recorded_by     {{bigint}} REFERENCES users (id),
    recorded_at     {{timestamp}} NOT NULL
);
CREATE INDEX learning_hours_user ON learning_hours (user_id);

-- Answers to the short form sent to attendees after an event.
CREATE TABLE event_feedback (
    registration_id {{bigint}} PRIMARY KEY REFERENCES event_registrations (id),
    event_id        {{bigint}} NOT NULL REFERENCES events (id),
    rating          INTEGER NOT NULL,
    comment         TEXT NOT NULL DEFAULT '',
    created_at      {{timestamp}} NOT NULL
);
CREATE INDEX event_feedback_event ON event_feedback (event_id);

-- Documents and minutes attached to an event page (bounded uploads).
CREATE TABLE event_documents (
    id           {{identity_pk}},
    event_id     {{bigint}} NOT NULL REFERENCES events (id),
    kind         TEXT NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content      {{blob}} NOT NULL,
    uploaded_by  {{bigint}} REFERENCES users (id),
    created_at   {{timestamp}} NOT NULL
);
CREATE INDEX event_documents_event ON event_documents (event_id);

-- +goose Down
DROP TABLE event_documents;
DROP TABLE event_feedback;
DROP TABLE learning_hours;
