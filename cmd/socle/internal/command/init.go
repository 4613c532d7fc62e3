package command

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/internal/scaffold"
	"github.com/socle-dev/socle/policies"
	"github.com/spf13/cobra"
)

// maxListed is how many of the files in the way init names; a directory
// initialized already has every file in the way.
const maxListed = 20

func newInit(io IO) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Scaffold a policy repository from socle's SOC 1 catalog",
		Long: `init writes a working policy repository into DIR (default: the current directory),
creating it if needed: socle's SOC 1 catalog for a payroll, payments or SaaS-billing
service organization — control objectives with their COSO 2013 principles, controls
with their Rego policies and unit tests, providers pointing at sample snapshots on which
every automated control passes, test blocks with failing fixtures, a README and a CI
workflow. socle eval DIR passes on it as written; replace the samples with your own
systems' exports from there.

init never overwrites: when any file it would write exists already, it lists them,
writes nothing, and exits 2.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			written, err := scaffold.Write(dir, policies.FS())
			if exists, ok := errors.AsType[*scaffold.ExistsError](err); ok {
				fmt.Fprintf(io.Stderr, "Error: %d file(s) of the new repository already exist in %s:\n", len(exists.Paths), dir)
				for i, p := range exists.Paths {
					if i == maxListed && len(exists.Paths) > maxListed+1 {
						fmt.Fprintf(io.Stderr, "  … and %d more\n", len(exists.Paths)-i)
						break
					}
					fmt.Fprintf(io.Stderr, "  %s\n", filepath.Join(dir, filepath.FromSlash(p)))
				}
				fmt.Fprintln(io.Stderr, "socle init writes nothing over existing files, and wrote nothing: choose an empty directory (socle init DIR), or move these aside.")
				return exit(result.ExitConfig)
			}
			if err != nil {
				return &exitError{code: result.ExitConfig, msg: fmt.Sprintf("%v (nothing was left written)", err)}
			}
			fmt.Fprintf(io.Stdout, `Created a SOC 1 policy repository in %s (%d files), from socle's catalog.

Next:
  cd %s
  socle eval      every automated control passes on the sample snapshots
  socle test      the Rego unit tests and the test blocks
  socle matrix    the control matrix and its gaps

Then make it yours: README.md says how (settings, snapshots, parameters, approvals).
`, dir, len(written), dir)
			return nil
		},
	}
}
