-- +goose Up
-- The host site's internship register (training.Internship): the kinds of
-- internship and fields of study the network administrator edits (names as
-- one JSON text per field, any language), the internships a site hosts,
-- their supervisors, the hours logged week by week and countersigned, the
-- agreement document, and the evaluation form with its answers. Civil
-- dates are 'YYYY-MM-DD' text: they sort and compare alike on both engines.
CREATE TABLE internship_kinds (
    id       {{identity_pk}},
    code     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL DEFAULT '{}',
    plural   TEXT NOT NULL DEFAULT '{}',
    position INTEGER NOT NULL DEFAULT 0,
    retired  BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE internship_fields (
    id       {{identity_pk}},
    code     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL DEFAULT '{}',
    position INTEGER NOT NULL DEFAULT 0,
    retired  BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE internships (
    id             {{identity_pk}},
    site_id        {{bigint}} NOT NULL REFERENCES sites (id),
    kind_id        {{bigint}} NOT NULL REFERENCES internship_kinds (id),
    field_id       {{bigint}} NOT NULL REFERENCES internship_fields (id),
    intern_user_id {{bigint}} REFERENCES users (id),
    intern_name    TEXT NOT NULL DEFAULT '',
    school         TEXT NOT NULL,
    starts_on      TEXT NOT NULL,
    ends_on        TEXT NOT NULL,
    planned_hours  INTEGER NOT NULL DEFAULT 0,
    created_at     {{timestamp}} NOT NULL,
    updated_at     {{timestamp}} NOT NULL
);
CREATE INDEX internships_period ON internships (ends_on, starts_on);
CREATE INDEX internships_site ON internships (site_id, ends_on);
CREATE INDEX internships_intern ON internships (intern_user_id, ends_on);

CREATE TABLE internship_supervisors (
    internship_id {{bigint}} NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
    user_id       {{bigint}} NOT NULL REFERENCES users (id),
    PRIMARY KEY (internship_id, user_id)
);
CREATE INDEX internship_supervisors_user ON internship_supervisors (user_id);

-- One row per internship and ISO week (week_start is its Monday). The
-- intern's figure stays in logged_minutes when a supervisor signs another
-- in signed_minutes (a correction, with its note).
CREATE TABLE internship_weeks (
    id             {{identity_pk}},
    internship_id  {{bigint}} NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
    week_start     TEXT NOT NULL,
    logged_minutes INTEGER NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    logged_by      {{bigint}} REFERENCES users (id),
    logged_at      {{timestamp}} NOT NULL,
    signed_minutes INTEGER,
    signed_by      {{bigint}} REFERENCES users (id),
    signed_at      {{timestamp}},
    sign_note      TEXT NOT NULL DEFAULT '',
    UNIQUE (internship_id, week_start)
);
CREATE INDEX internship_weeks_week ON internship_weeks (week_start, internship_id);

CREATE TABLE internship_agreements (
    internship_id {{bigint}} PRIMARY KEY REFERENCES internships (id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    content       {{blob}} NOT NULL,
    uploaded_by   {{bigint}} REFERENCES users (id),
    uploaded_at   {{timestamp}} NOT NULL
);

CREATE TABLE internship_evaluation_fields (
    id       {{identity_pk}},
    label    TEXT NOT NULL DEFAULT '{}',
    kind     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    retired  BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE internship_evaluations (
    id            {{identity_pk}},
    internship_id {{bigint}} NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
    stage         TEXT NOT NULL,
    answers       TEXT NOT NULL DEFAULT '{}',
    by_user_id    {{bigint}} REFERENCES users (id),
    at            {{timestamp}} NOT NULL,
    UNIQUE (internship_id, stage)
);

INSERT INTO internship_kinds (code, name, plural, position) VALUES
    ('professional', '{"fr":"Stage professionnel","en":"Professional internship","nl":"Beroepsstage"}',
        '{"fr":"stages professionnels","en":"professional internships","nl":"beroepsstages"}', 1),
    ('social_medicine', '{"fr":"Stage en médecine sociale","en":"Social-medicine internship","nl":"Stage sociale geneeskunde"}',
        '{"fr":"stages en médecine sociale","en":"internships in social medicine","nl":"stages sociale geneeskunde"}', 2),
    ('medical_extern', '{"fr":"Externat en médecine","en":"Medical extern","nl":"Coschap geneeskunde"}',
        '{"fr":"externes en médecine","en":"medical externs","nl":"coassistenten geneeskunde"}', 3),
    ('medical_resident', '{"fr":"Résidence en médecine","en":"Medical resident","nl":"Arts in opleiding"}',
        '{"fr":"résidents en médecine","en":"medical residents","nl":"artsen in opleiding"}', 4);

INSERT INTO internship_fields (code, name, position) VALUES
    ('nursing', '{"fr":"soins infirmiers","en":"nursing","nl":"verpleegkunde"}', 1),
    ('special_education', '{"fr":"éducation spécialisée","en":"special education","nl":"orthopedagogie"}', 2),
    ('nutrition', '{"fr":"nutrition","en":"nutrition","nl":"voedingsleer"}', 3),
    ('drama_therapy', '{"fr":"dramathérapie","en":"drama therapy","nl":"dramatherapie"}', 4),
    ('social_work', '{"fr":"travail social","en":"social work","nl":"sociaal werk"}', 5),
    ('midwifery', '{"fr":"pratique sage-femme","en":"midwifery","nl":"verloskunde"}', 6),
    ('medicine', '{"fr":"médecine","en":"medicine","nl":"geneeskunde"}', 7),
    ('psychology', '{"fr":"psychologie","en":"psychology","nl":"psychologie"}', 8);

INSERT INTO internship_evaluation_fields (label, kind, position) VALUES
    ('{"fr":"Savoir-être professionnel","en":"Professional conduct","nl":"Professionele houding"}', 'scale', 1),
    ('{"fr":"Relation avec les familles","en":"Relationship with families","nl":"Relatie met de gezinnen"}', 'scale', 2),
    ('{"fr":"Travail en équipe","en":"Teamwork","nl":"Samenwerking in het team"}', 'scale', 3),
    ('{"fr":"Objectifs du stage atteints","en":"Internship goals met","nl":"Stagedoelen bereikt"}', 'yes_no', 4),
    ('{"fr":"Commentaires","en":"Comments","nl":"Opmerkingen"}', 'text', 5);

INSERT INTO role_permissions (role, permission) VALUES
    ('network_admin', 'internships.manage'),
    ('site_coordinator', 'internships.manage'),
    ('site_coordinator', 'internships.take_part'),
    ('practitioner', 'internships.take_part'),
    ('trainee', 'internships.take_part');

-- +goose Down
DELETE FROM role_permissions WHERE permission IN ('internships.manage', 'internships.take_part');
DROP TABLE internship_evaluations;
DROP TABLE internship_evaluation_fields;
DROP TABLE internship_agreements;
DROP TABLE internship_weeks;
DROP TABLE internship_supervisors;
DROP TABLE internships;
DROP TABLE internship_fields;
DROP TABLE internship_kinds;
