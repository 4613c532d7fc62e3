package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// footprint is what a store holds, measured.
type footprint struct {
	runs, records, blobs     int64
	recordBody               int64 // canonical JSON of the records, bytes
	blobRaw, blobStored      int64 // blobs' content uncompressed, and as stored (zstd)
	recordsTable, blobsTable int64 // PostgreSQL: table with indexes and TOAST; SQLite: the file
}

func measure(t *testing.T, db *sql.DB, postgres bool) footprint {
	t.Helper()
	var f footprint
	q := func(query string, dest ...any) {
		if err := db.QueryRow(query).Scan(dest...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	q(`SELECT COUNT(*) FROM socle_runs`, &f.runs)
	q(`SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM socle_records`, &f.records, &f.recordBody)
	q(`SELECT COUNT(*), COALESCE(SUM(size), 0), COALESCE(SUM(LENGTH(data)), 0) FROM socle_blobs`, &f.blobs, &f.blobRaw, &f.blobStored)
	if postgres {
		q(`SELECT pg_total_relation_size('socle_records') + pg_total_relation_size('socle_runs'), pg_total_relation_size('socle_blobs')`, &f.recordsTable, &f.blobsTable)
	}
	return f
}

// TestStoreFootprint measures what the evidence store holds per day (for
// docs/scaling.md): a repository of 200 controls × 50 targets, 20 users in
// each target's snapshot, recorded in 16 shards on three days: day 2 with
// the same snapshots (every input blob deduplicated: none added), day 3 with
// 5 of the 50 snapshots changed (5 input blobs added). It logs bytes per
// record and per blob, compressed and on disk, in SQLite and PostgreSQL.
// SOCLE_FOOTPRINT_USERS changes the users per snapshot.
func TestStoreFootprint(t *testing.T) {
	const controls, targets, shards = 200, 50, 16
	users := loadSize(t, "SOCLE_FOOTPRINT_USERS", 20)
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := scaleRepoUsers(t, controls, targets, users)
			var storeURL, file string
			var db *sql.DB
			if backend == "sqlite" {
				file = filepath.Join(t.TempDir(), "evidence.db")
				storeURL = "sqlite://" + file
			} else {
				storeURL = postgresStore(t)
			}
			env := []string{"SOCLE_STORE=" + storeURL}
			var prev footprint
			var prevFile int64
			for day := 1; day <= 3; day++ {
				if day == 3 {
					for i := 10; i < 15; i++ {
						p := filepath.Join(dir, "snapshots", fmt.Sprintf("t%03d.json", i))
						b, _ := os.ReadFile(p)
						writeFile(t, p, []byte(strings.Replace(string(b), "-user-0", "-user-0-renamed", 1)))
					}
				}
				for i := range shards {
					r := socleEnv(t, dir, env, "eval", ".", "--record", "--no-cache", "--as-of", fmt.Sprintf("2026-12-%02dT03:17:00Z", day),
						"--shard", fmt.Sprintf("%d/%d", i, shards), "--run-group", fmt.Sprintf("day-%d", day), "--format", "json", "-o", os.DevNull)
					if r.code > 1 {
						t.Fatalf("day %d shard %d: exit %d\n%s", day, i, r.code, r.stderr)
					}
				}
				if db == nil {
					var err error
					if backend == "sqlite" {
						db, err = sql.Open("sqlite", file+"?mode=ro")
					} else {
						db, err = sql.Open("pgx", storeURL)
					}
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { db.Close() })
				}
				f := measure(t, db, backend == "postgres")
				if backend == "sqlite" {
					fi, err := os.Stat(file)
					if err != nil {
						t.Fatal(err)
					}
					f.recordsTable = fi.Size()
				}
				newRecords := f.records - prev.records
				newBlobs := f.blobs - prev.blobs
				wantBlobs := map[int]int64{1: targets + 1, 2: 0, 3: 5}[day]
				if newRecords != controls*targets || newBlobs != wantBlobs {
					t.Errorf("day %d: %d records and %d blobs added, want %d and %d", day, newRecords, newBlobs, controls*targets, wantBlobs)
				}
				line := fmt.Sprintf("day %d: +%d records, %.0f B each (canonical JSON); +%d blobs", day, newRecords,
					float64(f.recordBody-prev.recordBody)/float64(newRecords), newBlobs)
				if newBlobs > 0 {
					line += fmt.Sprintf(", %.0f B each raw, %.0f B stored (zstd)", float64(f.blobRaw-prev.blobRaw)/float64(newBlobs), float64(f.blobStored-prev.blobStored)/float64(newBlobs))
				}
				if backend == "postgres" {
					line += fmt.Sprintf("; on disk: runs+records +%.1f MiB (%.0f B/record with indexes), blobs +%.1f KiB",
						float64(f.recordsTable-prev.recordsTable)/(1<<20), float64(f.recordsTable-prev.recordsTable)/float64(newRecords), float64(f.blobsTable-prev.blobsTable)/1024)
				} else {
					line += fmt.Sprintf("; file +%.1f MiB (%.0f B/record, everything included)", float64(f.recordsTable-prevFile)/(1<<20), float64(f.recordsTable-prevFile)/float64(newRecords))
					prevFile = f.recordsTable
				}
				t.Log(line)
				prev = f
			}
			r := socleEnv(t, dir, env, "evidence", "verify")
			if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf("%d blobs", targets+1+5)) {
				t.Errorf("verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}
