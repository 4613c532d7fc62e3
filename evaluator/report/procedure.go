package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/socle-dev/socle/evaluator"
)

// The test procedures socle derives, per report type and control kind. Each
// is a template whose {fields} are those a control's test_procedure may use
// (evaluator.TestProcedureFields):
//
//	{occurrences}   the occurrences expected in the period: "90 days", "13 weeks"
//	{records}       the records (or evidence files) examined: "88 records"
//	{period}        "the period 2026-01-01 to 2026-03-31", or "2026-03-31" (Type I)
//	{targets}       the targets: "file.idp and file.idp_eu"
//	{policy}        the Rego package
//	{frequency}     the control's frequency: "daily"
//	{evidence}      a manual control's evidence files: "1 evidence file"
//	{reperformance} what was reperformed and the outcome, a clause
var procedures = map[string]map[string]string{
	TypeII: {
		KindAutomated: "Inspected the automated evaluation of {policy} against {targets} for each of the {occurrences} of {period} ({records}, each tied to its stored input and policy by SHA-256); {reperformance}.",
		KindConftest:  "Inspected the automated evaluation of the conftest policy {policy} over each file of {targets} for each of the {occurrences} of {period} ({records}, each tied to its stored input and policy by SHA-256); {reperformance}.",
		KindManual:    "Inspected the evidence of the manual control for each of the {occurrences} of {period} ({evidence}, each dated and identified by its SHA-256).",
	},
	TypeI: {
		KindAutomated: "Inspected the design of the control: the automated evaluation of {policy} against {targets}, its latest up to {period} ({records}); {reperformance}.",
		KindConftest:  "Inspected the design of the control: the automated evaluation of the conftest policy {policy} over each file of {targets}, its latest up to {period} ({records}); {reperformance}.",
		KindManual:    "Inspected the design of the manual control: its latest evidence up to {period} ({evidence}).",
	},
}

var fieldPattern = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// procedures writes every row's test procedure.
func (b *builder) procedures() {
	b.rows(func(_ *Section, r *Row) {
		typ := TypeII
		if b.typeI {
			typ = TypeI
		}
		tmpl := procedures[typ][r.Kind]
		if m := b.controls[r.Label]; m != nil && m.procedure != "" {
			tmpl = m.procedure
		}
		var differed []string
		for _, rp := range b.rep.Reperformance {
			if rp.Control == r.Label && rp.Outcome == OutcomeDifferent {
				differed = append(differed, rp.RecordID)
			}
		}
		if len(differed) > 0 {
			r.Exceptions = true
			if r.Result == "No exceptions noted." {
				r.Result = "Exceptions noted:"
			}
			r.Result += fmt.Sprintf(" Reperformance from the stored inputs differed from the stored %s (%s).", pluralWord(len(differed), "record", "records"), strings.Join(differed, ", "))
		}
		fields := b.fields(r)
		r.TestProcedure = fieldPattern.ReplaceAllStringFunc(tmpl, func(s string) string {
			if v, ok := fields[s[1:len(s)-1]]; ok {
				return v
			}
			return s
		})
		r.TestProcedure = strings.ReplaceAll(r.TestProcedure, "for each of the 1 ", "for the 1 ")
	})
}

// fields are the values of a row's procedure fields.
func (b *builder) fields(r *Row) map[string]string {
	var targets []string
	expected, unit := 0, ""
	for _, t := range r.Targets {
		targets = append(targets, t.Target)
		expected = max(expected, t.Expected)
		unit = t.Occurrence
	}
	records := plural(r.Records, "record", "records")
	if len(r.Targets) > 1 {
		records += fmt.Sprintf(" over %d targets", len(r.Targets))
	}
	f := map[string]string{
		"occurrences": plural(expected, unit, unit+"s"),
		"records":     records,
		"period":      fmt.Sprintf("the period %s to %s", b.p.From.Format("2006-01-02"), b.p.To.Format("2006-01-02")),
		"targets":     conjoin(targets),
		"policy":      r.Policy,
		"frequency":   r.Frequency,
		"evidence":    plural(len(b.files[r.Label]), "evidence file", "evidence files"),
	}
	if b.typeI {
		f["period"] = b.p.To.Format("2006-01-02")
		f["occurrences"] = "1 date"
	}
	if r.Kind == KindManual && len(b.files[r.Label]) == 0 {
		f["evidence"] = f["records"]
	}
	f["reperformance"] = b.reperformanceClause(r)
	return f
}

// reperformanceClause says what was reperformed for a row and the outcome.
func (b *builder) reperformanceClause(r *Row) string {
	if b.o.NoReperform {
		return "no record was reperformed (--no-reperform)"
	}
	var mine []Reperformance
	for _, rp := range b.rep.Reperformance {
		if rp.Control == r.Label {
			mine = append(mine, rp)
		}
	}
	if len(mine) == 0 {
		if r.Kind == KindManual {
			return "a manual control's evidence is not reperformed"
		}
		return "no record could be reperformed (none operated)"
	}
	var samples []string
	latest := 0
	var different, failed []string
	for _, rp := range mine {
		switch {
		case strings.HasPrefix(rp.Reason, "sample "):
			if id := strings.TrimPrefix(rp.Reason, "sample "); !slices.Contains(samples, id) {
				samples = append(samples, id)
			}
		default:
			latest++
		}
		switch rp.Outcome {
		case OutcomeDifferent:
			different = append(different, rp.RecordID)
		case OutcomeFailed:
			failed = append(failed, rp.RecordID)
		}
	}
	var what []string
	if len(samples) > 0 {
		what = append(what, fmt.Sprintf("the %s of %s %s", plural(len(mine)-latest, "record", "records"), pluralWord(len(samples), "sample", "samples"), strings.Join(samples, ", ")))
	}
	if latest > 0 {
		what = append(what, fmt.Sprintf("the latest %s", pluralWord(latest, "record", "records")))
	}
	s := "reperformed " + conjoin(what) + " from the stored inputs and policy modules: "
	switch {
	case len(different) == 0 && len(failed) == 0:
		s += "identical"
	default:
		var parts []string
		if len(different) > 0 {
			parts = append(parts, fmt.Sprintf("%s differed (%s)", plural(len(different), "record", "records"), strings.Join(different, ", ")))
		}
		if len(failed) > 0 {
			parts = append(parts, fmt.Sprintf("%s could not be reperformed (%s)", plural(len(failed), "record", "records"), strings.Join(failed, ", ")))
		}
		s += strings.Join(parts, " and ")
	}
	return s
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// conjoin lists items: "a", "a and b", "a, b and c".
func conjoin(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// checkFields is used by tests: the derived templates use only the fields
// the language allows.
func checkFields(tmpl string) []string {
	var bad []string
	for _, m := range fieldPattern.FindAllStringSubmatch(tmpl, -1) {
		if !slices.Contains(evaluator.TestProcedureFields, m[1]) {
			bad = append(bad, m[1])
		}
	}
	return bad
}
