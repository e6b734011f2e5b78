-- +goose Up
-- A planned contact may say at what time of day it takes place ("14:30",
-- 24 h), so that a worker's day lists its visits in order. Empty (NULL) for
-- contacts without a time, and for every contact recorded before.
ALTER TABLE contacts ADD COLUMN contact_time TEXT;

-- +goose Down
ALTER TABLE contacts DROP COLUMN contact_time;
