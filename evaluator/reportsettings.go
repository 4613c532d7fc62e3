package evaluator

import (
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/lang"
	"github.com/zclconf/go-cty/cty"
)

// ReportHeadingKeys are the headings of socle report's tables that the socle
// block's report { headings = { … } } may reword (firms word them
// differently): the objective line, and the Section 4 columns.
var ReportHeadingKeys = []string{"objective", "ref", "activity", "test", "result"}

// TestProcedureFields are the {fields} a control's test_procedure may use;
// socle report fills them in (evaluator/report documents each).
var TestProcedureFields = []string{"occurrences", "records", "period", "targets", "policy", "frequency", "evidence", "reperformance"}

var procedureField = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// reportSettings reads the socle block's report block.
func (l *loader) reportSettings(b *config.Report, s *Settings) {
	if b == nil || b.Headings == nil {
		return
	}
	v, ok := l.eval(b.Headings, nil, cty.Map(cty.String), "headings")
	if !ok {
		return
	}
	s.ReportHeadings = map[string]string{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		key := k.AsString()
		rng := keyRange(b.Headings, key)
		switch {
		case !slices.Contains(ReportHeadingKeys, key):
			l.diags = append(l.diags, errorf(rng, "Invalid headings", "%q is not a heading of the report. Use: %s.%s", key, strings.Join(ReportHeadingKeys, ", "), addrs.Suggest(key, ReportHeadingKeys)))
		case e.IsNull() || strings.TrimSpace(e.AsString()) == "":
			l.diags = append(l.diags, errorf(rng, "Invalid headings", "the heading %s must not be empty; leave it out to keep socle's.", key))
		default:
			s.ReportHeadings[key] = e.AsString()
		}
	}
}

// testProcedure reads a control's test_procedure and checks its {fields}.
func (l *loader) testProcedure(expr hcl.Expression, inst *lang.Instance) string {
	if expr == nil {
		return ""
	}
	s := l.str(expr, inst, "test_procedure")
	for _, m := range procedureField.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(TestProcedureFields, m[1]) {
			l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid test_procedure", "{%s} is not a field of the test procedure. Use: {%s}.%s", m[1], strings.Join(TestProcedureFields, "}, {"), addrs.Suggest(m[1], TestProcedureFields)))
		}
	}
	return s
}

// keyRange is the range of the item named key in a map written as an object
// constructor ({ key = value }), else the whole expression's.
func keyRange(expr hcl.Expression, key string) *hcl.Range {
	items, diags := hcl.ExprMap(expr)
	if !diags.HasErrors() {
		for _, kv := range items {
			if k, d := kv.Key.Value(nil); !d.HasErrors() && k.Type() == cty.String && k.IsKnown() && !k.IsNull() && k.AsString() == key {
				return kv.Key.Range().Ptr()
			}
		}
	}
	return expr.Range().Ptr()
}
