-- +goose Up
-- Which days of its month each tally of indicator_contact_months counts
-- contacts on (issue 17): bit 0 = the 1st … bit 30 = the 31st. A period's
-- first and last months are partial; the families with a contact in their
-- days are the tallies whose days meet theirs, and the contacts are the
-- month's tally less those of the other days, read from the contacts only
-- for the families that had one on those days (most have none when a
-- period starts on the 3rd or ends on the 2nd). Kept by the same triggers
-- on contacts as the tallies, replaced here; TestTheSummariesMatchTheRawRows
-- compares them with a recount of the contacts.
ALTER TABLE indicator_contact_months ADD COLUMN days_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicator_contact_months ADD COLUMN days_home INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicator_contact_months ADD COLUMN days_invited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicator_contact_months ADD COLUMN days_attended INTEGER NOT NULL DEFAULT 0;

-- The distinct bits of a month add up to their union.
{{if sqlite}}
UPDATE indicator_contact_months SET days_done = COALESCE(b.d, 0), days_home = COALESCE(b.h, 0), days_invited = COALESCE(b.i, 0), days_attended = COALESCE(b.a, 0)
FROM (SELECT c.family_id, substr(c.contact_on, 1, 7) AS month,
        SUM(DISTINCT CASE WHEN c.outcome = 'done' THEN (1 << (CAST(substr(c.contact_on, 9, 2) AS INTEGER) - 1)) END) AS d,
        SUM(DISTINCT CASE WHEN c.outcome = 'done' AND c.kind = 'home_visit' THEN (1 << (CAST(substr(c.contact_on, 9, 2) AS INTEGER) - 1)) END) AS h,
        SUM(DISTINCT CASE WHEN c.kind = 'group_meeting' THEN (1 << (CAST(substr(c.contact_on, 9, 2) AS INTEGER) - 1)) END) AS i,
        SUM(DISTINCT CASE WHEN c.outcome = 'done' AND c.kind = 'group_meeting' THEN (1 << (CAST(substr(c.contact_on, 9, 2) AS INTEGER) - 1)) END) AS a
    FROM contacts c WHERE c.outcome IN ('done', 'missed') GROUP BY c.family_id, substr(c.contact_on, 1, 7)) b
WHERE indicator_contact_months.family_id = b.family_id AND indicator_contact_months.month = b.month;

DROP TRIGGER indicator_contact_months_insert;
DROP TRIGGER indicator_contact_months_delete;
DROP TRIGGER indicator_contact_months_update;

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_insert AFTER INSERT ON contacts WHEN NEW.outcome IN ('done', 'missed')
BEGIN
    UPDATE indicator_contact_months SET
        done = done + CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
        home_visits = home_visits + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
        group_invited = group_invited + CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        group_attended = group_attended + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        days_done = days_done | CASE WHEN NEW.outcome = 'done' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        days_home = days_home | CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        days_invited = days_invited | CASE WHEN NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        days_attended = days_attended | CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END
    WHERE month = substr(NEW.contact_on, 1, 7) AND family_id = NEW.family_id;
    INSERT INTO indicator_contact_months (month, family_id, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended, days_done, days_home, days_invited, days_attended)
    SELECT substr(NEW.contact_on, 1, 7), NEW.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
        CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        CASE WHEN NEW.outcome IN ('done', 'missed') AND NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END
    FROM families f LEFT JOIN indicator_families d ON d.family_id = f.id WHERE changes() = 0 AND f.id = NEW.family_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_delete AFTER DELETE ON contacts WHEN OLD.outcome IN ('done', 'missed')
BEGIN
    UPDATE indicator_contact_months SET
        done = done - CASE WHEN OLD.outcome = 'done' THEN 1 ELSE 0 END,
        home_visits = home_visits - CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'home_visit' THEN 1 ELSE 0 END,
        group_invited = group_invited - CASE WHEN OLD.kind = 'group_meeting' AND OLD.outcome IN ('done', 'missed') THEN 1 ELSE 0 END,
        group_attended = group_attended - CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'group_meeting' THEN 1 ELSE 0 END,
        days_done = CASE WHEN OLD.outcome = 'done' THEN (days_done & ~(1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1))) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = OLD.family_id AND c.contact_on = OLD.contact_on AND c.outcome = 'done') THEN (1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END ELSE days_done END,
        days_home = CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'home_visit' THEN (days_home & ~(1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1))) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = OLD.family_id AND c.contact_on = OLD.contact_on AND c.outcome = 'done' AND c.kind = 'home_visit') THEN (1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END ELSE days_home END,
        days_invited = CASE WHEN OLD.outcome IN ('done', 'missed') AND OLD.kind = 'group_meeting' THEN (days_invited & ~(1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1))) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = OLD.family_id AND c.contact_on = OLD.contact_on AND c.outcome IN ('done', 'missed') AND c.kind = 'group_meeting') THEN (1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END ELSE days_invited END,
        days_attended = CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'group_meeting' THEN (days_attended & ~(1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1))) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = OLD.family_id AND c.contact_on = OLD.contact_on AND c.outcome = 'done' AND c.kind = 'group_meeting') THEN (1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END ELSE days_attended END
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
        group_attended = group_attended - CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'group_meeting' THEN 1 ELSE 0 END,
        days_done = CASE WHEN OLD.outcome = 'done' THEN (days_done & ~(1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1))) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = OLD.family_id AND c.contact_on = OLD.contact_on AND c.outcome = 'done') THEN (1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END ELSE days_done END,
        days_home = CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'home_visit' THEN (days_home & ~(1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1))) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = OLD.family_id AND c.contact_on = OLD.contact_on AND c.outcome = 'done' AND c.kind = 'home_visit') THEN (1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END ELSE days_home END,
        days_invited = CASE WHEN OLD.outcome IN ('done', 'missed') AND OLD.kind = 'group_meeting' THEN (days_invited & ~(1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1))) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = OLD.family_id AND c.contact_on = OLD.contact_on AND c.outcome IN ('done', 'missed') AND c.kind = 'group_meeting') THEN (1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END ELSE days_invited END,
        days_attended = CASE WHEN OLD.outcome = 'done' AND OLD.kind = 'group_meeting' THEN (days_attended & ~(1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1))) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = OLD.family_id AND c.contact_on = OLD.contact_on AND c.outcome = 'done' AND c.kind = 'group_meeting') THEN (1 << (CAST(substr(OLD.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END ELSE days_attended END
    WHERE OLD.outcome IN ('done', 'missed') AND family_id = OLD.family_id AND month = substr(OLD.contact_on, 1, 7);
    DELETE FROM indicator_contact_months WHERE OLD.outcome IN ('done', 'missed') AND family_id = OLD.family_id AND month = substr(OLD.contact_on, 1, 7)
        AND done = 0 AND group_invited = 0;
    UPDATE indicator_contact_months SET
        done = done + CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
        home_visits = home_visits + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
        group_invited = group_invited + CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        group_attended = group_attended + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        days_done = days_done | CASE WHEN NEW.outcome = 'done' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        days_home = days_home | CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        days_invited = days_invited | CASE WHEN NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        days_attended = days_attended | CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END
    WHERE NEW.outcome IN ('done', 'missed') AND month = substr(NEW.contact_on, 1, 7) AND family_id = NEW.family_id;
    INSERT INTO indicator_contact_months (month, family_id, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended, days_done, days_home, days_invited, days_attended)
    SELECT substr(NEW.contact_on, 1, 7), NEW.family_id, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
        CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
        CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        CASE WHEN NEW.outcome IN ('done', 'missed') AND NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END
    FROM families f LEFT JOIN indicator_families d ON d.family_id = f.id WHERE changes() = 0 AND f.id = NEW.family_id AND NEW.outcome IN ('done', 'missed');
END;
-- +goose StatementEnd
{{else}}
UPDATE indicator_contact_months SET days_done = COALESCE(b.d, 0), days_home = COALESCE(b.h, 0), days_invited = COALESCE(b.i, 0), days_attended = COALESCE(b.a, 0)
FROM (SELECT c.family_id, to_char(c.contact_on, 'YYYY-MM') AS month,
        SUM(DISTINCT CASE WHEN c.outcome = 'done' THEN 1 << (EXTRACT(DAY FROM c.contact_on)::INTEGER - 1) END) AS d,
        SUM(DISTINCT CASE WHEN c.outcome = 'done' AND c.kind = 'home_visit' THEN 1 << (EXTRACT(DAY FROM c.contact_on)::INTEGER - 1) END) AS h,
        SUM(DISTINCT CASE WHEN c.kind = 'group_meeting' THEN 1 << (EXTRACT(DAY FROM c.contact_on)::INTEGER - 1) END) AS i,
        SUM(DISTINCT CASE WHEN c.outcome = 'done' AND c.kind = 'group_meeting' THEN 1 << (EXTRACT(DAY FROM c.contact_on)::INTEGER - 1) END) AS a
    FROM contacts c WHERE c.outcome IN ('done', 'missed') GROUP BY c.family_id, to_char(c.contact_on, 'YYYY-MM')) b
WHERE indicator_contact_months.family_id = b.family_id AND indicator_contact_months.month = b.month;

-- A contact (outcome, kind) counted (sign 1) or no longer (-1) in the tally
-- t, as it is now: its cell's sums and families, and its family's months
-- when a tally appeared or vanished. (On PostgreSQL the tallies' own
-- trigger, a second call per contact, keeps the summaries only when a
-- tally row is added, moved or deleted: a save costs one call.)
-- +goose StatementBegin
CREATE FUNCTION indicator_contact_cells_count(t indicator_contact_months, outcome TEXT, kind TEXT, sign INTEGER) RETURNS void AS $$
DECLARE
    d INTEGER := CASE WHEN outcome = 'done' THEN 1 ELSE 0 END;
    h INTEGER := CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END;
    i INTEGER := CASE WHEN outcome IN ('done', 'missed') AND kind = 'group_meeting' THEN 1 ELSE 0 END;
    a INTEGER := CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END;
    -- a tally appeared (sign 1: it is now 1) or vanished (-1: now 0)
    fd INTEGER := CASE WHEN d = 1 AND t.done = (sign + 1) / 2 THEN 1 ELSE 0 END;
    fh INTEGER := CASE WHEN h = 1 AND t.home_visits = (sign + 1) / 2 THEN 1 ELSE 0 END;
    fi INTEGER := CASE WHEN i = 1 AND t.group_invited = (sign + 1) / 2 THEN 1 ELSE 0 END;
    fa INTEGER := CASE WHEN a = 1 AND t.group_attended = (sign + 1) / 2 THEN 1 ELSE 0 END;
BEGIN
    UPDATE indicator_contact_cells SET done = done + sign * d, home_visits = home_visits + sign * h,
        group_invited = group_invited + sign * i, group_attended = group_attended + sign * a,
        families_done = families_done + sign * fd, families_home = families_home + sign * fh,
        families_invited = families_invited + sign * fi, families_attended = families_attended + sign * fa
    WHERE month = t.month AND site_id = t.site_id AND team_id = t.team_id AND programme = t.programme AND level = t.level;
    IF fd + fh + fi + fa > 0 THEN
        PERFORM indicator_contact_years_set(t, false);
    END IF;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

DROP TRIGGER indicator_contact_cells_changed ON indicator_contact_months;
CREATE TRIGGER indicator_contact_cells_changed AFTER INSERT OR DELETE OR UPDATE OF site_id, team_id, programme, level ON indicator_contact_months
    FOR EACH ROW EXECUTE FUNCTION indicator_contact_cells_changed();

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION indicator_contact_months_add(fid BIGINT, on_day DATE, kind TEXT, outcome TEXT, sign INTEGER) RETURNS void AS $$
DECLARE
    b INTEGER := (1 << (EXTRACT(DAY FROM on_day)::INTEGER - 1));
    r indicator_contact_months;
BEGIN
    IF outcome NOT IN ('done', 'missed') THEN
        RETURN;
    END IF;
    IF sign > 0 THEN
        UPDATE indicator_contact_months t SET done = t.done + CASE WHEN outcome = 'done' THEN 1 ELSE 0 END,
            home_visits = t.home_visits + CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END,
            group_invited = t.group_invited + CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END,
            group_attended = t.group_attended + CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END,
            days_done = t.days_done | CASE WHEN outcome = 'done' THEN b ELSE 0 END,
            days_home = t.days_home | CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN b ELSE 0 END,
            days_invited = t.days_invited | CASE WHEN kind = 'group_meeting' THEN b ELSE 0 END,
            days_attended = t.days_attended | CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN b ELSE 0 END
        WHERE t.month = to_char(on_day, 'YYYY-MM') AND t.family_id = fid
        RETURNING t.* INTO r;
        IF FOUND THEN
            PERFORM indicator_contact_cells_count(r, outcome, kind, 1);
            RETURN;
        END IF;
        INSERT INTO indicator_contact_months AS t (month, family_id, site_id, team_id, programme, level, done, home_visits, group_invited, group_attended, days_done, days_home, days_invited, days_attended)
        SELECT to_char(on_day, 'YYYY-MM'), fid, f.site_id, COALESCE(f.team_id, 0), COALESCE(d.programme, ''), COALESCE(d.level, ''),
            CASE WHEN outcome = 'done' THEN 1 ELSE 0 END,
            CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END,
            CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END,
            CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END,
            CASE WHEN outcome = 'done' THEN b ELSE 0 END,
            CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN b ELSE 0 END,
            CASE WHEN outcome IN ('done', 'missed') AND kind = 'group_meeting' THEN b ELSE 0 END,
            CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN b ELSE 0 END
        FROM families f LEFT JOIN indicator_families d ON d.family_id = f.id WHERE f.id = fid
        ON CONFLICT (month, family_id) DO UPDATE SET done = t.done + EXCLUDED.done, home_visits = t.home_visits + EXCLUDED.home_visits,
            group_invited = t.group_invited + EXCLUDED.group_invited, group_attended = t.group_attended + EXCLUDED.group_attended,
            days_done = t.days_done | EXCLUDED.days_done, days_home = t.days_home | EXCLUDED.days_home,
            days_invited = t.days_invited | EXCLUDED.days_invited, days_attended = t.days_attended | EXCLUDED.days_attended;
        RETURN;
    END IF;
    -- A contact gone from this day: its day's bit stays if another one is left.
    UPDATE indicator_contact_months t SET
        done = t.done - CASE WHEN outcome = 'done' THEN 1 ELSE 0 END,
        home_visits = t.home_visits - CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END,
        group_invited = t.group_invited - CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END,
        group_attended = t.group_attended - CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END,
        days_done = CASE WHEN outcome = 'done' THEN (t.days_done & ~b) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = fid AND c.contact_on = on_day AND c.outcome = 'done') THEN b ELSE 0 END ELSE t.days_done END,
        days_home = CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN (t.days_home & ~b) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = fid AND c.contact_on = on_day AND c.outcome = 'done' AND c.kind = 'home_visit') THEN b ELSE 0 END ELSE t.days_home END,
        days_invited = CASE WHEN outcome IN ('done', 'missed') AND kind = 'group_meeting' THEN (t.days_invited & ~b) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = fid AND c.contact_on = on_day AND c.outcome IN ('done', 'missed') AND c.kind = 'group_meeting') THEN b ELSE 0 END ELSE t.days_invited END,
        days_attended = CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN (t.days_attended & ~b) | CASE WHEN EXISTS (SELECT 1 FROM contacts c
            WHERE c.family_id = fid AND c.contact_on = on_day AND c.outcome = 'done' AND c.kind = 'group_meeting') THEN b ELSE 0 END ELSE t.days_attended END
    WHERE t.family_id = fid AND t.month = to_char(on_day, 'YYYY-MM')
    RETURNING t.* INTO r;
    IF FOUND THEN
        PERFORM indicator_contact_cells_count(r, outcome, kind, -1);
    END IF;
    DELETE FROM indicator_contact_months WHERE family_id = fid AND month = to_char(on_day, 'YYYY-MM') AND done = 0 AND group_invited = 0;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- A contact added: the function above, without a second call.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION indicator_contact_months_changed() RETURNS trigger AS $$
DECLARE
    r indicator_contact_months;
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE indicator_contact_months t SET done = t.done + CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
            home_visits = t.home_visits + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
            group_invited = t.group_invited + CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
            group_attended = t.group_attended + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
            days_done = t.days_done | CASE WHEN NEW.outcome = 'done' THEN 1 << (EXTRACT(DAY FROM NEW.contact_on)::INTEGER - 1) ELSE 0 END,
            days_home = t.days_home | CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 << (EXTRACT(DAY FROM NEW.contact_on)::INTEGER - 1) ELSE 0 END,
            days_invited = t.days_invited | CASE WHEN NEW.kind = 'group_meeting' THEN 1 << (EXTRACT(DAY FROM NEW.contact_on)::INTEGER - 1) ELSE 0 END,
            days_attended = t.days_attended | CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 << (EXTRACT(DAY FROM NEW.contact_on)::INTEGER - 1) ELSE 0 END
        WHERE t.month = to_char(NEW.contact_on, 'YYYY-MM') AND t.family_id = NEW.family_id
        RETURNING t.* INTO r;
        IF FOUND THEN
            PERFORM indicator_contact_cells_count(r, NEW.outcome, NEW.kind, 1);
        ELSE
            PERFORM indicator_contact_months_add(NEW.family_id, NEW.contact_on, NEW.kind, NEW.outcome, 1);
        END IF;
        RETURN NULL;
    END IF;
    PERFORM indicator_contact_months_add(OLD.family_id, OLD.contact_on, OLD.kind, OLD.outcome, -1);
    IF TG_OP = 'UPDATE' THEN
        PERFORM indicator_contact_months_add(NEW.family_id, NEW.contact_on, NEW.kind, NEW.outcome, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
{{end}}
-- The rhythm reads a family's tallies and their days in one range, and
-- the followed families ({followed}) each family's enrollments without
-- reading their rows.
DROP INDEX indicator_contact_months_family;
CREATE INDEX indicator_contact_months_family ON indicator_contact_months (family_id, month, done, days_done);
DROP INDEX enrollments_family_start;
CREATE INDEX enrollments_family_start ON enrollments (family_id, start_date, closed_on);

-- +goose Down
DROP INDEX enrollments_family_start;
CREATE INDEX enrollments_family_start ON enrollments (family_id, start_date);
DROP INDEX indicator_contact_months_family;
CREATE INDEX indicator_contact_months_family ON indicator_contact_months (family_id, month, done);
{{if sqlite}}
DROP TRIGGER indicator_contact_months_insert;
DROP TRIGGER indicator_contact_months_delete;
DROP TRIGGER indicator_contact_months_update;

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

{{else}}
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION indicator_contact_months_add(fid BIGINT, on_day DATE, kind TEXT, outcome TEXT, sign INTEGER) RETURNS void AS $$
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
CREATE OR REPLACE FUNCTION indicator_contact_months_changed() RETURNS trigger AS $$
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
DROP TRIGGER indicator_contact_cells_changed ON indicator_contact_months;
CREATE TRIGGER indicator_contact_cells_changed AFTER INSERT OR UPDATE OR DELETE ON indicator_contact_months
    FOR EACH ROW EXECUTE FUNCTION indicator_contact_cells_changed();
DROP FUNCTION indicator_contact_cells_count(indicator_contact_months, TEXT, TEXT, INTEGER);
{{end}}
ALTER TABLE indicator_contact_months DROP COLUMN days_attended;
ALTER TABLE indicator_contact_months DROP COLUMN days_invited;
ALTER TABLE indicator_contact_months DROP COLUMN days_home;
ALTER TABLE indicator_contact_months DROP COLUMN days_done;
