package evaluator

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/cache"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/internal/par"
	"github.com/socle-dev/socle/providers"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// The result cache (EvalOptions.Cache) keeps two kinds of entries; see
// docs/performance.md for why these keys are complete.
//
// An input entry says what a provider instance's document was the last time
// it was loaded: its canonical hash and what the run needs besides the value
// (item count, parameters, locations, warnings). Its key is the instance's
// address and evaluated configuration; it records every name the instance
// read from the repository with a fingerprint of what it found. When every
// name still gives the same fingerprint, the instance would load the same
// document, so it is not loaded, parsed or converted at all unless some
// control misses below.
//
// A decision entry is what a policy package decided about inputs (the
// population, deny and warn), before waivers: its key is the package's
// modules, the input hashes, the as-of day and the versions of socle and
// OPA. Waivers, severities and everything else the result takes from the
// configuration are applied to the decision afresh on every run.

// cacheFormat changes whenever what an entry holds, or what its key
// covers, changes.
const cacheFormat = "socle-cache-2"

// cacheableTypes are the provider types whose Load reads nothing but the
// repository files (through providers.Env.FS) and its configuration: the
// others may read a live system or run a program.
var cacheableTypes = map[string]bool{"file": true, "terraform": true, "kubernetes": true, "aws": true}

// recordFS is the repository as one provider instance reads it: it notes
// every name the instance opens, reads, lists or stats, so that a later run
// can tell whether any of them changed.
type recordFS struct {
	fsys fs.FS

	mu    sync.Mutex
	names map[string]bool
}

func newRecordFS(fsys fs.FS) *recordFS { return &recordFS{fsys: fsys, names: map[string]bool{}} }

func (r *recordFS) note(name string) {
	r.mu.Lock()
	r.names[name] = true
	r.mu.Unlock()
}

// start forgets the names noted so far; taken returns those noted since.
func (r *recordFS) start() {
	r.mu.Lock()
	r.names = map[string]bool{}
	r.mu.Unlock()
}

func (r *recordFS) taken() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.names))
	for n := range r.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (r *recordFS) Open(name string) (fs.File, error) {
	r.note(name)
	return r.fsys.Open(name)
}

func (r *recordFS) ReadFile(name string) ([]byte, error) {
	r.note(name)
	return fs.ReadFile(r.fsys, name)
}

func (r *recordFS) ReadDir(name string) ([]fs.DirEntry, error) {
	r.note(name)
	return fs.ReadDir(r.fsys, name)
}

func (r *recordFS) Stat(name string) (fs.FileInfo, error) {
	r.note(name)
	return fs.Stat(r.fsys, name)
}

// fingerprint is what name is in fsys now: the sha256 of a file's content, of
// a directory's listing (names and types), or the error reading it.
func fingerprint(fsys fs.FS, name string) string {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "missing"
		}
		return "error"
	}
	h := sha256.New()
	if info.IsDir() {
		entries, err := fs.ReadDir(fsys, name)
		if err != nil {
			return "error"
		}
		for _, e := range entries {
			io.WriteString(h, e.Type().String()+" "+e.Name()+"\n")
		}
		return "dir " + hex.EncodeToString(h.Sum(nil))
	}
	f, err := fsys.Open(name)
	if err != nil {
		return "error"
	}
	defer f.Close()
	if ra, ok := f.(io.ReaderAt); ok && info.Size() >= 2*chunkSize && runtime.GOMAXPROCS(0) > 1 {
		sum, err := chunkedSHA256(ra, info.Size())
		if err != nil {
			return "error"
		}
		return "chunks " + sum
	}
	if _, err := io.Copy(h, f); err != nil {
		return "error"
	}
	return "file " + hex.EncodeToString(h.Sum(nil))
}

// chunkSize is the size of the pieces chunkedSHA256 hashes on their own.
const chunkSize = 4 << 20

// chunkedSHA256 hashes a large file on every core: the sha256 of the sha256s
// of its chunkSize pieces, in order. A re-run that finds its inputs unchanged
// reads and hashes every file it read; on a large plan that was most of it.
func chunkedSHA256(ra io.ReaderAt, size int64) (string, error) {
	n := int((size + chunkSize - 1) / chunkSize)
	sums := make([][sha256.Size]byte, n)
	buffers := sync.Pool{New: func() any { b := make([]byte, chunkSize); return &b }}
	if err := par.Do(n, func(i int) error {
		bp := buffers.Get().(*[]byte)
		defer buffers.Put(bp)
		buf := *bp
		off := int64(i) * chunkSize
		m := int(min(chunkSize, size-off))
		if _, err := ra.ReadAt(buf[:m], off); err != nil {
			return err
		}
		sums[i] = sha256.Sum256(buf[:m])
		return nil
	}); err != nil {
		return "", err
	}
	h := sha256.New()
	for i := range sums {
		h.Write(sums[i][:])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// configSHA256 is the hash of a provider block's evaluated attributes, or ""
// when they cannot all be evaluated on their own (a nested block, say): such
// an instance is not cached.
func configSHA256(body hcl.Body, ctx *hcl.EvalContext) string {
	attrs, diags := body.JustAttributes()
	if diags.HasErrors() {
		return ""
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		v, diags := attrs[n].Expr.Value(ctx)
		if diags.HasErrors() || !v.IsWhollyKnown() {
			return ""
		}
		b, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			return ""
		}
		ty, err := ctyjson.MarshalType(v.Type())
		if err != nil {
			return ""
		}
		io.WriteString(h, n+"\n")
		h.Write(ty)
		h.Write([]byte("\n"))
		h.Write(b)
		h.Write([]byte("\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// inputEntry is an input entry's value.
type inputEntry struct {
	Reads       map[string]string             `json:"reads"` // name → fingerprint
	SHA256      string                        `json:"sha256"`
	Items       int                           `json:"items"`
	Sources     []string                      `json:"sources"`
	Params      map[string]string             `json:"params"`
	Locations   map[string]providers.Location `json:"locations"`
	Warnings    []*providers.SourceError      `json:"warnings"`
	CollectedAt time.Time                     `json:"collected_at"`
	// Stats are the names' file system stats, each taken just before the
	// name was fingerprinted (see fileStat).
	Stats map[string]fileStat `json:"stats,omitempty"`
}

func inputKey(p *Provider) string {
	return cache.Key(cacheFormat, "input", Version, p.Addr.String(), p.ConfigSHA256)
}

// cachedInput returns the input entry of p when every name it records still
// has its fingerprint.
func (r *Repo) cachedInput(c *cache.Cache, p *Provider) (*inputEntry, bool) {
	if c == nil || p.ConfigSHA256 == "" || p.reads == nil {
		return nil, false
	}
	var e inputEntry
	if !c.Get(inputKey(p), &e) || len(e.Reads) == 0 {
		return nil, false
	}
	stats := make(map[string]fileStat, len(e.Reads))
	rehashed := false
	for name, want := range e.Reads {
		st, ok := statOf(p.reads.fsys, name)
		if rec, held := e.Stats[name]; held && ok && rec.vouchesFor(st) {
			stats[name] = rec
			continue
		}
		if fingerprint(p.reads.fsys, name) != want {
			return nil, false
		}
		rehashed = true
		if ok {
			stats[name] = st
		}
	}
	if rehashed {
		// The stats taken now vouch for the names next time.
		e.Stats = stats
		_ = c.Put(inputKey(p), e)
	}
	return &e, true
}

// storeInput records what p's document was, with the fingerprints of the
// names its load read.
func (r *Repo) storeInput(c *cache.Cache, p *Provider, names []string, doc *providers.Document, sum string) {
	if c == nil || p.ConfigSHA256 == "" || p.reads == nil || len(names) == 0 {
		return
	}
	e := inputEntry{Reads: map[string]string{}, Stats: map[string]fileStat{}, SHA256: sum, Items: doc.Items, Sources: doc.Sources,
		Params: doc.Params, Locations: doc.Locations, Warnings: doc.Warnings, CollectedAt: doc.CollectedAt}
	for _, n := range names {
		if st, ok := statOf(p.reads.fsys, n); ok {
			e.Stats[n] = st
		}
		e.Reads[n] = fingerprint(p.reads.fsys, n)
	}
	_ = c.Put(inputKey(p), e) // a cache that cannot be written only costs time
}

// decisionEntry is a decision entry's value: a package's decision about a
// target's inputs, before waivers.
type decisionEntry struct {
	Resources []string         `json:"resources"`
	Deny      []policy.Finding `json:"deny"`
	Warn      []policy.Finding `json:"warn"`
}

// decisionKey is the key of what the package of c decides about the target's
// inputs, or "" when the decision must not be cached: the package calls a
// builtin whose result is not a function of its arguments (time.now_ns,
// rand.intn, …).
func (r *Repo) decisionKey(it Item, inputs map[string]string, asOf time.Time) string {
	c := it.Control
	if !r.Policies.Deterministic(c.Policy) {
		return ""
	}
	parts := []string{cacheFormat, "decision", Version, policy.OPAVersion(), queryKey(c), r.Policies.PackageSHA256(c.Policy), asOf.UTC().Format(time.DateOnly)}
	for _, in := range it.Target.Inputs {
		parts = append(parts, in.Key, inputs[in.Key])
	}
	return cache.Key(parts...)
}

// fileStat is what the file system says of a name, as git's index keeps it:
// a re-run whose input files still have the stats they had when they were
// last hashed does not read them again. The change time (ctime) and inode
// cannot be set by a program (a write, a rename over the file, a touch all
// set ctime to the time they happen), so equal stats mean the content is
// the one hashed, except for a change within the same clock tick as the
// stat: a stat taken less than racyWindow after the name last changed
// vouches for nothing, and the name is hashed again (and its stat then
// recorded anew).
type fileStat struct {
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime_ns"`
	Ctime int64  `json:"ctime_ns"`
	Ino   uint64 `json:"ino"`
	Dev   uint64 `json:"dev"`
	Taken int64  `json:"taken_ns"` // when the stat was taken
}

// racyWindow is how long after its last change a name's stat is trusted:
// more than the coarsest file system timestamps (FAT's 2 seconds).
const racyWindow = 3 * time.Second

// vouchesFor reports whether the recorded stat rec, equal to the current one,
// proves the name unchanged since it was hashed.
func (rec fileStat) vouchesFor(now fileStat) bool {
	same := rec.Size == now.Size && rec.Mtime == now.Mtime && rec.Ctime == now.Ctime && rec.Ino == now.Ino && rec.Dev == now.Dev
	settled := rec.Taken-rec.Ctime >= int64(racyWindow) && rec.Taken-rec.Mtime >= int64(racyWindow)
	return same && settled && rec.Ino != 0
}
