package store

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// Backends.
const (
	BackendSQLite   = "sqlite"
	BackendPostgres = "postgres"
)

// Location is a parsed store URL.
type Location struct {
	Backend string
	// Path is the SQLite file, absolute or relative to the working directory
	// (baseDir joined).
	Path string
	// DSN is the PostgreSQL URL as given.
	DSN string
	// Display names the store in messages: the URL with any password hidden.
	Display string
}

// ParseURL reads a store URL. A relative sqlite:// path is relative to baseDir.
func ParseURL(raw, baseDir string) (*Location, error) {
	raw = strings.TrimSpace(raw)
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return nil, fmt.Errorf("invalid store URL %s: write sqlite://PATH (a file, relative to the policy repository unless absolute: sqlite:///var/lib/socle/evidence.db) or postgres://USER@HOST:PORT/DATABASE", shown(raw))
	}
	switch strings.ToLower(scheme) {
	case "sqlite", "sqlite3":
		if rest == "" {
			return nil, fmt.Errorf("invalid store URL %q: it names no file; write sqlite://PATH, for example %s", raw, DefaultURL)
		}
		if strings.ContainsAny(rest, "?#") {
			return nil, fmt.Errorf("invalid store URL %q: a sqlite:// URL is a file path and takes no query or fragment (? and # are not allowed in it)", raw)
		}
		p := filepath.FromSlash(rest)
		if !filepath.IsAbs(p) {
			p = filepath.Join(baseDir, p)
		}
		return &Location{Backend: BackendSQLite, Path: p, Display: "sqlite://" + rest}, nil
	case "postgres", "postgresql":
		u, err := url.Parse(raw)
		if err != nil {
			return nil, fmt.Errorf("invalid store URL %s://…: %s", scheme, urlErr(err))
		}
		return &Location{Backend: BackendPostgres, DSN: raw, Display: u.Redacted()}, nil
	default:
		return nil, fmt.Errorf("unknown store URL scheme %q: socle stores evidence in SQLite (sqlite://PATH) or PostgreSQL (postgres://…)", scheme+"://")
	}
}

// urlErr describes why a URL does not parse without repeating the URL, which
// may hold a password.
func urlErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// shown quotes a malformed store URL for a message, unless it may hold a
// password (a user:password@ part, or a key=value connection string).
func shown(raw string) string {
	if strings.ContainsAny(raw, "@=") {
		return "(not shown: it may hold a password)"
	}
	return fmt.Sprintf("%q", raw)
}
