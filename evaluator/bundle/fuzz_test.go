package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// FuzzRead feeds manifests (and a document) to Read: it must never panic,
// never read a file outside the bundle directory, and either refuse the
// bundle with an error naming it or return documents that match the
// manifest's sizes and hashes.
func FuzzRead(f *testing.F) {
	doc := []byte(`{"items":[{"id":"alice"}]}`)
	sum := sha256.Sum256(doc)
	seed := func(file, hash string, size int) string {
		return `{"bundle_version":"` + Version + `","created_at":"2026-01-02T03:04:05Z","socle_version":"0.1.0","documents":[{"provider":"file.idp","type":"file","alias":"idp","file":"` + file + `","mode":"load","collector_version":"0.1.0","collected_at":"2026-01-02T03:04:05Z","params":{},"sources":["users.json"],"items":1,"bytes":` + strconv.Itoa(size) + `,"sha256":"` + hash + `"}]}`
	}
	f.Add([]byte(seed("file.idp.json", hex.EncodeToString(sum[:]), len(doc))), doc)
	f.Add([]byte(seed("../file.idp.json", hex.EncodeToString(sum[:]), len(doc))), doc)
	f.Add([]byte(seed("file.idp.json", strings.Repeat("0", 64), len(doc))), doc)
	f.Add([]byte(seed("file.idp.json", hex.EncodeToString(sum[:]), len(doc))), []byte(`{"items":[`))
	f.Add([]byte(`{"bundle_version":"99","documents":[]}`), doc)
	f.Add([]byte(`{"bundle_version":"`+Version+`","documents":null,"extra":1}`), doc)
	f.Add([]byte(`[`), doc)
	f.Fuzz(func(t *testing.T, manifest, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ManifestName), manifest, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "file.idp.json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := Read(dir)
		if err != nil {
			if !strings.Contains(err.Error(), dir) && !errors.Is(err, ErrTampered) {
				t.Fatalf("the error does not name the bundle: %v", err)
			}
			return
		}
		for _, e := range b.Manifest.Documents {
			d, ok := b.Lookup(e.Provider)
			if !ok {
				t.Fatalf("%s is in the manifest but not in the bundle", e.Provider)
			}
			if e.File != "file.idp.json" {
				t.Fatalf("read %q, which is not the bundle's file", e.File)
			}
			s := sha256.Sum256(data)
			if d.Entry.SHA256 != hex.EncodeToString(s[:]) || d.Entry.Bytes != int64(len(data)) {
				t.Fatalf("accepted a document that does not match its manifest entry")
			}
		}
	})
}
