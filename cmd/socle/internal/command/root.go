// Package command holds socle's cobra commands: one file per command, each with
// an options struct filled from flags, calling the evaluator and turning its
// result into output and an exit code. Nothing imports this package but main.
package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/socle-dev/socle/evaluator/result"
	"github.com/spf13/cobra"
)

// IO is the process's arguments and streams.
type IO struct {
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// exitError carries an exit code out of a command; its message, if any, has
// already been printed.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func exit(code int) error { return &exitError{code: code} }

// usageError is a command-line mistake: printed with a hint, exit 2.
func usageError(format string, args ...any) error {
	return &exitError{code: result.ExitConfig, msg: fmt.Sprintf(format, args...)}
}

// Execute runs socle with the given arguments and returns the exit code.
func Execute(ctx context.Context, io IO) int {
	opts := &globalOptions{}
	io.Stdout = newStream(io.Stdout, opts)
	io.Stderr = newStream(io.Stderr, opts)
	root := newRoot(io, opts)
	root.SetArgs(normalizeArgs(io.Args))
	root.SetIn(io.Stdin)
	root.SetOut(io.Stdout)
	root.SetErr(io.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(io.Stderr, "Error: %s\n", ee.msg)
		}
		return ee.code
	}
	// Flag parsing and unknown commands: cobra's own errors.
	fmt.Fprintf(io.Stderr, "Error: %s\nRun 'socle --help' for usage.\n", err)
	return result.ExitConfig
}

// Tree returns socle's command tree, for generating its documentation
// (docs/cli, man pages); it is never executed.
func Tree() *cobra.Command {
	return newRoot(IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}, &globalOptions{})
}

func newRoot(io IO, opts *globalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "socle",
		Short: "Policy-as-code for SOC 1: HCL controls, Rego policies, evidence mapped to control objectives",
		Long: `socle evaluates SOC 1 controls written in HCL against configuration snapshots,
with policies in Rego, and reports pass/fail evidence mapped to control objectives
and COSO 2013 principles.

Exit codes: 0 every evaluated control passed; 1 a control failed (at or above
--fail-on); 2 the configuration or the command line is wrong; 3 a control errored
(it did not operate).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.DisableAutoGenTag = true // docs/cli must not change with the day it is generated
	root.SuggestionsMinimumDistance = 2
	root.AddCommand(
		newInit(io),
		newValidate(io),
		newPlan(io),
		newEval(io),
		newTest(io),
		newFmt(io),
		newGraph(io),
		newMatrix(io),
		newCollect(io),
		newDiff(io),
		newMerge(io),
		newEvidence(io),
		newReperform(io),
		newReport(io),
		newDocs(io),
		newSample(io),
		newExplain(io),
		newReadiness(io),
		newOwners(io),
		newVersion(io),
	)
	addGlobalFlags(root, opts)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	registerCompletions(root)
	return root
}

// normalizeArgs accepts Terraform's single-dash spelling of long flags
// (-var, -var-file, -format, …) as well as the double-dash one.
func normalizeArgs(args []string) []string {
	long := []string{"var", "var-file", "format", "output", "control", "as-of", "fail-on", "no-color", "quiet", "verbose", "snapshot", "provider", "fail-on-existing", "plugin-dir",
		"record", "store", "repo", "period", "status", "objective", "target", "records", "canonical", "size", "seed", "list", "check", "diff", "allow-exec"}
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		if !strings.HasPrefix(a, "-") || strings.HasPrefix(a, "--") {
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		for _, l := range long {
			if name == l {
				out[i] = "-" + a
			}
		}
	}
	return out
}
