package command

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/owners"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
)

type ownersOptions struct {
	repoOptions
	storeOptions
	within int
	owners []string
	format string
	output string
}

func newOwners(io IO) *cobra.Command {
	o := &ownersOptions{}
	cmd := &cobra.Command{
		Use:   "owners [DIR] [--format markdown|json] [--output FILE]",
		Short: "A digest per control owner: their controls, the latest status, failing resources and waivers about to expire",
		Long: `owners groups the controls of the policy repository by owner (the control's owner
attribute; controls without one come last, under "(no owner)") and gives, for each
control and target, the latest status the evidence store records up to --as-of (default
today, UTC), the resources that fail in that record with their messages, and the
control's waivers that expire within --within days or have expired. It is the digest
to send each owner; socle eval --record --notify sends what changed after each run.

The store is --store, else SOCLE_STORE, else the socle block's store, else
` + store.DefaultURL + `; without a store every target shows "no record".
--owner NAME keeps one owner's digest (repeatable), to send each owner theirs.
Formats: markdown and json. See docs/readiness.md.

Exit codes: 0 the digest was written; 2 a wrong command line, repository or store.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	o.addFlags(f)
	o.addStoreFlags(f)
	f.IntVar(&o.within, "within", 30, "list the waivers that expire within this many days (and those expired)")
	f.StringArrayVar(&o.owners, "owner", nil, "only this owner's digest (repeatable; \"(no owner)\" for the controls without one)")
	f.StringVar(&o.format, "format", "markdown", "markdown or json")
	f.StringVarP(&o.output, "output", "o", "", "write the digest to this file (whole or not at all) instead of standard output")
	return cmd
}

func (o *ownersOptions) run(ctx context.Context, io IO) error {
	if err := checkChoice("--format", o.format, owners.Formats...); err != nil {
		return err
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
		notef(io.Stderr, "No evidence store yet: every control shows no record (socle eval --record creates it).\n")
	} else {
		defer s.Close()
	}
	d, err := owners.Build(ctx, owners.Options{Repo: repo, Store: s, AsOf: asOf, Within: o.within})
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	if len(o.owners) > 0 {
		var names []string
		for _, ow := range d.Owners {
			names = append(names, ow.Owner)
		}
		for _, want := range o.owners {
			if !slices.Contains(names, want) {
				return usageError("--owner %q owns no control.%s (the owners: %s)", want, addrs.Suggest(want, names), strings.Join(names, ", "))
			}
		}
		d.Owners = slices.DeleteFunc(d.Owners, func(ow owners.Owner) bool { return !slices.Contains(o.owners, ow.Owner) })
	}
	var buf bytes.Buffer
	if err := owners.Render(&buf, d, o.format); err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	return writeOutput(io, o.output, buf.Bytes(), fmt.Sprintf("Wrote the %s digest of %d owners to %s.\n", o.format, len(d.Owners), o.output))
}
