-- +goose Up
-- Who adds indicators to the catalogue and sets the evaluators' small-cell
-- threshold (berceau.PermIndicatorsManage).
INSERT INTO role_permissions (role, permission) VALUES
    ('network_admin', 'indicators.manage'),
    ('site_coordinator', 'indicators.manage');

-- +goose Down
DELETE FROM role_permissions WHERE permission = 'indicators.manage';
