-- +goose Up
-- What the indicators break every family's rows down by, besides its site
-- and team (which its own row holds): the programme of its latest
-- enrollment, its current intensity level and that level's contact
-- interval. Computed per query, these cost three ordered look-ups per
-- family, every time (10,000 families: most of an indicator's time). The
-- table is kept by triggers on enrollments and intensity_changes, in the
-- transaction that writes them, whichever code writes them;
-- TestTheFamiliesSummaryMatchesTheRawRows recomputes it from the raw rows.
CREATE TABLE indicator_families (
    family_id     {{bigint}} PRIMARY KEY REFERENCES families (id),
    programme     TEXT NOT NULL DEFAULT '',
    level         TEXT NOT NULL DEFAULT '',
    interval_days INTEGER NOT NULL DEFAULT 0
);

INSERT INTO indicator_families (family_id, programme, level, interval_days)
SELECT f.id,
    COALESCE((SELECT e.programme FROM enrollments e WHERE e.family_id = f.id ORDER BY e.start_date DESC, e.id DESC LIMIT 1), ''),
    COALESCE((SELECT i.level_code FROM intensity_changes i WHERE i.family_id = f.id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), ''),
    COALESCE((SELECT i.interval_days FROM intensity_changes i WHERE i.family_id = f.id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), 0)
FROM families f
WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.family_id = f.id) OR EXISTS (SELECT 1 FROM intensity_changes i WHERE i.family_id = f.id);

{{if sqlite}}
-- +goose StatementBegin
CREATE TRIGGER indicator_families_enrollment_insert AFTER INSERT ON enrollments
BEGIN
    INSERT INTO indicator_families (family_id, programme) VALUES (NEW.family_id, '') ON CONFLICT (family_id) DO NOTHING;
    UPDATE indicator_families SET programme = COALESCE((SELECT e.programme FROM enrollments e WHERE e.family_id = NEW.family_id
        ORDER BY e.start_date DESC, e.id DESC LIMIT 1), '') WHERE family_id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_families_enrollment_update AFTER UPDATE OF family_id, programme, start_date ON enrollments
BEGIN
    UPDATE indicator_families SET programme = COALESCE((SELECT e.programme FROM enrollments e WHERE e.family_id = indicator_families.family_id
        ORDER BY e.start_date DESC, e.id DESC LIMIT 1), '') WHERE family_id IN (OLD.family_id, NEW.family_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_families_enrollment_delete AFTER DELETE ON enrollments
BEGIN
    UPDATE indicator_families SET programme = COALESCE((SELECT e.programme FROM enrollments e WHERE e.family_id = OLD.family_id
        ORDER BY e.start_date DESC, e.id DESC LIMIT 1), '') WHERE family_id = OLD.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_families_intensity_insert AFTER INSERT ON intensity_changes
BEGIN
    INSERT INTO indicator_families (family_id, programme) VALUES (NEW.family_id, '') ON CONFLICT (family_id) DO NOTHING;
    UPDATE indicator_families SET
        level = COALESCE((SELECT i.level_code FROM intensity_changes i WHERE i.family_id = NEW.family_id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), ''),
        interval_days = COALESCE((SELECT i.interval_days FROM intensity_changes i WHERE i.family_id = NEW.family_id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), 0)
    WHERE family_id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_families_intensity_update AFTER UPDATE OF family_id, level_code, interval_days, effective_on ON intensity_changes
BEGIN
    UPDATE indicator_families SET
        level = COALESCE((SELECT i.level_code FROM intensity_changes i WHERE i.family_id = indicator_families.family_id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), ''),
        interval_days = COALESCE((SELECT i.interval_days FROM intensity_changes i WHERE i.family_id = indicator_families.family_id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), 0)
    WHERE family_id IN (OLD.family_id, NEW.family_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_families_intensity_delete AFTER DELETE ON intensity_changes
BEGIN
    UPDATE indicator_families SET
        level = COALESCE((SELECT i.level_code FROM intensity_changes i WHERE i.family_id = OLD.family_id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), ''),
        interval_days = COALESCE((SELECT i.interval_days FROM intensity_changes i WHERE i.family_id = OLD.family_id ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), 0)
    WHERE family_id = OLD.family_id;
END;
-- +goose StatementEnd
{{else}}
-- +goose StatementBegin
CREATE FUNCTION indicator_families_refresh(fid BIGINT) RETURNS void AS $$
BEGIN
    INSERT INTO indicator_families (family_id, programme, level, interval_days) VALUES (fid,
        COALESCE((SELECT e.programme FROM enrollments e WHERE e.family_id = fid ORDER BY e.start_date DESC, e.id DESC LIMIT 1), ''),
        COALESCE((SELECT i.level_code FROM intensity_changes i WHERE i.family_id = fid ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), ''),
        COALESCE((SELECT i.interval_days FROM intensity_changes i WHERE i.family_id = fid ORDER BY i.effective_on DESC, i.id DESC LIMIT 1), 0))
    ON CONFLICT (family_id) DO UPDATE SET programme = EXCLUDED.programme, level = EXCLUDED.level, interval_days = EXCLUDED.interval_days;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION indicator_families_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM indicator_families_refresh(OLD.family_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.family_id <> OLD.family_id) THEN
        PERFORM indicator_families_refresh(NEW.family_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER indicator_families_enrollment AFTER INSERT OR UPDATE OR DELETE ON enrollments
    FOR EACH ROW EXECUTE FUNCTION indicator_families_changed();
CREATE TRIGGER indicator_families_intensity AFTER INSERT OR UPDATE OR DELETE ON intensity_changes
    FOR EACH ROW EXECUTE FUNCTION indicator_families_changed();
{{end}}

-- +goose Down
{{if sqlite}}
DROP TRIGGER indicator_families_enrollment_insert;
DROP TRIGGER indicator_families_enrollment_update;
DROP TRIGGER indicator_families_enrollment_delete;
DROP TRIGGER indicator_families_intensity_insert;
DROP TRIGGER indicator_families_intensity_update;
DROP TRIGGER indicator_families_intensity_delete;
{{else}}
DROP TRIGGER indicator_families_enrollment ON enrollments;
DROP TRIGGER indicator_families_intensity ON intensity_changes;
DROP FUNCTION indicator_families_changed();
DROP FUNCTION indicator_families_refresh(BIGINT);
{{end}}
DROP TABLE indicator_families;
