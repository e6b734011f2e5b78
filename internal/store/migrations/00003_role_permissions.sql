-- +goose Up
-- Default role → permission table (berceau.DefaultRolePermissions; a test
-- keeps the two equal). A network may change these rows.
INSERT INTO role_permissions (role, permission) VALUES
    ('network_admin', 'network.read'),
    ('network_admin', 'admin.organisations'),
    ('network_admin', 'admin.users'),
    ('network_admin', 'admin.audit'),
    ('network_admin', 'admin.outbox'),
    ('site_coordinator', 'network.read'),
    ('site_coordinator', 'families.read'),
    ('site_coordinator', 'families.write'),
    ('site_coordinator', 'families.sensitive'),
    ('site_coordinator', 'families.team_decision'),
    ('site_coordinator', 'families.assign'),
    ('site_coordinator', 'indicators.read'),
    ('site_coordinator', 'directory.suggest'),
    ('site_coordinator', 'community.participate'),
    ('practitioner', 'network.read'),
    ('practitioner', 'families.read'),
    ('practitioner', 'families.write'),
    ('practitioner', 'families.sensitive'),
    ('practitioner', 'families.team_decision'),
    ('practitioner', 'directory.suggest'),
    ('practitioner', 'community.participate'),
    ('trainee', 'network.read'),
    ('trainee', 'families.read'),
    ('trainee', 'families.write'),
    ('trainee', 'directory.suggest'),
    ('trainee', 'community.participate'),
    ('content_editor', 'network.read'),
    ('content_editor', 'knowledge.edit'),
    ('content_editor', 'directory.suggest'),
    ('content_editor', 'community.participate'),
    ('network_member', 'network.read'),
    ('network_member', 'directory.suggest'),
    ('network_member', 'community.participate'),
    ('evaluator', 'network.read'),
    ('evaluator', 'indicators.deidentified');

-- +goose Down
DELETE FROM role_permissions;
