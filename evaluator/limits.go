package evaluator

import (
	"fmt"
	"io/fs"
	"math/big"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/providers"
	"github.com/zclconf/go-cty/cty"
)

// Limits bound what one run reads, takes and writes, so that a hostile or
// broken input (or a pull request's policy) cannot exhaust the job. Each is
// set in the socle block's limits block; the defaults are DefaultLimits.
type Limits struct {
	// InputSize is the most bytes of snapshot files one input (a provider
	// instance, or a bundle entry) may read.
	InputSize int64
	// InputItems is the most items one input document may hold.
	InputItems int
	// ControlTimeout bounds one control's evaluation on one target.
	ControlTimeout time.Duration
	// RunTimeout bounds the whole evaluation: what has not finished by then
	// is an error result.
	RunTimeout time.Duration
	// MessageSize is the most bytes of one finding or warning message kept;
	// a longer one is cut at a character boundary and says so.
	MessageSize int
	// Findings is the most findings (and, separately, warnings) of one result
	// kept in full; the rest are counted (Result.FindingsOmitted).
	Findings int
}

// DefaultLimits are the limits of a repository that sets none.
var DefaultLimits = Limits{
	InputSize:      256 << 20,
	InputItems:     1_000_000,
	ControlTimeout: DefaultTimeout,
	RunTimeout:     30 * time.Minute,
	MessageSize:    4096,
	Findings:       1000,
}

// limits evaluates the socle block's limits block (and the older timeout
// attribute, the same as control_timeout) into s.Limits.
func (l *loader) limits(b *config.Socle, s *Settings) {
	s.Limits = DefaultLimits
	if b == nil {
		return
	}
	if b.Timeout != nil {
		if d, ok := l.duration(b.Timeout, "timeout"); ok {
			s.Limits.ControlTimeout = d
		}
	}
	lb := b.Limits
	if lb == nil {
		return
	}
	if lb.ControlTimeout != nil {
		if b.Timeout != nil {
			l.diags = append(l.diags, errorf(lb.ControlTimeout.Range().Ptr(), "Two control time limits",
				"The socle block's timeout (at %s) and limits { control_timeout } set the same limit. Keep control_timeout and remove timeout.", b.Timeout.Range()))
		} else if d, ok := l.duration(lb.ControlTimeout, "control_timeout"); ok {
			s.Limits.ControlTimeout = d
		}
	}
	if d, ok := l.duration(lb.RunTimeout, "run_timeout"); ok {
		s.Limits.RunTimeout = d
	}
	if n, ok := l.size(lb.InputSize, "input_size"); ok {
		s.Limits.InputSize = n
	}
	if n, ok := l.size(lb.MessageSize, "message_size"); ok {
		if n < 64 {
			l.diags = append(l.diags, errorf(lb.MessageSize.Range().Ptr(), "Invalid message_size", "message_size is %d bytes; it must be at least 64 bytes, so that a message still says something.", n))
		} else {
			s.Limits.MessageSize = int(min(n, 1<<30))
		}
	}
	if n, ok := l.count(lb.InputItems, "input_items"); ok {
		s.Limits.InputItems = n
	}
	if n, ok := l.count(lb.Findings, "findings"); ok {
		s.Limits.Findings = n
	}
}

func (l *loader) duration(expr hcl.Expression, what string) (time.Duration, bool) {
	if expr == nil {
		return 0, false
	}
	t := l.str(expr, nil, what)
	if t == "" {
		return 0, false
	}
	d, err := time.ParseDuration(t)
	if err != nil || d <= 0 {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what, "%q is not a positive duration. Write it as Go does, for example \"10s\" or \"2m\".", t))
		return 0, false
	}
	return d, true
}

// count reads a whole number of 1 or more.
func (l *loader) count(expr hcl.Expression, what string) (int, bool) {
	v, ok := l.eval(expr, nil, cty.Number, what)
	if !ok {
		return 0, false
	}
	n, whole := wholeNumber(v)
	if !whole || n < 1 {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what, "%s must be a whole number of 1 or more.", what))
		return 0, false
	}
	return n, true
}

// size reads a byte size: a whole number of bytes, or a string such as
// "256MiB", "10MB", "4KiB" (KB, MB, GB are powers of 1000; KiB, MiB, GiB of 1024).
func (l *loader) size(expr hcl.Expression, what string) (int64, bool) {
	v, ok := l.eval(expr, nil, cty.DynamicPseudoType, what)
	if !ok || v.IsNull() {
		return 0, false
	}
	bad := func() (int64, bool) {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what, "%s must be a size of 1 byte or more: a number of bytes, or a string such as \"256MiB\", \"10MB\" or \"4KiB\".", what))
		return 0, false
	}
	switch v.Type() {
	case cty.Number:
		i, acc := v.AsBigFloat().Int64()
		if acc != big.Exact || i < 1 {
			return bad()
		}
		return i, true
	case cty.String:
		n, err := ParseSize(v.AsString())
		if err != nil {
			return bad()
		}
		return n, true
	}
	return bad()
}

// ParseSize reads "256MiB", "10MB", "4KiB", "512B" or "1024" as bytes.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > (1<<62)/mult {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	return n * mult, nil
}

// FormatSize writes a byte count the way limits are written: "256MiB", "4KiB", "1000B".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// truncateNote ends a message cut at limits.message_size.
const truncateNote = " … [truncated by socle: %d more bytes; limits { message_size } in the socle block]"

// truncateMessage cuts msg to at most max bytes, at a character boundary,
// and says how much was left out.
func truncateMessage(msg string, max int) string {
	if max <= 0 || len(msg) <= max {
		return msg
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + fmt.Sprintf(truncateNote, len(msg)-cut)
}

// LimitOutput returns doc as outputs show it: each finding and warning
// message cut at Limits.MessageSize, and at most Limits.Findings findings
// (and warnings) of a result kept in full, the rest counted in
// FindingsOmitted (WarningsOmitted). Statuses and the summary were decided on
// every finding and stay as they are. doc itself is not changed: the evidence
// store records every verdict.
func (r *Repo) LimitOutput(doc *result.Document) *result.Document {
	return LimitOutput(doc, r.Settings.Limits)
}

// LimitOutput is Repo.LimitOutput with the limits given.
func LimitOutput(doc *result.Document, lim Limits) *result.Document {
	if doc == nil {
		return nil
	}
	out := *doc
	out.Results = make([]*result.Result, len(doc.Results))
	for i, res := range doc.Results {
		c := *res
		c.Findings, c.FindingsOmitted = limitFindings(res.Findings, lim)
		c.Warnings, c.WarningsOmitted = limitFindings(res.Warnings, lim)
		out.Results[i] = &c
	}
	return &out
}

func limitFindings(in []result.Finding, lim Limits) ([]result.Finding, int) {
	if in == nil {
		return nil, 0
	}
	n := len(in)
	if lim.Findings > 0 && n > lim.Findings {
		n = lim.Findings
	}
	out := make([]result.Finding, n)
	for i := range out {
		out[i] = in[i]
		out[i].Message = truncateMessage(in[i].Message, lim.MessageSize)
	}
	return out, len(in) - n
}

// secretFields reads the socle block's secret_fields: field names redacted
// in every input document besides redact.DefaultFieldNames.
func (l *loader) secretFields(expr hcl.Expression, s *Settings) {
	v, ok := l.eval(expr, nil, cty.List(cty.String), "secret_fields")
	if !ok || v.IsNull() {
		return
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() || strings.TrimSpace(e.AsString()) == "" {
			l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid secret_fields", "secret_fields lists field names; an empty name would match nothing."))
			continue
		}
		s.SecretFields = append(s.SecretFields, e.AsString())
	}
}

// limitFS is the repository as one provider instance reads it, with
// limits { input_size }: it counts the bytes of every file the instance
// reads during one load and refuses a file that would take it past the limit,
// before reading it.
type limitFS struct {
	fsys  fs.FS
	limit int64
	dir   string // the repository as the user named it, for messages
	used  atomic.Int64
}

func (f *limitFS) reset() { f.used.Store(0) }

func (f *limitFS) tooLarge(name string, size int64) error {
	return &providers.SourceError{
		File:    name,
		Summary: "Input too large",
		Detail: fmt.Sprintf("the file (%s) takes this input past its size limit of %s, so socle did not read it; raise limits { input_size } in the socle block if the input is genuine, or check that the export is the one you meant",
			FormatSize(size), FormatSize(f.limit)),
	}
}

func (f *limitFS) charge(name string, size int64) error {
	if f.used.Add(size) > f.limit {
		return f.tooLarge(name, size)
	}
	return nil
}

func (f *limitFS) Open(name string) (fs.File, error) {
	file, err := f.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := file.Stat()
	if err == nil && !info.IsDir() {
		if err := f.charge(name, info.Size()); err != nil {
			file.Close()
			return nil, err
		}
	}
	return file, nil
}

func (f *limitFS) ReadFile(name string) ([]byte, error) {
	info, err := fs.Stat(f.fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		if err := f.charge(name, info.Size()); err != nil {
			return nil, err
		}
	}
	return fs.ReadFile(f.fsys, name)
}

func (f *limitFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }

func (f *limitFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// checkLimits applies limits { input_size, input_items } to a loaded
// document: bundle entries (whose bytes the bundle counts) and item counts.
func checkLimits(a fmt.Stringer, doc *providers.Document, size int64, lim Limits) error {
	if lim.InputSize > 0 && size > lim.InputSize {
		return fmt.Errorf("input %s is %s, past its size limit of %s; raise limits { input_size } in the socle block if the input is genuine", a, FormatSize(size), FormatSize(lim.InputSize))
	}
	if lim.InputItems > 0 && doc.Items > lim.InputItems {
		return fmt.Errorf("input %s holds %d items, past the limit of %d; raise limits { input_items } in the socle block if the input is genuine, or split it between provider blocks", a, doc.Items, lim.InputItems)
	}
	return nil
}
