-- +goose Up
-- Each reassessment with the days since the one before it (issue 17), or
-- since the start of its follow-up (its family's earliest enrollment) for
-- the first one (NULL with neither), and its family's breakdowns (site,
-- team, programme, level, as families and indicator_families hold them
-- now). Read by the reassessment measures instead of two look-ups and a
-- date difference per reassessment of the period and the family's row.
-- Kept by triggers on reassessments, enrollments, families and
-- indicator_families, in the transaction that writes them, whichever code
-- writes them (each recomputes the family's few rows);
-- TestTheSummariesMatchTheRawRows recomputes every measure from the raw
-- rows, and the table itself.
CREATE TABLE indicator_reassessments (
    held_on         DATE NOT NULL,
    reassessment_id {{bigint}} NOT NULL,
    family_id       {{bigint}} NOT NULL,
    site_id         {{bigint}} NOT NULL,
    team_id         {{bigint}} NOT NULL,
    programme       TEXT NOT NULL,
    level           TEXT NOT NULL,
    days            INTEGER,
    PRIMARY KEY (held_on, reassessment_id)
){{if sqlite}} WITHOUT ROWID{{end}};
CREATE INDEX indicator_reassessments_family ON indicator_reassessments (family_id);

{{if sqlite}}
INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, site_id, team_id, programme, level, days)
    SELECT r.held_on, r.id, r.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        CAST(julianday(substr(r.held_on, 1, 10)) - julianday(substr(COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id)), 1, 10)) AS INTEGER)
    FROM reassessments r JOIN families f ON f.id = r.family_id LEFT JOIN indicator_families d ON d.family_id = r.family_id;

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_insert AFTER INSERT ON reassessments
BEGIN
    DELETE FROM indicator_reassessments WHERE family_id = NEW.family_id;
    INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, site_id, team_id, programme, level, days)
    SELECT r.held_on, r.id, r.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        CAST(julianday(substr(r.held_on, 1, 10)) - julianday(substr(COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id)), 1, 10)) AS INTEGER)
    FROM reassessments r JOIN families f ON f.id = r.family_id LEFT JOIN indicator_families d ON d.family_id = r.family_id WHERE r.family_id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_update AFTER UPDATE OF family_id, held_on ON reassessments
BEGIN
    DELETE FROM indicator_reassessments WHERE family_id IN (OLD.family_id, NEW.family_id);
    INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, site_id, team_id, programme, level, days)
    SELECT r.held_on, r.id, r.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        CAST(julianday(substr(r.held_on, 1, 10)) - julianday(substr(COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id)), 1, 10)) AS INTEGER)
    FROM reassessments r JOIN families f ON f.id = r.family_id LEFT JOIN indicator_families d ON d.family_id = r.family_id WHERE r.family_id IN (OLD.family_id, NEW.family_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_delete AFTER DELETE ON reassessments
BEGIN
    DELETE FROM indicator_reassessments WHERE family_id = OLD.family_id;
    INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, site_id, team_id, programme, level, days)
    SELECT r.held_on, r.id, r.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        CAST(julianday(substr(r.held_on, 1, 10)) - julianday(substr(COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id)), 1, 10)) AS INTEGER)
    FROM reassessments r JOIN families f ON f.id = r.family_id LEFT JOIN indicator_families d ON d.family_id = r.family_id WHERE r.family_id = OLD.family_id;
END;
-- +goose StatementEnd

-- The start of a follow-up moved: its family's first reassessment.
-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_enrollment_insert AFTER INSERT ON enrollments
BEGIN
    UPDATE indicator_reassessments SET days = CAST(julianday(substr(indicator_reassessments.held_on, 1, 10)) - julianday(substr(COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = indicator_reassessments.family_id AND p.held_on < indicator_reassessments.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = indicator_reassessments.family_id)), 1, 10)) AS INTEGER)
    WHERE family_id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_enrollment_update AFTER UPDATE OF family_id, start_date ON enrollments
BEGIN
    UPDATE indicator_reassessments SET days = CAST(julianday(substr(indicator_reassessments.held_on, 1, 10)) - julianday(substr(COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = indicator_reassessments.family_id AND p.held_on < indicator_reassessments.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = indicator_reassessments.family_id)), 1, 10)) AS INTEGER)
    WHERE family_id IN (OLD.family_id, NEW.family_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_enrollment_delete AFTER DELETE ON enrollments
BEGIN
    UPDATE indicator_reassessments SET days = CAST(julianday(substr(indicator_reassessments.held_on, 1, 10)) - julianday(substr(COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = indicator_reassessments.family_id AND p.held_on < indicator_reassessments.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = indicator_reassessments.family_id)), 1, 10)) AS INTEGER)
    WHERE family_id = OLD.family_id;
END;
-- +goose StatementEnd

-- A family moved, or changed programme or level.
-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_family AFTER UPDATE OF site_id, team_id ON families
    WHEN OLD.site_id IS NOT NEW.site_id OR OLD.team_id IS NOT NEW.team_id
BEGIN
    UPDATE indicator_reassessments SET site_id = NEW.site_id, team_id = COALESCE(NEW.team_id, 0) WHERE family_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_dims_insert AFTER INSERT ON indicator_families
BEGIN
    UPDATE indicator_reassessments SET programme = NEW.programme, level = NEW.level WHERE family_id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_dims_update AFTER UPDATE OF programme, level ON indicator_families
    WHEN OLD.programme IS NOT NEW.programme OR OLD.level IS NOT NEW.level
BEGIN
    UPDATE indicator_reassessments SET programme = NEW.programme, level = NEW.level WHERE family_id = NEW.family_id;
END;
-- +goose StatementEnd
{{else}}
INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, site_id, team_id, programme, level, days)
    SELECT r.held_on, r.id, r.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        r.held_on - COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id))
    FROM reassessments r JOIN families f ON f.id = r.family_id LEFT JOIN indicator_families d ON d.family_id = r.family_id;

-- +goose StatementBegin
CREATE FUNCTION indicator_reassessments_family(fid BIGINT) RETURNS void AS $$
BEGIN
    DELETE FROM indicator_reassessments WHERE family_id = fid;
    INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, site_id, team_id, programme, level, days)
    SELECT r.held_on, r.id, r.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        r.held_on - COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id))
    FROM reassessments r JOIN families f ON f.id = r.family_id LEFT JOIN indicator_families d ON d.family_id = r.family_id WHERE r.family_id = fid;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION indicator_reassessments_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM indicator_reassessments_family(OLD.family_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.family_id <> OLD.family_id) THEN
        PERFORM indicator_reassessments_family(NEW.family_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER indicator_reassessments_insert AFTER INSERT ON reassessments
    FOR EACH ROW EXECUTE FUNCTION indicator_reassessments_changed();
CREATE TRIGGER indicator_reassessments_update AFTER UPDATE OF family_id, held_on ON reassessments
    FOR EACH ROW EXECUTE FUNCTION indicator_reassessments_changed();
CREATE TRIGGER indicator_reassessments_delete AFTER DELETE ON reassessments
    FOR EACH ROW EXECUTE FUNCTION indicator_reassessments_changed();
CREATE TRIGGER indicator_reassessments_enrollment_insert AFTER INSERT ON enrollments
    FOR EACH ROW EXECUTE FUNCTION indicator_reassessments_changed();
CREATE TRIGGER indicator_reassessments_enrollment_update AFTER UPDATE OF family_id, start_date ON enrollments
    FOR EACH ROW EXECUTE FUNCTION indicator_reassessments_changed();
CREATE TRIGGER indicator_reassessments_enrollment_delete AFTER DELETE ON enrollments
    FOR EACH ROW EXECUTE FUNCTION indicator_reassessments_changed();

-- +goose StatementBegin
CREATE FUNCTION indicator_reassessments_family_moved() RETURNS trigger AS $$
BEGIN
    UPDATE indicator_reassessments SET site_id = NEW.site_id, team_id = COALESCE(NEW.team_id, 0) WHERE family_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION indicator_reassessments_dims() RETURNS trigger AS $$
BEGIN
    UPDATE indicator_reassessments SET programme = NEW.programme, level = NEW.level WHERE family_id = NEW.family_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER indicator_reassessments_family AFTER UPDATE OF site_id, team_id ON families
    FOR EACH ROW WHEN (OLD.site_id IS DISTINCT FROM NEW.site_id OR OLD.team_id IS DISTINCT FROM NEW.team_id)
    EXECUTE FUNCTION indicator_reassessments_family_moved();
CREATE TRIGGER indicator_reassessments_dims_insert AFTER INSERT ON indicator_families
    FOR EACH ROW EXECUTE FUNCTION indicator_reassessments_dims();
CREATE TRIGGER indicator_reassessments_dims_update AFTER UPDATE OF programme, level ON indicator_families
    FOR EACH ROW WHEN (OLD.programme IS DISTINCT FROM NEW.programme OR OLD.level IS DISTINCT FROM NEW.level)
    EXECUTE FUNCTION indicator_reassessments_dims();
{{end}}

-- +goose Down
{{if sqlite}}
DROP TRIGGER indicator_reassessments_insert;
DROP TRIGGER indicator_reassessments_update;
DROP TRIGGER indicator_reassessments_delete;
DROP TRIGGER indicator_reassessments_enrollment_insert;
DROP TRIGGER indicator_reassessments_enrollment_update;
DROP TRIGGER indicator_reassessments_enrollment_delete;
DROP TRIGGER indicator_reassessments_family;
DROP TRIGGER indicator_reassessments_dims_insert;
DROP TRIGGER indicator_reassessments_dims_update;
{{else}}
DROP TRIGGER indicator_reassessments_insert ON reassessments;
DROP TRIGGER indicator_reassessments_update ON reassessments;
DROP TRIGGER indicator_reassessments_delete ON reassessments;
DROP TRIGGER indicator_reassessments_enrollment_insert ON enrollments;
DROP TRIGGER indicator_reassessments_enrollment_update ON enrollments;
DROP TRIGGER indicator_reassessments_enrollment_delete ON enrollments;
DROP TRIGGER indicator_reassessments_family ON families;
DROP TRIGGER indicator_reassessments_dims_insert ON indicator_families;
DROP TRIGGER indicator_reassessments_dims_update ON indicator_families;
DROP FUNCTION indicator_reassessments_dims();
DROP FUNCTION indicator_reassessments_family_moved();
DROP FUNCTION indicator_reassessments_changed();
DROP FUNCTION indicator_reassessments_family(BIGINT);
{{end}}
DROP TABLE indicator_reassessments;
