package bundle

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sample() []*Document {
	return []*Document{
		{Entry: Entry{Provider: "file.hr", Type: "file", Alias: "hr", Mode: "load", CollectorVersion: "0.1.0", Items: 2, Params: map[string]string{"snapshot": "hr.csv"}},
			Value: map[string]any{"items": []any{"a", "b"}, "n": json.Number("2")}},
		{Entry: Entry{Provider: "terraform", Type: "terraform", Mode: "load", CollectorVersion: "0.1.0", Items: 0},
			Value: map[string]any{"kind": "plan", "resources": map[string]any{}}},
	}
}

func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	if err := Write(dir, Manifest{CreatedAt: at, SocleVersion: "0.1.0"}, sample()); err != nil {
		t.Fatal(err)
	}
	b, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := b.Lookup("file.hr")
	if !ok || d.Entry.Items != 2 || d.Entry.Params["snapshot"] != "hr.csv" || d.Value.(map[string]any)["n"] != json.Number("2") {
		t.Errorf("file.hr read back as %+v", d)
	}
	if _, ok := b.Lookup("terraform"); !ok || b.Manifest.BundleVersion != Version || !b.Manifest.CreatedAt.Equal(at) {
		t.Errorf("manifest %+v", b.Manifest)
	}
	// Writing over an existing bundle is refused; no temporary directory is left.
	if err := Write(dir, Manifest{}, sample()); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrite: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestTamperedAndTruncated(t *testing.T) {
	for name, change := range map[string]func(path string) error{
		"edited": func(p string) error {
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, []byte(strings.Replace(string(b), `"a"`, `"x"`, 1)), 0o644)
		},
		"truncated": func(p string) error { return os.Truncate(p, 5) },
		"removed":   func(p string) error { return os.Remove(p) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "bundle")
			if err := Write(dir, Manifest{}, sample()); err != nil {
				t.Fatal(err)
			}
			if err := change(filepath.Join(dir, "file.hr.json")); err != nil {
				t.Fatal(err)
			}
			_, err := Read(dir)
			if !errors.Is(err, ErrTampered) {
				t.Errorf("Read of a %s bundle: %v", name, err)
			}
		})
	}
}

func TestNotABundle(t *testing.T) {
	if _, err := Read(t.TempDir()); err == nil || !strings.Contains(err.Error(), "is not a snapshot bundle") {
		t.Errorf("got %v", err)
	}
}
