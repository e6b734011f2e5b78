-- +goose Up
-- Directory moderators (berceau.PermDirectoryModerate): network
-- administrators and content editors.
INSERT INTO role_permissions (role, permission) VALUES
    ('network_admin', 'directory.moderate'),
    ('content_editor', 'directory.moderate');

-- +goose Down
DELETE FROM role_permissions WHERE permission = 'directory.moderate';
