package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

type value struct {
	Writer int      `json:"writer"`
	Key    int      `json:"key"`
	Pad    []string `json:"pad"`
}

// TestConcurrentUse has goroutines (some through one Cache, some through
// their own, as separate processes would) write and read the same keys at
// once, under the race detector: a read finds nothing or a whole entry one
// writer wrote for that key, never a torn or foreign one; the counts add up.
func TestConcurrentUse(t *testing.T) {
	dir := t.TempDir()
	shared := Open(dir)
	const workers, keys, rounds = 8, 16, 20
	pad := make([]string, 200) // entries of a few kilobytes: a torn write would show
	for i := range pad {
		pad[i] = fmt.Sprintf("padding %d", i)
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers*keys*rounds)
	for w := range workers {
		c := shared
		if w%2 == 1 {
			c = Open(dir)
		}
		wg.Go(func() {
			for r := range rounds {
				for k := range keys {
					key := Key("entry", fmt.Sprint(k))
					if (w+r+k)%3 == 0 {
						if err := c.Put(key, value{Writer: w, Key: k, Pad: pad}); err != nil {
							errs <- err
						}
						continue
					}
					var v value
					if c.Get(key, &v) && (v.Key != k || v.Writer < 0 || v.Writer >= workers || len(v.Pad) != len(pad)) {
						errs <- fmt.Errorf("key %d: read %+v", k, v.Key)
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := shared.Stats()
	if s.Hits+s.Misses == 0 || s.Writes == 0 {
		t.Errorf("stats %+v", s)
	}
	// Every key ends with a whole entry, and no temporary file is left.
	for k := range keys {
		var v value
		if !shared.Get(Key("entry", fmt.Sprint(k)), &v) || v.Key != k {
			t.Errorf("key %d: no entry after the writers finished", k)
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(dir, "*", ".tmp-*"))
	if len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}

// TestCorruptEntry: an entry that is not what Put wrote (truncated, or
// another key's) is a miss, never an error or a wrong value.
func TestCorruptEntry(t *testing.T) {
	c := Open(t.TempDir())
	k1, k2 := Key("a"), Key("b")
	if err := c.Put(k1, value{Key: 1}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(c.path(k1))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(c.path(k2)), 0o755)
	os.WriteFile(c.path(k2), data, 0o644) // k1's entry under k2's name
	var v value
	if c.Get(k2, &v) {
		t.Errorf("an entry under another key's name was used: %+v", v)
	}
	os.WriteFile(c.path(k1), data[:len(data)/2], 0o644)
	if c.Get(k1, &v) {
		t.Errorf("a truncated entry was used: %+v", v)
	}
	var nilCache *Cache
	if nilCache.Get(k1, &v) || nilCache.Put(k1, v) != nil {
		t.Error("a nil cache holds something")
	}
}
