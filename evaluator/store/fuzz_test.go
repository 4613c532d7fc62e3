package store

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecodeRecord feeds stored records to Decode: it must never panic; a
// record whose bytes do not match its hash is refused; one that decodes
// canonicalizes again without error.
func FuzzDecodeRecord(f *testing.F) {
	fx := fixture{f}
	for _, rec := range fx.run("run-1", day(0), 1).Records {
		b, err := rec.Canonical()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, true)
	}
	f.Add([]byte(`{"record_version":"1","status":"pass","population":3,"verdicts":[{"resource":"a","status":"fail"}]}`), true)
	f.Add([]byte(`{"record_version":"1","population":"many"}`), true)
	f.Add([]byte(`{"record_version":"1"}`), false)
	f.Add([]byte(`[`), true)
	f.Fuzz(func(t *testing.T, data []byte, intact bool) {
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:])
		if !intact {
			hash = strings.Repeat("0", 64)
		}
		r := &StoredRecord{RecordInfo: RecordInfo{ID: "run/1", SHA256: hash}, Canonical: data}
		rec, err := r.Decode()
		if err != nil {
			if !strings.Contains(err.Error(), "record run/1") {
				t.Fatalf("the error does not name the record: %v", err)
			}
			return
		}
		if !intact && hash != hex.EncodeToString(sum[:]) {
			t.Fatal("a record that does not match its hash was decoded")
		}
		if _, err := rec.Canonical(); err != nil {
			t.Fatalf("a decoded record does not canonicalize: %v", err)
		}
	})
}

// FuzzVerifyEnvelope feeds signature envelopes to VerifyEnvelope: it must
// never panic, and accept only the envelope signed for the run.
func FuzzVerifyEnvelope(f *testing.F) {
	priv, pub := testKey(f, "fuzz")
	h := sqliteHarness(f)
	s := h.open(f)
	ri := mustAppend(f, s, fixture{f}.run("run-1", day(0), 1))
	sig, err := SignRun(ri, priv)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sig.Envelope)
	f.Add([]byte(`{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[{"keyid":"k","sig":"AAAA"}]}`))
	f.Add([]byte(`{"payloadType":"x","payload":"!!"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, envelope []byte) {
		err := VerifyEnvelope(envelope, pub, ri.Header.ID, ri.Seq, ri.Hash, ri.PrevHash)
		if err == nil {
			var env Envelope
			if json.Unmarshal(envelope, &env) != nil {
				t.Fatal("accepted an envelope that is not JSON")
			}
			payload, _ := base64.StdEncoding.DecodeString(env.Payload)
			var want Envelope
			json.Unmarshal(sig.Envelope, &want)
			wantPayload, _ := base64.StdEncoding.DecodeString(want.Payload)
			if string(payload) != string(wantPayload) {
				t.Fatalf("accepted a payload other than the one signed: %s", payload)
			}
		}
	})
}

// FuzzVerifyBundle feeds an exported evidence bundle with its manifest and
// first run file replaced to VerifyBundle: it must never panic, never read
// outside the bundle, and report a problem or an error rather than accept a
// bundle whose run file was changed.
func FuzzVerifyBundle(f *testing.F) {
	h := sqliteHarness(f)
	s := h.open(f)
	fx := fixture{f}
	for i := range 2 {
		mustAppend(f, s, fx.run("run-"+itoa(i+1), day(i), i+1))
	}
	export := filepath.Join(f.TempDir(), "export")
	if _, err := Export(ctx, s, export, ExportOptions{}); err != nil {
		f.Fatal(err)
	}
	manifest, err := os.ReadFile(filepath.Join(export, "manifest.json"))
	if err != nil {
		f.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		f.Fatal(err)
	}
	runFile := filepath.Join(export, filepath.FromSlash(m.Runs[0].File))
	run, err := os.ReadFile(runFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(manifest, run)
	f.Add(manifest, run[:len(run)/2])
	f.Add([]byte(strings.Replace(string(manifest), m.Runs[0].File, "../../etc/passwd", 1)), run)
	f.Add([]byte(`{"bundle_version":"1","runs":[{"seq":1,"id":"x","file":"/etc/passwd"}]}`), run)
	f.Add([]byte(`{}`), run)
	f.Fuzz(func(t *testing.T, manifestData, runData []byte) {
		dir := filepath.Join(t.TempDir(), "b")
		if err := os.CopyFS(dir, os.DirFS(export)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "manifest.json"), manifestData, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(m.Runs[0].File)), runData, 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := VerifyBundle(dir, nil)
		if err != nil || rep.Problem != nil {
			return
		}
		if string(runData) != string(run) && rep.Runs > 0 {
			var a, b any
			if json.Unmarshal(runData, &a) != nil || json.Unmarshal(run, &b) != nil {
				t.Fatalf("accepted a run file that is not JSON")
			}
		}
	})
}
