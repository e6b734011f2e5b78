-- +goose Up
-- The families' voice (indicator.VoiceQuestion …): a questionnaire of
-- versioned questions, the invitations workers hand over, and anonymous
-- responses. A response keeps only its site, programme and month: no
-- family, no invitation, no timestamp, and a random key (no row order to
-- match with the invitations' audit entries; SQLite's tables are WITHOUT
-- ROWID so not even a hidden rowid keeps the order of arrival).
CREATE TABLE voice_questions (
    id         {{identity_pk}},
    code       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at {{timestamp}} NOT NULL
);

-- Each wording of a question is a version; answers name the version they
-- answered, so an old answer keeps its question's text.
CREATE TABLE voice_question_versions (
    id          {{identity_pk}},
    question_id {{bigint}} NOT NULL REFERENCES voice_questions (id),
    version     INTEGER NOT NULL,
    wording     TEXT NOT NULL DEFAULT '{}',
    plain       TEXT NOT NULL DEFAULT '{}',
    created_by  {{bigint}} REFERENCES users (id),
    created_at  {{timestamp}} NOT NULL,
    UNIQUE (question_id, version)
);

-- An invitation knows the family (creating it is a change of the file,
-- audited under the family) and nothing of the response it leads to.
CREATE TABLE voice_invitations (
    id         {{identity_pk}},
    token_hash TEXT NOT NULL UNIQUE,
    family_id  {{bigint}} NOT NULL REFERENCES families (id),
    site_id    {{bigint}} NOT NULL REFERENCES sites (id),
    programme  TEXT NOT NULL DEFAULT '',
    occasion   TEXT NOT NULL,
    mode       TEXT NOT NULL,
    created_by {{bigint}} NOT NULL REFERENCES users (id),
    created_at {{timestamp}} NOT NULL,
    expires_at {{timestamp}} NOT NULL,
    used       BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX voice_invitations_family ON voice_invitations (family_id);

{{if sqlite}}
CREATE TABLE voice_responses (
    id        TEXT PRIMARY KEY,
    site_id   INTEGER NOT NULL REFERENCES sites (id),
    programme TEXT NOT NULL,
    period    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE voice_answers (
    response_id TEXT NOT NULL REFERENCES voice_responses (id),
    version_id  INTEGER NOT NULL REFERENCES voice_question_versions (id),
    value       INTEGER NOT NULL,
    PRIMARY KEY (response_id, version_id)
) WITHOUT ROWID;

CREATE TABLE voice_comments (
    id           TEXT PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites (id),
    programme    TEXT NOT NULL,
    period       TEXT NOT NULL,
    version_id   INTEGER NOT NULL REFERENCES voice_question_versions (id),
    body         TEXT NOT NULL,
    state        TEXT NOT NULL,
    moderated_by INTEGER REFERENCES users (id),
    moderated_at TIMESTAMP
) WITHOUT ROWID;
{{else}}
CREATE TABLE voice_responses (
    id        TEXT PRIMARY KEY,
    site_id   BIGINT NOT NULL REFERENCES sites (id),
    programme TEXT NOT NULL,
    period    TEXT NOT NULL
);

CREATE TABLE voice_answers (
    response_id TEXT NOT NULL REFERENCES voice_responses (id),
    version_id  BIGINT NOT NULL REFERENCES voice_question_versions (id),
    value       INTEGER NOT NULL,
    PRIMARY KEY (response_id, version_id)
);

CREATE TABLE voice_comments (
    id           TEXT PRIMARY KEY,
    site_id      BIGINT NOT NULL REFERENCES sites (id),
    programme    TEXT NOT NULL,
    period       TEXT NOT NULL,
    version_id   BIGINT NOT NULL REFERENCES voice_question_versions (id),
    body         TEXT NOT NULL,
    state        TEXT NOT NULL,
    moderated_by BIGINT REFERENCES users (id),
    moderated_at TIMESTAMPTZ
);
{{end}}
CREATE INDEX voice_responses_period ON voice_responses (period, site_id, programme);
CREATE INDEX voice_answers_version ON voice_answers (version_id, value);
CREATE INDEX voice_comments_state ON voice_comments (state, site_id, period);

-- The default questionnaire: French, English and Dutch, each with a plain
-- wording.
INSERT INTO voice_questions (code, kind, position, active, created_at) VALUES
    ('listened', 'agreement', 1, TRUE, CURRENT_TIMESTAMP),
    ('rhythm', 'agreement', 2, TRUE, CURRENT_TIMESTAMP),
    ('services', 'agreement', 3, TRUE, CURRENT_TIMESTAMP),
    ('respected', 'agreement', 4, TRUE, CURRENT_TIMESTAMP),
    ('recommend', 'yes_no', 5, TRUE, CURRENT_TIMESTAMP),
    ('comment', 'comment', 6, TRUE, CURRENT_TIMESTAMP);

INSERT INTO voice_question_versions (question_id, version, wording, plain, created_at)
SELECT id, 1,
    CASE code
    WHEN 'listened' THEN '{"fr":"Je me suis sentie écoutée par l’intervenante.","en":"I felt listened to by my worker.","nl":"Ik voelde me beluisterd door mijn begeleider."}'
    WHEN 'rhythm' THEN '{"fr":"Les visites avaient lieu à un bon rythme pour moi.","en":"The visits came at a pace that suited me.","nl":"De bezoeken vonden plaats in een tempo dat bij mij paste."}'
    WHEN 'services' THEN '{"fr":"On m’a aidée à trouver les services dont j’avais besoin.","en":"I was helped to find the services I needed.","nl":"Ik werd geholpen om de diensten te vinden die ik nodig had."}'
    WHEN 'respected' THEN '{"fr":"Mes choix et ma culture ont été respectés.","en":"My choices and my culture were respected.","nl":"Mijn keuzes en mijn cultuur werden gerespecteerd."}'
    WHEN 'recommend' THEN '{"fr":"Je recommanderais ce suivi à une amie.","en":"I would recommend this support to a friend.","nl":"Ik zou deze begeleiding aanraden aan een vriendin."}'
    ELSE '{"fr":"Voulez-vous ajouter quelque chose ?","en":"Would you like to add anything?","nl":"Wilt u nog iets toevoegen?"}'
    END,
    CASE code
    WHEN 'listened' THEN '{"fr":"On m’a bien écoutée.","en":"People listened to me.","nl":"Er werd goed naar mij geluisterd."}'
    WHEN 'rhythm' THEN '{"fr":"Les visites venaient au bon moment pour moi.","en":"The visits came at good times for me.","nl":"De bezoeken kwamen op goede momenten voor mij."}'
    WHEN 'services' THEN '{"fr":"On m’a aidée à trouver de l’aide.","en":"They helped me find help.","nl":"Ze hielpen mij om hulp te vinden."}'
    WHEN 'respected' THEN '{"fr":"On a respecté ce que je voulais.","en":"They respected what I wanted.","nl":"Ze respecteerden wat ik wilde."}'
    WHEN 'recommend' THEN '{"fr":"Je dirais à une amie de venir.","en":"I would tell a friend to come.","nl":"Ik zou een vriendin zeggen om te komen."}'
    ELSE '{"fr":"Vous pouvez écrire un mot ici.","en":"You can write a few words here.","nl":"U kunt hier iets schrijven."}'
    END,
    CURRENT_TIMESTAMP
FROM voice_questions;

-- Who manages the questionnaire and moderates comments
-- (berceau.PermVoiceManage): network administrators (the questions) and
-- site coordinators (the questions, and the comments of their sites).
INSERT INTO role_permissions (role, permission) VALUES
    ('network_admin', 'voice.manage'),
    ('site_coordinator', 'voice.manage');

-- +goose Down
DELETE FROM role_permissions WHERE permission = 'voice.manage';
DROP TABLE voice_comments;
DROP TABLE voice_answers;
DROP TABLE voice_responses;
DROP TABLE voice_invitations;
DROP TABLE voice_question_versions;
DROP TABLE voice_questions;
