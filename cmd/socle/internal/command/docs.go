package command

import (
	"context"
	"errors"
	"time"

	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/reviewpack"
	"github.com/spf13/cobra"
)

type docsOptions struct {
	repoOptions
	output  string
	format  string
	since   string
	timeout time.Duration
}

// docsMarker marks a directory socle docs wrote, so a rerun may replace it.
const docsMarker = ".socle-docs"

func newDocs(io IO) *cobra.Command {
	o := &docsOptions{}
	cmd := &cobra.Command{
		Use:   "docs [DIR] --output DIR2 [--format html|markdown] [--since GIT_REV]",
		Short: "Write the policy repository's review pack for auditors: a page per objective and control, the matrix",
		Long: `docs writes the review pack auditors read before the evidence: an index; one page per
objective (its controls, COSO principles, CUECs and CSOCs) and per control (its
description, owner, frequency, the Rego source of its policy — highlighted in HTML —, the
providers it reads and what their snapshots hold, its tests and their results, run now,
its waivers, a manual control's evidence files); and the control matrix with its gaps.

With --since GIT_REV (a commit, tag or branch of the git repository that holds DIR), a
changes page lists what changed between that revision and the working tree: controls,
objectives and waivers compared by label attribute by attribute, policies by package
(the hash of their modules), the commits in between and the policy source diff.

The pack is written to DIR2 whole or not at all; DIR2 must be new, empty, or a pack socle
docs wrote before (it is replaced). Exit codes: 0 written (failing tests are reported in
the pack); 2 a wrong command line, repository or revision.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			return o.run(cmd.Context(), io)
		},
	}
	o.addFlags(cmd.Flags())
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "the directory to write the pack to (required)")
	f.StringVar(&o.format, "format", "html", "html or markdown")
	f.StringVar(&o.since, "since", "", "also list what changed since this git revision")
	f.DurationVar(&o.timeout, "timeout", 10*time.Second, "time limit of one test")
	return cmd
}

func (o *docsOptions) run(ctx context.Context, io IO) error {
	if o.output == "" {
		return usageError("socle docs needs --output DIR, the directory to write the pack to")
	}
	if o.format != "html" && o.format != "markdown" {
		return usageError("unknown format %q: use html or markdown", o.format)
	}
	repo, asOf, err := o.load(io.Stderr)
	if err != nil {
		return err
	}
	pack, err := reviewpack.Build(ctx, repo, reviewpack.Options{Now: asOf, TestTimeout: o.timeout, Since: o.since})
	var gitErr *reviewpack.GitError
	switch {
	case errors.As(err, &gitErr):
		return usageError("%s", err)
	case err != nil:
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	files, err := reviewpack.Render(pack, o.format)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	if err := writeDirAtomic(o.output, docsMarker, files); err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	notef(io.Stderr, "Wrote the review pack to %s: %d pages (%d objectives, %d controls); tests %d passed, %d failed.\n",
		o.output, len(files)-1, len(pack.Objectives), len(pack.Controls), pack.TestsPassed, pack.TestsFailed)
	return nil
}
