-- +goose Up
-- Two summaries of indicator_contact_months (issue 17), so that the
-- contact measures read a few hundred rows instead of a family-month each:
--
-- indicator_contact_cells: the tallies added up per month and breakdown
-- (site, team, programme, level), with the number of families that have
-- each tally (a tally row is one family in one month, so these add up
-- exactly within a month: the measures' month breakdown).
--
-- indicator_contact_years: per family and year Y, which months of Y-1 and
-- Y had each tally (bit 0 = January of Y-1 … bit 23 = December of Y), with
-- the family's breakdowns: the families with one in any whole month of a
-- period of up to two calendar years are the rows of its last year whose
-- mask meets the period's months (a period's total, without counting
-- distinct families over its family-months).
--
-- Both kept by triggers on indicator_contact_months, itself kept by
-- triggers on contacts, families and indicator_families: all in the
-- transaction that writes the contact. TestTheSummariesMatchTheRawRows
-- recomputes every measure from the raw rows and compares both tables
-- with a recount of the tallies.
CREATE TABLE indicator_contact_cells (
    month             TEXT NOT NULL, -- YYYY-MM
    site_id           {{bigint}} NOT NULL,
    team_id           {{bigint}} NOT NULL,
    programme         TEXT NOT NULL,
    level             TEXT NOT NULL,
    done              INTEGER NOT NULL DEFAULT 0,
    home_visits       INTEGER NOT NULL DEFAULT 0,
    group_invited     INTEGER NOT NULL DEFAULT 0,
    group_attended    INTEGER NOT NULL DEFAULT 0,
    families_done     INTEGER NOT NULL DEFAULT 0,
    families_home     INTEGER NOT NULL DEFAULT 0,
    families_invited  INTEGER NOT NULL DEFAULT 0,
    families_attended INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, site_id, team_id, programme, level)
){{if sqlite}} WITHOUT ROWID{{end}};

CREATE TABLE indicator_contact_years (
    year            INTEGER NOT NULL,
    family_id       {{bigint}} NOT NULL REFERENCES families (id),
    site_id         {{bigint}} NOT NULL,
    team_id         {{bigint}} NOT NULL,
    programme       TEXT NOT NULL,
    level           TEXT NOT NULL,
    done_months     {{bigint}} NOT NULL DEFAULT 0,
    home_months     {{bigint}} NOT NULL DEFAULT 0,
    invited_months  {{bigint}} NOT NULL DEFAULT 0,
    attended_months {{bigint}} NOT NULL DEFAULT 0,
    PRIMARY KEY (year, family_id)
){{if sqlite}} WITHOUT ROWID{{end}};
{{if postgres}}
-- PostgreSQL keeps a year's rows wherever their updates left them (a few
-- per page): a period's total reads them from this index alone.
CREATE INDEX indicator_contact_years_cover ON indicator_contact_years (year)
    INCLUDE (family_id, site_id, team_id, programme, level, done_months, home_months, invited_months, attended_months);
{{end}}

INSERT INTO indicator_contact_cells (month, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended,
    families_done, families_home, families_invited, families_attended)
SELECT month, site_id, team_id, programme, level, SUM(done), SUM(home_visits), SUM(group_invited), SUM(group_attended),
    SUM(CASE WHEN done > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN home_visits > 0 THEN 1 ELSE 0 END),
    SUM(CASE WHEN group_invited > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN group_attended > 0 THEN 1 ELSE 0 END)
FROM indicator_contact_months GROUP BY month, site_id, team_id, programme, level;

-- Each month's bit is distinct, so the sum of the bits is their union.
INSERT INTO indicator_contact_years (year, family_id, site_id, team_id, programme, level, done_months, home_months, invited_months, attended_months)
SELECT b.year, b.family_id, MAX(b.site_id), MAX(b.team_id), MAX(b.programme), MAX(b.level),
    SUM(CASE WHEN b.done > 0 THEN b.mbit ELSE 0 END), SUM(CASE WHEN b.home_visits > 0 THEN b.mbit ELSE 0 END),
    SUM(CASE WHEN b.group_invited > 0 THEN b.mbit ELSE 0 END), SUM(CASE WHEN b.group_attended > 0 THEN b.mbit ELSE 0 END)
FROM (SELECT CAST(substr(t.month, 1, 4) AS INTEGER) + y.nxt AS year, t.family_id, t.site_id, t.team_id, t.programme, t.level,
        t.done, t.home_visits, t.group_invited, t.group_attended,
        CAST(1 AS {{bigint}}) << (CAST(substr(t.month, 6, 2) AS INTEGER) - 1 + 12 * (1 - y.nxt)) AS mbit
    FROM indicator_contact_months t CROSS JOIN (SELECT 0 AS nxt UNION ALL SELECT 1) y) b
GROUP BY b.year, b.family_id;

{{if sqlite}}
-- +goose StatementBegin
CREATE TRIGGER indicator_contact_cells_insert AFTER INSERT ON indicator_contact_months
BEGIN
    INSERT INTO indicator_contact_cells (month, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended,
        families_done, families_home, families_invited, families_attended)
    VALUES (NEW.month, NEW.site_id, NEW.team_id, NEW.programme, NEW.level, NEW.done, NEW.home_visits, NEW.group_invited, NEW.group_attended,
        NEW.done > 0, NEW.home_visits > 0, NEW.group_invited > 0, NEW.group_attended > 0)
    ON CONFLICT (month, site_id, team_id, programme, level) DO UPDATE SET done = done + excluded.done, home_visits = home_visits + excluded.home_visits,
        group_invited = group_invited + excluded.group_invited, group_attended = group_attended + excluded.group_attended,
        families_done = families_done + excluded.families_done, families_home = families_home + excluded.families_home,
        families_invited = families_invited + excluded.families_invited, families_attended = families_attended + excluded.families_attended;
    INSERT INTO indicator_contact_years (year, family_id, site_id, team_id, programme, level, done_months, home_months, invited_months, attended_months)
    SELECT CAST(substr(NEW.month, 1, 4) AS INTEGER) + y.nxt, NEW.family_id, NEW.site_id, NEW.team_id, NEW.programme, NEW.level,
        (NEW.done > 0) << y.shift, (NEW.home_visits > 0) << y.shift, (NEW.group_invited > 0) << y.shift, (NEW.group_attended > 0) << y.shift
    FROM (SELECT 0 AS nxt, CAST(substr(NEW.month, 6, 2) AS INTEGER) + 11 AS shift
        UNION ALL SELECT 1, CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) y WHERE true
    ON CONFLICT (year, family_id) DO UPDATE SET site_id = excluded.site_id, team_id = excluded.team_id,
        programme = excluded.programme, level = excluded.level,
        done_months = done_months | excluded.done_months, home_months = home_months | excluded.home_months,
        invited_months = invited_months | excluded.invited_months, attended_months = attended_months | excluded.attended_months;
END;
-- +goose StatementEnd

-- A contact's tally changed (its breakdowns did not): one cell, and the
-- years' bits only when a tally went from none to some or back.
-- +goose StatementBegin
CREATE TRIGGER indicator_contact_cells_count AFTER UPDATE OF done, home_visits, group_invited, group_attended ON indicator_contact_months
    WHEN OLD.site_id = NEW.site_id AND OLD.team_id = NEW.team_id AND OLD.programme = NEW.programme AND OLD.level = NEW.level
BEGIN
    UPDATE indicator_contact_cells SET done = done + NEW.done - OLD.done, home_visits = home_visits + NEW.home_visits - OLD.home_visits,
        group_invited = group_invited + NEW.group_invited - OLD.group_invited, group_attended = group_attended + NEW.group_attended - OLD.group_attended,
        families_done = families_done + (NEW.done > 0) - (OLD.done > 0), families_home = families_home + (NEW.home_visits > 0) - (OLD.home_visits > 0),
        families_invited = families_invited + (NEW.group_invited > 0) - (OLD.group_invited > 0),
        families_attended = families_attended + (NEW.group_attended > 0) - (OLD.group_attended > 0)
    WHERE month = NEW.month AND site_id = NEW.site_id AND team_id = NEW.team_id AND programme = NEW.programme AND level = NEW.level;
END;
-- +goose StatementEnd

-- A family moved (site, team) or changed programme or level: its tallies
-- move from one cell to another.
-- +goose StatementBegin
CREATE TRIGGER indicator_contact_cells_dims AFTER UPDATE OF site_id, team_id, programme, level ON indicator_contact_months
    WHEN OLD.site_id <> NEW.site_id OR OLD.team_id <> NEW.team_id OR OLD.programme <> NEW.programme OR OLD.level <> NEW.level
BEGIN
    UPDATE indicator_contact_cells SET done = done - OLD.done, home_visits = home_visits - OLD.home_visits,
        group_invited = group_invited - OLD.group_invited, group_attended = group_attended - OLD.group_attended,
        families_done = families_done - (OLD.done > 0), families_home = families_home - (OLD.home_visits > 0),
        families_invited = families_invited - (OLD.group_invited > 0), families_attended = families_attended - (OLD.group_attended > 0)
    WHERE month = OLD.month AND site_id = OLD.site_id AND team_id = OLD.team_id AND programme = OLD.programme AND level = OLD.level;
    INSERT INTO indicator_contact_cells (month, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended,
        families_done, families_home, families_invited, families_attended)
    VALUES (NEW.month, NEW.site_id, NEW.team_id, NEW.programme, NEW.level, NEW.done, NEW.home_visits, NEW.group_invited, NEW.group_attended,
        NEW.done > 0, NEW.home_visits > 0, NEW.group_invited > 0, NEW.group_attended > 0)
    ON CONFLICT (month, site_id, team_id, programme, level) DO UPDATE SET done = done + excluded.done, home_visits = home_visits + excluded.home_visits,
        group_invited = group_invited + excluded.group_invited, group_attended = group_attended + excluded.group_attended,
        families_done = families_done + excluded.families_done, families_home = families_home + excluded.families_home,
        families_invited = families_invited + excluded.families_invited, families_attended = families_attended + excluded.families_attended;
END;
-- +goose StatementEnd

-- The years' bits and breakdowns, when a tally appeared or vanished or
-- the breakdowns changed.
-- +goose StatementBegin
CREATE TRIGGER indicator_contact_years_update AFTER UPDATE ON indicator_contact_months
    WHEN (OLD.done > 0) <> (NEW.done > 0) OR (OLD.home_visits > 0) <> (NEW.home_visits > 0) OR (OLD.group_invited > 0) <> (NEW.group_invited > 0)
        OR (OLD.group_attended > 0) <> (NEW.group_attended > 0)
        OR OLD.site_id <> NEW.site_id OR OLD.team_id <> NEW.team_id OR OLD.programme <> NEW.programme OR OLD.level <> NEW.level
BEGIN
    UPDATE indicator_contact_years SET site_id = NEW.site_id, team_id = NEW.team_id, programme = NEW.programme, level = NEW.level,
        done_months = (done_months & ~(1 << y.shift)) | ((NEW.done > 0) << y.shift),
        home_months = (home_months & ~(1 << y.shift)) | ((NEW.home_visits > 0) << y.shift),
        invited_months = (invited_months & ~(1 << y.shift)) | ((NEW.group_invited > 0) << y.shift),
        attended_months = (attended_months & ~(1 << y.shift)) | ((NEW.group_attended > 0) << y.shift)
    FROM (SELECT 0 AS nxt, CAST(substr(NEW.month, 6, 2) AS INTEGER) + 11 AS shift
        UNION ALL SELECT 1, CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) y
    WHERE indicator_contact_years.family_id = NEW.family_id AND indicator_contact_years.year = CAST(substr(NEW.month, 1, 4) AS INTEGER) + y.nxt;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_cells_delete AFTER DELETE ON indicator_contact_months
BEGIN
    UPDATE indicator_contact_cells SET done = done - OLD.done, home_visits = home_visits - OLD.home_visits,
        group_invited = group_invited - OLD.group_invited, group_attended = group_attended - OLD.group_attended,
        families_done = families_done - (OLD.done > 0), families_home = families_home - (OLD.home_visits > 0),
        families_invited = families_invited - (OLD.group_invited > 0), families_attended = families_attended - (OLD.group_attended > 0)
    WHERE month = OLD.month AND site_id = OLD.site_id AND team_id = OLD.team_id AND programme = OLD.programme AND level = OLD.level;
    UPDATE indicator_contact_years SET done_months = done_months & ~(1 << y.shift), home_months = home_months & ~(1 << y.shift),
        invited_months = invited_months & ~(1 << y.shift), attended_months = attended_months & ~(1 << y.shift)
    FROM (SELECT 0 AS nxt, CAST(substr(OLD.month, 6, 2) AS INTEGER) + 11 AS shift
        UNION ALL SELECT 1, CAST(substr(OLD.month, 6, 2) AS INTEGER) - 1) y
    WHERE indicator_contact_years.family_id = OLD.family_id AND indicator_contact_years.year = CAST(substr(OLD.month, 1, 4) AS INTEGER) + y.nxt;
END;
-- +goose StatementEnd
{{else}}
-- +goose StatementBegin
CREATE FUNCTION indicator_contact_cells_add(t indicator_contact_months, sign INTEGER) RETURNS void AS $$
BEGIN
    INSERT INTO indicator_contact_cells AS c (month, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended,
        families_done, families_home, families_invited, families_attended)
    VALUES (t.month, t.site_id, t.team_id, t.programme, t.level, sign * t.done, sign * t.home_visits, sign * t.group_invited, sign * t.group_attended,
        sign * (CASE WHEN t.done > 0 THEN 1 ELSE 0 END), sign * (CASE WHEN t.home_visits > 0 THEN 1 ELSE 0 END),
        sign * (CASE WHEN t.group_invited > 0 THEN 1 ELSE 0 END), sign * (CASE WHEN t.group_attended > 0 THEN 1 ELSE 0 END))
    ON CONFLICT (month, site_id, team_id, programme, level) DO UPDATE SET done = c.done + EXCLUDED.done, home_visits = c.home_visits + EXCLUDED.home_visits,
        group_invited = c.group_invited + EXCLUDED.group_invited, group_attended = c.group_attended + EXCLUDED.group_attended,
        families_done = c.families_done + EXCLUDED.families_done, families_home = c.families_home + EXCLUDED.families_home,
        families_invited = c.families_invited + EXCLUDED.families_invited, families_attended = c.families_attended + EXCLUDED.families_attended;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- t's bits in its two years (clear: t's tallies are gone).
-- +goose StatementBegin
CREATE FUNCTION indicator_contact_years_set(t indicator_contact_months, clear BOOLEAN) RETURNS void AS $$
DECLARE
    y INTEGER := CAST(substr(t.month, 1, 4) AS INTEGER);
    m INTEGER := CAST(substr(t.month, 6, 2) AS INTEGER);
    k INTEGER;
    b BIGINT;
BEGIN
    FOR k IN 0..1 LOOP
        b := CAST(1 AS BIGINT) << (m - 1 + 12 * (1 - k));
        INSERT INTO indicator_contact_years AS c (year, family_id, site_id, team_id, programme, level, done_months, home_months, invited_months, attended_months)
        VALUES (y + k, t.family_id, t.site_id, t.team_id, t.programme, t.level,
            CASE WHEN NOT clear AND t.done > 0 THEN b ELSE 0 END, CASE WHEN NOT clear AND t.home_visits > 0 THEN b ELSE 0 END,
            CASE WHEN NOT clear AND t.group_invited > 0 THEN b ELSE 0 END, CASE WHEN NOT clear AND t.group_attended > 0 THEN b ELSE 0 END)
        ON CONFLICT (year, family_id) DO UPDATE SET site_id = EXCLUDED.site_id, team_id = EXCLUDED.team_id,
            programme = EXCLUDED.programme, level = EXCLUDED.level,
            done_months = (c.done_months & ~b) | EXCLUDED.done_months, home_months = (c.home_months & ~b) | EXCLUDED.home_months,
            invited_months = (c.invited_months & ~b) | EXCLUDED.invited_months, attended_months = (c.attended_months & ~b) | EXCLUDED.attended_months;
    END LOOP;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION indicator_contact_cells_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM indicator_contact_cells_add(NEW, 1);
        PERFORM indicator_contact_years_set(NEW, false);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM indicator_contact_cells_add(OLD, -1);
        PERFORM indicator_contact_years_set(OLD, true);
    ELSE
        IF OLD.site_id = NEW.site_id AND OLD.team_id = NEW.team_id AND OLD.programme = NEW.programme AND OLD.level = NEW.level THEN
            UPDATE indicator_contact_cells SET done = done + NEW.done - OLD.done, home_visits = home_visits + NEW.home_visits - OLD.home_visits,
                group_invited = group_invited + NEW.group_invited - OLD.group_invited, group_attended = group_attended + NEW.group_attended - OLD.group_attended,
                families_done = families_done + (CASE WHEN NEW.done > 0 THEN 1 ELSE 0 END) - (CASE WHEN OLD.done > 0 THEN 1 ELSE 0 END),
                families_home = families_home + (CASE WHEN NEW.home_visits > 0 THEN 1 ELSE 0 END) - (CASE WHEN OLD.home_visits > 0 THEN 1 ELSE 0 END),
                families_invited = families_invited + (CASE WHEN NEW.group_invited > 0 THEN 1 ELSE 0 END) - (CASE WHEN OLD.group_invited > 0 THEN 1 ELSE 0 END),
                families_attended = families_attended + (CASE WHEN NEW.group_attended > 0 THEN 1 ELSE 0 END) - (CASE WHEN OLD.group_attended > 0 THEN 1 ELSE 0 END)
            WHERE month = NEW.month AND site_id = NEW.site_id AND team_id = NEW.team_id AND programme = NEW.programme AND level = NEW.level;
            IF (OLD.done > 0) = (NEW.done > 0) AND (OLD.home_visits > 0) = (NEW.home_visits > 0)
                AND (OLD.group_invited > 0) = (NEW.group_invited > 0) AND (OLD.group_attended > 0) = (NEW.group_attended > 0) THEN
                RETURN NULL;
            END IF;
        ELSE
            PERFORM indicator_contact_cells_add(OLD, -1);
            PERFORM indicator_contact_cells_add(NEW, 1);
        END IF;
        PERFORM indicator_contact_years_set(NEW, false);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER indicator_contact_cells_changed AFTER INSERT OR UPDATE OR DELETE ON indicator_contact_months
    FOR EACH ROW EXECUTE FUNCTION indicator_contact_cells_changed();
{{end}}

-- +goose Down
{{if sqlite}}
DROP TRIGGER indicator_contact_cells_insert;
DROP TRIGGER indicator_contact_cells_count;
DROP TRIGGER indicator_contact_cells_dims;
DROP TRIGGER indicator_contact_years_update;
DROP TRIGGER indicator_contact_cells_delete;
{{else}}
DROP TRIGGER indicator_contact_cells_changed ON indicator_contact_months;
DROP FUNCTION indicator_contact_cells_changed();
DROP FUNCTION indicator_contact_years_set(indicator_contact_months, BOOLEAN);
DROP FUNCTION indicator_contact_cells_add(indicator_contact_months, INTEGER);
{{end}}
DROP TABLE indicator_contact_years;
DROP TABLE indicator_contact_cells;
