package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	_ "modernc.org/sqlite"
)

// recordIDs lists the ids of every stored record, in chain order.
func recordIDs(t *testing.T, dir string, env []string) []string {
	t.Helper()
	r := socleEnv(t, dir, env, "evidence", "list", "--records")
	if r.code != 0 {
		t.Fatalf("evidence list --records: exit %d\n%s", r.code, r.stderr)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
		ids = append(ids, strings.Fields(line)[0])
	}
	return ids
}

// TestReperformIdentical: every record of the example (a waiver applied, a
// failing control, passing ones), of the failing CLI fixture and of a
// conftest-style control reperforms identically, run after run.
func TestReperformIdentical(t *testing.T) {
	for _, c := range []struct {
		fixture string
		code    int // of eval
		records int
		want    string // a line reperform prints
	}{
		{"examples/payroll", 1, 12, "identical (pass, population 6, 1 finding)"}, // the waived finding
		{"testdata/cli/fail", 1, 1, "identical (fail, population 2, 1 finding)"},
		{"testdata/cli/pass", 0, 1, "identical (pass, population "},
		{"testdata/conftest", 1, 1, "identical (fail, population 4, 3 findings)"},
	} {
		t.Run(c.fixture, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "repo")
			copyTree(t, c.fixture, dir)
			for _, asOf := range []string{"2026-03-01", "2026-03-02"} {
				if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", asOf); r.code != c.code {
					t.Fatalf("eval --record: exit %d\n%s", r.code, r.stderr)
				}
			}
			ids := recordIDs(t, dir, nil)
			if len(ids) != 2*c.records {
				t.Fatalf("%d records stored, want %d", len(ids), 2*c.records)
			}
			var out strings.Builder
			for _, id := range ids {
				r := socleEnv(t, dir, nil, "reperform", id)
				if r.code != 0 || !strings.HasPrefix(r.stdout, "Reperformed "+id+": identical (") {
					t.Errorf("reperform %s: exit %d\n%s%s", id, r.code, r.stdout, r.stderr)
				}
				out.WriteString(r.stdout)
			}
			if !strings.Contains(out.String(), c.want) {
				t.Errorf("no reperformance printed %q:\n%s", c.want, out.String())
			}
		})
	}
}

// TestReperformDetectsDifferences: a stored record whose status (or one
// verdict) was edited, with its sha256 column kept consistent, reperforms
// differently (exit 1, naming the field and the resource); a tampered or
// missing blob, a missing record and a bad store are exit 2.
func TestReperformDetectsDifferences(t *testing.T) {
	dir := policyRepo(t, "")
	if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", "2026-03-01"); r.code != 1 {
		t.Fatalf("eval --record: exit %d\n%s", r.code, r.stderr)
	}
	ids := recordIDs(t, dir, nil)
	if len(ids) != 1 {
		t.Fatalf("records: %v", ids)
	}
	id := ids[0]
	runID := strings.TrimSuffix(id, "/1")
	db := filepath.Join(dir, ".socle", "evidence.db")
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var original []byte
	if err := raw.QueryRow(`SELECT body FROM socle_records WHERE run_id = ? AND idx = 1`, runID).Scan(&original); err != nil {
		t.Fatal(err)
	}
	rewrite := func(body []byte) {
		t.Helper()
		sum := sha256.Sum256(body)
		if _, err := raw.Exec(`UPDATE socle_records SET body = ?, sha256 = ? WHERE run_id = ? AND idx = 1`, body, hex.EncodeToString(sum[:]), runID); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(from, to string) {
		t.Helper()
		if !bytes.Contains(original, []byte(from)) {
			t.Fatalf("no %s in %s", from, original)
		}
		rewrite(bytes.Replace(original, []byte(from), []byte(to), 1))
	}

	// The record as stored reperforms identically.
	if r := socleEnv(t, dir, nil, "reperform", id); r.code != 0 || r.stdout != "Reperformed "+id+": identical (fail, population 2, 1 finding)\n" {
		t.Fatalf("reperform: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Its status edited: pass where the policy fails.
	edit(`"status":"fail"`, `"status":"pass"`)
	r := socleEnv(t, dir, nil, "reperform", id)
	if r.code != 1 || !strings.Contains(r.stdout, `status: stored "pass", reperformed "fail"`) || !strings.Contains(r.stderr, "differing fields: status") {
		t.Errorf("reperform of an edited status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// One verdict edited: the resource is named.
	edit(`"resource":"bob","verdict":"fail"`, `"resource":"bob","verdict":"pass"`)
	r = socleEnv(t, dir, nil, "reperform", id)
	if r.code != 1 || !strings.Contains(r.stdout, "verdicts of bob: stored ") || strings.Contains(r.stdout, "verdicts of alice") || !strings.Contains(r.stderr, "differing fields: verdicts") {
		t.Errorf("reperform of an edited verdict: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// An edited record whose sha256 column was left alone: exit 2.
	if _, err := raw.Exec(`UPDATE socle_records SET body = ? WHERE run_id = ? AND idx = 1`, bytes.Replace(original, []byte(`"status":"fail"`), []byte(`"status":"pass"`), 1), runID); err != nil {
		t.Fatal(err)
	}
	if r := socleEnv(t, dir, nil, "reperform", id); r.code != 2 || !strings.Contains(r.stderr, "does not match its stored sha256") {
		t.Errorf("reperform of a record that fails its hash: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	rewrite(original)

	// The policy blob tampered so the policy would pass everyone: it no
	// longer hashes to its key, and reperform refuses it.
	var policySum, encoding string
	var data []byte
	if err := raw.QueryRow(`SELECT sha256, encoding, data FROM socle_blobs WHERE kind = 'policy'`).Scan(&policySum, &encoding, &data); err != nil {
		t.Fatal(err)
	}
	dec, err := zstd.NewReader(nil)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := dec.DecodeAll(data, nil)
	dec.Close()
	if err != nil || encoding != "zstd" {
		t.Fatalf("policy blob: %s, %v", encoding, err)
	}
	tampered := bytes.Replace(plain, []byte("not u.value.mfa"), []byte("u.value.none"), 1)
	if bytes.Equal(tampered, plain) {
		t.Fatalf("no rule to tamper with in %s", plain)
	}
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	packed := enc.EncodeAll(tampered, nil)
	enc.Close()
	if _, err := raw.Exec(`UPDATE socle_blobs SET data = ?, size = ? WHERE sha256 = ?`, packed, len(tampered), policySum); err != nil {
		t.Fatal(err)
	}
	r = socleEnv(t, dir, nil, "reperform", id)
	if r.code != 2 || !strings.Contains(r.stderr, "blob "+policySum+" (policy) does not match its hash") {
		t.Errorf("reperform with a tampered policy blob: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// The policy blob gone.
	if _, err := raw.Exec(`DELETE FROM socle_blobs WHERE sha256 = ?`, policySum); err != nil {
		t.Fatal(err)
	}
	if r := socleEnv(t, dir, nil, "reperform", id); r.code != 2 || !strings.Contains(r.stderr, "no blob "+policySum) {
		t.Errorf("reperform with a missing policy blob: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	raw.Close()

	// A record that is not there, an invalid id, a store that is not there,
	// a bad store URL.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"reperform", runID + "/2"}, "no record " + runID + "/2"},
		{[]string{"reperform", "not-an-id"}, "invalid record id"},
		{[]string{"reperform", id, "--store", "sqlite://" + filepath.Join(t.TempDir(), "none.db")}, "no evidence store at"},
		{[]string{"reperform", id, "--store", "mysql://x"}, "unknown store URL scheme"},
	} {
		if r := socleEnv(t, dir, nil, c.args...); r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q\n%s%s", c.args, r.code, c.want, r.stdout, r.stderr)
		}
	}
}

// TestReperformElsewhere: the repository is named by DIR (or the store by
// --store), from any working directory; the repository's current policies
// play no part.
func TestReperformElsewhere(t *testing.T) {
	dir := policyRepo(t, "")
	if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", "2026-03-01"); r.code != 1 {
		t.Fatalf("eval --record: exit %d\n%s", r.code, r.stderr)
	}
	id := recordIDs(t, dir, nil)[0]
	// The policy changes after the run: the stored modules are what count.
	if err := os.WriteFile(filepath.Join(dir, "policies", "users.rego"), []byte("package cli.users\n\nresources contains \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	for _, args := range [][]string{
		{"reperform", id, dir},
		{"reperform", id, "--store", "sqlite://" + filepath.Join(dir, ".socle", "evidence.db")},
	} {
		if r := socleEnv(t, elsewhere, nil, args...); r.code != 0 || !strings.Contains(r.stdout, "identical (fail, population 2, 1 finding)") {
			t.Errorf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
}
