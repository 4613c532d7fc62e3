package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

var postgresDialect = &dialect{
	intType:  "BIGINT",
	blobType: "BYTEA",
	dollar:   true,
	lockHead: " FOR UPDATE",
	// Migrations of every socle store on the server take turns; they are
	// short and rare.
	migrationLock: "SELECT pg_advisory_xact_lock(7237954478370627584)",
	readTx:        &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
}

// openPostgres connects to a PostgreSQL database (pgx v5). The tables go in
// the first schema of the search path: name another schema than public with
// ?search_path=NAME in the URL.
func openPostgres(ctx context.Context, loc *Location) (Store, error) {
	cfg, err := pgx.ParseConfig(loc.DSN)
	if err != nil {
		return nil, fmt.Errorf("invalid store URL %s: %v", loc.Display, err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(4)
	s := &sqlStore{db: db, d: postgresDialect, loc: loc}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot connect to the evidence store %s: %v", loc.Display, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("preparing the evidence store %s: %v", loc.Display, err)
	}
	return s, nil
}
