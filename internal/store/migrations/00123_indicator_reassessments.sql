-- +goose Up
-- Each reassessment with the day its interval is counted from (issue 17):
-- the family's previous reassessment, or the start of its follow-up (its
-- earliest enrollment) for the first one; NULL with neither. Read by
-- reassessments_on_time instead of two look-ups per reassessment of the
-- period. Kept by triggers on reassessments and enrollments, in the
-- transaction that writes them, whichever code writes them (each recomputes
-- the family's few rows); TestTheSummariesMatchTheRawRows recomputes every
-- measure from the raw rows and the table itself.
CREATE TABLE indicator_reassessments (
    held_on          DATE NOT NULL,
    reassessment_id  {{bigint}} NOT NULL,
    family_id        {{bigint}} NOT NULL,
    since            DATE,
    PRIMARY KEY (held_on, reassessment_id)
){{if sqlite}} WITHOUT ROWID{{end}};
CREATE INDEX indicator_reassessments_family ON indicator_reassessments (family_id);

INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, since)
SELECT r.held_on, r.id, r.family_id,
    COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
        (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id))
FROM reassessments r;

{{if sqlite}}
-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_insert AFTER INSERT ON reassessments
BEGIN
    DELETE FROM indicator_reassessments WHERE family_id = NEW.family_id;
    INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, since)
    SELECT r.held_on, r.id, r.family_id,
        COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id))
    FROM reassessments r WHERE r.family_id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_update AFTER UPDATE OF family_id, held_on ON reassessments
BEGIN
    DELETE FROM indicator_reassessments WHERE family_id IN (OLD.family_id, NEW.family_id);
    INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, since)
    SELECT r.held_on, r.id, r.family_id,
        COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id))
    FROM reassessments r WHERE r.family_id IN (OLD.family_id, NEW.family_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_delete AFTER DELETE ON reassessments
BEGIN
    DELETE FROM indicator_reassessments WHERE family_id = OLD.family_id;
    INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, since)
    SELECT r.held_on, r.id, r.family_id,
        COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id))
    FROM reassessments r WHERE r.family_id = OLD.family_id;
END;
-- +goose StatementEnd

-- The start of the follow-up moved: the family's first reassessment.
-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_enrollment_insert AFTER INSERT ON enrollments
BEGIN
    UPDATE indicator_reassessments SET since = COALESCE((SELECT MAX(p.held_on) FROM reassessments p
            WHERE p.family_id = indicator_reassessments.family_id AND p.held_on < indicator_reassessments.held_on),
        (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = indicator_reassessments.family_id))
    WHERE family_id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_enrollment_update AFTER UPDATE OF family_id, start_date ON enrollments
BEGIN
    UPDATE indicator_reassessments SET since = COALESCE((SELECT MAX(p.held_on) FROM reassessments p
            WHERE p.family_id = indicator_reassessments.family_id AND p.held_on < indicator_reassessments.held_on),
        (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = indicator_reassessments.family_id))
    WHERE family_id IN (OLD.family_id, NEW.family_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_reassessments_enrollment_delete AFTER DELETE ON enrollments
BEGIN
    UPDATE indicator_reassessments SET since = COALESCE((SELECT MAX(p.held_on) FROM reassessments p
            WHERE p.family_id = indicator_reassessments.family_id AND p.held_on < indicator_reassessments.held_on),
        (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = indicator_reassessments.family_id))
    WHERE family_id = OLD.family_id;
END;
-- +goose StatementEnd
{{else}}
-- +goose StatementBegin
CREATE FUNCTION indicator_reassessments_family(fid BIGINT) RETURNS void AS $$
BEGIN
    DELETE FROM indicator_reassessments WHERE family_id = fid;
    INSERT INTO indicator_reassessments (held_on, reassessment_id, family_id, since)
    SELECT r.held_on, r.id, r.family_id,
        COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
            (SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id))
    FROM reassessments r WHERE r.family_id = fid;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION indicator_reassessments_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM indicator_reassessments_family(OLD.family_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.family_id <> OLD.family_id) THEN
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
{{end}}

-- +goose Down
{{if sqlite}}
DROP TRIGGER indicator_reassessments_insert;
DROP TRIGGER indicator_reassessments_update;
DROP TRIGGER indicator_reassessments_delete;
DROP TRIGGER indicator_reassessments_enrollment_insert;
DROP TRIGGER indicator_reassessments_enrollment_update;
DROP TRIGGER indicator_reassessments_enrollment_delete;
{{else}}
DROP TRIGGER indicator_reassessments_insert ON reassessments;
DROP TRIGGER indicator_reassessments_update ON reassessments;
DROP TRIGGER indicator_reassessments_delete ON reassessments;
DROP TRIGGER indicator_reassessments_enrollment_insert ON enrollments;
DROP TRIGGER indicator_reassessments_enrollment_update ON enrollments;
DROP TRIGGER indicator_reassessments_enrollment_delete ON enrollments;
DROP FUNCTION indicator_reassessments_changed();
DROP FUNCTION indicator_reassessments_family(BIGINT);
{{end}}
DROP TABLE indicator_reassessments;
