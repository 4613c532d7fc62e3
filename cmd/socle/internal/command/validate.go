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
			fmt.Fprintf(io.Stdout, "The configuration is valid: %d objectives, %d controls, %d provider instances, %d policy packages.\n",
				len(repo.Objectives), len(repo.Controls), len(repo.Providers), len(repo.Policies.Packages()))
			return nil
		},
	}
	o.addFlags(cmd.Flags())
	return cmd
}
