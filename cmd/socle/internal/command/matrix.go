package command

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/frameworks"
	"github.com/spf13/cobra"
)

type matrixOptions struct {
	repoOptions
	format    string
	framework string
	criteria  []string
}

func newMatrix(io IO) *cobra.Command {
	o := &matrixOptions{}
	cmd := &cobra.Command{
		Use:   "matrix [DIR]",
		Short: "The control matrix (objective → control → policy → providers → frequency → owner → key) and its gaps",
		Long: `matrix lists every control instance of the policy repository under its objective,
with its policy, whether a Rego unit test covers that policy, the provider targets, the
frequency, the owner and whether it is a key control; then the gaps: objectives with no
control, COSO 2013 principles no objective claims, controls whose policy has no test,
providers no control uses, waivers already expired, waivers in force that matched nothing
(the controls they name are evaluated to find out), subservice organizations no control
monitors, risks without a mitigating control, and risks none of whose mitigating controls
passed. The complementary user entity controls (CUECs), the subservice organizations with
their CSOCs and the risk register follow the matrix. When the repository has risk blocks,
every control is evaluated (in memory, nothing recorded, judged at --as-of) and the
register shows each mitigating control's status: a mitigation counts only when its
control passed. --format text, markdown, csv or json (csv: the matrix rows only).

--framework soc2 or iso27001 pivots the matrix to that framework: every criterion (the
SOC 2 Trust Services Criteria, ISO/IEC 27001:2022 Annex A) with the controls mapped to it
(the mappings attribute of the control, or of its objective) and their status in an
evaluation of every control (in memory, nothing recorded), and the criteria no control
covers listed as gaps. --criteria scopes it to the part of the framework examined (a SOC 2
report on Security and Availability: --criteria CC,A1), so the gaps are the criteria of that
part only. See docs/programme.md.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			if err := checkChoice("--format", o.format, "text", "markdown", "csv", "json"); err != nil {
				return err
			}
			if err := checkFramework(o.framework, o.criteria); err != nil {
				return err
			}
			repo, asOf, err := o.load(io.Stderr)
			if err != nil {
				return err
			}
			if o.framework != "" {
				doc, _ := repo.Evaluate(cmd.Context(), evaluator.EvalOptions{AsOf: asOf})
				fm, err := repo.FrameworkMatrix(o.framework, o.criteria, evaluator.StatusesOf(doc.Results))
				if err != nil {
					return usageError("%s", err)
				}
				return frameworkMatrix(io.Stdout, fm, o.format)
			}
			m := repo.Matrix(asOf)
			// Waivers that match nothing are only known by evaluating the
			// controls they name; a risk register is judged on every
			// control's status, so then every control is evaluated (in
			// memory: nothing is recorded).
			patterns := repo.WaiverControls(asOf)
			if len(repo.Risks) > 0 {
				doc, _ := repo.Evaluate(cmd.Context(), evaluator.EvalOptions{AsOf: asOf})
				m.Gaps.UnmatchedWaivers = repo.UnmatchedWaivers(doc, asOf)
				m.WithStatuses(repo, evaluator.StatusesOf(doc.Results))
			} else if len(patterns) > 0 {
				doc, _ := repo.Evaluate(cmd.Context(), evaluator.EvalOptions{PlanOptions: evaluator.PlanOptions{Controls: patterns}, AsOf: asOf})
				m.Gaps.UnmatchedWaivers = repo.UnmatchedWaivers(doc, asOf)
			} else {
				m.Gaps.UnmatchedWaivers = []string{}
			}
			switch o.format {
			case "json":
				enc := json.NewEncoder(io.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(m)
			case "csv":
				return matrixCSV(io.Stdout, m)
			case "markdown":
				return matrixMarkdown(io.Stdout, m)
			case "text":
				return matrixText(io.Stdout, m)
			}
			return checkChoice("--format", o.format, "text", "markdown", "csv", "json")
		},
	}
	o.addFlags(cmd.Flags())
	cmd.Flags().StringVar(&o.format, "format", "text", "text, markdown, csv or json")
	cmd.Flags().StringVar(&o.framework, "framework", "", "pivot to a framework's criteria: "+strings.Join(frameworks.Names(), " or "))
	cmd.Flags().StringSliceVar(&o.criteria, "criteria", nil, "with --framework, only the criteria these groups or identifiers name, for an examination of part of the framework (CC,A1 for SOC 2 Security and Availability; A.5,A.8)")
	return cmd
}

var matrixHeader = []string{"Objective", "COSO", "Control", "Title", "Policy", "Tested", "Targets", "Frequency", "Automated", "Key", "Severity", "Owner"}

func matrixCells(r evaluator.MatrixRow) []string {
	coso := make([]string, len(r.COSO))
	for i, p := range r.COSO {
		coso[i] = strconv.Itoa(p)
	}
	return []string{
		strings.TrimSpace(r.ObjectiveRef + " " + r.ObjectiveTitle), strings.Join(coso, ", "),
		strings.TrimSpace(r.ControlRef + " " + r.Control), r.Title, r.Policy, yesNo(r.Tested),
		strings.Join(r.Targets, "; "), r.Frequency, yesNo(r.Automated), yesNo(r.Key), r.Severity, r.Owner,
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func matrixText(w io.Writer, m *evaluator.Matrix) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join([]string{"Objective", "Control", "Policy", "Tested", "Targets", "Frequency", "Key", "Owner"}, "\t")))
	for _, r := range m.Rows {
		c := matrixCells(r)
		fmt.Fprintln(tw, strings.Join([]string{c[0], c[2], c[4], c[5], c[6], c[7], c[9], c[11]}, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, programmeText(m)+risksText(m)+gapsText(m.Gaps))
	return err
}

// risksText lists the risk register.
func risksText(m *evaluator.Matrix) string {
	if len(m.Risks) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\nRisk register\n")
	for _, r := range m.Risks {
		fmt.Fprintf(&b, "  %s  %s\n", refOrLabel(r.Ref, r.Label), r.Title)
		fmt.Fprintf(&b, "    %s; objectives %s; COSO %s\n", riskAssessment(r), strings.Join(r.Objectives, ", "), orNone(intStrings(r.COSO)))
		fmt.Fprintf(&b, "    mitigated by: %s\n", mitigations(r.MitigatedBy))
	}
	return b.String()
}

func refOrLabel(ref, label string) string {
	if ref == "" {
		return label
	}
	return ref + " " + label
}

// riskAssessment is a risk's likelihood, impact, score, rating and fraud flag.
func riskAssessment(r evaluator.MatrixRisk) string {
	s := fmt.Sprintf("likelihood %d × impact %d = %d (%s)", r.Likelihood, r.Impact, r.Score, r.Rating)
	if r.Fraud {
		s += "; fraud risk"
	}
	return s
}

// mitigations lists mitigating controls with their latest status when known.
func mitigations(ms []evaluator.MitigationControl) string {
	if len(ms) == 0 {
		return "none"
	}
	out := make([]string, len(ms))
	for i, c := range ms {
		out[i] = c.Control
		if c.Status != "" {
			out[i] += " (" + c.Status + ")"
		}
	}
	return strings.Join(out, ", ")
}

func intStrings(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// programmeText lists the CUECs and subservice organizations.
func programmeText(m *evaluator.Matrix) string {
	var b strings.Builder
	if len(m.CUECs) > 0 {
		b.WriteString("\nComplementary user entity controls\n")
		for _, u := range m.CUECs {
			fmt.Fprintf(&b, "  %s  %s (objectives %s)\n", u.Ref, u.Description, strings.Join(u.Objectives, ", "))
		}
	}
	for _, s := range m.Subservices {
		fmt.Fprintf(&b, "\nSubservice organization %s (%s, %s): %s\n", s.Name, s.Label, s.Method, s.Services)
		fmt.Fprintf(&b, "  objectives: %s; monitored by: %s\n", strings.Join(s.Objectives, ", "), orNone(s.MonitoredBy))
		for _, c := range s.CSOCs {
			fmt.Fprintf(&b, "  CSOC %s  %s (objectives %s)\n", c.Ref, c.Description, strings.Join(c.Objectives, ", "))
		}
	}
	return b.String()
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func gapsText(g evaluator.Gaps) string {
	var b strings.Builder
	b.WriteString("\nGaps\n")
	line := func(what string, items []string) {
		if len(items) == 0 {
			fmt.Fprintf(&b, "  %s: none\n", what)
			return
		}
		fmt.Fprintf(&b, "  %s: %s\n", what, strings.Join(items, ", "))
	}
	line("objectives without controls", g.ObjectivesWithoutControls)
	coso := make([]string, len(g.COSOWithoutObjectives))
	for i, p := range g.COSOWithoutObjectives {
		coso[i] = strconv.Itoa(p)
	}
	line("COSO principles without objectives", coso)
	line("controls without tests", g.ControlsWithoutTests)
	line("providers no control uses", g.UnusedProviders)
	line("expired waivers", g.ExpiredWaivers)
	line("waivers that matched nothing", g.UnmatchedWaivers)
	line("subservice organizations no control monitors", g.UnmonitoredSubservices)
	line("risks without mitigating controls", g.UnmitigatedRisks)
	line("risks no passing control mitigates", g.RisksNotMitigated)
	return b.String()
}

func matrixCSV(w io.Writer, m *evaluator.Matrix) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(matrixHeader); err != nil {
		return err
	}
	for _, r := range m.Rows {
		if err := cw.Write(matrixCells(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func matrixMarkdown(w io.Writer, m *evaluator.Matrix) error {
	var b strings.Builder
	b.WriteString("| " + strings.Join(matrixHeader, " | ") + " |\n|" + strings.Repeat(" --- |", len(matrixHeader)) + "\n")
	for _, r := range m.Rows {
		cells := matrixCells(r)
		for i, c := range cells {
			cells[i] = mdCell(c)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	if len(m.CUECs) > 0 {
		b.WriteString("\n### Complementary user entity controls\n\n| Ref | Description | Objectives |\n| --- | --- | --- |\n")
		for _, u := range m.CUECs {
			b.WriteString("| " + mdCell(u.Ref) + " | " + mdCell(u.Description) + " | " + mdCell(strings.Join(u.Objectives, ", ")) + " |\n")
		}
	}
	for _, s := range m.Subservices {
		fmt.Fprintf(&b, "\n### Subservice organization: %s\n\n%s (%s method). Objectives: %s. Monitored by: %s.\n",
			mdCell(s.Name), mdCell(s.Services), s.Method, strings.Join(s.Objectives, ", "), orNone(s.MonitoredBy))
		if len(s.CSOCs) > 0 {
			b.WriteString("\n| CSOC | Description | Objectives |\n| --- | --- | --- |\n")
			for _, c := range s.CSOCs {
				b.WriteString("| " + mdCell(c.Ref) + " | " + mdCell(c.Description) + " | " + mdCell(strings.Join(c.Objectives, ", ")) + " |\n")
			}
		}
	}
	if len(m.Risks) > 0 {
		b.WriteString("\n### Risk register\n\n| Risk | Title | Assessment | Objectives | COSO | Mitigated by |\n| --- | --- | --- | --- | --- | --- |\n")
		for _, r := range m.Risks {
			b.WriteString("| " + mdCell(refOrLabel(r.Ref, r.Label)) + " | " + mdCell(r.Title) + " | " + mdCell(riskAssessment(r)) + " | " +
				mdCell(strings.Join(r.Objectives, ", ")) + " | " + mdCell(strings.Join(intStrings(r.COSO), ", ")) + " | " + mdCell(mitigations(r.MitigatedBy)) + " |\n")
		}
	}
	b.WriteString("\n### Gaps\n\n```\n" + strings.TrimPrefix(gapsText(m.Gaps), "\nGaps\n") + "```\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// frameworkMatrix writes the matrix pivoted to a framework.
func frameworkMatrix(w io.Writer, m *evaluator.FrameworkMatrix, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write([]string{"Criterion", "Title", "Status", "Objectives", "Control", "Control title", "Objective", "Mapped via", "Control status"}); err != nil {
			return err
		}
		for _, c := range m.Criteria {
			if len(c.Controls) == 0 {
				if err := cw.Write([]string{c.ID, c.Title, c.Status, strings.Join(c.Objectives, ", "), "", "", "", "", ""}); err != nil {
					return err
				}
			}
			for _, fc := range c.Controls {
				if err := cw.Write([]string{c.ID, c.Title, c.Status, strings.Join(c.Objectives, ", "), refOrLabel(fc.Ref, fc.Label), fc.Title, fc.ObjectiveRef, fc.Via, fc.Status}); err != nil {
					return err
				}
			}
		}
		cw.Flush()
		return cw.Error()
	case "markdown":
		var b strings.Builder
		fmt.Fprintf(&b, "## %s\n\n%d of %d criteria covered by a control.\n\n| Criterion | Title | Status | Controls |\n| --- | --- | --- | --- |\n", mdCell(m.Title), m.Covered, len(m.Criteria))
		for _, c := range m.Criteria {
			b.WriteString("| " + mdCell(c.ID) + " | " + mdCell(c.Title) + " | " + c.Status + " | " + mdCell(pivotControls(c)) + " |\n")
		}
		b.WriteString("\n### Gaps\n\n```\n" + pivotGaps(m) + "```\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s: %d of %d criteria covered by a control\n\n", m.Title, m.Covered, len(m.Criteria))
	fmt.Fprintln(tw, "CRITERION\tSTATUS\tTITLE\tCONTROLS")
	for _, c := range m.Criteria {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.Status, c.Title, pivotControls(c))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\nGaps\n"+pivotGaps(m))
	return err
}

// pivotControls lists a criterion's controls with their statuses; those
// mapped through their objective say so.
func pivotControls(c evaluator.FrameworkCriterion) string {
	if len(c.Controls) == 0 {
		return "-"
	}
	out := make([]string, len(c.Controls))
	for i, fc := range c.Controls {
		out[i] = fmt.Sprintf("%s (%s", refOrLabel(fc.Ref, fc.Label), fc.Status)
		if fc.Via == "objective" {
			out[i] += ", via " + fc.ObjectiveRef
		}
		out[i] += ")"
	}
	return strings.Join(out, ", ")
}

func pivotGaps(m *evaluator.FrameworkMatrix) string {
	if len(m.Gaps.Uncovered) == 0 {
		return "  criteria no control covers: none\n"
	}
	return fmt.Sprintf("  criteria no control covers (%d): %s\n", len(m.Gaps.Uncovered), strings.Join(m.Gaps.Uncovered, ", "))
}

// checkFramework checks --framework and --criteria before any work: a known
// framework, and prefixes that each name one of its criteria.
func checkFramework(framework string, criteria []string) error {
	if framework == "" {
		if len(criteria) > 0 {
			return usageError("--criteria scopes a framework: add --framework (%s)", strings.Join(frameworks.Names(), " or "))
		}
		return nil
	}
	if err := checkChoice("--framework", framework, frameworks.Names()...); err != nil {
		return err
	}
	f, _ := frameworks.Lookup(framework)
	if _, err := f.Scope(criteria); err != nil {
		return usageError("--criteria: %s", err)
	}
	return nil
}
