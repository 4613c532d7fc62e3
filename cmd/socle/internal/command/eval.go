package command

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/bundle"
	"github.com/socle-dev/socle/evaluator/output"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/spf13/cobra"
)

type evalOptions struct {
	repoOptions
	format   string
	output   string
	controls []string
	failOn   string
	snapshot string
}

func newEval(io IO) *cobra.Command {
	o := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval [DIR]",
		Short: "Evaluate every control against its providers' snapshots",
		Long: `eval loads the policy repository, loads each provider's snapshot once, and
evaluates every automated control on each of its targets, concurrently.

Results go to stdout (or --output, written whole or not at all); diagnostics go to
stderr. Exit codes: 0 every evaluated control passed (or failed below --fail-on);
1 a control failed at or above --fail-on; 2 the configuration, the command line or
a snapshot is wrong; 3 a control errored (it did not operate).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	o.addFlags(f)
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(output.Names(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write results to this file instead of stdout")
	f.StringArrayVar(&o.controls, "control", nil, "only these controls: a label, a ref or a glob (repeatable)")
	f.StringVar(&o.snapshot, "snapshot", "", "evaluate the documents of this snapshot bundle (written by socle collect) instead of the providers' snapshots")
	f.StringVar(&o.failOn, "fail-on", "low", "lowest severity of a failed control that makes the exit code 1: low, medium, high, critical, or none")
	return cmd
}

func (o *evalOptions) run(ctx context.Context, io IO) error {
	threshold, err := result.ParseThreshold(o.failOn)
	if err != nil {
		return usageError("%s", err)
	}
	if err := evaluator.ValidatePatterns(o.controls); err != nil {
		return usageError("%s", err)
	}
	toTerminal := o.output == "" && colorFor(io.Stdout, o.noColor)
	formatter, err := output.Lookup(o.format, output.Options{Color: toTerminal})
	if err != nil {
		return usageError("%s", err)
	}
	repo, asOf, err := o.load(io.Stderr)
	if err != nil {
		return err
	}
	if err := checkPatterns(repo, o.controls); err != nil {
		return err
	}
	var b *bundle.Bundle
	if o.snapshot != "" {
		if b, err = bundle.Read(o.snapshot); err != nil {
			return usageError("%s", err)
		}
	}
	doc, diags := repo.Evaluate(ctx, evaluator.EvalOptions{
		PlanOptions: evaluator.PlanOptions{Controls: o.controls},
		Bundle:      b,
		AsOf:        asOf,
		Context:     runContext(ctx, o.dir),
	})
	o.printDiags(io.Stderr, repo.Sources(), diags)

	var buf bytes.Buffer
	if err := formatter.Format(&buf, doc); err != nil {
		return &exitError{code: result.ExitNotOperated, msg: "writing results: " + err.Error()}
	}
	if o.output == "" {
		if _, err := io.Stdout.Write(buf.Bytes()); err != nil {
			return &exitError{code: result.ExitNotOperated, msg: "writing results: " + err.Error()}
		}
	} else if err := writeFileAtomic(o.output, buf.Bytes()); err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	if diags.HasErrors() {
		return exit(result.ExitConfig)
	}
	if code := doc.ExitCode(threshold); code != 0 {
		return exit(code)
	}
	return nil
}

// runContext describes where the run happens: the git commit and the CI job,
// from the variables CI systems set, else from git itself.
func runContext(ctx context.Context, dir string) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION", "GIT_COMMIT"} {
		if v := os.Getenv(k); v != "" {
			out["git_commit"] = v
			break
		}
	}
	if _, ok := out["git_commit"]; !ok {
		if _, err := exec.LookPath("git"); err == nil {
			gctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			b, err := exec.CommandContext(gctx, "git", "-C", dir, "rev-parse", "HEAD").Output()
			cancel()
			if err == nil {
				out["git_commit"] = strings.TrimSpace(string(b))
			}
		}
	}
	if v := os.Getenv("GITHUB_RUN_ID"); v != "" {
		if a := os.Getenv("GITHUB_RUN_ATTEMPT"); a != "" {
			v += "/" + a
		}
		out["ci_job"] = v
	} else {
		for _, k := range []string{"CI_JOB_ID", "BUILD_BUILDID", "BUILD_ID"} {
			if v := os.Getenv(k); v != "" {
				out["ci_job"] = v
				break
			}
		}
	}
	return out
}
