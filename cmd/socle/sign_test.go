package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSignExportVerify: keygen, eval --record --sign-key, evidence verify
// --pub-key with the right key, another key and an edited signature; export
// and verify --bundle, then tampered bundles.
func TestSignExportVerify(t *testing.T) {
	dir := policyRepo(t, "")
	keys := filepath.Join(t.TempDir(), "keys")
	other := filepath.Join(t.TempDir(), "other")
	for _, d := range []string{keys, other} {
		if r := socleEnv(t, dir, nil, "evidence", "keygen", "--out", d); r.code != 0 {
			t.Fatalf("keygen: exit %d\n%s", r.code, r.stderr)
		}
	}
	if fi, err := os.Stat(filepath.Join(keys, "socle.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socle.key: %v %v", fi.Mode(), err)
	}
	if r := socleEnv(t, dir, nil, "evidence", "keygen", "--out", keys); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("keygen over a key: exit %d\n%s", r.code, r.stderr)
	}
	key, pub, otherPub := filepath.Join(keys, "socle.key"), filepath.Join(keys, "socle.pub"), filepath.Join(other, "socle.pub")

	// A public key, or a file that is no key, is refused before any work.
	for _, bad := range []string{pub, filepath.Join(dir, "main.hcl")} {
		if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--sign-key", bad); r.code != 2 || !strings.Contains(r.stderr, "signing key") {
			t.Errorf("--sign-key %s: exit %d\n%s", bad, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".socle")); err == nil {
		t.Fatal("a refused key still recorded the run")
	}

	for _, asOf := range []string{"2026-03-01", "2026-03-02"} {
		r := socleEnv(t, dir, nil, "eval", ".", "--record", "--sign-key", key, "--as-of", asOf)
		if r.code != 1 || !strings.Contains(r.stderr, "Signed run ") {
			t.Fatalf("eval --record --sign-key: exit %d\n%s", r.code, r.stderr)
		}
	}
	runs := listRuns(t, dir, nil)
	if r := socleEnv(t, dir, nil, "evidence", "verify", "--pub-key", pub, "--require-signatures"); r.code != 0 || !strings.Contains(r.stdout, "2 runs signed") {
		t.Fatalf("verify --pub-key: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := socleEnv(t, dir, nil, "evidence", "verify", "--pub-key", otherPub); r.code != 1 || !strings.Contains(r.stderr, runs[0].ID) {
		t.Errorf("verify with another key: exit %d\n%s", r.code, r.stderr)
	}

	// Export, then verify the bundle offline.
	out := t.TempDir()
	bundle := filepath.Join(out, "bundle")
	if r := socleEnv(t, dir, nil, "evidence", "export", "--output", bundle); r.code != 0 || !strings.Contains(r.stdout, "2 signatures") {
		t.Fatalf("export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := socleEnv(t, dir, nil, "evidence", "export", "--output", bundle); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("export over a directory: exit %d\n%s", r.code, r.stderr)
	}
	if r := socleEnv(t, out, nil, "evidence", "verify", "--bundle", bundle, "--pub-key", pub); r.code != 0 || !strings.Contains(r.stdout, "is intact: 2 runs") {
		t.Fatalf("verify --bundle: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := socleEnv(t, out, nil, "evidence", "verify", "--bundle", bundle, "--pub-key", otherPub); r.code != 1 || !strings.Contains(r.stderr, runs[0].ID) {
		t.Errorf("verify --bundle with another key: exit %d\n%s", r.code, r.stderr)
	}
	var m struct {
		Blobs []struct{ SHA256 string } `json:"blobs"`
	}
	mb, _ := os.ReadFile(filepath.Join(bundle, "manifest.json"))
	if err := json.Unmarshal(mb, &m); err != nil || len(m.Blobs) == 0 {
		t.Fatalf("manifest: %v %s", err, mb)
	}
	tamper := []struct {
		name, names string
		edit        func(dir string) error
	}{
		{"a record byte", runs[1].ID + "/1", func(d string) error {
			p := filepath.Join(d, "records", runs[1].ID, "1.json")
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[len(b)/2] ^= 1
			return os.WriteFile(p, b, 0o644)
		}},
		{"a blob deleted", m.Blobs[0].SHA256, func(d string) error {
			return os.Remove(filepath.Join(d, "blobs", m.Blobs[0].SHA256+".json"))
		}},
		{"a run file removed", runs[0].ID, func(d string) error {
			return os.Remove(filepath.Join(d, "runs", runs[0].ID+".json"))
		}},
		{"a signature edited", runs[1].ID, func(d string) error {
			p := filepath.Join(d, "signatures", runs[1].ID+".dsse.json")
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(p, []byte(strings.Replace(string(b), `"sig":"`, `"sig":"AA`, 1)), 0o644)
		}},
	}
	for _, tt := range tamper {
		d := filepath.Join(out, strings.ReplaceAll(tt.name, " ", "-"))
		if r := socleEnv(t, dir, nil, "evidence", "export", "--output", d); r.code != 0 {
			t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
		}
		if err := tt.edit(d); err != nil {
			t.Fatal(err)
		}
		if r := socleEnv(t, out, nil, "evidence", "verify", "--bundle", d, "--pub-key", pub); r.code != 1 || !strings.Contains(r.stderr, tt.names) {
			t.Errorf("%s: exit %d\n%s", tt.name, r.code, r.stderr)
		}
	}

	// A signature edited in the store.
	db, err := sql.Open("sqlite", filepath.Join(dir, ".socle", "evidence.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE socle_signatures SET envelope = replace(CAST(envelope AS TEXT), '"sig":"', '"sig":"AA') WHERE run_id = ?`, runs[1].ID); err != nil {
		t.Fatal(err)
	}
	if r := socleEnv(t, dir, nil, "evidence", "verify", "--pub-key", pub); r.code != 1 || !strings.Contains(r.stderr, runs[1].ID) {
		t.Errorf("verify an edited signature: exit %d\n%s", r.code, r.stderr)
	}

	// An unsigned run: a warning, or an error with --require-signatures.
	if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", "2026-03-03"); r.code != 1 {
		t.Fatalf("eval --record: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := db.Exec(`DELETE FROM socle_signatures WHERE run_id = ?`, runs[1].ID); err != nil {
		t.Fatal(err)
	}
	if r := socleEnv(t, dir, nil, "evidence", "verify", "--pub-key", pub); r.code != 0 || !strings.Contains(r.stderr, "Warning: 2 runs have no signature") {
		t.Errorf("verify with unsigned runs: exit %d\n%s", r.code, r.stderr)
	}
	if r := socleEnv(t, dir, nil, "evidence", "verify", "--pub-key", pub, "--require-signatures"); r.code != 1 || !strings.Contains(r.stderr, runs[1].ID) {
		t.Errorf("verify --require-signatures: exit %d\n%s", r.code, r.stderr)
	}
}

// TestSignPostgres: signing and verifying through a PostgreSQL store.
func TestSignPostgres(t *testing.T) {
	url := postgresStore(t)
	dir := policyRepo(t, "")
	keys := filepath.Join(t.TempDir(), "keys")
	if r := socleEnv(t, dir, nil, "evidence", "keygen", "--out", keys); r.code != 0 {
		t.Fatalf("keygen: exit %d\n%s", r.code, r.stderr)
	}
	env := []string{"SOCLE_STORE=" + url}
	if r := socleEnv(t, dir, env, "eval", ".", "--record", "--sign-key", filepath.Join(keys, "socle.key")); r.code != 1 || !strings.Contains(r.stderr, "Signed run ") {
		t.Fatalf("eval --record --sign-key: exit %d\n%s", r.code, r.stderr)
	}
	if r := socleEnv(t, dir, env, "evidence", "verify", "--pub-key", filepath.Join(keys, "socle.pub"), "--require-signatures"); r.code != 0 {
		t.Fatalf("verify: exit %d\n%s", r.code, r.stderr)
	}
	bundle := filepath.Join(t.TempDir(), "b")
	if r := socleEnv(t, dir, env, "evidence", "export", "--output", bundle); r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	if r := socleEnv(t, dir, nil, "evidence", "verify", "--bundle", bundle, "--pub-key", filepath.Join(keys, "socle.pub")); r.code != 0 {
		t.Fatalf("verify --bundle: exit %d\n%s", r.code, r.stderr)
	}
}
