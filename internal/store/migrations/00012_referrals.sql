-- +goose Up
-- Referrals of a family to a service of the directory (by its HSDS id, with
-- the name it had then) or to an external resource described in words,
-- followed until the loop is closed. version counts changes, for optimistic
-- concurrency; next_follow_up is the day the worker checks on it again.
CREATE TABLE referrals (
    id                {{identity_pk}},
    family_id         {{bigint}} NOT NULL REFERENCES families (id),
    service_id        TEXT NOT NULL DEFAULT '',
    service_name      TEXT NOT NULL DEFAULT '',
    external_resource TEXT NOT NULL DEFAULT '',
    partner           TEXT NOT NULL DEFAULT '',
    reason            TEXT NOT NULL,
    status            TEXT NOT NULL,
    decline_reason    TEXT NOT NULL DEFAULT '',
    next_follow_up    DATE,
    version           INTEGER NOT NULL DEFAULT 1,
    created_by        {{bigint}} NOT NULL REFERENCES users (id),
    created_at        {{timestamp}} NOT NULL,
    updated_at        {{timestamp}} NOT NULL
);
CREATE INDEX referrals_family ON referrals (family_id);
CREATE INDEX referrals_follow_up ON referrals (next_follow_up);

-- Every change of a referral's status, with who, when and why.
CREATE TABLE referral_changes (
    id             {{identity_pk}},
    referral_id    {{bigint}} NOT NULL REFERENCES referrals (id),
    from_status    TEXT NOT NULL DEFAULT '',
    to_status      TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    next_follow_up DATE,
    changed_by     {{bigint}} NOT NULL REFERENCES users (id),
    at             {{timestamp}} NOT NULL
);
CREATE INDEX referral_changes_referral ON referral_changes (referral_id);

-- +goose Down
DROP TABLE referral_changes;
DROP TABLE referrals;
