package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/socle-dev/socle/providers"
)

// connectTimeout bounds connecting when the context has no earlier deadline.
const connectTimeout = 10 * time.Second

// closeTimeout bounds ending the session.
const closeTimeout = 5 * time.Second

// settingNames are the pg_settings rows collected, beside every pgaudit.*
// setting: SSL, password hashing, connection and statement logging, and the
// libraries loaded at start (where pgaudit must be listed to audit anything).
var settingNames = []string{
	"log_connections",
	"log_disconnections",
	"log_min_duration_statement",
	"log_statement",
	"password_encryption",
	"shared_preload_libraries",
	"ssl",
}

// Load reads the snapshot file when one is configured, and the live server
// otherwise.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	if in.snapshot != "" {
		return in.loadSnapshot(ctx)
	}
	return in.Collect(ctx)
}

// Collect connects to the server, reads the catalogs in one read-only
// transaction and normalizes them as the package documentation describes.
func (in *instance) Collect(ctx context.Context) (*providers.Document, error) {
	if in.config == nil {
		return nil, errors.New(`postgres provider: collecting needs a dsn naming the live server; this block only has a snapshot (add dsn = env("LEDGER_DSN"))`)
	}
	cctx, cancel := context.WithTimeout(ctx, connectTimeout)
	conn, err := pgx.ConnectConfig(cctx, in.config.Copy())
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("postgres provider: cannot connect to %s: %s", in.server(), in.scrub(err.Error()))
	}
	defer func() {
		// Closing ends the read-only transaction too. Bound it: ctx may be
		// cancelled already, and a server that stopped answering must not
		// hold socle.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), closeTimeout)
		defer cancel()
		conn.Close(cctx) //nolint:errcheck // nothing was written
	}()

	c, err := in.read(ctx, conn)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("postgres provider: reading the catalogs of %s: %s", in.server(), in.scrub(err.Error()))
	}
	doc := c.document()
	doc.Params = in.params()
	doc.Warnings = in.warnings(c)
	doc.CollectedAt = c.at.UTC()
	return doc, nil
}

// catalog is what one collection read, before normalization.
type catalog struct {
	version, versionNum string
	at                  time.Time // the transaction's start, on the server's clock
	roles               []role
	memberships         []membership
	privileges          []privilege
	settings            []setting
	extensions          []extension
	schemas             []string // the configured schemas that exist
}

type role struct {
	name        string
	superuser   bool
	inherit     bool
	createRole  bool
	createDB    bool
	login       bool
	replication bool
	bypassRLS   bool
	connLimit   int32
	validUntil  *string // RFC 3339, "infinity" or "-infinity"; nil without expiry
}

type membership struct {
	role, member string
	admin        bool
}

type privilege struct {
	grantee, grantor, schema, table, privilege string
	grantable                                  bool
}

type setting struct {
	name, setting, source string
	unit                  *string
}

type extension struct {
	name, version string
}

// read runs every catalog query in one read-only, repeatable-read
// transaction, so that they all see the same moment.
func (in *instance) read(ctx context.Context, conn *pgx.Conn) (*catalog, error) {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("starting a read-only transaction: %w", err)
	}
	// No commit or rollback: Collect closes the connection, which ends it.
	// Resolve every function and operator in pg_catalog only, whatever the
	// role's or database's search_path puts before it.
	if _, err := tx.Exec(ctx, `SET LOCAL search_path = pg_catalog`); err != nil {
		return nil, fmt.Errorf("setting the search path: %w", err)
	}
	c := &catalog{}
	if err := tx.QueryRow(ctx, `SELECT current_setting('server_version'), current_setting('server_version_num'), now()`).Scan(&c.version, &c.versionNum, &c.at); err != nil {
		return nil, fmt.Errorf("reading the server version: %w", err)
	}
	if _, err := strconv.Atoi(c.versionNum); err != nil {
		return nil, fmt.Errorf("the server reports server_version_num %q, not a number", c.versionNum)
	}
	steps := []struct {
		what string
		run  func() error
	}{
		{"pg_roles", func() (err error) { c.roles, err = queryRoles(ctx, tx); return }},
		{"pg_auth_members", func() (err error) { c.memberships, err = queryMemberships(ctx, tx); return }},
		{"pg_namespace", func() (err error) { c.schemas, err = querySchemas(ctx, tx, in.schemas); return }},
		{"table privileges", func() (err error) { c.privileges, err = queryPrivileges(ctx, tx, in.schemas); return }},
		{"pg_settings", func() (err error) { c.settings, err = querySettings(ctx, tx); return }},
		{"pg_extension", func() (err error) { c.extensions, err = queryExtensions(ctx, tx); return }},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return nil, fmt.Errorf("reading %s: %w", s.what, err)
		}
	}
	return c, nil
}

// warnings reports what the collection could not see: a configured schema
// that does not exist (its privileges would silently be "none"), and a
// setting hidden from the collecting role.
func (in *instance) warnings(c *catalog) []*providers.SourceError {
	var out []*providers.SourceError
	where := in.server()
	for _, s := range in.schemas {
		if !slices.Contains(c.schemas, s) {
			out = append(out, &providers.SourceError{
				File:    where,
				Summary: "Schema not found",
				Detail:  fmt.Sprintf("the schema %q listed in schemas does not exist in database %q, so no table privilege was read from it; correct the name or remove it", s, in.config.Database),
			})
		}
	}
	var hidden []string
	for _, name := range settingNames {
		if !slices.ContainsFunc(c.settings, func(s setting) bool { return s.name == name }) {
			hidden = append(hidden, name)
		}
	}
	if len(hidden) > 0 {
		out = append(out, &providers.SourceError{
			File:    where,
			Summary: "Settings not visible",
			Detail: fmt.Sprintf("the role %q cannot read the setting(s) %s, so they are missing from the document; grant it pg_read_all_settings (GRANT pg_read_all_settings TO %s)",
				in.config.User, strings.Join(hidden, ", "), quoteIdent(in.config.User)),
		})
	}
	return out
}

// quoteIdent quotes a role name for the SQL a message suggests.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
