package command

import (
	"fmt"
	"text/tabwriter"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/spf13/cobra"
)

type planOptions struct {
	repoOptions
	controls []string
	shard    string
}

func newPlan(io IO) *cobra.Command {
	o := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan [DIR]",
		Short: "List what eval would evaluate: controls × targets, and why anything is skipped",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			if err := evaluator.ValidatePatterns(o.controls); err != nil {
				return usageError("%s", err)
			}
			var shard *result.Shard
			if o.shard != "" {
				sh, err := result.ParseShard(o.shard)
				if err != nil {
					return usageError("--shard: %s", err)
				}
				shard = &sh
			}
			repo, _, err := o.load(io.Stderr)
			if err != nil {
				return err
			}
			if err := checkPatterns(repo, o.controls); err != nil {
				return err
			}
			items := repo.Plan(evaluator.PlanOptions{Controls: o.controls, Shard: shard})
			tw := tabwriter.NewWriter(io.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "OBJECTIVE\tCONTROL\tREF\tTARGET\tPOLICY\tACTION")
			run, skipped := 0, 0
			for _, it := range items {
				action := "evaluate"
				if it.Skip != "" {
					action = "skip: " + it.Skip
					skipped++
				} else {
					run++
				}
				obj := ""
				if it.Control.Objective != nil {
					obj = it.Control.Objective.Ref
					if obj == "" {
						obj = it.Control.Objective.Label
					}
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", obj, it.Control.Label, it.Control.Ref, it.Target.Name, it.Control.Policy, action)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			for _, name := range repo.NoInstances {
				fmt.Fprintf(io.Stdout, "control.%s: no instance (its count is 0 or its for_each is empty), nothing to evaluate.\n", name)
			}
			fmt.Fprintf(io.Stdout, "\n%d to evaluate, %d skipped.\n", run, skipped)
			return nil
		},
	}
	o.addFlags(cmd.Flags())
	cmd.Flags().StringArrayVar(&o.controls, "control", nil, "only these controls: a label, a ref or a glob (repeatable)")
	cmd.Flags().StringVar(&o.shard, "shard", "", "what socle eval --shard I/N would evaluate: the other pairs are skipped, naming their shard")
	return cmd
}
