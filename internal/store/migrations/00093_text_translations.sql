-- +goose Up
-- Texts in the languages without a column of their own (Dutch, when the
-- network enables it): field → language → value, as JSON. The _fr/_en
-- columns stay, for the queries that sort and filter on them. Directory
-- services and organisations need none: their record JSON keeps every
-- language of their texts.
ALTER TABLE events ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE event_cycles ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE directory_taxonomy_terms ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE directory_taxonomy_terms DROP COLUMN translations;
ALTER TABLE event_cycles DROP COLUMN translations;
ALTER TABLE events DROP COLUMN translations;
