// Package bundle reads and writes snapshot bundles: what `socle collect` writes
// and `socle eval --snapshot` reads. A bundle is a directory holding one
// normalized document per provider instance, each as canonical JSON (so its
// file's sha256 is the input hash results record), and manifest.json describing
// each document: provider, collector version, collection time, source
// parameters (never secrets), item count, size and sha256. Reading verifies
// every hash and size, so a tampered or truncated bundle is refused.
//
// It imports evaluator/canonical only.
package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator/canonical"
)

// ManifestName is the manifest's file name inside a bundle.
const ManifestName = "manifest.json"

// Version is the bundle format's version.
const Version = "1"

// Manifest describes a bundle.
type Manifest struct {
	BundleVersion string    `json:"bundle_version"`
	CreatedAt     time.Time `json:"created_at"`
	SocleVersion  string    `json:"socle_version"`
	Organization  string    `json:"organization,omitempty"`
	System        string    `json:"system,omitempty"`
	Documents     []Entry   `json:"documents"`
}

// Entry describes one document of a bundle.
type Entry struct {
	Provider         string            `json:"provider"` // TYPE or TYPE.ALIAS
	Type             string            `json:"type"`
	Alias            string            `json:"alias,omitempty"`
	File             string            `json:"file"`
	Mode             string            `json:"mode"` // collect (the live system) or load (a snapshot)
	CollectorVersion string            `json:"collector_version"`
	CollectedAt      time.Time         `json:"collected_at"`
	Params           map[string]string `json:"params"`
	Sources          []string          `json:"sources"`
	Items            int               `json:"items"`
	Bytes            int64             `json:"bytes"`
	SHA256           string            `json:"sha256"`
}

// Document is one document to write, or one read back.
type Document struct {
	Entry Entry
	Value any // JSON-compatible, numbers as json.Number once read
}

// Bundle is a bundle read back and verified.
type Bundle struct {
	Dir       string
	Manifest  Manifest
	documents map[string]*Document // by provider
}

// Lookup returns the document of a provider instance ("file.hr").
func (b *Bundle) Lookup(provider string) (*Document, bool) {
	d, ok := b.documents[provider]
	return d, ok
}

// FileName is the name a provider instance's document gets in a bundle.
func FileName(provider string) string { return provider + ".json" }

// Write writes a bundle to dir, which must not exist yet: documents as
// canonical JSON, then the manifest. Everything is written into a temporary
// directory beside dir and renamed into place at the end, so dir holds a whole
// bundle or nothing. m.Documents is filled from docs (in provider order).
func Write(dir string, m Manifest, docs []*Document) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s already exists; remove it or choose another bundle path", dir)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %v", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write the bundle: %v", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	sort.Slice(docs, func(i, j int) bool { return docs[i].Entry.Provider < docs[j].Entry.Provider })
	m.BundleVersion = Version
	m.Documents = make([]Entry, 0, len(docs))
	for _, d := range docs {
		b, err := canonical.Marshal(d.Value)
		if err != nil {
			return fmt.Errorf("document of %s: %v", d.Entry.Provider, err)
		}
		e := d.Entry
		e.File = FileName(e.Provider)
		sum := sha256.Sum256(b)
		e.SHA256 = hex.EncodeToString(sum[:])
		e.Bytes = int64(len(b))
		if e.Params == nil {
			e.Params = map[string]string{}
		}
		if e.Sources == nil {
			e.Sources = []string{}
		}
		if err := os.WriteFile(filepath.Join(tmp, e.File), b, 0o644); err != nil {
			return fmt.Errorf("cannot write the bundle: %v", err)
		}
		m.Documents = append(m.Documents, e)
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, ManifestName), append(mb, '\n'), 0o644); err != nil {
		return fmt.Errorf("cannot write the bundle: %v", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("cannot write the bundle: %v", err)
	}
	ok = true
	return nil
}

// ErrTampered is wrapped by Read's error when a document does not match its
// manifest entry.
var ErrTampered = errors.New("the bundle does not match its manifest")

// Read reads a bundle and verifies every document against the manifest.
func Read(dir string) (*Bundle, error) {
	mb, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("%s is not a snapshot bundle: %v", dir, err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(mb))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: invalid manifest: %v", filepath.Join(dir, ManifestName), err)
	}
	if m.BundleVersion != Version {
		return nil, fmt.Errorf("%s: bundle version %q is not supported (this socle reads version %s)", filepath.Join(dir, ManifestName), m.BundleVersion, Version)
	}
	b := &Bundle{Dir: dir, Manifest: m, documents: map[string]*Document{}}
	for _, e := range m.Documents {
		if e.File != FileName(e.Provider) || strings.ContainsAny(e.File, `/\`) {
			return nil, fmt.Errorf("%w: %s names the file %q for %s", ErrTampered, ManifestName, e.File, e.Provider)
		}
		if _, dup := b.documents[e.Provider]; dup {
			return nil, fmt.Errorf("%w: %s lists %s twice", ErrTampered, ManifestName, e.Provider)
		}
		path := filepath.Join(dir, e.File)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrTampered, err)
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != e.Bytes || hex.EncodeToString(sum[:]) != e.SHA256 {
			return nil, fmt.Errorf("%w: %s has %d bytes and sha256 %s; the manifest records %d bytes and %s (the file was changed or truncated after collection)",
				ErrTampered, path, len(data), hex.EncodeToString(sum[:]), e.Bytes, e.SHA256)
		}
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s: invalid JSON: %v", path, err)
		}
		b.documents[e.Provider] = &Document{Entry: e, Value: v}
	}
	return b, nil
}
