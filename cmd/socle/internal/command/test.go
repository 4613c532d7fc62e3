package command

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/spf13/cobra"
)

type testOptions struct {
	repoOptions
	verbose  bool
	coverage bool
	timeout  time.Duration
	run      string
}

func newTest(io IO) *cobra.Command {
	o := &testOptions{}
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run the Rego unit tests and the HCL test blocks of the policy repository",
		Long: `test runs every test_* rule of the repository's Rego modules (the *_test.rego files
and the policies they test), with the same restricted capabilities as evaluation and a
time limit per test, and reports how much of the policies they cover. Then it runs the
HCL test blocks (in any *.hcl file, or in tests/*.hcl): each evaluates one control on
fixture snapshots and checks the status, the failing resources and the population it
expects, like terraform test.

Output is like go test: failures with their file and line (with --verbose, passing
tests too), then "N passed, N failed".
Exit 0 when every test passes, 1 when one fails, 2 when the configuration or a module
is wrong.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			o.verbose = verbose(io.Stdout) // --verbose lists passing tests too
			repo, asOf, err := o.load(io.Stderr)
			if err != nil {
				return err
			}
			results, cov, diags := policy.RunTests(cmd.Context(), repo.FS, repo.Settings.PoliciesDir, o.dir, o.timeout)
			o.printDiags(io.Stderr, repo.Sources(), diags)
			if diags.HasErrors() {
				return exit(2)
			}
			passed, failed := 0, 0
			for _, r := range results {
				if o.run != "" && !strings.Contains(r.Package+"."+r.Name, o.run) {
					continue
				}
				switch {
				case !r.Pass:
					failed++
					fmt.Fprintf(io.Stdout, "--- FAIL: %s.%s (%s:%d)\n", r.Package, r.Name, filepath.ToSlash(r.File), r.Line)
					if r.Error != "" {
						fmt.Fprintf(io.Stdout, "    %s\n", r.Error)
					}
				default:
					passed++
					if o.verbose {
						fmt.Fprintf(io.Stdout, "--- PASS: %s.%s (%s)\n", r.Package, r.Name, r.Duration.Round(time.Microsecond))
					}
				}
			}
			if len(results) == 0 {
				fmt.Fprintf(io.Stdout, "no Rego test (test_* rule) under %s\n", filepath.Join(o.dir, repo.Settings.PoliciesDir))
			}
			var outcomes []evaluator.TestOutcome
			for _, t := range repo.RunTests(cmd.Context(), asOf, o.timeout) {
				if o.run == "" || strings.Contains("test."+t.Test.Label, o.run) {
					outcomes = append(outcomes, t)
				}
			}
			for _, t := range outcomes {
				where := fmt.Sprintf("%s:%d", filepath.ToSlash(t.Test.File), t.Test.DeclRange.Start.Line)
				if !t.Pass() {
					failed++
					fmt.Fprintf(io.Stdout, "--- FAIL: test.%s (%s, control %s on %s)\n", t.Test.Label, where, t.Test.Control.Label, t.Test.Target.Name)
					for _, p := range t.Problems {
						fmt.Fprintf(io.Stdout, "    %s\n", p)
					}
					continue
				}
				passed++
				if o.verbose {
					fmt.Fprintf(io.Stdout, "--- PASS: test.%s (%s)\n", t.Test.Label, t.Duration.Round(time.Microsecond))
				}
			}
			if cov != nil && len(cov.Files) > 0 {
				if o.coverage {
					for _, f := range cov.Files {
						fmt.Fprintf(io.Stdout, "coverage: %5.1f%%  %s\n", f.Percent, filepath.ToSlash(f.File))
					}
				}
				fmt.Fprintf(io.Stdout, "coverage: %.1f%% of policy lines (%d of %d)\n", cov.Percent, cov.Covered, cov.Covered+cov.NotCovered)
			}
			fmt.Fprintf(io.Stdout, "%d passed, %d failed\n", passed, failed)
			if failed > 0 {
				return exit(1)
			}
			return nil
		},
	}
	o.addFlags(cmd.Flags())
	cmd.Flags().BoolVar(&o.coverage, "coverage", false, "list the coverage of each policy file")
	cmd.Flags().StringVar(&o.run, "run", "", "run only the tests whose name (package.test_name, or test.NAME for a test block) contains this text")
	cmd.Flags().DurationVar(&o.timeout, "timeout", 10*time.Second, "time limit of one test")
	return cmd
}
