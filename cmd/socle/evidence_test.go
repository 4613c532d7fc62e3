package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"
)

// socleEnv runs the binary in dir with extra environment variables, and
// without any SOCLE_STORE of the developer's.
func socleEnv(t *testing.T, dir string, env []string, args ...string) run {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SOCLE_STORE=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "NO_COLOR=1")
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	r := run{code: code, stdout: out.String(), stderr: errb.String()}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("stack trace on stderr:\n%s", r.stderr)
	}
	return r
}

// policyRepo copies the failing CLI fixture to a new directory, optionally
// naming a store in its socle block.
func policyRepo(t *testing.T, storeSetting string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	copyTree(t, "testdata/cli/fail", dir)
	// Local state of runs in place (other tests evaluate testdata/cli/fail
	// itself, which writes its result cache there) is not the repository.
	os.RemoveAll(filepath.Join(dir, ".socle"))
	if storeSetting != "" {
		p := filepath.Join(dir, "main.hcl")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.Replace(b, []byte("socle {\n"), []byte(fmt.Sprintf("socle {\n  store = %q\n", storeSetting)), 1)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type listedRun struct {
	Seq     int64          `json:"seq"`
	ID      string         `json:"id"`
	AsOf    time.Time      `json:"as_of"`
	Records int            `json:"records"`
	Summary map[string]int `json:"summary"`
}

func listRuns(t *testing.T, dir string, env []string, args ...string) []listedRun {
	t.Helper()
	r := socleEnv(t, dir, env, append([]string{"evidence", "list", "--format", "json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("evidence list: exit %d\n%s", r.code, r.stderr)
	}
	var runs []listedRun
	if err := json.Unmarshal([]byte(r.stdout), &runs); err != nil {
		t.Fatalf("evidence list --format json: %v\n%s", err, r.stdout)
	}
	return runs
}

func TestRecordListShowVerify(t *testing.T) {
	dir := policyRepo(t, "")
	db := filepath.Join(dir, ".socle", "evidence.db")

	// Without --record nothing is recorded: .socle holds no evidence store,
	// only the result cache (which is not evidence; see docs/performance.md).
	if r := socleEnv(t, dir, nil, "eval", "."); r.code != 1 {
		t.Fatalf("eval: exit %d\n%s", r.code, r.stderr)
	}
	entries, err := os.ReadDir(filepath.Join(dir, ".socle"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "cache" {
			t.Fatalf("eval without --record wrote .socle/%s", e.Name())
		}
	}

	// Twice with --record: the default store, in the repository.
	for _, asOf := range []string{"2026-03-01", "2026-03-02"} {
		r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", asOf, "--format", "json")
		if r.code != 1 || !strings.Contains(r.stderr, "Recorded run ") || !strings.Contains(r.stderr, "in sqlite://.socle/evidence.db: 1 record") {
			t.Fatalf("eval --record: exit %d\n%s", r.code, r.stderr)
		}
		if !json.Valid([]byte(r.stdout)) {
			t.Errorf("eval --record --format json: stdout is not the document:\n%s", r.stdout)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
	runs := listRuns(t, dir, nil)
	if len(runs) != 2 || runs[0].Seq != 1 || runs[1].Seq != 2 || runs[0].Summary["fail"] != 1 || !runs[1].AsOf.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("evidence list: %+v", runs)
	}
	if got := listRuns(t, dir, nil, "--period", "2026-03-02..2026-03-31"); len(got) != 1 || got[0].ID != runs[1].ID {
		t.Errorf("evidence list --period: %+v", got)
	}
	if got := listRuns(t, dir, nil, "--status", "pass"); len(got) != 0 {
		t.Errorf("evidence list --status pass: %+v", got)
	}
	text := socleEnv(t, dir, nil, "evidence", "list", "--records", "--control", "1.1")
	recordID := runs[0].ID + "/1"
	if text.code != 0 || !strings.Contains(text.stdout, recordID) || !strings.Contains(text.stdout, "file.idp  fail") {
		t.Errorf("evidence list --records: exit %d\n%s%s", text.code, text.stdout, text.stderr)
	}

	show := socleEnv(t, dir, nil, "evidence", "show", recordID)
	var rec struct {
		RunID    string `json:"run_id"`
		Status   string `json:"status"`
		Verdicts []struct {
			Resource, Verdict string
		} `json:"verdicts"`
	}
	if err := json.Unmarshal([]byte(show.stdout), &rec); err != nil || show.code != 0 {
		t.Fatalf("evidence show: exit %d, %v\n%s%s", show.code, err, show.stdout, show.stderr)
	}
	if rec.RunID != runs[0].ID || rec.Status != "fail" || len(rec.Verdicts) != 2 {
		t.Errorf("evidence show: %+v", rec)
	}

	verify := socleEnv(t, dir, nil, "evidence", "verify")
	if verify.code != 0 || !strings.Contains(verify.stdout, "is intact: 2 runs, 2 records, 2 blobs; head #2") {
		t.Fatalf("evidence verify: exit %d\n%s%s", verify.code, verify.stdout, verify.stderr)
	}

	// Edit one byte of the first record, as someone with the file could.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var body []byte
	if err := raw.QueryRow(`SELECT body FROM socle_records WHERE run_id = ? AND idx = 1`, runs[0].ID).Scan(&body); err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(body, []byte(`"verdict":"fail"`))
	if i < 0 {
		t.Fatalf("no failing verdict in %s", body)
	}
	copy(body[i:], `"verdict":"pass"`)
	if _, err := raw.Exec(`UPDATE socle_records SET body = ? WHERE run_id = ? AND idx = 1`, body, runs[0].ID); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	verify = socleEnv(t, dir, nil, "evidence", "verify")
	if verify.code != 1 || !strings.Contains(verify.stderr, "Record "+recordID+" was edited") {
		t.Errorf("evidence verify after an edit: exit %d\n%s%s", verify.code, verify.stdout, verify.stderr)
	}
	if show := socleEnv(t, dir, nil, "evidence", "show", recordID); show.code != 1 || !strings.Contains(show.stderr, "does not match its stored sha256") {
		t.Errorf("evidence show of an edited record: exit %d\n%s", show.code, show.stderr)
	}
}

// TestStoreURLPrecedence: --store, else SOCLE_STORE, else the socle block,
// else the default; relative sqlite paths are relative to the repository.
func TestStoreURLPrecedence(t *testing.T) {
	dir := policyRepo(t, "sqlite://state/from-block.db")
	elsewhere := t.TempDir() // the working directory: nothing may land here
	abs := filepath.Join(t.TempDir(), "from-flag.db")
	steps := []struct {
		env  []string
		args []string
		file string
	}{
		{nil, nil, "state/from-block.db"},
		{[]string{"SOCLE_STORE=sqlite://state/from-env.db"}, nil, "state/from-env.db"},
		{[]string{"SOCLE_STORE=sqlite://state/from-env.db"}, []string{"--store", "sqlite://" + abs}, abs},
	}
	for _, s := range steps {
		r := socleEnv(t, elsewhere, s.env, append([]string{"eval", dir, "--record"}, s.args...)...)
		if r.code != 1 {
			t.Fatalf("eval --record %v %v: exit %d\n%s", s.env, s.args, r.code, r.stderr)
		}
		p := s.file
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%v %v: no store at %s: %v", s.env, s.args, p, err)
		}
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("files written in the working directory: %v", entries)
	}
	// evidence reads the same precedence, from --repo.
	if runs := listRuns(t, elsewhere, nil, "--repo", dir); len(runs) != 1 {
		t.Errorf("evidence list --repo: %d runs, want the one in the block's store", len(runs))
	}
	if r := socleEnv(t, elsewhere, []string{"SOCLE_STORE=sqlite://" + abs}, "evidence", "verify"); r.code != 0 || !strings.Contains(r.stdout, "1 run,") {
		t.Errorf("evidence verify with SOCLE_STORE: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Mistakes a user can make, each with a clear message and exit 2.
	bad := []struct {
		env    []string
		args   []string
		stderr string
	}{
		{nil, []string{"eval", dir, "--store", "sqlite://x.db"}, "add --record"},
		{nil, []string{"eval", dir, "--record", "--store", "mysql://db"}, `unknown store URL scheme "mysql://"`},
		{nil, []string{"eval", dir, "--record", "--store", "sqlite://main.hcl"}, "main.hcl is not a SQLite database"},
		{nil, []string{"eval", dir, "--record", "--store", "postgres://socle:hunter2@127.0.0.1:1/x?connect_timeout=2"}, "cannot connect to the evidence store postgres://socle:xxxxx@127.0.0.1:1/x"},
		{nil, []string{"evidence", "list", "--repo", elsewhere}, "name the store with --store or SOCLE_STORE"},
		{nil, []string{"evidence", "verify", "--store", "sqlite://none.db"}, "no evidence store at sqlite://none.db"},
		{nil, []string{"evidence", "list", "--repo", dir, "--period", "2026-02-30..2026-03-01"}, "is not a date"},
		{nil, []string{"evidence", "show", "--repo", dir, "nope"}, "invalid record id"},
		{nil, []string{"evidence", "show", "--repo", dir, "nope/1"}, "no record nope/1 in the evidence store sqlite://state/from-block.db"},
	}
	for _, b := range bad {
		r := socleEnv(t, elsewhere, b.env, b.args...)
		if r.code != 2 || !strings.Contains(r.stderr, b.stderr) || strings.Contains(r.stderr, "hunter2") {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant %q", b.args, r.code, r.stderr, b.stderr)
		}
	}
}

// TestConcurrentRecorders runs 8 socle eval --record processes at once, each
// recording several runs, into one SQLite file and into one PostgreSQL
// database: every run is present and the chain is intact.
func TestConcurrentRecorders(t *testing.T) {
	const processes, runsEach = 8, 50 // as the issue asks
	stores := []struct {
		name string
		url  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return "sqlite://" + filepath.Join(t.TempDir(), "shared", "evidence.db") }},
		{"postgres", postgresStore},
	}
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			dir := policyRepo(t, "")
			env := []string{"SOCLE_STORE=" + st.url(t)}
			start := time.Now()
			var wg sync.WaitGroup
			errs := make(chan string, processes*runsEach)
			for p := range processes {
				wg.Go(func() {
					for i := range runsEach {
						asOf := time.Date(2026, 1, 1+p, 0, i, 0, 0, time.UTC).Format(time.RFC3339) // distinct for every run
						r := socleEnv(t, dir, env, "eval", ".", "--record", "--as-of", asOf)
						if r.code != 1 || !strings.Contains(r.stderr, "Recorded run") {
							errs <- fmt.Sprintf("process %d, run %d: exit %d\n%s", p, i, r.code, r.stderr)
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Error(e)
			}
			t.Logf("%d processes × %d runs in %s", processes, runsEach, time.Since(start).Round(time.Millisecond))
			r := socleEnv(t, dir, env, "evidence", "verify")
			want := fmt.Sprintf("is intact: %d runs, %d records, 2 blobs; head #%d", processes*runsEach, processes*runsEach, processes*runsEach)
			if r.code != 0 || !strings.Contains(r.stdout, want) {
				t.Fatalf("evidence verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			runs := listRuns(t, dir, env)
			asOfs := map[time.Time]bool{}
			for _, r := range runs {
				asOfs[r.AsOf] = true
			}
			if len(runs) != processes*runsEach || len(asOfs) != processes*runsEach {
				t.Errorf("%d runs listed, %d distinct as-of times; want %d", len(runs), len(asOfs), processes*runsEach)
			}
		})
	}
}

// postgresStore is the URL of a new schema of the test server, dropped at the
// end of the test. Without a server the test skips, except under CI.
func postgresStore(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("SOCLE_TEST_POSTGRES_DSN")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		msg := fmt.Sprintf("no PostgreSQL server for the evidence store tests (SOCLE_TEST_POSTGRES_DSN or 127.0.0.1:5432): %v", err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; .ci/run starts one, set CI=false to skip these tests")
		}
		t.Skip(msg)
	}
	defer conn.Close(ctx)
	schema := "socle_cli_test_" + rand.Text()[:12]
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if conn, err := pgx.Connect(ctx, dsn); err == nil {
			conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
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
