package command

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/socle-dev/socle/evaluator"
	"github.com/spf13/cobra"
)

type graphOptions struct {
	repoOptions
}

func newGraph(io IO) *cobra.Command {
	o := &graphOptions{}
	cmd := &cobra.Command{
		Use:   "graph [DIR]",
		Short: "Write the repository as a DOT graph: objectives → controls → policies and providers, and the risk register",
		Long: `graph loads the policy repository and writes a Graphviz DOT graph to stdout: each
objective (with its COSO principles), its controls, the policy package each control runs
and the provider instances it reads; and each risk of the register (a diamond, with its score)
with the objectives it threatens and the controls that mitigate it. Render it with
dot -Tsvg.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			repo, _, err := o.load(io.Stderr)
			if err != nil {
				return err
			}
			return writeDOT(io.Stdout, repo)
		},
	}
	o.addFlags(cmd.Flags())
	return cmd
}

// writeDOT writes the repository's graph, every node and edge in a fixed
// order so the output diffs cleanly.
func writeDOT(w io.Writer, repo *evaluator.Repo) error {
	var b strings.Builder
	b.WriteString("digraph socle {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n")
	labels := make([]string, 0, len(repo.Objectives))
	for l := range repo.Objectives {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		o := repo.Objectives[l]
		coso := make([]string, len(o.COSO))
		for i, p := range o.COSO {
			coso[i] = fmt.Sprint(p)
		}
		fmt.Fprintf(&b, "  %s [shape=box, style=bold, label=%s];\n", dotID("objective."+l), dotString(strings.TrimSpace(o.Ref+" "+o.Title)+"\\nCOSO "+strings.Join(coso, ", ")))
	}
	policies, providers := map[string]bool{}, map[string]bool{}
	for _, c := range repo.Controls {
		style := ""
		if c.Key {
			style = ", penwidth=2"
		}
		fmt.Fprintf(&b, "  %s [shape=ellipse%s, label=%s];\n", dotID("control."+c.Label), style, dotString(strings.TrimSpace(c.Ref+" "+c.Label)+"\\n"+c.Frequency+", "+c.Severity))
		if c.Objective != nil {
			fmt.Fprintf(&b, "  %s -> %s;\n", dotID("objective."+c.Objective.Label), dotID("control."+c.Label))
		}
		if c.Policy != "" {
			policies[c.Policy] = true
			fmt.Fprintf(&b, "  %s -> %s;\n", dotID("control."+c.Label), dotID("policy."+c.Policy))
		}
		seen := map[string]bool{}
		for _, t := range c.Targets {
			for _, in := range t.Inputs {
				p := in.Provider.String()
				if seen[p] {
					continue
				}
				seen[p] = true
				providers[p] = true
				fmt.Fprintf(&b, "  %s -> %s [style=dashed, label=%s];\n", dotID("control."+c.Label), dotID("provider."+p), dotString(in.Key))
			}
		}
	}
	// The risk register: each risk threatens objectives and is mitigated by
	// controls (a reference without an instance key names every instance).
	for _, rk := range repo.Risks {
		fraud := ""
		if rk.Fraud {
			fraud = ", fraud"
		}
		fmt.Fprintf(&b, "  %s [shape=diamond, label=%s];\n", dotID("risk."+rk.Label), dotString(strings.TrimSpace(rk.Ref+" "+rk.Label)+"\\n"+fmt.Sprintf("score %d, %s%s", rk.Score(), rk.Rating(), fraud)))
		for _, o := range rk.Objectives {
			fmt.Fprintf(&b, "  %s -> %s [style=dotted, label=\"threatens\"];\n", dotID("risk."+rk.Label), dotID("objective."+o.Label))
		}
		for _, m := range rk.MitigatedBy {
			for _, c := range repo.Controls {
				if c.Addr.Name == m.Name && (m.Key.String() == "" || c.Addr.String() == m.String()) {
					fmt.Fprintf(&b, "  %s -> %s [style=dotted, label=\"mitigates\"];\n", dotID("control."+c.Label), dotID("risk."+rk.Label))
				}
			}
		}
	}
	for _, p := range sortedKeys(policies) {
		fmt.Fprintf(&b, "  %s [shape=note, label=%s];\n", dotID("policy."+p), dotString(p))
	}
	for _, p := range sortedKeys(providers) {
		fmt.Fprintf(&b, "  %s [shape=cylinder, label=%s];\n", dotID("provider."+p), dotString(p))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// dotID quotes a node id.
func dotID(s string) string { return dotString(s) }

// dotString quotes a DOT string; "\n" sequences already in s are kept as line
// breaks.
func dotString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
