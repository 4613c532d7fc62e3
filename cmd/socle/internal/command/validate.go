package command

import (
	"fmt"

	"github.com/spf13/cobra"
)

type validateOptions struct {
	repoOptions
}

func newValidate(io IO) *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check the configuration and policies: parse HCL, compile Rego, resolve every reference",
		Long: `validate parses every *.hcl file of the policy repository, compiles its Rego
policies, configures each provider and resolves every reference. Nothing is loaded
from snapshots and nothing is evaluated. Every problem is reported, with its file,
line and column. Exit 0 when the configuration is valid, 2 when it is not.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			repo, _, err := o.load(io.Stderr)
			if err != nil {
				return err
			}
			fmt.Fprintf(io.Stdout, "The configuration is valid: %s, %s, %s, %s.\n",
				plural(len(repo.Objectives), "objective", "objectives"), plural(len(repo.Controls), "control", "controls"),
				plural(len(repo.Providers), "provider instance", "provider instances"), plural(len(repo.Policies.Packages()), "policy package", "policy packages"))
			return nil
		},
	}
	o.addFlags(cmd.Flags())
	return cmd
}
