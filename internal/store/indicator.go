package store

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
)

const definitionColumns = `id, code, version, section, name, description, expression, dimensions, period,
	COALESCE(created_by, 0), created_at`

func scanDefinition(row rowScanner) (indicator.Definition, error) {
	var d indicator.Definition
	var name, description, dims string
	var section, period string
	if err := row.Scan(&d.ID, &d.Code, &d.Version, &section, &name, &description, &d.Expression, &dims, &period,
		&d.CreatedBy, &d.CreatedAt); err != nil {
		return d, err
	}
	d.Section, d.Period = indicator.Section(section), indicator.Dimension(period)
	if err := json.Unmarshal([]byte(name), &d.Name); err != nil {
		return d, err
	}
	if err := json.Unmarshal([]byte(description), &d.Description); err != nil {
		return d, err
	}
	for _, s := range strings.Split(dims, ",") {
		if s = strings.TrimSpace(s); s != "" {
			d.Dimensions = append(d.Dimensions, indicator.Dimension(s))
		}
	}
	return d, nil
}

// IndicatorDefinitions lists the current version of every indicator, in
// the order of the dashboards (section, then position, then code).
func (tx *Tx) IndicatorDefinitions(ctx context.Context) ([]indicator.Definition, error) {
	return queryAll(ctx, tx, "indicator definitions", scanDefinition, `SELECT `+definitionColumns+`
		FROM indicator_definitions d
		WHERE d.version = (SELECT MAX(v.version) FROM indicator_definitions v WHERE v.code = d.code)
		ORDER BY d.position, d.code`)
}

// IndicatorVersions lists every version of one indicator, newest first.
func (tx *Tx) IndicatorVersions(ctx context.Context, code string) ([]indicator.Definition, error) {
	list, err := queryAll(ctx, tx, "indicator versions", scanDefinition, `SELECT `+definitionColumns+`
		FROM indicator_definitions WHERE code = $1 ORDER BY version DESC`, code)
	if err == nil && len(list) == 0 {
		err = berceau.Errorf(berceau.KindNotFound, "indicator.not_found")
	}
	return list, err
}

// SaveIndicatorDefinition stores d as the next version of its code (the
// first for a new code); d.ID, d.Version and d.CreatedAt are filled in. A
// new indicator goes at the end of its section.
func (tx *Tx) SaveIndicatorDefinition(ctx context.Context, d *indicator.Definition) error {
	var version, position int
	err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0),
		COALESCE(MAX(CASE WHEN version = (SELECT MAX(version) FROM indicator_definitions WHERE code = $1) THEN position END), 0)
		FROM indicator_definitions WHERE code = $1`, d.Code).Scan(&version, &position)
	if err != nil {
		return wrapErr("save indicator: read its versions", err)
	}
	if version == 0 {
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM indicator_definitions WHERE section = $1`,
			string(d.Section)).Scan(&position); err != nil {
			return wrapErr("save indicator: its position", err)
		}
	}
	name, err := json.Marshal(d.Name)
	if err != nil {
		return wrapErr("save indicator: name", err)
	}
	description, err := json.Marshal(d.Description)
	if err != nil {
		return wrapErr("save indicator: description", err)
	}
	dims := make([]string, len(d.Dimensions))
	for i, dim := range d.Dimensions {
		dims[i] = string(dim)
	}
	d.Version, d.CreatedAt = version+1, tx.now
	var by any
	if d.CreatedBy != 0 {
		by = d.CreatedBy
	}
	d.ID, err = tx.insertID(ctx, `INSERT INTO indicator_definitions (code, version, section, position, name, description,
		expression, dimensions, period, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		d.Code, d.Version, string(d.Section), position, string(name), string(description), d.Expression,
		strings.Join(dims, ","), string(d.Period), by, tx.now)
	return wrapErr("save indicator", err)
}

// ExpectedBirthsList lists every figure entered, by year then site.
func (tx *Tx) ExpectedBirthsList(ctx context.Context) ([]indicator.ExpectedBirths, error) {
	return queryAll(ctx, tx, "expected births", func(row rowScanner) (indicator.ExpectedBirths, error) {
		var b indicator.ExpectedBirths
		err := row.Scan(&b.SiteID, &b.Year, &b.Births)
		return b, err
	}, `SELECT site_id, year, births FROM indicator_expected_births ORDER BY year DESC, site_id`)
}

// SetExpectedBirths enters (or replaces) a site's figure for a year; zero
// births removes it.
func (tx *Tx) SetExpectedBirths(ctx context.Context, b indicator.ExpectedBirths, by int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM indicator_expected_births WHERE site_id = $1 AND year = $2`, b.SiteID, b.Year); err != nil {
		return wrapErr("set expected births", err)
	}
	if b.Births == 0 {
		return nil
	}
	_, err := tx.exec(ctx, `INSERT INTO indicator_expected_births (site_id, year, births, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5)`, b.SiteID, b.Year, b.Births, by, tx.now)
	return wrapErr("set expected births", err)
}
