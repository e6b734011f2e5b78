-- +goose Up
-- The portal's editable pages. Texts are JSON objects by language
-- ({"fr": "…", "en": "…"}), so a language the network adds needs no column.
-- A page keeps every revision; visitors read the one last published.
CREATE TABLE portal_pages (
    id         {{identity_pk}},
    slug       TEXT NOT NULL UNIQUE,
    revision   INTEGER NOT NULL DEFAULT 0,
    published  INTEGER NOT NULL DEFAULT 0,
    created_at {{timestamp}} NOT NULL,
    updated_at {{timestamp}} NOT NULL
);

CREATE TABLE portal_page_revisions (
    page_id       {{bigint}} NOT NULL REFERENCES portal_pages (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    title         TEXT NOT NULL DEFAULT '{}',
    summary       TEXT NOT NULL DEFAULT '{}',
    body          TEXT NOT NULL DEFAULT '{}',
    note          TEXT NOT NULL DEFAULT '',
    published     INTEGER NOT NULL DEFAULT 0,
    restored_from INTEGER NOT NULL DEFAULT 0,
    author_id     {{bigint}} REFERENCES users (id) ON DELETE SET NULL,
    created_at    {{timestamp}} NOT NULL,
    PRIMARY KEY (page_id, number)
);

-- +goose Down
DROP TABLE portal_page_revisions;
DROP TABLE portal_pages;
