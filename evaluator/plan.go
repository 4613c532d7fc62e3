package evaluator

import (
	"path"

	"github.com/socle-dev/socle/evaluator/result"
)

// Item is one (control, target) pair of a plan, with the reason it is skipped
// when it is.
type Item struct {
	Control *Control
	Target  Target
	Skip    string // "" when the item is evaluated
}

// PlanOptions select what to evaluate.
type PlanOptions struct {
	// Controls are glob patterns (path.Match syntax) matched against each
	// control's label, its name without instance key, and its ref. Empty: all.
	Controls []string
	// Shard, when set, keeps only the (control, target) pairs the shard
	// holds (result.ShardOf); the others are skipped, naming their shard.
	Shard *result.Shard
}

// Plan lists every control instance × target, in result order, and says why any
// is skipped.
func (r *Repo) Plan(opts PlanOptions) []Item {
	var items []Item
	for _, c := range r.Controls {
		skip := ""
		switch {
		case !selected(c, opts.Controls):
			skip = "not selected by --control"
		}
		for _, t := range c.Targets {
			it := Item{Control: c, Target: t, Skip: skip}
			if sh := opts.Shard; skip == "" && sh != nil && !sh.Holds(c.Label, t.Name) {
				it.Skip = "in shard " + result.Shard{Index: result.ShardOf(c.Label, t.Name, sh.Count), Count: sh.Count}.String() + ", not " + sh.String()
			}
			items = append(items, it)
		}
	}
	return items
}

func selected(c *Control, patterns []string) bool {
	if len(patterns) == 0 {
		return true
	}
	for _, p := range patterns {
		for _, s := range []string{c.Label, c.Addr.Name, c.Ref} {
			if s == "" {
				continue
			}
			if ok, _ := path.Match(p, s); ok {
				return true
			}
		}
	}
	return false
}

// ValidatePatterns reports a malformed --control pattern.
func ValidatePatterns(patterns []string) error {
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil {
			return &patternError{pattern: p}
		}
	}
	return nil
}

type patternError struct{ pattern string }

func (e *patternError) Error() string {
	return "invalid --control pattern " + e.pattern + ": use a name, a ref, or a glob such as 'iam_*'"
}

// UnmatchedPatterns returns the --control patterns that select no control: a
// typo there would otherwise evaluate nothing and exit 0.
func (r *Repo) UnmatchedPatterns(patterns []string) []string {
	var out []string
	for _, p := range patterns {
		matched := false
		for _, c := range r.Controls {
			if selected(c, []string{p}) {
				matched = true
				break
			}
		}
		if !matched {
			out = append(out, p)
		}
	}
	return out
}
