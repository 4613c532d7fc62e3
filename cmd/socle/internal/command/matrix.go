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
	"github.com/spf13/cobra"
)

type matrixOptions struct {
	repoOptions
	format string
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
providers no control uses, waivers already expired. --format text, markdown, csv or json.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			repo, asOf, err := o.load(io.Stderr)
			if err != nil {
				return err
			}
			m := repo.Matrix(asOf)
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
			return usageError("unknown format %q: use text, markdown, csv or json", o.format)
		},
	}
	o.addFlags(cmd.Flags())
	cmd.Flags().StringVar(&o.format, "format", "text", "text, markdown, csv or json")
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
	_, err := io.WriteString(w, gapsText(m.Gaps))
	return err
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
			cells[i] = strings.ReplaceAll(c, "|", `\|`)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	b.WriteString("\n### Gaps\n\n```\n" + strings.TrimPrefix(gapsText(m.Gaps), "\nGaps\n") + "```\n")
	_, err := io.WriteString(w, b.String())
	return err
}
