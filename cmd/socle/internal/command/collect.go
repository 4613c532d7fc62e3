package command

import (
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/bundle"
	"github.com/spf13/cobra"
)

type collectOptions struct {
	repoOptions
	output    string
	providers []string
}

func newCollect(io IO) *cobra.Command {
	o := &collectOptions{}
	cmd := &cobra.Command{
		Use:   "collect [DIR] -o BUNDLE",
		Short: "Read every provider (live where it can) and write a snapshot bundle",
		Long: `collect reads each provider instance of the policy repository — from the live
system when its type can collect (collect mode), else from its snapshot — and writes
a snapshot bundle: one normalized document per instance and manifest.json with the
provider, collector version, collection time, source parameters (never secrets),
item count and sha256 of each document. Evaluate it later with
socle eval --snapshot BUNDLE; a bundle whose files do not match its manifest is
refused.

The bundle is written whole or not at all; an existing BUNDLE is never
overwritten. Exit 0 when every instance was collected, 2 otherwise (the bundle
then holds the instances that were).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			if o.output == "" {
				return usageError("collect needs -o BUNDLE: the directory to write the bundle to")
			}
			repo, _, err := o.load(io.Stderr)
			if err != nil {
				return err
			}
			bar := newProgress(io.Stderr)
			docs, diags := repo.Collect(cmd.Context(), evaluator.CollectOptions{Providers: o.providers, Progress: bar.Update})
			bar.Done()
			o.printDiags(io.Stderr, repo.Sources(), diags)
			if len(docs) > 0 {
				m := bundle.Manifest{
					CreatedAt:    time.Now().UTC().Truncate(time.Second),
					SocleVersion: evaluator.Version,
					Organization: repo.Settings.Organization,
					System:       repo.Settings.System,
				}
				if err := bundle.Write(o.output, m, docs); err != nil {
					return usageError("%s", err)
				}
				items := 0
				for _, d := range docs {
					items += d.Entry.Items
				}
				notef(io.Stderr, "Wrote %s: %d documents, %d items.\n", o.output, len(docs), items)
			}
			if diags.HasErrors() {
				return exit(2)
			}
			return nil
		},
	}
	o.addFlags(cmd.Flags())
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "the bundle directory to write (must not exist)")
	cmd.Flags().StringArrayVar(&o.providers, "provider", nil, "only this provider instance, as TYPE or TYPE.ALIAS (repeatable)")
	return cmd
}
