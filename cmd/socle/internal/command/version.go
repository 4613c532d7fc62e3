package command

import (
	"fmt"
	"runtime"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/spf13/cobra"
)

// versionInfo is what socle version prints.
type versionInfo struct {
	Socle    string `json:"socle"`
	Commit   string `json:"commit"`
	OPA      string `json:"opa"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

func newVersion(io IO) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the socle, OPA and Go versions and the commit socle was built from",
		Long: `version prints socle's version, the commit it was built from (set by release
builds, else read from the VCS stamp go build records; "unknown" when neither is
there, as with go run), the version of OPA that evaluates the policies, and the Go
version and platform it was built with.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkChoice("--format", format, "text", "json"); err != nil {
				return err
			}
			v := versionInfo{Socle: evaluator.Version, Commit: evaluator.BuildCommit(), OPA: policy.OPAVersion(),
				Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
			if format == "json" {
				return writeJSON(io.Stdout, v)
			}
			commit := v.Commit
			if commit == "" {
				commit = "unknown"
			}
			fmt.Fprintf(io.Stdout, "socle %s\ncommit %s\nOPA %s\n%s %s\n", v.Socle, commit, v.OPA, v.Go, v.Platform)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}
