package config

import (
	"io"
	"testing"
	"time"
)

func TestFlagsOverrideEnvironmentWhichOverridesDefaults(t *testing.T) {
	env := map[string]string{"BERCEAU_DB": "/srv/berceau.db", "BERCEAU_ADDR": "0.0.0.0:9000", "BERCEAU_SHUTDOWN_TIMEOUT": "3s"}
	cases := []struct {
		name     string
		args     []string
		env      map[string]string
		wantDB   string
		wantAddr string
	}{
		{"defaults", nil, nil, DefaultDB, "127.0.0.1:8080"},
		{"environment", nil, env, "/srv/berceau.db", "0.0.0.0:9000"},
		{"flag wins", []string{"--db", "postgres://x/y"}, env, "postgres://x/y", "0.0.0.0:9000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var cfg Config
			fs := NewFlagSet("serve", func(k string) string { return c.env[k] }, io.Discard, &cfg)
			if err := fs.Parse(c.args); err != nil {
				t.Fatal(err)
			}
			if cfg.DB != c.wantDB || cfg.Addr != c.wantAddr {
				t.Fatalf("db=%q addr=%q, want %q %q", cfg.DB, cfg.Addr, c.wantDB, c.wantAddr)
			}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
	var cfg Config
	_ = NewFlagSet("serve", func(k string) string { return env[k] }, io.Discard, &cfg).Parse(nil)
	if cfg.ShutdownTimeout != 3*time.Second {
		t.Errorf("shutdown timeout = %v, want 3s from the environment", cfg.ShutdownTimeout)
	}
}

func TestValidateNamesTheBadFlag(t *testing.T) {
	cfg := Config{DB: "x", LogFormat: "xml", ShutdownTimeout: time.Second, Argon2MemoryKiB: 64, Argon2Iterations: 1, SessionIdle: time.Minute, SessionLifetime: time.Hour}
	if err := cfg.Validate(); err == nil || err.Error() != `--log-format must be text or json, not "xml"` {
		t.Fatalf("err = %v", err)
	}
}

func TestMapTilesAreATemplateOnAHost(t *testing.T) {
	var cfg Config
	env := map[string]string{"BERCEAU_MAP_TILES": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "BERCEAU_MAP_ATTRIBUTION": "© OpenStreetMap"}
	if err := NewFlagSet("serve", func(k string) string { return env[k] }, io.Discard, &cfg).Parse(nil); err != nil {
		t.Fatal(err)
	}
	if cfg.MapTiles != env["BERCEAU_MAP_TILES"] || cfg.MapAttribution != "© OpenStreetMap" || cfg.Validate() != nil {
		t.Fatalf("tiles %q attribution %q: %v", cfg.MapTiles, cfg.MapAttribution, cfg.Validate())
	}
	var none Config
	if err := NewFlagSet("serve", func(string) string { return "" }, io.Discard, &none).Parse(nil); err != nil || none.MapTiles != "" || none.Validate() != nil {
		t.Fatalf("no tiles by default: %q %v", none.MapTiles, none.Validate())
	}
	for _, tiles := range []string{"https://{s}.tile.example.org/{z}/{x}/{y}.png", "http://127.0.0.1:8081/{z}/{x}/{y}.png"} {
		if err := ValidateMapTiles(tiles); err != nil {
			t.Errorf("%s: %v", tiles, err)
		}
	}
	for _, tiles := range []string{"tile.example.org/{z}/{x}/{y}.png", "https://tile.example.org/{z}/{x}.png", "https:///{z}/{x}/{y}",
		"https://a.example; script-src *;/{z}/{x}/{y}", "javascript:alert(1)//{z}{x}{y}"} {
		if err := ValidateMapTiles(tiles); err == nil {
			t.Errorf("%s: accepted", tiles)
		}
	}
}
