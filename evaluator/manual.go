package evaluator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/lang"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/zclconf/go-cty/cty"
)

// EvidenceDir is the repository directory under which a manual control's
// evidence files are found by convention: evidence/CONTROL/YYYY-MM-DD-….
const EvidenceDir = "evidence"

// ManualTarget is the target name of a manual control's result.
const ManualTarget = "evidence"

// Evidence is one evidence file of a manual control, declared in an evidence
// block or found under evidence/CONTROL/.
type Evidence struct {
	File        string // repository-relative, slash-separated
	Date        time.Time
	Description string
	SHA256      string // declared digest, "" when not pinned
	DeclRange   *hcl.Range
}

var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// evidence reads a manual control's evidence blocks.
func (l *loader) evidence(c *config.Control, inst *lang.Instance) []Evidence {
	var out []Evidence
	for _, e := range c.Evidence {
		ev := Evidence{DeclRange: e.DeclRange.Ptr()}
		if v, ok := l.eval(e.File, inst, cty.String, "file"); ok {
			p := v.AsString()
			if !fs.ValidPath(p) || p == "." {
				l.diags = append(l.diags, errorf(e.File.Range().Ptr(), "Invalid evidence file",
					"%q is not a path inside the policy repository: write it relative to the repository, with / separators and no \"..\".", p))
				continue
			}
			ev.File = p
		} else {
			continue
		}
		if v, ok := l.eval(e.Date, inst, cty.String, "date"); ok {
			d, err := time.Parse(time.DateOnly, v.AsString())
			if err != nil {
				l.diags = append(l.diags, errorf(e.Date.Range().Ptr(), "Invalid evidence date", "%q is not a date: write YYYY-MM-DD, the day the control was performed.", v.AsString()))
				continue
			}
			ev.Date = d
		} else {
			continue
		}
		ev.Description = l.str(e.Description, inst, "description")
		if e.SHA256 != nil {
			s := strings.ToLower(l.str(e.SHA256, inst, "sha256"))
			if !sha256Pattern.MatchString(s) {
				l.diags = append(l.diags, errorf(e.SHA256.Range().Ptr(), "Invalid sha256", "sha256 is the file's SHA-256 digest, 64 hexadecimal digits (sha256sum FILE prints it)."))
				continue
			}
			ev.SHA256 = s
		}
		out = append(out, ev)
	}
	return out
}

var datedName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)

// discoverEvidence lists evidence/CONTROL/ (recursively): every file whose
// name starts with a date (2026-09-30-access-review.pdf) is evidence of that
// date. Files without a date prefix are reported by the caller.
func (r *Repo) discoverEvidence(name string) (found []Evidence, undated []string) {
	root := path.Join(EvidenceDir, name)
	_ = fs.WalkDir(r.FS, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		m := datedName.FindStringSubmatch(d.Name())
		if m == nil {
			undated = append(undated, p)
			return nil
		}
		day, err := time.Parse(time.DateOnly, m[1])
		if err != nil {
			undated = append(undated, p)
			return nil
		}
		found = append(found, Evidence{File: p, Date: day, Description: d.Name()})
		return nil
	})
	return found, undated
}

// EvidenceFiles are a manual control's evidence files, oldest first: those
// its evidence blocks declare and those found under evidence/CONTROL/ (see
// discoverEvidence); undated lists the files found there whose names carry
// no date.
func (r *Repo) EvidenceFiles(c *Control) (files []Evidence, undated []string) {
	files = append([]Evidence{}, c.Evidence...)
	declared := map[string]bool{}
	for _, e := range files {
		declared[e.File] = true
	}
	found, undated := r.discoverEvidence(c.Addr.Name)
	for _, e := range found {
		if !declared[e.File] {
			files = append(files, e)
		}
	}
	sort.SliceStable(files, func(i, j int) bool {
		if !files[i].Date.Equal(files[j].Date) {
			return files[i].Date.Before(files[j].Date)
		}
		return files[i].File < files[j].File
	})
	return files, undated
}

// evaluateManual judges a manual control from its evidence files: pass when a
// file dated inside the control's current occurrence (the day, week, month,
// quarter or year holding --as-of, up to as-of) exists, with its SHA-256
// recorded; not_tested when there is none; error when a declared file is
// missing or no longer has its declared digest.
func (r *Repo) evaluateManual(c *Control, res *result.Result, asOf time.Time, fail func(error) *result.Result) *result.Result {
	all, undated := r.EvidenceFiles(c)
	for _, p := range undated {
		res.Warnings = append(res.Warnings, result.Finding{Resource: p,
			Message: fmt.Sprintf("%s is under %s/%s/ but its name does not start with a date (YYYY-MM-DD-…), so it is not counted as evidence", p, EvidenceDir, c.Addr.Name)})
	}
	read := func(e Evidence) ([]byte, error) {
		b, err := fs.ReadFile(r.FS, e.File)
		if err != nil {
			where := ""
			if e.DeclRange != nil {
				where = fmt.Sprintf(" (declared at %s)", e.DeclRange)
			}
			return nil, fmt.Errorf("evidence file %s%s cannot be read: %v; add the file, or correct the evidence block", e.File, where, unwrapPathError(err))
		}
		return b, nil
	}
	return judgeManual(res, c.Addr.Name, c.Frequency, asOf, all, read, fail)
}

// judgeManual completes a manual control's result from its candidate
// evidence files: those dated inside the occurrence of the frequency that
// holds asOf (up to asOf) are read, checked against a declared digest, and
// recorded with theirs; pass when there is one, not_tested when none.
// Evaluation reads the files from the repository; reperformance reads the
// bytes the evidence store kept.
func judgeManual(res *result.Result, name, frequency string, asOf time.Time, candidates []Evidence, read func(Evidence) ([]byte, error), fail func(error) *result.Result) *result.Result {
	res.Policy = result.Policy{}
	res.Inputs = []result.Input{}
	start, occEnd, label, _ := period.OccurrenceOf(frequency, asOf)
	end := occEnd
	if day := asOf.UTC().Truncate(24*time.Hour).AddDate(0, 0, 1); day.Before(end) {
		end = day // evidence dated after as-of does not count yet
	}
	res.Evidence = []result.EvidenceFile{}
	for _, e := range candidates {
		if e.Date.Before(start) || !e.Date.Before(end) {
			continue
		}
		b, err := read(e)
		if err != nil {
			return fail(err)
		}
		sum := sha256.Sum256(b)
		digest := hex.EncodeToString(sum[:])
		if e.SHA256 != "" && e.SHA256 != digest {
			return fail(fmt.Errorf("evidence file %s has changed since it was recorded: its sha256 is %s, the evidence block declares %s; evidence must not be edited after the fact — restore the file, or declare a new evidence block", e.File, digest, e.SHA256))
		}
		res.Evidence = append(res.Evidence, result.EvidenceFile{File: e.File, Date: e.Date.Format(time.DateOnly), Description: e.Description, SHA256: digest})
		res.Resources = append(res.Resources, e.File)
		res.InputSHA256[e.File] = digest
	}
	n := len(res.Evidence)
	res.Population = &n
	if n == 0 {
		res.Status = result.StatusNotTested
		res.Reason = fmt.Sprintf("no evidence: no file dated within the current %s occurrence %s", frequency, label)
		res.Warnings = append(res.Warnings, result.Finding{Message: fmt.Sprintf(
			"no evidence dated within the current %s occurrence %s (%s to %s) up to %s: add the file as %s/%s/YYYY-MM-DD-NAME, or declare it in an evidence block",
			frequency, label, start.Format(time.DateOnly), occEnd.AddDate(0, 0, -1).Format(time.DateOnly), asOf.UTC().Format(time.DateOnly), EvidenceDir, name)})
		return res
	}
	res.Status = result.StatusPass
	return res
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
