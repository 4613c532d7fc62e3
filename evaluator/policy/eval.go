package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// Query is a prepared query for one policy package. It is safe to use from
// several goroutines at once.
type Query struct {
	pkg string
	pq  rego.PreparedEvalQuery
}

// Prepare builds the query that returns the package's whole decision: its
// resources, deny and warn sets (each empty when the package does not define
// it).
func (s *Set) Prepare(ctx context.Context, pkg string) (*Query, error) {
	if !s.HasPackage(pkg) {
		return nil, fmt.Errorf("no Rego module defines package %s", pkg)
	}
	ref := "data." + pkg
	parts := make([]string, 0, 3)
	for _, name := range []string{"resources", "deny", "warn"} {
		parts = append(parts, fmt.Sprintf("%s := %s", name, s.setOf(ref+"."+name)))
	}
	q := strings.Join(parts, "; ")
	pq, err := rego.New(
		rego.Compiler(s.compiler),
		rego.Store(inmem.New()),
		rego.Query(q),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("preparing the query for %s: %v", pkg, err)
	}
	return &Query{pkg: pkg, pq: pq}, nil
}

// setOf is the query term for the set of what the rule at ref holds: the rule
// itself when it is a partial set rule (a set, defined even when empty: no
// copy of a population of 100,000 ids), a set comprehension over its values
// otherwise (a complete rule holding an array, say, or no rule at all).
func (s *Set) setOf(ref string) string {
	rules := s.compiler.GetRulesExact(ast.MustParseRef(ref))
	if len(rules) > 0 {
		multi := true
		for _, r := range rules {
			multi = multi && r.Head.RuleKind() == ast.MultiValue && len(r.Head.Ref()) == len(rules[0].Head.Ref())
		}
		if multi {
			return ref
		}
	}
	return fmt.Sprintf("{x | some x in %s}", ref)
}

// Finding is one deny or warn: a resource id ("" when the finding is about the
// target as a whole) and a message.
type Finding struct {
	Resource string
	Message  string
}

// Decision is what a package decided about one input.
type Decision struct {
	Resources []string // the population the policy declared, sorted, unique
	Deny      []Finding
	Warn      []Finding
}

// ErrTimeout is returned (wrapped) when an evaluation exceeds its time limit.
var ErrTimeout = errors.New("policy evaluation exceeded its time limit")

// Eval evaluates the package against input within limit (0: no limit).
func (q *Query) Eval(ctx context.Context, input Input, limit time.Duration) (*Decision, error) {
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	rs, err := q.pq.Eval(ctx, rego.EvalParsedInput(input.v))
	if err != nil {
		if topdown.IsCancel(err) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (%s)", ErrTimeout, limit)
		}
		return nil, fmt.Errorf("%s: %v", q.pkg, err)
	}
	if len(rs) == 0 {
		return &Decision{}, nil
	}
	b := rs[0].Bindings
	d := &Decision{}
	ids := map[string]bool{}
	for _, r := range asSlice(b["resources"]) {
		ids[resourceID(r)] = true
	}
	delete(ids, "")
	d.Resources = make([]string, 0, len(ids))
	for id := range ids {
		d.Resources = append(d.Resources, id)
	}
	sort.Strings(d.Resources)
	d.Deny = findings(asSlice(b["deny"]))
	d.Warn = findings(asSlice(b["warn"]))
	return d, nil
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// findings reads deny/warn items: {"resource": id, "message": "…"} (conftest's
// "msg" is accepted for "message"), or a bare string message about the target.
// Sorted by resource then message.
func findings(items []any) []Finding {
	out := make([]Finding, 0, len(items))
	for _, it := range items {
		switch x := it.(type) {
		case string:
			out = append(out, Finding{Message: x})
		case map[string]any:
			f := Finding{Resource: resourceID(x["resource"])}
			switch {
			case x["message"] != nil:
				f.Message = text(x["message"])
			case x["msg"] != nil:
				f.Message = text(x["msg"])
			}
			out = append(out, f)
		default:
			out = append(out, Finding{Message: text(x)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Resource != out[j].Resource {
			return out[i].Resource < out[j].Resource
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// resourceID reads a resource: an id string, or an object with "id".
func resourceID(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case map[string]any:
		return resourceID(x["id"])
	}
	return text(v)
}

func text(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
