package command

import (
	"context"
	"fmt"
	"strings"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
)

func newReperform(io IO) *cobra.Command {
	o := &evidenceOptions{}
	cmd := &cobra.Command{
		Use:   "reperform RECORD_ID [DIR]",
		Short: "Evaluate a stored record again from its stored inputs; exit 0 only if identical",
		Long: `reperform loads a stored evidence record (RUN_ID/N, as socle evidence list --records
prints it), the input documents and the policy modules the store kept for it,
evaluates the record's policy package again with the record's as-of time and the
waivers the record says were applied, rebuilds the record with the run's stored
header values (run id, times, versions, context), and compares its canonical JSON
with the stored bytes: the auditor's reperformance test, made mechanical.

The policy repository DIR (default the current directory) is only where the store
is named (its socle block) and where a relative sqlite:// path starts; nothing of
its current policies is used.

Exit codes: 0 the reperformed record is identical; 1 it differs (each differing
field is named, and for verdicts each resource whose verdict changed); 2 the record
or a blob it needs is missing or does not match its hash, or the store cannot be
opened.`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 2 {
				o.repo = args[1]
			}
			return runReperform(cmd.Context(), io, o, args[0])
		},
	}
	o.repo = "."
	o.addStoreFlags(cmd.Flags())
	return cmd
}

func runReperform(ctx context.Context, io IO, o *evidenceOptions, id string) error {
	if _, _, err := store.ParseRecordID(id); err != nil {
		return usageError("%s", err)
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := evaluator.Reperform(ctx, s, id)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: fmt.Sprintf("cannot reperform %s: %v", id, err)}
	}
	if rep.Identical {
		fmt.Fprintf(io.Stdout, "Reperformed %s: identical (%s)\n", id, rep.Summary())
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Reperformed %s: DIFFERENT (stored %s; reperformed %s)\n", id, storedSummary(rep), rep.Summary())
	for _, d := range rep.Differences {
		fmt.Fprintf(&b, "  %s\n", d)
	}
	if _, err := io.Stdout.Write([]byte(b.String())); err != nil {
		return &exitError{code: result.ExitConfig, msg: "writing the result: " + err.Error()}
	}
	return &exitError{code: result.ExitFailed, msg: fmt.Sprintf("the reperformance of %s does not match the stored record: %s", id, fieldList(rep.Differences))}
}

// storedSummary is the one-line outcome of the stored record.
func storedSummary(rep *evaluator.ReperformResult) string {
	again := *rep
	again.Reperformed = rep.Stored
	return again.Summary()
}

// fieldList names the differing fields once each, in order.
func fieldList(ds []evaluator.Difference) string {
	var names []string
	seen := map[string]bool{}
	for _, d := range ds {
		if !seen[d.Field] {
			seen[d.Field] = true
			names = append(names, d.Field)
		}
	}
	return "differing fields: " + strings.Join(names, ", ")
}
