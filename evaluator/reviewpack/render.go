package reviewpack

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/report"
)

// Formats are the pack's formats.
var Formats = []string{"html", "markdown"}

// Render renders the pack in a format: its files, by slash-separated path
// relative to the pack's directory. An unknown format is an error.
func Render(p *Pack, format string) (map[string][]byte, error) {
	switch format {
	case "html":
		return renderHTML(p)
	case "markdown":
		return renderMarkdown(p), nil
	}
	return nil, fmt.Errorf("unknown format %q: use html or markdown", format)
}

// pageName is a control's or objective's file name (without extension):
// its label as a file name ("iam_mfa[\"eu\"]" → iam_mfa--eu--).
func pageName(label string) string { return report.Token(label) }

func controlPage(c *Control, ext string) string {
	return path.Join("controls", pageName(c.Label)+"."+ext)
}
func objectivePage(o *Objective, ext string) string {
	return path.Join("objectives", pageName(o.Label)+"."+ext)
}

// Files lists a rendered pack's paths, sorted.
func Files(files map[string][]byte) []string { return slices.Sorted(maps.Keys(files)) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// markdown writes the pack as Markdown pages.
func renderMarkdown(p *Pack) map[string][]byte {
	files := map[string][]byte{}
	cell := func(s string) string { return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`) }
	title := "Policy repository review pack"
	if p.System != "" {
		title += ": " + p.System
	}

	var b bytes.Buffer
	pf := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	pf("# %s\n\n", title)
	pf("%s. Generated %s by socle %s. Policies sha256 `%s`.\n\n", orDash(p.Organization), p.GeneratedAt.Format("2006-01-02T15:04:05Z"), p.SocleVersion, p.PolicySHA256)
	pf("Tests run now: %d passed, %d failed", p.TestsPassed, p.TestsFailed)
	if p.Coverage != nil && p.Coverage.Covered+p.Coverage.NotCovered > 0 {
		pf("; Rego coverage %.1f%% of policy lines", p.Coverage.Percent)
	}
	pf(".\n\n- [Control matrix](matrix.md)\n")
	if p.Changes != nil {
		pf("- [Changes since %s](changes.md)\n", p.Changes.Since)
	}
	for _, o := range p.Objectives {
		pf("\n## [%s %s](%s)\n\n", o.Ref, o.Title, objectivePage(o, "md"))
		if len(o.Controls) == 0 {
			pf("No control.\n")
		}
		for _, c := range o.Controls {
			pf("- [%s %s](%s) — %s, %s\n", c.Ref, c.Title, controlPage(c, "md"), c.Kind, c.Frequency)
		}
	}
	files["index.md"] = b.Bytes()

	for _, o := range p.Objectives {
		var b bytes.Buffer
		pf := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
		pf("# %s %s\n\n[Index](../index.md)\n\n%s\n\n", o.Ref, o.Title, orDash(o.Description))
		if len(o.COSO) > 0 {
			pf("COSO 2013 principles:\n\n")
			for _, c := range o.COSO {
				pf("- %s\n", c)
			}
			pf("\n")
		}
		pf("## Controls\n\n")
		if len(o.Controls) == 0 {
			pf("No control is mapped to this objective.\n")
		} else {
			pf("| Ref | Control | Kind | Frequency | Key | Owner | Tests |\n| --- | --- | --- | --- | --- | --- | --- |\n")
			for _, c := range o.Controls {
				pf("| %s | [%s](../%s) | %s | %s | %s | %s | %s |\n", cell(c.Ref), cell(c.Title), controlPage(c, "md"), c.Kind, c.Frequency, yesNo(c.Key), cell(orDash(c.Owner)), testSummary(c))
			}
		}
		if len(o.CUECs) > 0 {
			pf("\n## Complementary user entity controls\n\n")
			for _, u := range o.CUECs {
				pf("- %s: %s\n", u.Ref, u.Description)
			}
		}
		if len(o.CSOCs) > 0 {
			pf("\n## Complementary subservice organization controls\n\n")
			for _, c := range o.CSOCs {
				pf("- %s (%s): %s\n", c.Ref, c.Subservice, c.Description)
			}
		}
		files[objectivePage(o, "md")] = b.Bytes()
	}

	for _, c := range p.Controls {
		var b bytes.Buffer
		pf := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
		pf("# %s %s\n\n[Index](../index.md)", c.Ref, c.Title)
		if c.Objective != nil {
			pf(" · [%s %s](../%s)", c.Objective.Ref, c.Objective.Title, objectivePage(c.Objective, "md"))
		}
		pf("\n\n")
		pf("| | |\n| --- | --- |\n")
		for _, kv := range controlFacts(c) {
			pf("| %s | %s |\n", kv[0], cell(kv[1]))
		}
		pf("\n## Control activity\n\n%s\n", orDash(c.Description))
		if c.Remediation != "" {
			pf("\nRemediation: %s\n", c.Remediation)
		}
		if c.TestProcedure != "" {
			pf("\nTest procedure (test_procedure): %s\n", c.TestProcedure)
		}
		if len(c.Targets) > 0 {
			pf("\n## Providers and their snapshots\n\n")
			for _, t := range c.Targets {
				pf("### Target `%s`\n\n", t.Name)
				for _, in := range t.Inputs {
					pf("- `input.%s` ← `%s` (%s): %s\n", in.Key, in.Provider, in.Type, inputSummary(in))
				}
				pf("\n")
			}
		}
		if len(c.Modules) > 0 {
			pf("## Policy `%s`\n\nVersion (sha256 of its modules): `%s`\n\n", c.Policy, c.PolicySHA256)
			for _, m := range c.Modules {
				pf("`%s` (sha256 `%s`):\n\n```rego\n%s", m.Path, m.SHA256, m.Source)
				if !strings.HasSuffix(m.Source, "\n") {
					pf("\n")
				}
				pf("```\n\n")
			}
		}
		if len(c.Evidence) > 0 {
			pf("## Evidence files\n\n| Date | File | Description |\n| --- | --- | --- |\n")
			for _, e := range c.Evidence {
				pf("| %s | `%s` | %s |\n", e.Date, e.File, cell(e.Description))
			}
			pf("\n")
		}
		pf("## Tests (run %s)\n\n", p.GeneratedAt.Format("2006-01-02T15:04:05Z"))
		if len(c.Tests) == 0 {
			pf("No test covers this control.\n\n")
		} else {
			pf("| Test | Kind | Where | Result |\n| --- | --- | --- | --- |\n")
			for _, t := range c.Tests {
				res := "pass"
				if !t.Pass {
					res = "FAIL " + t.Detail
				}
				pf("| `%s` | %s | %s | %s |\n", t.Name, t.Kind, t.Where, cell(res))
			}
			pf("\n")
		}
		pf("## Waivers\n\n")
		if len(c.Waivers) == 0 {
			pf("None.\n")
		} else {
			pf("| Waiver | Resources | Reason | Approved by | Ticket | Expires |\n| --- | --- | --- | --- | --- | --- |\n")
			for _, w := range c.Waivers {
				exp := w.Expires
				if w.Expired {
					exp += " (expired)"
				}
				pf("| `%s` | %s | %s | %s | %s | %s |\n", w.Label, cell(w.Resources), cell(w.Reason), cell(w.ApprovedBy), cell(w.Ticket), exp)
			}
		}
		files[controlPage(c, "md")] = b.Bytes()
	}

	b.Reset()
	pf("# Control matrix\n\n[Index](index.md)\n\n")
	pf("| Objective | Ref | Control | Policy | Targets | Frequency | Automated | Key | Owner | Tested |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range p.Matrix.Rows {
		pf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", cell(r.ObjectiveRef), cell(r.ControlRef), cell(r.Title), cell(orDash(r.Policy)),
			cell(strings.Join(r.Targets, ", ")), r.Frequency, yesNo(r.Automated), yesNo(r.Key), cell(orDash(r.Owner)), yesNo(r.Tested))
	}
	if len(p.Matrix.Risks) > 0 {
		pf("\n## Risk register\n\n| Risk | Title | Likelihood × impact | Objectives | Mitigated by |\n| --- | --- | --- | --- | --- |\n")
		for _, r := range p.Matrix.Risks {
			pf("| %s | %s | %s | %s | %s |\n", cell(r.Ref), cell(r.Title), riskScore(r), cell(strings.Join(r.Objectives, ", ")), cell(mitigatedBy(r)))
		}
	}
	pf("\n## Gaps\n\n")
	for _, g := range gapLines(p) {
		pf("- %s: %s\n", g[0], g[1])
	}
	files["matrix.md"] = append([]byte(nil), b.Bytes()...)

	if ch := p.Changes; ch != nil {
		b.Reset()
		pf("# Changes since %s\n\n[Index](index.md)\n\nRevision %s compared with the working tree.\n\n", ch.Since, ch.Commit)
		pf("## Commits\n\n")
		if len(ch.Commits) == 0 {
			pf("None.\n")
		}
		for _, c := range ch.Commits {
			pf("- `%s` %s, %s: %s\n", c.Hash[:min(12, len(c.Hash))], c.Date, c.Author, c.Subject)
		}
		if len(ch.Uncommitted) > 0 {
			pf("\nUncommitted changes in the working tree:\n\n")
			for _, u := range ch.Uncommitted {
				pf("- `%s`\n", u)
			}
		}
		for _, sec := range changeSections(ch) {
			pf("\n## %s\n\n", sec.title)
			if len(sec.changes) == 0 {
				pf("No change.\n")
			}
			for _, c := range sec.changes {
				pf("- **%s** `%s`", c.Kind, c.Label)
				if len(c.Fields) == 0 {
					pf("\n")
					continue
				}
				pf(":\n")
				for _, f := range c.Fields {
					pf("  - %s: %s → %s\n", f.Field, quote(f.Before), quote(f.After))
				}
			}
		}
		if ch.PolicyDiff != "" {
			pf("\n## Policy source diff\n\n```diff\n%s```\n", ch.PolicyDiff)
		}
		files["changes.md"] = append([]byte(nil), b.Bytes()...)
	}
	return files
}

func quote(s string) string {
	if s == "" {
		return "(none)"
	}
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}

type changeSection struct {
	title   string
	changes []Change
}

func changeSections(ch *Changes) []changeSection {
	return []changeSection{{"Controls", ch.Controls}, {"Policies", ch.Policies}, {"Waivers", ch.Waivers}, {"Objectives", ch.Objectives}}
}

func testSummary(c *Control) string {
	pass, fail := 0, 0
	for _, t := range c.Tests {
		if t.Pass {
			pass++
		} else {
			fail++
		}
	}
	if pass+fail == 0 {
		return "none"
	}
	if fail > 0 {
		return fmt.Sprintf("%d passed, %d FAILED", pass, fail)
	}
	return fmt.Sprintf("%d passed", pass)
}

func controlFacts(c *Control) [][2]string {
	obj := "—"
	if c.Objective != nil {
		obj = c.Objective.Ref + " " + c.Objective.Title
	}
	facts := [][2]string{
		{"Label", c.Label}, {"Objective", obj}, {"Kind", c.Kind}, {"Frequency", c.Frequency}, {"Key control", yesNo(c.Key)},
		{"Severity", c.Severity}, {"Owner", orDash(c.Owner)}, {"Declared at", c.Declared},
	}
	if c.Policy != "" {
		facts = append(facts, [2]string{"Policy", c.Policy})
	}
	if len(c.Tags) > 0 {
		facts = append(facts, [2]string{"Tags", strings.Join(c.Tags, ", ")})
	}
	if c.Mappings != "" {
		facts = append(facts, [2]string{"Mappings", c.Mappings})
	}
	if len(c.Risks) > 0 {
		facts = append(facts, [2]string{"Mitigates", strings.Join(c.Risks, "; ")})
	}
	facts = append(facts, [2]string{"Tests", testSummary(c)})
	return facts
}

func inputSummary(in Input) string {
	if in.Error != "" {
		return "could not be loaded: " + in.Error
	}
	s := fmt.Sprintf("%d items from %s", in.Items, strings.Join(in.Sources, ", "))
	if len(in.Keys) > 0 {
		s += "; top-level keys " + strings.Join(in.Keys, ", ")
	}
	if len(in.Params) > 0 {
		s += "; " + strings.Join(in.Params, ", ")
	}
	if len(in.Warnings) > 0 {
		s += "; warnings: " + strings.Join(in.Warnings, "; ")
	}
	return s
}

func gapLines(p *Pack) [][2]string {
	g := p.Matrix.Gaps
	list := func(s []string) string {
		if len(s) == 0 {
			return "none"
		}
		return strings.Join(s, ", ")
	}
	var coso []string
	for _, n := range g.COSOWithoutObjectives {
		coso = append(coso, fmt.Sprint(n))
	}
	return [][2]string{
		{"Objectives without controls", list(g.ObjectivesWithoutControls)},
		{"COSO principles without objectives", list(coso)},
		{"Automated controls without tests", list(g.ControlsWithoutTests)},
		{"Providers no control reads", list(g.UnusedProviders)},
		{"Expired waivers", list(g.ExpiredWaivers)},
		{"Subservice organizations no control monitors", list(g.UnmonitoredSubservices)},
		{"Risks without mitigating controls", list(g.UnmitigatedRisks)},
	}
}

// riskScore is "3 × 4 = 12 (high)", with the fraud flag.
func riskScore(r evaluator.MatrixRisk) string {
	s := fmt.Sprintf("%d × %d = %d (%s)", r.Likelihood, r.Impact, r.Score, r.Rating)
	if r.Fraud {
		s += ", fraud"
	}
	return s
}

func mitigatedBy(r evaluator.MatrixRisk) string {
	var out []string
	for _, m := range r.MitigatedBy {
		out = append(out, m.Control)
	}
	return orDash(strings.Join(out, ", "))
}
