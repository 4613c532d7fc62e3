package github

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// perRepoDirs are the snapshot directories that hold one file per
// repository, named after it.
var perRepoDirs = []string{"repos", "branch_protection", "rulesets"}

const layout = "org.json, members.json, teams.json, repos/<repo>.json, branch_protection/<repo>.json and rulesets/<repo>.json"

// Load reads the snapshot directory and builds the document described in
// the package documentation.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	if in.snapshot == "" {
		return nil, fmt.Errorf("github provider: this block has no snapshot to load; it collects from the API (socle collect), or set snapshot to a directory exported as %s", layout)
	}
	st, err := fs.Stat(in.env.FS, in.snapshot)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("github provider: the snapshot %q does not exist in the policy repository", in.snapshot)
	case err != nil:
		return nil, fmt.Errorf("github provider: reading %q: %v", in.snapshot, err)
	case !st.IsDir():
		return nil, fmt.Errorf("github provider: the snapshot %q is a file; it must be a directory holding %s", in.snapshot, layout)
	}

	s := newSnapshot()
	var sources []string
	err = fs.WalkDir(in.env.FS, in.snapshot, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel := in.relative(name)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			// Hidden directories (.git) are skipped, as everywhere.
			if strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		read, warning := in.classify(s, name, rel, d)
		if warning != nil {
			s.warnings = append(s.warnings, warning)
			return nil
		}
		if read == nil {
			return nil
		}
		if err := read(); err != nil {
			return err
		}
		sources = append(sources, name)
		return nil
	})
	if err != nil {
		var se *providers.SourceError
		if errors.As(err, &se) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		return nil, fmt.Errorf("github provider: reading the snapshot %q: %w", in.snapshot, err)
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("github provider: the snapshot %q holds no GitHub API response; a snapshot directory holds %s", in.snapshot, layout)
	}
	doc, err := s.document()
	if err != nil {
		return nil, err
	}
	slices.Sort(sources)
	doc.Sources = sources
	doc.Params = map[string]string{"snapshot": in.snapshot}
	return doc, nil
}

// relative returns the path of name inside the snapshot directory.
func (in *instance) relative(name string) string {
	if in.snapshot == "." {
		return name
	}
	if name == in.snapshot {
		return "."
	}
	return strings.TrimPrefix(name, in.snapshot+"/")
}

// classify decides what a file of the snapshot is. It returns the function
// that reads it into s, or a warning for a file that is not part of the
// layout, or neither for a hidden file (skipped, as everywhere).
func (in *instance) classify(s *snapshot, name, rel string, d fs.DirEntry) (func() error, *providers.SourceError) {
	dir, base := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	if !d.Type().IsRegular() {
		return nil, &providers.SourceError{File: name, Summary: "Not a regular file", Detail: "the entry was skipped: a snapshot holds regular files, not links or devices"}
	}
	switch {
	case dir == "" && (base == "org.json" || base == "members.json" || base == "teams.json"):
		return func() error {
			p, err := in.read(name, rel, base != "org.json")
			if err != nil {
				return err
			}
			switch base {
			case "org.json":
				s.org = p
			case "members.json":
				s.members = p
			default:
				s.teams = p
			}
			return nil
		}, nil
	case isPerRepoDir(dir) && strings.HasSuffix(base, ".json") && base != ".json":
		// A repository's name may start with a dot: ".github" is the
		// organization's profile repository.
		repo := strings.TrimSuffix(base, ".json")
		return func() error {
			p, err := in.read(name, rel, dir == "rulesets")
			if err != nil {
				return err
			}
			r := s.repo(repo)
			switch dir {
			case "repos":
				r.repo = p
			case "branch_protection":
				r.protection = p
			default:
				r.rulesets = p
			}
			return nil
		}, nil
	case strings.HasPrefix(base, "."):
		return nil, nil
	}
	return nil, &providers.SourceError{
		File:    name,
		Summary: "Unknown file",
		Detail:  "the file was skipped: a GitHub snapshot directory holds " + layout,
	}
}

func isPerRepoDir(dir string) bool {
	for _, d := range perRepoDirs {
		if dir == d {
			return true
		}
	}
	return false
}

// read reads and decodes one file of the snapshot.
func (in *instance) read(name, rel string, isList bool) (*part, error) {
	data, err := fs.ReadFile(in.env.FS, name)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	data, err = providers.TrimBOM(name, data)
	if err != nil {
		return nil, err
	}
	loc := &fileLocator{file: name, data: data}
	var v any
	if isList {
		v, loc.form, err = decodeList(name, data)
		loc.list = true
	} else {
		v, err = providers.DecodeJSON(name, data)
	}
	if err != nil {
		return nil, err
	}
	return &part{file: rel, shown: name, content: v, where: loc}, nil
}

// fileLocator positions problems in a snapshot file.
type fileLocator struct {
	file string // repository-relative
	data []byte // without a byte order mark
	list bool   // a list file, decoded by decodeList as form
	form listForm
}

func (l *fileLocator) errorf(at []any, summary, detail, export string) error {
	e := &providers.SourceError{File: l.file, Summary: summary, Detail: detail}
	if export != "" {
		e.Detail += "; export it with: " + export
	}
	offset := -1
	switch {
	case len(at) == 0:
		offset = skipSpace(l.data, 0)
	case l.list:
		if i, ok := at[0].(int); ok {
			if offsets := elementOffsets(l.data, l.form); i < len(offsets) {
				offset = offsets[i]
			}
		}
	default:
		if key, ok := at[0].(string); ok {
			offset = keyOffset(l.data, key)
		}
	}
	if offset >= 0 {
		e.Line, e.Column = providers.LineColumn(l.data, offset)
	}
	return e
}
