package command

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/spf13/cobra"
)

type testOptions struct {
	repoOptions
	verbose bool
	timeout time.Duration
}

func newTest(io IO) *cobra.Command {
	o := &testOptions{}
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run the Rego unit tests of the policy repository",
		Long: `test runs every test_* rule of the repository's Rego modules (the *_test.rego files
and the policies they test), with the same restricted capabilities as evaluation and a
time limit per test. Output is like go test: failures with their file and line, then
"N passed, N failed". Exit 0 when every test passes, 1 when one fails, 2 when the
configuration or a module is wrong.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			repo, _, err := o.load(io.Stderr)
			if err != nil {
				return err
			}
			results, diags := policy.RunTests(cmd.Context(), repo.FS, repo.Settings.PoliciesDir, o.dir, o.timeout)
			o.printDiags(io.Stderr, repo.Sources(), diags)
			if diags.HasErrors() {
				return exit(2)
			}
			failed := 0
			for _, r := range results {
				switch {
				case !r.Pass:
					failed++
					fmt.Fprintf(io.Stdout, "--- FAIL: %s.%s (%s:%d)\n", r.Package, r.Name, filepath.ToSlash(r.File), r.Line)
					if r.Error != "" {
						fmt.Fprintf(io.Stdout, "    %s\n", r.Error)
					}
				case o.verbose:
					fmt.Fprintf(io.Stdout, "--- PASS: %s.%s (%s)\n", r.Package, r.Name, r.Duration.Round(time.Microsecond))
				}
			}
			if len(results) == 0 {
				fmt.Fprintf(io.Stdout, "no Rego test (test_* rule) under %s\n", filepath.Join(o.dir, repo.Settings.PoliciesDir))
			}
			fmt.Fprintln(io.Stdout, policy.Summary(results))
			if failed > 0 {
				return exit(1)
			}
			return nil
		},
	}
	o.addFlags(cmd.Flags())
	cmd.Flags().BoolVarP(&o.verbose, "verbose", "v", false, "list passing tests too")
	cmd.Flags().DurationVar(&o.timeout, "timeout", 10*time.Second, "time limit of one test")
	return cmd
}
