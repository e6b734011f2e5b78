// Package config turns command-line flags and BERCEAU_* environment variables
// into one Config value. There is no global configuration: the value is
// passed down from cmd/berceau.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Config is what a Berceau process needs to know about its environment.
type Config struct {
	Addr             string
	DB               string
	LogFormat        string // text or json
	MetricsToken     string
	ShutdownTimeout  time.Duration
	Argon2MemoryKiB  uint
	Argon2Iterations uint
	SecretKey        string // seals second-factor secrets; a key file beside a SQLite database when empty
	BaseURL          string // how people reach Berceau, for links in mail and Secure cookies
	SessionIdle      time.Duration
	SessionLifetime  time.Duration
	SMTPAddr         string // host:port; empty: mail stays in the outbox
	SMTPFrom         string
	SMTPUser         string
	SMTPPassword     string // from the environment only, never a flag
	MapTiles         string // tile URL template ({z}/{x}/{y}); empty: maps without tiles
	MapAttribution   string // credit the tile server asks for
	FilesDir         string // the resource library's files; empty: <database folder>/files (./data/files for PostgreSQL)
	LibraryMaxFileMB uint   // bound of one file uploaded to the library, in MB; 0: the default (20)
}

// DefaultDB is where the embedded database lives unless told otherwise.
const DefaultDB = "./data/berceau.db"

// NewFlagSet declares the flags every subcommand shares. Each flag's default
// comes from its BERCEAU_* variable when set, so flag > environment > default.
func NewFlagSet(name string, getenv func(string) string, output io.Writer, cfg *Config) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(output)
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&cfg.DB, "db", env("BERCEAU_DB", DefaultDB), "SQLite file path, or a postgres:// DSN (env BERCEAU_DB)")
	fs.StringVar(&cfg.Addr, "addr", env("BERCEAU_ADDR", "127.0.0.1:8080"), "address to listen on (env BERCEAU_ADDR)")
	fs.StringVar(&cfg.LogFormat, "log-format", env("BERCEAU_LOG_FORMAT", "text"), "log format: text or json (env BERCEAU_LOG_FORMAT)")
	fs.StringVar(&cfg.MetricsToken, "metrics-token", env("BERCEAU_METRICS_TOKEN", ""), "bearer token for /metrics; without one, /metrics answers loopback clients only (env BERCEAU_METRICS_TOKEN)")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", envDuration(getenv, "BERCEAU_SHUTDOWN_TIMEOUT", 10*time.Second), "how long in-flight requests may finish on SIGINT/SIGTERM (env BERCEAU_SHUTDOWN_TIMEOUT)")
	fs.UintVar(&cfg.Argon2MemoryKiB, "argon2-memory-kib", envUint(getenv, "BERCEAU_ARGON2_MEMORY_KIB", 19*1024), "argon2id memory cost in KiB (env BERCEAU_ARGON2_MEMORY_KIB)")
	fs.UintVar(&cfg.Argon2Iterations, "argon2-iterations", envUint(getenv, "BERCEAU_ARGON2_ITERATIONS", 2), "argon2id passes (env BERCEAU_ARGON2_ITERATIONS)")
	fs.StringVar(&cfg.SecretKey, "secret-key", env("BERCEAU_SECRET_KEY", ""), "long random string that seals second-factor secrets; required with PostgreSQL, else kept in a key file beside the SQLite database (env BERCEAU_SECRET_KEY)")
	fs.StringVar(&cfg.BaseURL, "base-url", env("BERCEAU_BASE_URL", ""), "address people use to reach Berceau, e.g. https://berceau.example.org; https turns on Secure cookies (env BERCEAU_BASE_URL)")
	fs.DurationVar(&cfg.SessionIdle, "session-idle", envDuration(getenv, "BERCEAU_SESSION_IDLE", 30*time.Minute), "a session unused this long ends (env BERCEAU_SESSION_IDLE)")
	fs.DurationVar(&cfg.SessionLifetime, "session-lifetime", envDuration(getenv, "BERCEAU_SESSION_LIFETIME", 12*time.Hour), "a session ends this long after sign-in (env BERCEAU_SESSION_LIFETIME)")
	fs.StringVar(&cfg.SMTPAddr, "smtp-addr", env("BERCEAU_SMTP_ADDR", ""), "SMTP server host:port; without one, mail waits in the outbox, readable by administrators (env BERCEAU_SMTP_ADDR)")
	fs.StringVar(&cfg.SMTPFrom, "smtp-from", env("BERCEAU_SMTP_FROM", ""), "sender address of Berceau's mail (env BERCEAU_SMTP_FROM)")
	fs.StringVar(&cfg.SMTPUser, "smtp-user", env("BERCEAU_SMTP_USER", ""), "SMTP user; the password is read from BERCEAU_SMTP_PASSWORD (env BERCEAU_SMTP_USER)")
	cfg.SMTPPassword = getenv("BERCEAU_SMTP_PASSWORD")
	fs.StringVar(&cfg.MapTiles, "map-tiles", env("BERCEAU_MAP_TILES", ""), "map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty: maps show their markers on a plain background (env BERCEAU_MAP_TILES)")
	fs.StringVar(&cfg.MapAttribution, "map-attribution", env("BERCEAU_MAP_ATTRIBUTION", ""), "credit shown on maps for the tile server, e.g. © OpenStreetMap contributors (env BERCEAU_MAP_ATTRIBUTION)")
	fs.StringVar(&cfg.FilesDir, "files", env("BERCEAU_FILES", ""), "folder of the resource library's files, named by their SHA-256; default: a folder files beside the SQLite database, ./data/files for PostgreSQL (env BERCEAU_FILES)")
	fs.UintVar(&cfg.LibraryMaxFileMB, "library-max-file-mb", envUint(getenv, "BERCEAU_LIBRARY_MAX_FILE_MB", 20), "largest file the resource library accepts, in MB (env BERCEAU_LIBRARY_MAX_FILE_MB)")
	return fs
}

// Validate checks values that flags alone cannot.
func (c *Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.DB) == "" {
		errs = append(errs, errors.New("--db must not be empty"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("--log-format must be text or json, not %q", c.LogFormat))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("--shutdown-timeout must be positive"))
	}
	if c.SessionIdle <= 0 || c.SessionLifetime <= 0 {
		errs = append(errs, errors.New("--session-idle and --session-lifetime must be positive"))
	}
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		errs = append(errs, fmt.Errorf("--base-url must start with http:// or https://, not %q", c.BaseURL))
	}
	if c.SMTPAddr != "" && c.SMTPFrom == "" {
		errs = append(errs, errors.New("--smtp-from is required with --smtp-addr"))
	}
	if c.MapTiles != "" {
		if err := ValidateMapTiles(c.MapTiles); err != nil {
			errs = append(errs, err)
		}
	}
	if c.LibraryMaxFileMB > 1024 {
		errs = append(errs, errors.New("--library-max-file-mb must be at most 1024"))
	}
	if c.Argon2MemoryKiB < 8 || c.Argon2Iterations < 1 {
		errs = append(errs, errors.New("--argon2-memory-kib must be at least 8 and --argon2-iterations at least 1"))
	}
	return errors.Join(errs...)
}

// ValidateMapTiles checks a tile URL template: http(s), a host, and the
// {z}, {x} and {y} placeholders Leaflet fills in.
func ValidateMapTiles(tiles string) error {
	if !strings.HasPrefix(tiles, "https://") && !strings.HasPrefix(tiles, "http://") {
		return fmt.Errorf("--map-tiles must start with https:// or http://, not %q", tiles)
	}
	rest := tiles[strings.Index(tiles, "//")+2:]
	if host, _, _ := strings.Cut(rest, "/"); host == "" || strings.Trim(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:{}") != "" {
		return fmt.Errorf("--map-tiles has no usable host: %q", tiles)
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(tiles, p) {
			return fmt.Errorf("--map-tiles must contain %s, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png", p)
		}
	}
	return nil
}

func envDuration(getenv func(string) string, key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(getenv(key)); err == nil {
		return d
	}
	return def
}

func envUint(getenv func(string) string, key string, def uint) uint {
	if n, err := strconv.ParseUint(getenv(key), 10, 32); err == nil {
		return uint(n)
	}
	return def
}
