package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

var sqliteDialect = &dialect{
	intType:  "INTEGER",
	blobType: "BLOB",
	readTx:   &sql.TxOptions{ReadOnly: true},
}

// sqliteBusyTimeout is how long a writer waits for another one's lock (ms).
const sqliteBusyTimeout = 60000

// openSQLite opens a SQLite file, creating it and its directory if needed.
// The file is in WAL mode (readers never block the writer), waits up to
// sqliteBusyTimeout for a lock, syncs every commit (synchronous FULL: a
// recorded run survives a power loss), enforces foreign keys, and begins every
// write transaction IMMEDIATE, so concurrent writers, in this process or
// others, take turns on the head instead of failing on a lock upgrade.
func openSQLite(ctx context.Context, loc *Location) (Store, error) {
	if strings.ContainsAny(loc.Path, "?#") {
		return nil, fmt.Errorf("the evidence store's path %s holds ? or #, which SQLite would read as URI syntax: choose another path", loc.Path)
	}
	if fi, err := os.Stat(loc.Path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("the evidence store %s is a directory (%s); name a file, for example %s", loc.Display, loc.Path, DefaultURL)
	}
	if err := os.MkdirAll(filepath.Dir(loc.Path), 0o755); err != nil {
		return nil, fmt.Errorf("creating the directory of the evidence store %s: %v", loc.Display, err)
	}
	dsn := fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_txlock=immediate",
		loc.Path, sqliteBusyTimeout)
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening the evidence store %s: %v", loc.Display, err)
	}
	db.SetMaxOpenConns(4)
	s := &sqlStore{db: db, d: sqliteDialect, loc: loc}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, sqliteOpenErr("opening", loc, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, sqliteOpenErr("preparing", loc, err)
	}
	return s, nil
}

func sqliteOpenErr(doing string, loc *Location, err error) error {
	if strings.Contains(err.Error(), "not a database") {
		return fmt.Errorf("the evidence store %s: %s is not a SQLite database; name another file", loc.Display, loc.Path)
	}
	return fmt.Errorf("%s the evidence store %s (%s): %v", doing, loc.Display, loc.Path, err)
}
