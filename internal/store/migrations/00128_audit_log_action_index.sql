-- +goose Up
-- The audit trail loses its index on (action, at): no query can use it
-- (the audit page filters an action by its prefix, substr(action, 1, n),
-- which no index serves, and a date alone cannot use an index that begins
-- with the action), yet every audit row wrote an entry in it. On SQLite that was about a
-- third of the pages a group-committed batch of audited reads wrote (an
-- index's page that fills is rebalanced with its neighbours, three or four
-- pages at a time). TestEveryAuditLogIndexServesAQuery keeps the table's
-- indexes to those its queries use.
DROP INDEX audit_log_action;

-- +goose Down
CREATE INDEX audit_log_action ON audit_log (action, at);
