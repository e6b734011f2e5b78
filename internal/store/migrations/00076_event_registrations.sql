-- +goose Up
-- Registrations to events (knowledge.Registration): one row per person and
-- event (a session of a cycle is an event), its state and dated history.
-- Members are named by user_id; guests by their name and address, erased
-- (NULL, empty) some months after the event while sector and state stay
-- for the counts. link_secret enters the signature of the links mailed to
-- the person (manage, cancel, accept an offer, confirm, feedback); erasing
-- it kills them.
CREATE TABLE event_registrations (
    id               {{identity_pk}},
    event_id         {{bigint}} NOT NULL REFERENCES events (id),
    user_id          {{bigint}} REFERENCES users (id),
    name             TEXT NOT NULL DEFAULT '',
    email            TEXT,
    organisation     TEXT NOT NULL DEFAULT '',
    sector           TEXT NOT NULL,
    language         TEXT NOT NULL,
    state            TEXT NOT NULL,
    waiting_since    {{timestamp}},
    offer_expires_at {{timestamp}},
    link_secret      TEXT NOT NULL DEFAULT '',
    erased_at        {{timestamp}},
    created_at       {{timestamp}} NOT NULL,
    updated_at       {{timestamp}} NOT NULL,
    UNIQUE (event_id, user_id),
    UNIQUE (event_id, email)
);
CREATE INDEX event_registrations_state ON event_registrations (event_id, state, waiting_since);
CREATE INDEX event_registrations_user ON event_registrations (user_id);

CREATE TABLE event_registration_history (
    id              {{identity_pk}},
    registration_id {{bigint}} NOT NULL REFERENCES event_registrations (id) ON DELETE CASCADE,
    state           TEXT NOT NULL,
    action          TEXT NOT NULL DEFAULT '',
    actor_id        {{bigint}} REFERENCES users (id),
    at              {{timestamp}} NOT NULL
);
CREATE INDEX event_registration_history_registration ON event_registration_history (registration_id, at);

-- Guests' registration attempts, for throttling by address and client.
CREATE TABLE event_registration_attempts (
    email          TEXT NOT NULL,
    client_address TEXT NOT NULL,
    at             {{timestamp}} NOT NULL
);
CREATE INDEX event_registration_attempts_email ON event_registration_attempts (email, at);
CREATE INDEX event_registration_attempts_client ON event_registration_attempts (client_address, at);

-- +goose Down
DROP TABLE event_registration_attempts;
DROP TABLE event_registration_history;
DROP TABLE event_registrations;
