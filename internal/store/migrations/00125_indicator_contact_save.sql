-- +goose Up
-- A contact saved pays less for the indicators' summaries (issue 17: goal
-- under 10 % of a save).
--
-- SQLite: the tally's insert, after an update that found the month's row,
-- no longer looks up the family and its breakdowns before discarding them
-- (the family's key is NULL unless no row was updated: an empty look-up).
--
-- PostgreSQL: a contact added to an existing tally is one statement (the
-- tally and its cell updated together) instead of two statements, a
-- second function call and eight PL/pgSQL expressions; the rest as before.
{{if sqlite}}
DROP TRIGGER indicator_contact_months_insert;
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
        CASE WHEN NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN (1 << (CAST(substr(NEW.contact_on, 9, 2) AS INTEGER) - 1)) ELSE 0 END
    FROM families f LEFT JOIN indicator_families d ON d.family_id = f.id WHERE f.id = CASE WHEN changes() = 0 THEN NEW.family_id END;
END;
-- +goose StatementEnd
{{else}}
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION indicator_contact_months_changed() RETURNS trigger AS $$
DECLARE
    r indicator_contact_months;
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- The month's tally and its cell in one statement; no row when the
        -- family has no tally that month yet (every tally is in its cell).
        WITH t AS (
            UPDATE indicator_contact_months t SET done = t.done + CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
                home_visits = t.home_visits + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
                group_invited = t.group_invited + CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
                group_attended = t.group_attended + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
                days_done = t.days_done | CASE WHEN NEW.outcome = 'done' THEN 1 << (EXTRACT(DAY FROM NEW.contact_on)::INTEGER - 1) ELSE 0 END,
                days_home = t.days_home | CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 << (EXTRACT(DAY FROM NEW.contact_on)::INTEGER - 1) ELSE 0 END,
                days_invited = t.days_invited | CASE WHEN NEW.kind = 'group_meeting' THEN 1 << (EXTRACT(DAY FROM NEW.contact_on)::INTEGER - 1) ELSE 0 END,
                days_attended = t.days_attended | CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 << (EXTRACT(DAY FROM NEW.contact_on)::INTEGER - 1) ELSE 0 END
            WHERE t.month = to_char(NEW.contact_on, 'YYYY-MM') AND t.family_id = NEW.family_id
            RETURNING t.*)
        UPDATE indicator_contact_cells s SET done = s.done + CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
            home_visits = s.home_visits + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
            group_invited = s.group_invited + CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
            group_attended = s.group_attended + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
            families_done = s.families_done + CASE WHEN NEW.outcome = 'done' AND t.done = 1 THEN 1 ELSE 0 END,
            families_home = s.families_home + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' AND t.home_visits = 1 THEN 1 ELSE 0 END,
            families_invited = s.families_invited + CASE WHEN NEW.kind = 'group_meeting' AND t.group_invited = 1 THEN 1 ELSE 0 END,
            families_attended = s.families_attended + CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' AND t.group_attended = 1 THEN 1 ELSE 0 END
        FROM t WHERE s.month = t.month AND s.site_id = t.site_id AND s.team_id = t.team_id AND s.programme = t.programme AND s.level = t.level
        RETURNING t.* INTO r;
        IF NOT FOUND THEN
            PERFORM indicator_contact_months_add(NEW.family_id, NEW.contact_on, NEW.kind, NEW.outcome, 1);
        ELSIF (NEW.outcome = 'done' AND r.done = 1) OR (NEW.outcome = 'done' AND NEW.kind = 'home_visit' AND r.home_visits = 1)
            OR (NEW.kind = 'group_meeting' AND r.group_invited = 1) OR (NEW.outcome = 'done' AND NEW.kind = 'group_meeting' AND r.group_attended = 1) THEN
            -- a tally appeared in this month: the family's months
            PERFORM indicator_contact_years_set(r, false);
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

-- +goose Down
{{if sqlite}}
DROP TRIGGER indicator_contact_months_insert;
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
{{else}}
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
