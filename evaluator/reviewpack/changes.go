package reviewpack

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
)

// Changes are what changed in the policy repository between a git revision
// and the working tree: controls, objectives and waivers compared by label,
// policies by package, and the commits in between.
type Changes struct {
	Since      string // as given
	Commit     string // the revision's commit
	Objectives []Change
	Controls   []Change
	Waivers    []Change
	Policies   []Change
	Commits    []Commit
	// Uncommitted lists the repository's files that differ from HEAD.
	Uncommitted []string
	// PolicyDiff is git's diff of the policy directory since the revision.
	PolicyDiff string
}

// Change is one block (or package) added, removed or changed.
type Change struct {
	Kind   string // added, removed, changed
	Label  string
	Ref    string
	Fields []FieldChange // for changed
}

// FieldChange is one attribute that changed.
type FieldChange struct {
	Field, Before, After string
}

// Commit is a commit that touched the repository.
type Commit struct {
	Hash, Author, Date, Subject string
}

// GitError is a git failure the user can fix (not a repository, an unknown
// revision).
type GitError struct{ Msg string }

func (e *GitError) Error() string { return e.Msg }

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, &GitError{fmt.Sprintf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))}
		}
		return nil, &GitError{fmt.Sprintf("git is needed for --since: %v", err)}
	}
	return stdout.Bytes(), nil
}

// changesSince loads the repository as it was at rev (git archive of its
// directory) and compares it with the working tree's.
func changesSince(ctx context.Context, repo *evaluator.Repo, rev string) (*Changes, error) {
	dir := repo.Dir
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, &GitError{fmt.Sprintf("--since needs the policy repository %s to be in a git repository: %v", dir, err)}
	}
	prefix, err := git(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(string(top))
	sub := strings.TrimSuffix(strings.TrimSpace(string(prefix)), "/")
	commit, err := git(ctx, root, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return nil, &GitError{fmt.Sprintf("--since %s: no such revision in %s", rev, root)}
	}
	ch := &Changes{Since: rev, Commit: strings.TrimSpace(string(commit))}
	tmp, err := os.MkdirTemp("", "socle-since-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	archive, err := git(ctx, root, "archive", "--format=tar", ch.Commit+":"+sub)
	if err != nil {
		return nil, &GitError{fmt.Sprintf("--since %s: the policy repository did not exist at that revision (%v)", rev, err)}
	}
	if err := untar(archive, tmp); err != nil {
		return nil, err
	}
	old, diags := evaluator.Load(evaluator.Options{Dir: tmp})
	if diags.HasErrors() {
		return nil, fmt.Errorf("--since %s: the policy repository at that revision does not load, so it cannot be compared: %s", rev, strings.ReplaceAll(diags.Error(), tmp+string(filepath.Separator), ""))
	}
	ch.Objectives = compare(objectiveFields(old), objectiveFields(repo))
	ch.Controls = compare(controlFields(old), controlFields(repo))
	ch.Waivers = compare(waiverFields(old), waiverFields(repo))
	ch.Policies = compare(policyFields(old), policyFields(repo))

	pathspec := sub
	if pathspec == "" {
		pathspec = "."
	}
	logOut, err := git(ctx, root, "log", "--format=%H%x09%an%x09%aI%x09%s", ch.Commit+"..HEAD", "--", pathspec)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(logOut)), "\n") {
		if f := strings.SplitN(line, "\t", 4); len(f) == 4 {
			ch.Commits = append(ch.Commits, Commit{Hash: f[0], Author: f[1], Date: f[2], Subject: f[3]})
		}
	}
	status, err := git(ctx, root, "status", "--porcelain", "--untracked-files=all", "--", pathspec)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(strings.TrimRight(string(status), "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			ch.Uncommitted = append(ch.Uncommitted, strings.TrimSpace(line))
		}
	}
	policies := path.Join(sub, repo.Settings.PoliciesDir)
	diff, err := git(ctx, root, "diff", "--no-color", "--no-ext-diff", ch.Commit, "--", policies)
	if err != nil {
		return nil, err
	}
	ch.PolicyDiff = string(diff)
	return ch, nil
}

// untar extracts a git archive: regular files and directories only, every
// name inside dst.
func untar(b []byte, dst string) error {
	tr := tar.NewReader(bytes.NewReader(b))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading git archive: %v", err)
		}
		name := path.Clean(h.Name)
		if name == "." || strings.HasPrefix(name, "../") || path.IsAbs(name) {
			continue
		}
		p := filepath.Join(dst, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			data, err := io.ReadAll(tr)
			if err != nil {
				return err
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return err
			}
		}
	}
}

// fields is a block's attributes, by label: ref first.
type fields map[string][][2]string

func compare(before, after fields) []Change {
	var out []Change
	labels := map[string]bool{}
	for l := range before {
		labels[l] = true
	}
	for l := range after {
		labels[l] = true
	}
	for _, l := range slices.Sorted(maps.Keys(labels)) {
		b, inB := before[l]
		a, inA := after[l]
		switch {
		case !inB:
			out = append(out, Change{Kind: "added", Label: l, Ref: a[0][1]})
		case !inA:
			out = append(out, Change{Kind: "removed", Label: l, Ref: b[0][1]})
		default:
			c := Change{Kind: "changed", Label: l, Ref: a[0][1]}
			for i := range a {
				if i < len(b) && a[i][1] != b[i][1] {
					c.Fields = append(c.Fields, FieldChange{Field: a[i][0], Before: b[i][1], After: a[i][1]})
				}
			}
			if len(c.Fields) > 0 {
				out = append(out, c)
			}
		}
	}
	return out
}

func objectiveFields(r *evaluator.Repo) fields {
	out := fields{}
	for l, o := range r.Objectives {
		out[l] = [][2]string{{"ref", o.Ref}, {"title", o.Title}, {"description", o.Description}, {"coso", fmt.Sprint(o.COSO)},
			{"mappings", mappingsText(o.Mappings)}}
	}
	return out
}

func controlFields(r *evaluator.Repo) fields {
	out := fields{}
	for _, c := range r.Controls {
		obj := ""
		if c.Objective != nil {
			obj = "objective." + c.Objective.Label
		}
		var targets, tags, files []string
		for _, t := range c.Targets {
			targets = append(targets, t.Name)
		}
		for _, k := range slices.Sorted(maps.Keys(c.Tags)) {
			tags = append(tags, k+"="+c.Tags[k])
		}
		for _, e := range c.Evidence {
			files = append(files, e.File+"@"+e.Date.Format("2006-01-02"))
		}
		out[c.Label] = [][2]string{{"ref", c.Ref}, {"objective", obj}, {"title", c.Title}, {"description", c.Description},
			{"remediation", c.Remediation}, {"policy", c.Policy}, {"policy_style", c.PolicyStyle}, {"targets", strings.Join(targets, ", ")},
			{"frequency", c.Frequency}, {"automated", fmt.Sprint(c.Automated)}, {"key", fmt.Sprint(c.Key)}, {"severity", c.Severity},
			{"owner", c.Owner}, {"tags", strings.Join(tags, ", ")}, {"test_procedure", c.TestProcedure}, {"evidence", strings.Join(files, ", ")},
			{"mappings", mappingsText(c.Mappings)}}
	}
	return out
}

// mappingsText writes mappings as "iso27001: A.8.5; soc2: CC6.1, CC6.2".
func mappingsText(m map[string][]string) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(m)) {
		if len(m[name]) > 0 {
			parts = append(parts, name+": "+strings.Join(m[name], ", "))
		}
	}
	return strings.Join(parts, "; ")
}

func waiverFields(r *evaluator.Repo) fields {
	out := fields{}
	for _, w := range r.Waivers {
		res := "(every finding)"
		if w.Resources != nil {
			res = strings.Join(w.Resources, ", ")
		}
		out[w.Label] = [][2]string{{"ticket", w.Ticket}, {"control", controlAddr(w.Control)}, {"resources", res}, {"reason", w.Reason},
			{"approved_by", w.ApprovedBy}, {"expires", w.ExpiresRaw}}
	}
	return out
}

func controlAddr(c addrs.Control) string { return c.String() }

// policyFields are the policy packages: the hash of the modules each uses,
// and the files.
func policyFields(r *evaluator.Repo) fields {
	out := fields{}
	for _, pkg := range r.Policies.Packages() {
		var files []string
		for _, m := range r.Policies.PackageModules(pkg) {
			files = append(files, m.Path)
		}
		out[pkg] = [][2]string{{"sha256", r.Policies.PackageSHA256(pkg)}, {"modules", strings.Join(files, ", ")}}
	}
	return out
}
