-- +goose Up
-- Each family's contacts tallied by month, for the indicators' contact
-- measures (issue 17): contacts held, home visits, group meetings (invited:
-- done or missed; attended: done) and the rhythm. Read instead of the
-- contacts for the whole months of a period (its first and last partial
-- months are read from the contacts themselves), about five times fewer
-- rows, one per family and month, so the families of a month are its rows.
-- Kept by triggers on contacts, in the transaction that writes them,
-- whichever code writes them; TestTheSummariesMatchTheRawRows recomputes
-- every measure from the raw rows after inserts, edits and deletes.
CREATE TABLE indicator_contact_months (
    family_id      {{bigint}} NOT NULL REFERENCES families (id),
    month          TEXT NOT NULL, -- YYYY-MM
    done           INTEGER NOT NULL DEFAULT 0,
    home_visits    INTEGER NOT NULL DEFAULT 0,
    group_invited  INTEGER NOT NULL DEFAULT 0,
    group_attended INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (family_id, month)
);

{{if sqlite}}
INSERT INTO indicator_contact_months (family_id, month, done, home_visits, group_invited, group_attended)
SELECT family_id, substr(contact_on, 1, 7),
    SUM(CASE WHEN outcome = 'done' THEN 1 ELSE 0 END),
    SUM(CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END),
    SUM(CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END),
    SUM(CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END)
FROM contacts WHERE outcome IN ('done', 'missed') GROUP BY family_id, substr(contact_on, 1, 7);

-- +goose StatementBegin
CREATE TRIGGER indicator_contact_months_insert AFTER INSERT ON contacts WHEN NEW.outcome IN ('done', 'missed')
BEGIN
    INSERT INTO indicator_contact_months (family_id, month, done, home_visits, group_invited, group_attended)
    VALUES (NEW.family_id, substr(NEW.contact_on, 1, 7),
        CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
        CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END)
    ON CONFLICT (family_id, month) DO UPDATE SET done = done + excluded.done, home_visits = home_visits + excluded.home_visits,
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
    INSERT INTO indicator_contact_months (family_id, month, done, home_visits, group_invited, group_attended)
    SELECT NEW.family_id, substr(NEW.contact_on, 1, 7),
        CASE WHEN NEW.outcome = 'done' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'home_visit' THEN 1 ELSE 0 END,
        CASE WHEN NEW.kind = 'group_meeting' THEN 1 ELSE 0 END,
        CASE WHEN NEW.outcome = 'done' AND NEW.kind = 'group_meeting' THEN 1 ELSE 0 END
    WHERE NEW.outcome IN ('done', 'missed')
    ON CONFLICT (family_id, month) DO UPDATE SET done = done + excluded.done, home_visits = home_visits + excluded.home_visits,
        group_invited = group_invited + excluded.group_invited, group_attended = group_attended + excluded.group_attended;
END;
-- +goose StatementEnd
{{else}}
INSERT INTO indicator_contact_months (family_id, month, done, home_visits, group_invited, group_attended)
SELECT family_id, to_char(contact_on, 'YYYY-MM'),
    SUM(CASE WHEN outcome = 'done' THEN 1 ELSE 0 END),
    SUM(CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END),
    SUM(CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END),
    SUM(CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END)
FROM contacts WHERE outcome IN ('done', 'missed') GROUP BY family_id, to_char(contact_on, 'YYYY-MM');

-- +goose StatementBegin
CREATE FUNCTION indicator_contact_months_add(fid BIGINT, on_day DATE, kind TEXT, outcome TEXT, sign INTEGER) RETURNS void AS $$
BEGIN
    IF outcome NOT IN ('done', 'missed') THEN
        RETURN;
    END IF;
    INSERT INTO indicator_contact_months AS t (family_id, month, done, home_visits, group_invited, group_attended)
    VALUES (fid, to_char(on_day, 'YYYY-MM'),
        sign * CASE WHEN outcome = 'done' THEN 1 ELSE 0 END,
        sign * CASE WHEN outcome = 'done' AND kind = 'home_visit' THEN 1 ELSE 0 END,
        sign * CASE WHEN kind = 'group_meeting' THEN 1 ELSE 0 END,
        sign * CASE WHEN outcome = 'done' AND kind = 'group_meeting' THEN 1 ELSE 0 END)
    ON CONFLICT (family_id, month) DO UPDATE SET done = t.done + EXCLUDED.done, home_visits = t.home_visits + EXCLUDED.home_visits,
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
{{end}}

-- +goose Down
{{if sqlite}}
DROP TRIGGER indicator_contact_months_insert;
DROP TRIGGER indicator_contact_months_delete;
DROP TRIGGER indicator_contact_months_update;
{{else}}
DROP TRIGGER indicator_contact_months_insert ON contacts;
DROP TRIGGER indicator_contact_months_delete ON contacts;
DROP TRIGGER indicator_contact_months_update ON contacts;
DROP FUNCTION indicator_contact_months_changed();
DROP FUNCTION indicator_contact_months_add(BIGINT, DATE, TEXT, TEXT, INTEGER);
{{end}}
DROP TABLE indicator_contact_months;
