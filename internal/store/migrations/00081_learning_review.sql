-- +goose Up
-- Site coordinators review the learning records of their sites' people
-- (berceau.PermLearningReview): external trainings, certificates.
INSERT INTO role_permissions (role, permission) VALUES ('site_coordinator', 'learning.review');

-- +goose Down
DELETE FROM role_permissions WHERE permission = 'learning.review';
