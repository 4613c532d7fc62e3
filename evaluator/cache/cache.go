// Package cache is socle's content-addressed result cache: small JSON
// entries under a directory (a repository's .socle/cache), each named by the
// sha256 of everything its content depends on. An entry is written to a
// temporary file and renamed into place, so readers, other goroutines and
// other socle processes alike, see a whole entry or none; an entry that does
// not decode, or that records another key, is a miss. Nothing is ever
// updated in place, so no lock is needed.
//
// The evaluator decides what to key and store (see docs/performance.md); this
// package only stores. It imports nothing of socle.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
)

// Cache is a directory of entries. A nil *Cache is a cache that holds nothing
// and stores nothing.
type Cache struct {
	dir string

	hits, misses, writes atomic.Int64
}

// Open returns the cache in dir, creating the directory when it first
// writes.
func Open(dir string) *Cache { return &Cache{dir: dir} }

// Dir is the cache's directory.
func (c *Cache) Dir() string { return c.dir }

// Key is the sha256 of parts, each length-prefixed so that no two lists of
// parts share a key.
func Key(parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

type entry struct {
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

// Get decodes the entry stored under key into v, and reports whether there
// was one. On a miss, v may hold part of a stale entry: the caller starts
// again from a zero value.
func (c *Cache) Get(key string, v any) bool {
	if c == nil {
		return false
	}
	data, err := os.ReadFile(c.path(key))
	if err != nil {
		c.misses.Add(1)
		return false
	}
	// One decoding, straight into v: the caller does not use v on a miss.
	var e struct {
		Key   string `json:"key"`
		Value any    `json:"value"`
	}
	e.Value = v
	if json.Unmarshal(data, &e) != nil || e.Key != key {
		c.misses.Add(1)
		return false
	}
	c.hits.Add(1)
	return true
}

// Put stores v under key, replacing any entry there.
func (c *Cache) Put(key string, v any) error {
	if c == nil {
		return nil
	}
	value, err := json.Marshal(v)
	if err != nil {
		return err
	}
	data, err := json.Marshal(entry{Key: key, Value: value})
	if err != nil {
		return err
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cache: %w", err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cache: %w", err)
	}
	c.writes.Add(1)
	return nil
}

// Stats are a cache's counts since it was opened.
type Stats struct{ Hits, Misses, Writes int64 }

// Stats returns the counts of lookups that hit, that missed, and of entries
// written.
func (c *Cache) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Writes: c.writes.Load()}
}

// Clear removes every entry.
func (c *Cache) Clear() error {
	if c == nil {
		return nil
	}
	err := os.RemoveAll(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
