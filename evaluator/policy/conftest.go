package policy

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// conftestRule matches the rules conftest reads: deny, violation and warn, and
// their variants with a name (deny_no_root).
var conftestRule = regexp.MustCompile(`^(deny|violation|warn)(_[A-Za-z0-9_]+)?$`)

// ConftestQuery is a prepared query for a conftest-style package: every deny*,
// violation* and warn* rule and the exception rule, as conftest evaluates them.
type ConftestQuery struct {
	pkg   string
	rules []string // the rule names the package defines, sorted
	pq    rego.PreparedEvalQuery
}

// PrepareConftest prepares the query for a conftest-style package.
func (s *Set) PrepareConftest(ctx context.Context, pkg string) (*ConftestQuery, error) {
	if !s.HasPackage(pkg) {
		return nil, fmt.Errorf("no Rego module defines package %s", pkg)
	}
	names := map[string]bool{}
	hasException := false
	for _, m := range s.packages[pkg].modules {
		if m.Package != pkg {
			continue
		}
		for _, r := range m.parsed.Rules {
			name := r.Head.Name.String()
			if len(r.Head.Reference) > 0 {
				name = r.Head.Reference[0].String()
			}
			switch {
			case name == "exception":
				hasException = true
			case conftestRule.MatchString(name):
				names[name] = true
			}
		}
	}
	q := &ConftestQuery{pkg: pkg}
	for n := range names {
		q.rules = append(q.rules, n)
	}
	sort.Strings(q.rules)
	ref := "data." + pkg
	var parts []string
	for _, n := range q.rules {
		parts = append(parts, fmt.Sprintf("%[1]s := [x | some x in %[2]s.%[1]s]", n, ref))
	}
	if hasException {
		parts = append(parts, fmt.Sprintf("exception := [x | some x in %s.exception]", ref))
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("package %s defines no deny, violation or warn rule, so a conftest-style control finds nothing", pkg)
	}
	pq, err := rego.New(rego.Compiler(s.compiler), rego.Store(inmem.New()), rego.Query(strings.Join(parts, "; "))).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("preparing the query for %s: %v", pkg, err)
	}
	q.pq = pq
	return q, nil
}

// ConftestOutcome is what a conftest-style package decided about one document:
// the messages of its failures (deny*, violation*) and warnings (warn*), and
// how many results exceptions removed.
type ConftestOutcome struct {
	Failures   []string
	Warnings   []string
	Exceptions int
}

// Eval evaluates one document within limit (0: no limit), applying
// exceptions as conftest does: an exception naming N removes the results of
// deny_N and violation_N.
func (q *ConftestQuery) Eval(ctx context.Context, doc Value, limit time.Duration) (*ConftestOutcome, error) {
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	v := doc.v
	if v == nil {
		v = ast.Null{}
	}
	rs, err := q.pq.Eval(ctx, rego.EvalParsedInput(v))
	if err != nil {
		if topdown.IsCancel(err) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (%s)", ErrTimeout, limit)
		}
		return nil, fmt.Errorf("%s: %v", q.pkg, err)
	}
	out := &ConftestOutcome{}
	if len(rs) == 0 {
		return out, nil
	}
	b := rs[0].Bindings
	excepted := map[string]bool{}
	for _, e := range asSlice(b["exception"]) {
		for _, name := range asSlice(e) {
			if s, ok := name.(string); ok {
				excepted[s] = true
			}
		}
	}
	for _, rule := range q.rules {
		kind, name, _ := strings.Cut(rule, "_")
		items := asSlice(b[rule])
		if kind != "warn" && name != "" && excepted[name] {
			out.Exceptions += len(items)
			continue
		}
		for _, it := range items {
			msg := conftestMessage(it)
			if kind == "warn" {
				out.Warnings = append(out.Warnings, msg)
			} else {
				out.Failures = append(out.Failures, msg)
			}
		}
	}
	sort.Strings(out.Failures)
	sort.Strings(out.Warnings)
	return out, nil
}

// conftestMessage reads a result as conftest does: a string, or an object
// whose "msg" is the message.
func conftestMessage(v any) string {
	if m, ok := v.(map[string]any); ok {
		if msg, ok := m["msg"].(string); ok {
			return msg
		}
	}
	return text(v)
}
