-- +goose Up
-- A sharing consent names a partner picked from the directory (its
-- organisation id), free text only for a partner absent from it; a referral
-- to a directory service carries its organisation id, so consent is checked
-- by id rather than by typed name. Existing consents keep their text and
-- are matched to an organisation by name (00047, in Go).
ALTER TABLE consents ADD COLUMN partner_org_id TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN partner_org_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE referrals DROP COLUMN partner_org_id;
ALTER TABLE consents DROP COLUMN partner_org_id;
