package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Markdown writes the report as one Markdown document (GitHub-flavoured
// tables), for a repository or a wiki.
type Markdown struct{}

// Render implements Renderer.
func (Markdown) Render(w io.Writer, r *Report) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	c := r.Cover
	p("# %s\n\n", title(r))
	p("| | |\n| --- | --- |\n")
	for _, kv := range coverLines(r) {
		p("| %s | %s |\n", kv[0], cell(kv[1]))
	}
	for _, n := range c.Notes {
		p("\n> %s\n", n)
	}

	s := r.Summary
	p("\n## Summary\n\n")
	p("| | |\n| --- | ---: |\n")
	for _, kv := range summaryLines(s) {
		p("| %s | %s |\n", kv[0], kv[1])
	}

	p("\n## Section 4: control objectives, controls, tests and results\n")
	h := r.Headings
	for _, sec := range r.Sections {
		p("\n### %s %s: %s\n\n", h.Objective, sec.Ref, sec.Title)
		if sec.Description != "" {
			p("%s\n\n", sec.Description)
		}
		if len(sec.COSO) > 0 {
			p("COSO 2013 principles: %s.\n\n", joinInts(sec.COSO))
		}
		if len(sec.Controls) == 0 {
			p("No control is mapped to this objective.\n")
		} else {
			p("| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n", cell(h.Ref), cell(h.Activity), cell(h.Test), cell(h.Result))
			for _, row := range sec.Controls {
				p("| %s | %s | %s | %s |\n", cell(row.Ref), cell("**"+row.Title+"** — "+row.Activity+" ("+rowFacts(row)+")"), cell(row.TestProcedure), cell(row.Result))
			}
		}
		if len(sec.CUECs) > 0 {
			p("\nComplementary user entity controls:\n\n")
			for _, u := range sec.CUECs {
				p("- %s: %s\n", u.Ref, u.Description)
			}
		}
		if len(sec.CSOCs) > 0 {
			p("\nComplementary subservice organization controls:\n\n")
			for _, cs := range sec.CSOCs {
				p("- %s (%s): %s\n", cs.Ref, cs.Subservice, cs.Description)
			}
		}
	}

	if f := r.Framework; f != nil {
		p("\n## %s: criteria, controls and results\n\n", f.Title)
		p("%d of %d criteria covered by a control of this report, through the mappings of the controls and their objectives.\n\n", f.Covered, len(f.Criteria))
		p("| Criterion | Controls | Result |\n| --- | --- | --- |\n")
		for _, c := range f.Criteria {
			if c.Gap {
				continue
			}
			var controls []string
			for _, fr := range c.Controls {
				s := fr.Ref + " " + fr.Title
				if fr.Via == "objective" {
					s += " (through " + fr.ObjectiveRef + ")"
				}
				controls = append(controls, s+": "+fr.Result)
			}
			p("| **%s** %s | %s | %s |\n", cell(c.ID), cell(c.Title), strings.Join(mapStrings(controls, cell), "<br>"), cell(c.Result))
		}
		p("\n### Gaps: criteria no control covers\n\n")
		if len(f.Gaps) == 0 {
			p("None.\n")
		}
		for _, c := range f.Criteria {
			if c.Gap {
				p("- **%s** %s\n", c.ID, c.Title)
			}
		}
	}

	p("\n## Deviations\n\n")
	if len(r.Deviations) == 0 {
		p("No deviation in the period.\n")
	}
	for _, d := range r.Deviations {
		occ := d.Occurrence
		if d.From != d.To {
			occ += " (" + span(d.From, d.To) + ")"
		}
		p("- **%s %s** on `%s`, %s: %s\n", d.ControlRef, d.Title, d.Target, occ, d.Description)
		for _, rec := range d.Records {
			p("  - record `%s` (%s, %s, sha256 `%s`)\n", rec.ID, rec.AsOf.Format(time.RFC3339), rec.Status, rec.SHA256)
			if rec.Error != "" {
				p("    - error: %s\n", oneLine(rec.Error))
			}
			for _, f := range rec.Findings {
				res := f.Resource
				if res == "" {
					res = "(the target as a whole)"
				}
				p("    - `%s`: %s\n", res, oneLine(strings.Join(f.Messages, "; ")))
			}
		}
	}

	p("\n## Waivers in force\n\n")
	if len(r.Waivers) == 0 {
		p("No waiver was in force in the period.\n")
	} else {
		p("| Waiver | Control | Resources | Reason | Approved by | Ticket | Expires | Applied | Status |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
		for _, wv := range r.Waivers {
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", cell(wv.Label), cell(strings.TrimSpace(wv.ControlRef+" "+wv.Control)), cell(resources(wv.Resources)),
				cell(wv.Reason), cell(wv.ApprovedBy), cell(wv.Ticket), cell(wv.Expires), cell(appliedSpan(wv)), cell(wv.Status))
		}
	}

	p("\n## Complementary user entity controls\n\n")
	if len(r.CUECs) == 0 {
		p("None declared.\n")
	} else {
		p("| Ref | CUEC | Objectives |\n| --- | --- | --- |\n")
		for _, u := range r.CUECs {
			p("| %s | %s | %s |\n", cell(u.Ref), cell(u.Description), cell(strings.Join(u.Objectives, ", ")))
		}
	}
	p("\n## Subservice organizations\n\n")
	if len(r.Subservices) == 0 {
		p("None declared.\n")
	}
	for _, sv := range r.Subservices {
		p("### %s (%s)\n\n%s. Objectives: %s. Monitored by: %s.\n\n", sv.Name, sv.Method, sv.Services, strings.Join(sv.Objectives, ", "), orNone(strings.Join(sv.MonitoredBy, ", ")))
		if len(sv.CSOCs) > 0 {
			p("| Ref | CSOC | Objectives |\n| --- | --- | --- |\n")
			for _, cs := range sv.CSOCs {
				p("| %s | %s | %s |\n", cell(cs.Ref), cell(cs.Description), cell(strings.Join(cs.Objectives, ", ")))
			}
			p("\n")
		}
	}

	cv := r.Coverage
	p("## Coverage\n\n")
	p("| Objective | Controls | With evidence |\n| --- | ---: | ---: |\n")
	for _, o := range cv.Objectives {
		p("| %s %s | %d | %d |\n", cell(o.Ref), cell(o.Title), o.Controls, o.WithEvidence)
	}
	p("\n| COSO principle | Objectives | Covered |\n| --- | --- | --- |\n")
	for _, c := range cv.COSO {
		p("| %d. %s | %s | %s |\n", c.Principle, c.Name, cell(strings.Join(c.Objectives, ", ")), yesNo(c.Covered))
	}
	p("\nControls with no evidence in the period: %s.\n", orNone(controlNames(cv.ControlsWithoutEvidence)))
	p("\nPolicy changes within the period:")
	if len(cv.PolicyChanges) == 0 {
		p(" none.\n")
	} else {
		p("\n\n")
		for _, pc := range cv.PolicyChanges {
			var vs []string
			for _, v := range pc.Versions {
				vs = append(vs, fmt.Sprintf("`%s` %s", short(v.SHA256), span(v.First, v.Last)))
			}
			p("- %s %s on `%s` (`%s`): %s.\n", pc.ControlRef, pc.Control, pc.Target, pc.Policy, strings.Join(vs, "; "))
		}
	}

	p("\n## Samples\n\n")
	if len(r.Samples) == 0 {
		p("No sample was recorded for the period (socle sample records one).\n")
	} else {
		p("| Sample | Control | Target | Period | Seed | Size | Population | Selected occurrences |\n| --- | --- | --- | --- | --- | ---: | ---: | --- |\n")
		for _, sm := range r.Samples {
			p("| %s | %s | %s | %s | %d | %d | %d | %s |\n", cell(sm.ID), cell(strings.TrimSpace(sm.Ref+" "+sm.Control)), cell(sm.Target), span(sm.From, sm.To), sm.Seed, sm.Size, sm.PopulationSize, cell(selection(sm)))
		}
	}

	p("\n## Reperformance\n\n")
	if len(r.Reperformance) == 0 {
		p("No record was reperformed.\n")
	} else {
		p("| Record | Control | Target | Occurrence | Why | Outcome |\n| --- | --- | --- | --- | --- | --- |\n")
		for _, rp := range r.Reperformance {
			p("| `%s` | %s | %s | %s | %s | %s: %s |\n", rp.RecordID, cell(strings.TrimSpace(rp.ControlRef+" "+rp.Control)), cell(rp.Target), rp.Occurrence, cell(rp.Reason), rp.Outcome, cell(rp.Detail))
		}
	}

	p("\n## Evidence index\n\n")
	p("Every record the report rests on; `socle evidence show ID` prints one, `socle reperform ID` reperforms it.\n\n")
	p("| Record | As of | Control | Target | Status | SHA-256 |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, e := range r.Evidence {
		p("| `%s` | %s | %s | %s | %s | `%s` |\n", e.ID, e.AsOf.Format(time.RFC3339), cell(strings.TrimSpace(e.ControlRef+" "+e.Control)), cell(e.Target), e.Status, e.SHA256)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// title is the report's title.
func title(r *Report) string {
	who := r.Cover.System
	if who == "" {
		who = r.Cover.Organization
	}
	if who == "" {
		return "SOC 1 " + r.Cover.Type + " report"
	}
	return "SOC 1 " + r.Cover.Type + " report: " + who
}

// coverLines are the cover's facts, in order.
func coverLines(r *Report) [][2]string {
	c := r.Cover
	period := span(c.From, c.To)
	if c.Type == TypeI {
		period = "as of " + c.To
	}
	return [][2]string{
		{"Organization", orNone(c.Organization)},
		{"System", orNone(c.System)},
		{"Report", c.Type},
		{"Period", period},
		{"Generated", c.GeneratedAt.Format(time.RFC3339)},
		{"Generated by", fmt.Sprintf("socle %s, OPA %s", c.SocleVersion, c.OPAVersion)},
		{"Records made by", orNone(strings.Join(c.RecordedWith, "; "))},
		{"Evidence store", c.Store.Location},
		{"Store head", fmt.Sprintf("#%d %s", c.Store.HeadSeq, c.Store.HeadHash)},
		{"Chain", c.Store.Verification},
		{"Read", fmt.Sprintf("%s, %s", plural(c.Store.Runs, "run", "runs"), plural(c.Store.Records, "record", "records"))},
		{"Signatures", c.Signatures.Statement},
	}
}

// summaryLines are the summary's numbers, in order.
func summaryLines(s Summary) [][2]string {
	n := strconv.Itoa
	return [][2]string{
		{"Control objectives", n(s.Objectives)},
		{"Controls", n(s.Controls)},
		{"Key controls", n(s.KeyControls)},
		{"Controls with exceptions", n(s.ControlsWithExceptions)},
		{"Occurrences expected", n(s.Expected)},
		{"Occurrences covered", n(s.Covered)},
		{"Occurrences failed", n(s.Failed)},
		{"Occurrences that did not operate", n(s.NotOperated)},
		{"Deviations", n(s.Deviations)},
		{"Waivers in force", n(s.Waivers)},
		{"Records", n(s.Records)},
		{"Samples", n(s.Samples)},
		{"Records reperformed", n(s.Reperformed)},
		{"Reperformed, not identical", n(s.Different)},
	}
}

// rowFacts are a row's facts in a parenthesis: kind, frequency, key,
// owner, targets.
func rowFacts(r Row) string {
	parts := []string{r.Kind, r.Frequency}
	if r.Key {
		parts = append(parts, "key control")
	}
	if r.Owner != "" {
		parts = append(parts, "owner "+r.Owner)
	}
	var ts []string
	for _, t := range r.Targets {
		ts = append(ts, t.Target)
	}
	if len(ts) > 0 && r.Kind != KindManual {
		parts = append(parts, "on "+strings.Join(ts, ", "))
	}
	return strings.Join(parts, ", ")
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return oneLine(s)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func span(from, to string) string {
	if from == to {
		return from
	}
	return from + " to " + to
}

func appliedSpan(w Waiver) string {
	if w.Applied == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%s)", w.Applied, span(w.First, w.Last))
}

func resources(rs []string) string {
	if rs == nil {
		return "every finding"
	}
	return strings.Join(rs, ", ")
}

func selection(sm Sample) string {
	var keys []string
	for _, it := range sm.Selection {
		keys = append(keys, it.Key)
	}
	return strings.Join(keys, ", ")
}

func controlNames(cs []ControlName) string {
	var out []string
	for _, c := range cs {
		out = append(out, strings.TrimSpace(c.Ref+" "+c.Label))
	}
	return strings.Join(out, ", ")
}

func joinInts(ns []int) string {
	var out []string
	for _, n := range ns {
		out = append(out, strconv.Itoa(n))
	}
	return strings.Join(out, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func mapStrings(ss []string, f func(string) string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}
