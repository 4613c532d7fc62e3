package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/socle-dev/socle/evaluator/canonical"
	"github.com/socle-dev/socle/evaluator/result"
)

// harness is one empty store location and raw SQL access to it (for the
// tampering tests).
type harness struct {
	url  string
	base string
	d    *dialect
	raw  *sql.DB
}

// open opens a new handle on the harness's store.
func (h *harness) open(t testing.TB) Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := Open(ctx, h.url, h.base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// exec runs raw SQL written with ? placeholders.
func (h *harness) exec(t testing.TB, stmt string, args ...any) {
	t.Helper()
	res, err := h.raw.Exec((&sqlStore{d: h.d}).q(stmt), args...)
	if err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatalf("%s changed nothing", stmt)
	}
}

func (h *harness) queryRow(t testing.TB, stmt string, args ...any) *sql.Row {
	t.Helper()
	return h.raw.QueryRow((&sqlStore{d: h.d}).q(stmt), args...)
}

type factory func(t testing.TB) *harness

// sqliteHarness is a new SQLite file in a temporary directory, named by a
// relative URL (so that the base directory is exercised).
func sqliteHarness(t testing.TB) *harness {
	t.Helper()
	base := t.TempDir()
	h := &harness{url: "sqlite://state/evidence.db", base: base, d: sqliteDialect}
	// Create the store first, so that the raw handle opens the same file.
	s := h.open(t)
	s.Close()
	raw, err := sql.Open("sqlite", filepath.Join(base, "state", "evidence.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	h.raw = raw
	return h
}

// testDSN is the server the PostgreSQL tests use.
func testDSN() string {
	if dsn := os.Getenv("SOCLE_TEST_POSTGRES_DSN"); dsn != "" {
		return dsn
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// postgresHarness is a new schema of the test server, dropped at the end of
// the test. Without a server the test skips, except under CI, where it fails.
func postgresHarness(t testing.TB) *harness {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cfg, err := pgx.ParseConfig(testDSN())
	if err != nil {
		t.Fatalf("SOCLE_TEST_POSTGRES_DSN: %v", err)
	}
	cfg.ConnectTimeout = 5 * time.Second
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		where := "the server SOCLE_TEST_POSTGRES_DSN names"
		if os.Getenv("SOCLE_TEST_POSTGRES_DSN") == "" {
			where = "127.0.0.1:5432 (set SOCLE_TEST_POSTGRES_DSN to use another server)"
		}
		msg := fmt.Sprintf("no PostgreSQL server for the store tests at %s: %v", where, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; .ci/run starts one, set CI=false to skip these tests")
		}
		t.Skip(msg)
	}
	defer conn.Close(ctx)
	schema := "socle_test_" + randomHex(6)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if conn, err := pgx.ConnectConfig(ctx, cfg); err == nil {
			conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			conn.Close(ctx)
		}
	})
	u, err := url.Parse(testDSN())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	h := &harness{url: u.String(), d: postgresDialect}
	rawCfg, err := pgx.ParseConfig(h.url)
	if err != nil {
		t.Fatal(err)
	}
	h.raw = stdlib.OpenDB(*rawCfg)
	t.Cleanup(func() { h.raw.Close() })
	return h
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

var backends = []struct {
	name string
	new  factory
}{
	{"sqlite", sqliteHarness},
	{"postgres", postgresHarness},
}

// fixture builds runs the way `socle eval --record` does: a result document
// with what it used, turned into a Run by FromDocument.
type fixture struct {
	t fatalf
}

// fatalf is the part of testing.TB a fixture uses.
type fatalf interface {
	Helper()
	Fatal(args ...any)
}

// panicker is a fatalf outside of a test (the kill test's recorder).
type panicker struct{}

func (panicker) Helper()           {}
func (panicker) Fatal(args ...any) { panic(fmt.Sprint(args...)) }

// policy modules of the fixture's two packages.
var (
	modMFA     = module("policies/mfa.rego", "package socle.aws.iam_mfa\n\nimport data.lib\n\nresources contains u.arn if some u in input.aws.users\n")
	modLib     = module("policies/lib.rego", "package lib\n\nadmin(u) if u.admin\n")
	modBackups = module("policies/backups.rego", "package socle.aws.backups\n\nresources contains b if some b in input.aws.buckets # “quoted” ✓\n")
)

func module(path, src string) result.Module {
	sum := sha256.Sum256([]byte(src))
	return result.Module{Path: path, SHA256: hex.EncodeToString(sum[:]), Source: []byte(src)}
}

// document is a run evaluated as of asOf on a snapshot of the given version:
// runs of the same version share their input blob.
func (f fixture) document(id string, asOf time.Time, version int) *result.Document {
	f.t.Helper()
	input := map[string]any{"users": []any{
		map[string]any{"arn": "arn:aws:iam::1:user/alice", "mfa": true},
		map[string]any{"arn": "arn:aws:iam::1:user/bob", "mfa": version%2 == 0, "note": fmt.Sprintf("snapshot <%d> & more", version)},
	}}
	data, err := canonical.Marshal(input)
	if err != nil {
		f.t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	inSHA := hex.EncodeToString(sum[:])
	mfaMods := []result.Module{modLib, modMFA}
	backupMods := []result.Module{modBackups}
	mfaSHA, backupSHA := ModuleSetSHA256(mfaMods), ModuleSetSHA256(backupMods)
	two, one := 2, 1
	errMsg := "input aws.eu could not be loaded: no such file"
	status := result.StatusPass
	var findings []result.Finding
	if version%2 != 0 {
		status = result.StatusFail
		findings = []result.Finding{{Resource: "arn:aws:iam::1:user/bob", Message: "bob has no MFA"}}
	}
	inputs := []result.Input{{Key: "aws", Provider: "aws.prod", Type: "aws", Alias: "prod"}}
	obj := result.Objective{Label: "logical_access", Ref: "CO-4", Title: "Logical access", COSO: []int{10, 11}}
	return &result.Document{
		FormatVersion: result.FormatVersion,
		Run: result.Run{
			ID: id, AsOf: asOf, StartedAt: asOf.Add(time.Hour), DurationMS: 42,
			SocleVersion: "0.1.0-test", OPAVersion: "1.0.0", PolicySHA256: strings.Repeat("ab", 32),
			Organization: "Acme Payroll, Inc.", System: "Payroll",
			Context: map[string]string{"git_commit": "abc123", "ci_job": "7"},
		},
		Results: []*result.Result{
			{
				Control:   result.Control{Label: "iam_mfa", Ref: "4.1", Title: "MFA", Severity: "high", Frequency: "daily", Key: true},
				Objective: obj, Target: "aws.prod", Inputs: inputs, Status: status,
				Population: &two, Findings: findings, Warnings: []result.Finding{},
				InputSHA256: map[string]string{"aws": inSHA},
				Policy:      result.Policy{Package: "socle.aws.iam_mfa", SHA256: mfaSHA},
				Resources:   []string{"arn:aws:iam::1:user/alice", "arn:aws:iam::1:user/bob"},
			},
			{
				Control:   result.Control{Label: `backups["eu"]`, Ref: "5.1", Title: "Backups", Severity: "medium", Frequency: "daily"},
				Objective: result.Objective{Label: "availability", Ref: "CO-5", COSO: []int{}}, Target: "aws.prod", Inputs: inputs,
				Status: result.StatusNotTested, Population: new(int), Findings: []result.Finding{}, Warnings: []result.Finding{},
				InputSHA256: map[string]string{"aws": inSHA},
				Policy:      result.Policy{Package: "socle.aws.backups", SHA256: backupSHA},
			},
			{
				Control:   result.Control{Label: `backups["us"]`, Ref: "5.1", Title: "Backups", Severity: "medium", Frequency: "daily"},
				Objective: result.Objective{Label: "availability", Ref: "CO-5", COSO: []int{}}, Target: "aws.eu",
				Inputs: []result.Input{{Key: "aws", Provider: "aws.eu", Type: "aws", Alias: "eu"}},
				Status: result.StatusError, Error: &errMsg, Warnings: []result.Finding{},
				InputSHA256: map[string]string{},
				Policy:      result.Policy{Package: "socle.aws.backups", SHA256: backupSHA},
			},
			{
				Control:   result.Control{Label: "root_keys", Ref: "4.2", Title: "No root keys", Severity: "critical", Frequency: "continuous"},
				Objective: obj, Target: "aws.prod", Inputs: inputs, Status: result.StatusPass,
				Population: &one, Findings: []result.Finding{}, Warnings: []result.Finding{},
				InputSHA256: map[string]string{"aws": inSHA},
				Policy:      result.Policy{Package: "socle.aws.root", SHA256: ""}, // a package the repository lacks
				Resources:   []string{"root"},
			},
		},
		Summary: result.Summary{Pass: 2, Fail: 0, Error: 1, NotTested: 1},
		Used: &result.Used{
			Inputs:   map[string][]byte{inSHA: data},
			Policies: map[string][]result.Module{mfaSHA: mfaMods, backupSHA: backupMods},
		},
	}
}

func (f fixture) run(id string, asOf time.Time, version int) *Run {
	f.t.Helper()
	r, err := FromDocument(f.document(id, asOf, version))
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

var day0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func day(n int) time.Time { return day0.AddDate(0, 0, n) }
