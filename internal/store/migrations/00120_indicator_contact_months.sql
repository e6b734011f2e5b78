-- +goose Up
-- Each family's contacts tallied by month, for the indicators' contact
-- measures (issue 17): contacts held, home visits, group meetings (invited:
-- done or missed; attended: done) and the rhythm. Read instead of the
-- contacts for the whole months of a period (its first and last partial
-- months are read from the contacts themselves): about four times fewer
-- rows, one per family and month, in month order, each carrying the
-- family's breakdowns (site, team, programme, level, as indicator_families
-- and families hold them now), so that a measure reads one range of this
-- table and nothing else. Kept by triggers on contacts, families and
-- indicator_families, in the transaction that writes them, whichever code
-- writes them; TestTheSummariesMatchTheRawRows recomputes every measure
-- from the raw rows after inserts, edits and deletes.
CREATE TABLE indicator_contact_months (
    month          TEXT NOT NULL, -- YYYY-MM
    family_id      {{bigint}} NOT NULL REFERENCES families (id),
    site_id        {{bigint}} NOT NULL,
    team_id        {{bigint}} NOT NULL,
    programme      TEXT NOT NULL,
    level          TEXT NOT NULL,
    done           INTEGER NOT NULL DEFAULT 0,
    home_visits    INTEGER NOT NULL DEFAULT 0,
    group_invited  INTEGER NOT NULL DEFAULT 0,
    group_attended INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, family_id)
){{if sqlite}} WITHOUT ROWID{{end}};
CREATE INDEX indicator_contact_months_family ON indicator_contact_months (family_id, month);

{{if sqlite}}
INSERT INTO indicator_contact_months (month, family_id, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended)
SELECT t.month, t.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
    t.done, t.home_visits, t.group_invited, t.group_attended
FROM (SELECT family_id, substr(contact_on, 1, 7) AS month,
    SUM(CASE WHEN outcome = 'done' THEN 1 ELSE 0 END) AS done,
    SUM(CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END) AS home_visits,
    SUM(CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END) AS group_invited,
    SUM(CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END) AS group_attended
    FROM contacts WHERE outcome IN ('done', 'missed') GROUP BY family_id, substr(contact_on, 1, 7)) t
JOIN families f ON f.id = t.family_id LEFT JOIN indicator_families d ON d.family_id = t.family_id
ORDER BY t.month, t.family_id;

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_insert AFTER INSERT ON contacts WHEN NEW.outcome IN ('done', 'missed')
BEGIN
    INSERT INTO indicator_contact_months (month, family_id, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended)
    SELECT substr(NEW.contact_on, 1, 7), NEW.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
        CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END
    FROM families f LEFT JOIN indicator_families d ON d.family_id = f.id WHERE f.id = NEW.family_id
    ON CONFLICT (month, family_id) DO UPDATE SET done = done + excluded.done, home_visits = home_visits + excluded.home_visits,
        group_invited = group_invited + excluded.group_invited, group_attended = group_attended + excluded.group_attended;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_delete AFTER DELETE ON contacts WHEN OLD.outcome IN ('done', 'missed')
BEGIN
    UPDATE indicator_contact_months SET
        done = done - CASE WHEN OLD.outcome = 'done' THEN 1 ELSE 0 END,
        home_visits = home_visits - CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'home_visit' THEN 1 ELSE 0 END,
        group_invited = group_invited - CASE WHEN OLD.kind = 'group_meeting' THEN 1 ELSE 0 END,
        group_attended = group_attended - CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'group_meeting' THEN 1 ELSE 0 END
    WHERE family_id = OLD.family_id AND month = substr(OLD.contact_on, 1, 7);
    DELETE FROM indicator_contact_months WHERE family_id = OLD.family_id AND month = substr(OLD.contact_on, 1, 7)
        AND done = 0 AND group_invited = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_update AFTER UPDATE OF family_id, contact_on, kind, outcome ON contacts
    WHEN OLD.outcome IN ('done', 'missed') OR NEW.outcome IN ('done', 'missed')
BEGIN
    UPDATE indicator_contact_months SET
        done = done - CASE WHEN OLD.outcome = 'done' THEN 1 ELSE 0 END,
        home_visits = home_visits - CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'home_visit' THEN 1 ELSE 0 END,
        group_invited = group_invited - CASE WHEN OLD.kind = 'group_meeting' AND OLD.outcome IN ('done', 'missed') THEN 1 ELSE 0 END,
        group_attended = group_attended - CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'group_meeting' THEN 1 ELSE 0 END
    WHERE OLD.outcome IN ('done', 'missed') AND family_id = OLD.family_id AND month = substr(OLD.contact_on, 1, 7);
    DELETE FROM indicator_contact_months WHERE OLD.outcome IN ('done', 'missed') AND family_id = OLD.family_id
        AND month = substr(OLD.contact_on, 1, 7) AND done = 0 AND group_invited = 0;
    INSERT INTO indicator_contact_months (month, family_id, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended)
    SELECT substr(NEW.contact_on, 1, 7), NEW.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
        CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END
    FROM families f LEFT JOIN indicator_families d ON d.family_id = f.id
    WHERE f.id = NEW.family_id AND NEW.outcome IN ('done', 'missed')
    ON CONFLICT (month, family_id) DO UPDATE SET done = done + excluded.done, home_visits = home_visits + excluded.home_visits,
        group_invited = group_invited + excluded.group_invited, group_attended = group_attended + excluded.group_attended;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_family AFTER UPDATE OF site_id, team_id ON families
    WHEN OLD.site_id IS NOT NEW.site_id OR OLD.team_id IS NOT NEW.team_id
BEGIN
    UPDATE indicator_contact_months SET site_id = NEW.site_id, team_id = COALESCE(NEW.team_id, 0) WHERE family_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_dims_insert AFTER INSERT ON indicator_families
BEGIN
    UPDATE indicator_contact_months SET programme = NEW.programme, level = NEW.level WHERE family_id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_dims_update AFTER UPDATE OF programme, level ON indicator_families
    WHEN OLD.programme IS NOT NEW.programme OR OLD.level IS NOT NEW.level
BEGIN
    UPDATE indicator_contact_months SET programme = NEW.programme, level = NEW.level WHERE family_id = NEW.family_id;
END;
-- +goose StatementEnd
{{else}}
INSERT INTO indicator_contact_months (month, family_id, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended)
SELECT t.month, t.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
    t.done, t.home_visits, t.group_invited, t.group_attended
FROM (SELECT family_id, to_char(contact_on, 'YYYY-MM') AS month,
    SUM(CASE WHEN outcome = 'done' THEN 1 ELSE 0 END) AS done,
    SUM(CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END) AS home_visits,
    SUM(CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END) AS group_invited,
    SUM(CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END) AS group_attended
    FROM contacts WHERE outcome IN ('done', 'missed') GROUP BY family_id, to_char(contact_on, 'YYYY-MM')) t
JOIN families f ON f.id = t.family_id LEFT JOIN indicator_families d ON d.family_id = t.family_id;

-- +goose StatementBegin
CREATE FUNCTION indicator_contact_months_add(fid BIGINT, on_day DATE, kind TEXT, outcome TEXT, sign INTEGER) RETURNS void AS $$
BEGIN
    IF outcome NOT IN ('done', 'missed') THEN
        RETURN;
    END IF;
    INSERT INTO indicator_contact_months AS t (month, family_id, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended)
    SELECT to_char(on_day, 'YYYY-MM'), fid, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        sign * CASE WHEN outcome = 'done' THEN 1 ELSE 0 END,
        sign * CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END,
        sign * CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END,
        sign * CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END
    FROM families f LEFT JOIN indicator_families d ON d.family_id = f.id WHERE f.id = fid
    ON CONFLICT (month, family_id) DO UPDATE SET done = t.done + EXCLUDED.done, home_visits = t.home_visits + EXCLUDED.home_visits,
        group_invited = t.group_invited + EXCLUDED.group_invited, group_attended = t.group_attended + EXCLUDED.group_attended;
    IF sign < 0 THEN
        DELETE FROM indicator_contact_months WHERE family_id = fid AND month = to_char(on_day, 'YYYY-MM') AND done = 0 AND group_invited = 0;
    END IF;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION indicator_contact_months_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM indicator_contact_months_add(OLD.family_id, OLD.contact_on, OLD.kind, OLD.outcome, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM indicator_contact_months_add(NEW.family_id, NEW.contact_on, NEW.kind, NEW.outcome, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER indicator_contact_months_insert AFTER INSERT ON contacts
    FOR EACH ROW WHEN (NEW.outcome IN ('done', 'missed')) EXECUTE FUNCTION indicator_contact_months_changed();
CREATE TRIGGER indicator_contact_months_delete AFTER DELETE ON contacts
    FOR EACH ROW WHEN (OLD.outcome IN ('done', 'missed')) EXECUTE FUNCTION indicator_contact_months_changed();
CREATE TRIGGER indicator_contact_months_update AFTER UPDATE OF family_id, contact_on, kind, outcome ON contacts
    FOR EACH ROW WHEN (OLD.outcome IN ('done', 'missed') OR NEW.outcome IN ('done', 'missed'))
    EXECUTE FUNCTION indicator_contact_months_changed();

-- +goose StatementBegin
CREATE FUNCTION indicator_contact_months_family() RETURNS trigger AS $$
BEGIN
    UPDATE indicator_contact_months SET site_id = NEW.site_id, team_id = COALESCE(NEW.team_id, 0) WHERE family_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION indicator_contact_months_dims() RETURNS trigger AS $$
BEGIN
    UPDATE indicator_contact_months SET programme = NEW.programme, level = NEW.level WHERE family_id = NEW.family_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER indicator_contact_months_family AFTER UPDATE OF site_id, team_id ON families
    FOR EACH ROW WHEN (OLD.site_id IS DISTINCT FROM NEW.site_id OR OLD.team_id IS DISTINCT FROM NEW.team_id)
    EXECUTE FUNCTION indicator_contact_months_family();
CREATE TRIGGER indicator_contact_months_dims_insert AFTER INSERT ON indicator_families
    FOR EACH ROW EXECUTE FUNCTION indicator_contact_months_dims();
CREATE TRIGGER indicator_contact_months_dims_update AFTER UPDATE OF programme, level ON indicator_families
    FOR EACH ROW WHEN (OLD.programme IS DISTINCT FROM NEW.programme OR OLD.level IS DISTINCT FROM NEW.level)
    EXECUTE FUNCTION indicator_contact_months_dims();
{{end}}

-- +goose Down
{{if sqlite}}
DROP TRIGGER indicator_contact_months_insert;
DROP TRIGGER indicator_contact_months_delete;
DROP TRIGGER indicator_contact_months_update;
DROP TRIGGER indicator_contact_months_family;
DROP TRIGGER indicator_contact_months_dims_insert;
DROP TRIGGER indicator_contact_months_dims_update;
{{else}}
DROP TRIGGER indicator_contact_months_insert ON contacts;
DROP TRIGGER indicator_contact_months_delete ON contacts;
DROP TRIGGER indicator_contact_months_update ON contacts;
DROP TRIGGER indicator_contact_months_family ON families;
DROP TRIGGER indicator_contact_months_dims_insert ON indicator_families;
DROP TRIGGER indicator_contact_months_dims_update ON indicator_families;
DROP FUNCTION indicator_contact_months_family();
DROP FUNCTION indicator_contact_months_dims();
DROP FUNCTION indicator_contact_months_changed();
DROP FUNCTION indicator_contact_months_add(BIGINT, DATE, TEXT, TEXT, INTEGER);
{{end}}
DROP TABLE indicator_contact_months;
