-- +goose Up
-- The resource library (package knowledge): documents and links published by
-- the directory's organisations. Texts are JSON objects of languages, themes
-- and languages space-separated codes. A document's files are its versions,
-- stored in the files folder under their SHA-256; text_words are the
-- distinct folded words of the file's text, what search matches in it.
-- library_revision counts the library's changes, so that every process
-- knows when its search index is older than the database.
CREATE TABLE library_resources (
    id                       {{identity_pk}},
    kind                     TEXT NOT NULL,
    title                    TEXT NOT NULL DEFAULT '{}',
    summary                  TEXT NOT NULL DEFAULT '{}',
    themes                   TEXT NOT NULL DEFAULT '',
    languages                TEXT NOT NULL DEFAULT '',
    audience                 TEXT NOT NULL,
    audience_organization_id TEXT REFERENCES directory_organizations (id),
    organization_id          TEXT NOT NULL REFERENCES directory_organizations (id),
    licence                  TEXT NOT NULL,
    link_url                 TEXT NOT NULL DEFAULT '',
    created_by               {{bigint}} REFERENCES users (id),
    created_at               {{timestamp}} NOT NULL,
    updated_at               {{timestamp}} NOT NULL
);
CREATE INDEX library_resources_organization ON library_resources (organization_id);

CREATE TABLE library_versions (
    id           {{identity_pk}},
    resource_id  {{bigint}} NOT NULL REFERENCES library_resources (id),
    number       INTEGER NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         {{bigint}} NOT NULL,
    sha256       TEXT NOT NULL,
    change_note  TEXT NOT NULL DEFAULT '',
    text_words   TEXT NOT NULL DEFAULT '',
    created_by   {{bigint}} REFERENCES users (id),
    created_at   {{timestamp}} NOT NULL,
    UNIQUE (resource_id, number)
);
CREATE INDEX library_versions_sha256 ON library_versions (sha256);

CREATE TABLE library_revision (
    id       INTEGER PRIMARY KEY,
    revision {{bigint}} NOT NULL
);
INSERT INTO library_revision (id, revision) VALUES (1, 0);

-- +goose Down
DROP TABLE library_revision;
DROP TABLE library_versions;
DROP TABLE library_resources;
