// Package readinesstest records the history the readiness and owners tests
// read: the Northwind fixture evaluated once a day in-process, with the clock
// and run ids fixed, into a real SQLite store.
package readinesstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/store"
)

// The history runs from 2026-02-20 to AsOf.
var (
	// AsOf is the history's last day.
	AsOf        = time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	historyFrom = time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)
	historyNS   = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://socle.dev/test/readiness"))
)

// Record copies the fixture (evaluator/readiness/testdata/northwind) to dir and records, in a real
// SQLite store under it, one run a day from 2026-02-20 to 2026-03-31 with
// the clock and run ids fixed. The scenario:
//
//   - mfa (CO-1, daily) runs every day; on 2026-03-31 bob loses his second
//     factor (failed, latest fail); its waiver expires 2026-04-20.
//   - terminated_access (CO-1, daily) is not run on 2026-03-20 (missing);
//     its test block expects a failure that does not happen; no Rego test.
//   - access_review (CO-1, quarterly, manual): its evidence file of
//     2026-03-27 covers 2026-Q1.
//   - branch_protection (CO-2, weekly) has no owner, is not run on Monday
//     2026-03-16 (W12 missing), and keeps an expired waiver.
//   - backups and resource_limits (CO-3): ready.
//   - CO-4 has no control.
//
// storeURL is the store to record in ("" for sqlite://.socle/evidence.db
// under dir); it is returned.
func Record(t testing.TB, fixture, dir, storeURL string) string {
	t.Helper()
	ctx := context.Background()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	if storeURL == "" {
		storeURL = "sqlite://.socle/evidence.db"
	}
	s, err := store.Open(ctx, storeURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	users := filepath.Join(dir, "snapshots/idp/users.json")
	orig, err := os.ReadFile(users)
	if err != nil {
		t.Fatal(err)
	}
	for d := historyFrom; !d.After(AsOf); d = d.AddDate(0, 0, 1) {
		day := d.Format(time.DateOnly)
		if day == "2026-03-31" {
			broken := strings.Replace(string(orig), `"login": "bob", "employee_id": "E002", "status": "ACTIVE", "factors": ["totp"]`,
				`"login": "bob", "employee_id": "E002", "status": "ACTIVE", "factors": []`, 1)
			if broken == string(orig) {
				t.Fatal("the idp snapshot no longer holds bob's factor")
			}
			if err := os.WriteFile(users, []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		repo, diags := evaluator.Load(evaluator.Options{Dir: dir, AsOf: d})
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		controls := []string{"mfa", "resource_limits"}
		if day != "2026-03-20" {
			controls = append(controls, "terminated_access")
		}
		if d.Weekday() == time.Monday {
			controls = append(controls, "backups")
			if day != "2026-03-16" {
				controls = append(controls, "branch_protection")
			}
		}
		at := d.Add(6 * time.Hour)
		doc, _ := repo.Evaluate(ctx, evaluator.EvalOptions{
			PlanOptions: evaluator.PlanOptions{Controls: controls},
			AsOf:        at,
			Now:         func() time.Time { return at },
			RunID:       uuid.NewSHA1(historyNS, []byte("run/"+day)).String(),
			Context:     map[string]string{"ci_job": "nightly-" + day},
			Workers:     1,
			KeepInputs:  true,
		})
		doc.Run.SocleVersion, doc.Run.OPAVersion = "0.0.0-test", "0.0.0-test"
		run, err := store.FromDocument(doc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Append(ctx, run); err != nil {
			t.Fatalf("%s: %v", day, err)
		}
	}
	return storeURL
}

// PostgresURL is a new schema of the test server (SOCLE_TEST_POSTGRES_DSN,
// default postgres://postgres@127.0.0.1:5432/test?sslmode=disable), dropped
// at the end of the test. Without a server the test skips, except under
// CI=true, where it fails.
func PostgresURL(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SOCLE_TEST_POSTGRES_DSN")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatalf("SOCLE_TEST_POSTGRES_DSN: %v", err)
	}
	cfg.ConnectTimeout = 5 * time.Second
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		msg := fmt.Sprintf("no PostgreSQL server at %s: %v", cfg.Host, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "socle_readiness_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if conn, err := pgx.ConnectConfig(ctx, cfg); err == nil {
			_, _ = conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			conn.Close(ctx)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
