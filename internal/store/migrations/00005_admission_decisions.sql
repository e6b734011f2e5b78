-- +goose Up
-- Team decisions on clinical judgment. Each participant confirms in the
-- application; the decision takes effect when its quorum is reached.
CREATE TABLE admission_decisions (
    id                      {{identity_pk}},
    family_id               {{bigint}} NOT NULL REFERENCES families (id),
    verdict                 TEXT NOT NULL,
    rationale               TEXT NOT NULL,
    orientation             TEXT NOT NULL DEFAULT '',
    quorum_professionals    INTEGER NOT NULL,
    quorum_disciplines      INTEGER NOT NULL,
    proposed_by             {{bigint}} NOT NULL REFERENCES users (id),
    created_at              {{timestamp}} NOT NULL,
    completed_at            {{timestamp}},
    superseded_by           {{bigint}} REFERENCES admission_decisions (id)
);
CREATE INDEX admission_decisions_family ON admission_decisions (family_id);

CREATE TABLE decision_participants (
    decision_id  {{bigint}} NOT NULL REFERENCES admission_decisions (id),
    user_id      {{bigint}} NOT NULL REFERENCES users (id),
    discipline   TEXT NOT NULL,
    confirmed_at {{timestamp}},
    PRIMARY KEY (decision_id, user_id)
);

-- +goose Down
DROP TABLE decision_participants;
DROP TABLE admission_decisions;
