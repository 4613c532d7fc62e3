package command

import (
	"fmt"
	"runtime"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/spf13/cobra"
)

func newVersion(io IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the socle, OPA and Go versions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(io.Stdout, "socle %s\nOPA %s\n%s %s/%s\n", evaluator.Version, policy.OPAVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
