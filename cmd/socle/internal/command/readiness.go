package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/socle-dev/socle/evaluator/readiness"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
)

type readinessOptions struct {
	repoOptions
	storeOptions
	days   int
	within int
	format string
	output string
}

func newReadiness(io IO) *cobra.Command {
	o := &readinessOptions{}
	cmd := &cobra.Command{
		Use:   "readiness [DIR] [--days N] [--format text|markdown|html|json] [--output FILE]",
		Short: "The readiness assessment before the audit: per objective and control, what is documented, designed and operating, and the actions that close each gap",
		Long: `readiness is the gap analysis a service organization makes before its auditor
arrives. For each objective and each of its controls it checks that the control is:

  documented  a description, an owner, a stated frequency and a test procedure (socle
              derives one for an automated control; a manual control needs its own);
  designed    its policy compiles, Rego unit tests or test blocks cover it and pass
              (they are run), its providers are configured (a manual control: its
              evidence files);
  operating   the evidence store holds a record for every occurrence its frequency
              expects over the last --days days (from the start of the day, week,
              month, quarter or year that holds the window's first day), none failed
              or errored, and the latest record passed (a latest not_tested is a gap
              too); the occurrence that holds the as-of date is still open, so a
              missing record there is due, not a gap;
  waivers     none has expired while still declared, none expires within --within
              days.

Each risk of the register (risk blocks) that no control mitigates, or whose mitigating
controls all failed, errored, tested nothing or have no record in the window, is a gap
of the objectives it threatens.

An objective is ready when it has a control, no risk gap, and each of its controls is;
the verdict is "ready" or "gaps: …" with the count per area, overall and per objective,
followed by the list of actions, each with the control's owner.

The window ends on --as-of (default today, UTC). The store is --store, else
SOCLE_STORE, else the socle block's store, else ` + store.DefaultURL + `; a store
that does not exist yet is a gap, not an error. Formats: text, markdown, html (one
self-contained file) and json. See docs/readiness.md.

Exit codes: 0 ready; 1 gaps; 2 a wrong command line, repository or store.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	o.addFlags(f)
	o.addStoreFlags(f)
	f.IntVar(&o.days, "days", 90, "the window: the last N days up to --as-of, the day included")
	f.IntVar(&o.within, "within", 30, "a waiver that expires within this many days is a gap")
	f.StringVar(&o.format, "format", "text", "text, markdown, html or json")
	f.StringVarP(&o.output, "output", "o", "", "write the assessment to this file (whole or not at all) instead of standard output")
	return cmd
}

func (o *readinessOptions) run(ctx context.Context, io IO) error {
	if err := checkChoice("--format", o.format, readiness.Formats...); err != nil {
		return err
	}
	if o.days < 1 {
		return usageError("--days %d: the window is at least one day", o.days)
	}
	if o.within < 1 {
		return usageError("--within %d: give a number of days, at least 1", o.within)
	}
	repo, asOf, err := o.load(io.Stderr)
	if err != nil {
		return err
	}
	s, err := openIfExists(ctx, o.explicit(), repo.Settings.Store, o.dir)
	if err != nil {
		return err
	}
	if s == nil {
		notef(io.Stderr, "No evidence store yet: no control has evidence of operating (socle eval --record creates it).\n")
	} else {
		defer s.Close()
	}
	a, err := readiness.Build(ctx, readiness.Options{Repo: repo, Store: s, AsOf: asOf, Days: o.days, Within: o.within, TestTimeout: repo.Settings.Timeout})
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	var buf bytes.Buffer
	if err := readiness.Render(&buf, a, o.format); err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	if err := writeOutput(io, o.output, buf.Bytes(), fmt.Sprintf("Wrote the %s readiness assessment to %s: %s.\n", o.format, o.output, a.Verdict)); err != nil {
		return err
	}
	if !a.Ready {
		return exit(result.ExitFailed)
	}
	return nil
}

// openIfExists opens the store the flags, the environment or the repository
// name, to read it; a SQLite file that does not exist yet is no store (nil),
// not an error.
func openIfExists(ctx context.Context, url, setting, dir string) (store.Store, error) {
	if url == "" {
		url = setting
	}
	if url == "" {
		url = store.DefaultURL
	}
	loc, err := store.ParseURL(url, dir)
	if err != nil {
		return nil, usageError("%s", err)
	}
	if loc.Backend == store.BackendSQLite {
		if _, err := os.Stat(loc.Path); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
	}
	return openStore(ctx, url, "", dir)
}
