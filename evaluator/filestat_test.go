//go:build linux

package evaluator

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A recorded stat vouches for a file only while the file's stat is the same
// and the stat was taken well after the file last changed; rewriting the
// content, even at the same size with the modification time put back,
// changes the change time, which no program can set.
func TestFileStatVouches(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(path, []byte(`{"a": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	rec, ok := statOf(fsys, "plan.json")
	if !ok {
		t.Fatal("no stat on Linux")
	}
	now, _ := statOf(fsys, "plan.json")
	if rec.vouchesFor(now) {
		t.Error("a stat taken right after the file changed vouched for it")
	}
	settled := rec
	settled.Taken = rec.Ctime + int64(racyWindow)
	if !settled.vouchesFor(now) {
		t.Errorf("a settled, unchanged stat did not vouch: %+v against %+v", settled, now)
	}

	mtime := time.Unix(0, rec.Mtime)
	time.Sleep(20 * time.Millisecond) // past the file system clock's tick
	if err := os.WriteFile(path, []byte(`{"a": 2}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	after, _ := statOf(fsys, "plan.json")
	if after.Size != rec.Size || after.Mtime != rec.Mtime {
		t.Fatalf("the rewrite did not keep size and modification time: %+v, %+v", rec, after)
	}
	if settled.vouchesFor(after) {
		t.Error("a stat vouched for content rewritten at the same size and modification time")
	}
	if _, ok := statOf(fsys, "missing.json"); ok {
		t.Error("a missing file has a stat")
	}
}
