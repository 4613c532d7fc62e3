package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/frameworks"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	repoOptions
	storeOptions
	format   string
	noSource bool
}

func newExplain(io IO) *cobra.Command {
	o := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain CONTROL [DIR]",
		Short: "Everything about one control: objective, COSO principles, policy source, providers, waivers, tests, latest results",
		Long: `explain prints what the policy repository DIR (default the current directory) says
about one control — named by its name, one instance's label or its ref —: its
objective and the COSO 2013 principles the objective maps to; the risks of the register
it mitigates and its mappings to SOC 2 / ISO 27001 (its own and its objective's); its
policy package and
the source of every Rego file the package is made of; the provider instances it reads
with their settings as written (snapshot paths; env() shows a variable's name, never
its value) and the targets they make; the waivers that name it, expired or not; the
Rego unit tests that refer to its policy and the HCL test blocks that name it; and
its latest result on each target in the evidence store, when there is a store.

The store is --store, else SOCLE_STORE, else the socle block's store, else the
default; explain only reads it and never creates one. Exit 2 when the control is
unknown (the closest name is suggested) or the repository does not load.`,
		Args: cobra.RangeArgs(1, 2),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return controlNames(completionConfig(cmd, nil)), cobra.ShellCompDirectiveNoFileComp
			}
			if len(args) == 1 {
				return nil, cobra.ShellCompDirectiveFilterDirs
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = "."
			if len(args) == 2 {
				o.dir = args[1]
			}
			return o.run(cmd.Context(), io, args[0])
		},
	}
	f := cmd.Flags()
	o.addFlags(f)
	o.addStoreFlags(f)
	f.StringVar(&o.format, "format", "text", "text or json")
	f.BoolVar(&o.noSource, "no-source", false, "name the policy files without printing their source")
	return cmd
}

// explained is what socle explain --format json writes: the repository's
// explanation and the store's latest results.
type explained struct {
	*evaluator.Explanation
	Results explainedResults `json:"results"`
}

type explainedResults struct {
	Store string `json:"store"`
	// Note says why there are no results (no store, a store that cannot be
	// read, no record of the control); "" when there are.
	Note    string            `json:"note,omitempty"`
	Records int               `json:"records"` // every record of the control in the store
	Latest  []explainedLatest `json:"latest"`  // the latest record of each target
}

type explainedLatest struct {
	Record string    `json:"record"`
	AsOf   time.Time `json:"as_of"`
	Target string    `json:"target"`
	Status string    `json:"status"`
}

func (o *explainOptions) run(ctx context.Context, io IO, name string) error {
	if err := checkChoice("--format", o.format, "text", "json"); err != nil {
		return err
	}
	repo, asOf, err := o.load(io.Stderr)
	if err != nil {
		return err
	}
	e, err := repo.Explain(name, asOf)
	if err != nil {
		return usageError("%s", err)
	}
	out := explained{Explanation: e, Results: o.latest(ctx, repo, e.Control.Name)}
	if o.noSource {
		for i := range out.Policy.Files {
			out.Policy.Files[i].Source = ""
		}
	}
	if o.format == "json" {
		return writeJSON(io.Stdout, out)
	}
	var b strings.Builder
	writeExplanation(&b, repo.Dir, out)
	if _, err := io.Stdout.Write([]byte(b.String())); err != nil {
		return &exitError{code: 2, msg: "writing the explanation: " + err.Error()}
	}
	return nil
}

// latest reads the control's latest record per target from the store, if
// there is one; a store that is missing or unreadable is a note, not an error.
func (o *explainOptions) latest(ctx context.Context, repo *evaluator.Repo, control string) explainedResults {
	url := o.explicit()
	if url == "" {
		url = repo.Settings.Store
	}
	if url == "" {
		url = store.DefaultURL
	}
	res := explainedResults{Latest: []explainedLatest{}}
	loc, err := store.ParseURL(url, o.dir)
	if err != nil {
		res.Store, res.Note = url, err.Error()
		return res
	}
	res.Store = loc.Display
	if loc.Backend == store.BackendSQLite {
		if _, err := os.Stat(loc.Path); errors.Is(err, fs.ErrNotExist) {
			res.Note = fmt.Sprintf("There is no evidence store at %s: socle eval --record creates it (or name another with --store).", loc.Display)
			return res
		}
	}
	s, err := store.Open(ctx, url, o.dir)
	if err != nil {
		res.Note = fmt.Sprintf("The evidence store could not be opened: %v.", err)
		return res
	}
	defer s.Close()
	recs, err := s.Records(ctx, store.Filter{Control: control})
	if err != nil {
		res.Note = fmt.Sprintf("The evidence store could not be read: %v.", err)
		return res
	}
	res.Records = len(recs)
	last := map[string]store.RecordInfo{}
	for _, r := range recs { // chain order: the last one wins
		last[r.Target] = r
	}
	for _, r := range last {
		res.Latest = append(res.Latest, explainedLatest{Record: r.ID, AsOf: r.AsOf.UTC(), Target: r.Target, Status: string(r.Status)})
	}
	sort.Slice(res.Latest, func(i, j int) bool { return res.Latest[i].Target < res.Latest[j].Target })
	if len(recs) == 0 {
		res.Note = fmt.Sprintf("The evidence store %s holds no record of control %s: socle eval --record records one.", loc.Display, control)
	}
	return res
}

func writeExplanation(w *strings.Builder, dir string, e explained) {
	c := e.Control
	ref := ""
	if c.Ref != "" {
		ref = " (" + c.Ref + ")"
	}
	fmt.Fprintf(w, "control.%s%s: %s\n", c.Name, ref, c.Title)
	fmt.Fprintf(w, "  defined at %s:%d\n", filepath.Join(dir, c.File), c.Line)
	traits := []string{c.Frequency, map[bool]string{true: "automated", false: "manual"}[c.Automated], "severity " + c.Severity}
	if c.Key {
		traits = append(traits, "key control")
	}
	if c.Owner != "" {
		traits = append(traits, "owner "+c.Owner)
	}
	fmt.Fprintf(w, "  %s\n", strings.Join(traits, ", "))
	if len(c.Instances) > 1 {
		fmt.Fprintf(w, "  instances: %s\n", strings.Join(c.Instances, ", "))
	}
	indent(w, c.Description, "  ")
	if c.Remediation != "" {
		fmt.Fprintf(w, "  Remediation:\n")
		indent(w, c.Remediation, "    ")
	}

	section(w, "Objective")
	if o := e.Objective; o != nil {
		fmt.Fprintf(w, "  %s %s: %s\n", o.Ref, o.Label, o.Title)
		indent(w, o.Description, "  ")
	}
	section(w, "COSO 2013 principles")
	if len(e.COSO) == 0 {
		fmt.Fprintf(w, "  none: the objective lists no coso principle\n")
	}
	for _, p := range e.COSO {
		fmt.Fprintf(w, "  %2d  %s: %s\n", p.Number, p.Component, p.Text)
	}
	if len(e.Risks) > 0 {
		section(w, "Risks it mitigates")
		for _, rk := range e.Risks {
			fraud := ""
			if rk.Fraud {
				fraud = ", fraud risk"
			}
			fmt.Fprintf(w, "  %s %s: %s (score %d, %s%s)\n", rk.Ref, rk.Label, rk.Title, rk.Score, rk.Rating, fraud)
		}
	}
	if len(e.Mappings) > 0 {
		section(w, "Mappings")
		for _, name := range frameworks.Names() {
			if ids := e.Mappings[name]; len(ids) > 0 {
				fmt.Fprintf(w, "  %s: %s\n", name, strings.Join(ids, ", "))
			}
		}
	}

	section(w, "Policy")
	switch {
	case e.Policy.Package == "":
		fmt.Fprintf(w, "  none: a manual control is judged from its evidence files\n")
	default:
		style := ""
		if e.Policy.Style != "" {
			style = ", " + e.Policy.Style + " style"
		}
		fmt.Fprintf(w, "  package %s%s (sha256 %s)\n", e.Policy.Package, style, e.Policy.SHA256)
		for _, f := range e.Policy.Files {
			fmt.Fprintf(w, "\n  %s (package %s)\n", filepath.Join(dir, f.Path), f.Package)
			if f.Source != "" {
				for i, line := range strings.Split(strings.TrimRight(f.Source, "\n"), "\n") {
					fmt.Fprintf(w, "  %4d  %s\n", i+1, line)
				}
			}
		}
	}

	section(w, "Providers")
	if len(e.Providers) == 0 {
		fmt.Fprintf(w, "  none\n")
	}
	for _, p := range e.Providers {
		fmt.Fprintf(w, "  %s (%s:%d)\n", p.Address, p.File, p.Line)
		for _, s := range p.Settings {
			fmt.Fprintf(w, "    %s = %s\n", s.Name, s.Expr)
		}
	}
	if len(e.Targets) > 0 {
		fmt.Fprintf(w, "  targets: %s\n", strings.Join(e.Targets, "; "))
	}

	section(w, "Waivers")
	if len(e.Waivers) == 0 {
		fmt.Fprintf(w, "  none\n")
	}
	for _, wv := range e.Waivers {
		state := "in force until " + wv.Expires
		if wv.Expired {
			state = "EXPIRED " + wv.Expires
		}
		scope := "every finding"
		if wv.Resources != nil {
			scope = strings.Join(wv.Resources, ", ")
		}
		if wv.Instance != "" {
			scope += " of " + wv.Instance
		}
		fmt.Fprintf(w, "  waiver.%s (%s:%d): %s; approved by %s", wv.Label, wv.File, wv.Line, state, wv.ApprovedBy)
		if wv.Ticket != "" {
			fmt.Fprintf(w, ", ticket %s", wv.Ticket)
		}
		fmt.Fprintf(w, "\n    covers %s: %s\n", scope, wv.Reason)
	}

	section(w, "Tests")
	if len(e.RegoTests) == 0 && len(e.TestBlocks) == 0 {
		fmt.Fprintf(w, "  none: add a *_test.rego test of the policy, or a test block (docs/language.md)\n")
	}
	for _, t := range e.RegoTests {
		fmt.Fprintf(w, "  rego  %s:%d  %s.%s\n", filepath.Join(dir, t.File), t.Line, t.Package, t.Name)
	}
	for _, t := range e.TestBlocks {
		fmt.Fprintf(w, "  hcl   %s:%d  test.%s expects %s on %s\n", filepath.Join(dir, t.File), t.Line, t.Label, t.Expect, t.Target)
	}

	section(w, "Latest results ("+e.Results.Store+")")
	if e.Results.Note != "" {
		fmt.Fprintf(w, "  %s\n", e.Results.Note)
	}
	if len(e.Results.Latest) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  TARGET\tSTATUS\tAS OF\tRECORD")
		for _, r := range e.Results.Latest {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", r.Target, r.Status, stamp(r.AsOf), r.Record)
		}
		_ = tw.Flush()
		fmt.Fprintf(w, "  (%s of this control in the store; socle evidence list --records --control %s lists them)\n", plural(e.Results.Records, "record", "records"), e.Control.Name)
	}
}

func section(w io.Writer, title string) { fmt.Fprintf(w, "\n%s\n", title) }

// indent writes text, if any, with each line indented.
func indent(w io.Writer, text, prefix string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(w, "%s%s\n", prefix, strings.TrimSpace(line))
	}
}
