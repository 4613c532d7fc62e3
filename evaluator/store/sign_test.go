package store

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPAE checks DSSE's pre-authentication encoding against a string written
// by hand from the specification, and a signature over it.
func TestPAE(t *testing.T) {
	got := string(PAE("http://example.com/HelloWorld", []byte("hello world")))
	want := "DSSEv1 29 http://example.com/HelloWorld 11 hello world"
	if got != want {
		t.Fatalf("PAE = %q, want %q", got, want)
	}
	if got := string(PAE(PayloadType, []byte("{}"))); got != "DSSEv1 28 application/vnd.in-toto+json 2 {}" {
		t.Fatalf("PAE = %q", got)
	}
	seed := sha256.Sum256([]byte("socle test key"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	ri := &RunInfo{Seq: 1, Hash: strings.Repeat("a", 64), PrevHash: Genesis, Header: Header{ID: "r1", Records: 2}}
	sig, err := SignRun(ri, priv)
	if err != nil {
		t.Fatal(err)
	}
	var env Envelope
	if err := json.Unmarshal(sig.Envelope, &env); err != nil {
		t.Fatal(err)
	}
	payload, _ := base64.StdEncoding.DecodeString(env.Payload)
	raw, _ := base64.StdEncoding.DecodeString(env.Signatures[0].Sig)
	pae := "DSSEv1 28 application/vnd.in-toto+json " + itoa(len(payload)) + " " + string(payload)
	if !ed25519.Verify(priv.Public().(ed25519.PublicKey), []byte(pae), raw) {
		t.Fatal("the signature is not over the hand-computed PAE")
	}
	var st map[string]any
	if err := json.Unmarshal(payload, &st); err != nil || st["_type"] != StatementType || st["predicateType"] != RunPredicateType {
		t.Fatalf("statement %s (%v)", payload, err)
	}
	if !strings.Contains(string(payload), `"subject":[{"name":"socle-run/r1","digest":{"sha256":"`+ri.Hash+`"}}]`) {
		t.Fatalf("statement subject: %s", payload)
	}
	pub := priv.Public().(ed25519.PublicKey)
	if err := VerifyEnvelope(sig.Envelope, pub, "r1", 1, ri.Hash, Genesis); err != nil {
		t.Fatal(err)
	}
	if err := VerifyEnvelope(sig.Envelope, pub, "r1", 1, strings.Repeat("b", 64), Genesis); err == nil {
		t.Fatal("an envelope verified for another hash")
	}
	other := ed25519.NewKeyFromSeed(make([]byte, 32)).Public().(ed25519.PublicKey)
	if err := VerifyEnvelope(sig.Envelope, other, "r1", 1, ri.Hash, Genesis); err == nil {
		t.Fatal("an envelope verified with another key")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func testKey(_ testing.TB, name string) (ed25519.PrivateKey, ed25519.PublicKey) {
	seed := sha256.Sum256([]byte(name))
	priv := ed25519.NewKeyFromSeed(seed[:])
	return priv, priv.Public().(ed25519.PublicKey)
}

// TestKeyFiles: keys round-trip through PEM; other files are refused clearly.
func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	privPEM, pubPEM, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	kp, pp := filepath.Join(dir, "k"), filepath.Join(dir, "p")
	os.WriteFile(kp, privPEM, 0o600)
	os.WriteFile(pp, pubPEM, 0o644)
	priv, err := LoadPrivateKey(kp)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := LoadPublicKey(pp)
	if err != nil || !pub.Equal(priv.Public()) {
		t.Fatalf("public key %v", err)
	}
	if _, err := LoadPrivateKey(pp); err == nil || !strings.Contains(err.Error(), `"PUBLIC KEY"`) {
		t.Errorf("public key as private: %v", err)
	}
	bad := filepath.Join(dir, "bad")
	os.WriteFile(bad, []byte("not a key"), 0o600)
	if _, err := LoadPrivateKey(bad); err == nil || !strings.Contains(err.Error(), "not PEM") {
		t.Errorf("bad file: %v", err)
	}
}

// TestSignatures (both backends): signatures are stored with their run,
// migrate from version 2, and verify only with the right key.
func TestSignatures(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			h := b.new(t)
			s := h.open(t)
			f := fixture{t}
			r1 := mustAppend(t, s, f.run("run-1", day(0), 1))
			s.Close()
			// A version 2 store gains socle_signatures.
			if _, err := h.raw.Exec(`DROP TABLE socle_signatures`); err != nil {
				t.Fatal(err)
			}
			undoRunGroups(t, h)
			h.exec(t, `DELETE FROM socle_migrations WHERE version = ?`, 3)
			s = h.open(t)
			r2 := mustAppend(t, s, f.run("run-2", day(1), 2))
			priv, pub := testKey(t, "right")
			_, otherPub := testKey(t, "other")
			for _, ri := range []*RunInfo{r1, r2} {
				sig, err := SignRun(ri, priv)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.AppendSignature(ctx, sig); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.AppendSignature(ctx, &Signature{RunSeq: 9, RunID: "x"}); err == nil {
				t.Error("a signature of no run was stored")
			}
			runs, _ := s.Runs(ctx, Filter{})
			sigs, err := s.Signatures(ctx)
			if err != nil || len(sigs) != 2 || sigs[0].RunID != "run-1" || sigs[1].KeyID != KeyID(pub) {
				t.Fatalf("signatures %+v, %v", sigs, err)
			}
			if unsigned, p := CheckSignatures(runs, sigs, pub); p != nil || len(unsigned) != 0 {
				t.Fatalf("right key: %v %v", unsigned, p)
			}
			if _, p := CheckSignatures(runs, sigs, otherPub); p == nil || p.RunID != "run-1" || p.Kind != ProblemSignatureBad {
				t.Fatalf("other key: %+v", p)
			}
			// A signature edited in the database is found.
			h.exec(t, `UPDATE socle_signatures SET envelope = ? WHERE run_seq = ?`, []byte(strings.Replace(string(sigs[1].Envelope), `"sig":"`, `"sig":"AA`, 1)), 2)
			sigs, _ = s.Signatures(ctx)
			if _, p := CheckSignatures(runs, sigs, pub); p == nil || p.RunID != "run-2" {
				t.Fatalf("edited signature: %+v", p)
			}
			mustVerify(t, s)
		})
	}
}

// TestExportBundle (both backends): a bundle verifies offline; an edited
// record, a missing blob or run file, a broken link is named.
func TestExportBundle(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			h := b.new(t)
			s := h.open(t)
			f := fixture{t}
			priv, pub := testKey(t, "right")
			var infos []*RunInfo
			for i := 0; i < 3; i++ {
				ri := mustAppend(t, s, f.run("run-"+itoa(i+1), day(i), i+1))
				sig, _ := SignRun(ri, priv)
				if err := s.AppendSignature(ctx, sig); err != nil {
					t.Fatal(err)
				}
				infos = append(infos, ri)
			}
			root := t.TempDir()
			export := func(name string, o ExportOptions) string {
				t.Helper()
				dir := filepath.Join(root, name)
				if _, err := Export(ctx, s, dir, o); err != nil {
					t.Fatal(err)
				}
				return dir
			}
			full := export("full", ExportOptions{})
			rep, err := VerifyBundle(full, pub)
			if err != nil || rep.Problem != nil || rep.Runs != 3 || rep.Signatures != 3 || rep.Blobs == 0 {
				t.Fatalf("verify bundle: %+v %v", rep, err)
			}
			if _, err := Export(ctx, s, full, ExportOptions{}); err == nil {
				t.Error("export over an existing directory")
			}
			// A period: the runs of days 1..2, linked to run 1's hash.
			part := export("part", ExportOptions{From: day(1), To: day(3)})
			rep, err = VerifyBundle(part, pub)
			if err != nil || rep.Problem != nil || rep.Runs != 2 {
				t.Fatalf("verify period bundle: %+v %v", rep, err)
			}
			var m Manifest
			mb, _ := os.ReadFile(filepath.Join(part, "manifest.json"))
			json.Unmarshal(mb, &m)
			if m.PrevHash != infos[0].Hash || m.Runs[0].ID != "run-2" {
				t.Fatalf("period manifest: prev %s, runs %+v", m.PrevHash, m.Runs)
			}
			// Record bytes are the stored canonical bytes.
			rec, _ := s.Record(ctx, "run-2/1")
			if got, _ := os.ReadFile(filepath.Join(part, "records", "run-2", "1.json")); string(got) != string(rec.Canonical) {
				t.Fatal("the exported record differs from the stored bytes")
			}

			tamper := []struct {
				name, kind, names string
				edit              func(dir string)
			}{
				{"record byte", ProblemRecordEdited, "run-2/1", func(dir string) {
					p := filepath.Join(dir, "records", "run-2", "1.json")
					b, _ := os.ReadFile(p)
					b[10] ^= 1
					os.WriteFile(p, b, 0o644)
				}},
				{"blob deleted", ProblemBlobMissing, m.Blobs[0].SHA256, func(dir string) {
					os.Remove(filepath.Join(dir, "blobs", m.Blobs[0].SHA256+".json"))
				}},
				{"run file removed", ProblemRunMissing, "run-3", func(dir string) {
					os.Remove(filepath.Join(dir, "runs", "run-3.json"))
				}},
				{"signature edited", ProblemSignatureBad, "run-2", func(dir string) {
					p := filepath.Join(dir, "signatures", "run-2.dsse.json")
					b, _ := os.ReadFile(p)
					os.WriteFile(p, []byte(strings.Replace(string(b), `"sig":"`, `"sig":"AA`, 1)), 0o644)
				}},
				{"prev hash", ProblemChainBroken, "run-2", func(dir string) {
					p := filepath.Join(dir, "manifest.json")
					b, _ := os.ReadFile(p)
					os.WriteFile(p, []byte(strings.Replace(string(b), `"prev_hash": "`+infos[0].Hash, `"prev_hash": "`+Genesis, 1)), 0o644)
				}},
			}
			for i, tt := range tamper {
				dir := export("t"+itoa(i), ExportOptions{From: day(1)})
				tt.edit(dir)
				rep, err := VerifyBundle(dir, pub)
				if err != nil || rep.Problem == nil || rep.Problem.Kind != tt.kind || !strings.Contains(rep.Problem.Message, tt.names) {
					t.Errorf("%s: %+v %v", tt.name, rep, err)
				}
			}
		})
	}
}
