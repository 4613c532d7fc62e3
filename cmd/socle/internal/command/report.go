package command

import (
	"context"
	"fmt"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	evidenceOptions
	period string
	format string
}

func newReport(io IO) *cobra.Command {
	o := &reportOptions{}
	o.repo = "."
	cmd := &cobra.Command{
		Use:   "report [DIR] --period FROM..TO",
		Short: "Type II period result: per control and target, occurrences expected, covered, failed, missing",
		Long: `report reads the evidence store's records of a period and, per control and target,
counts the occurrences its frequency expects (continuous and daily: each calendar day;
weekly: each ISO week; monthly, quarterly, annual), those a record covers, those that
failed (a record failed or errored) and those missing; lists the policy hashes in force
with the first and last day each was seen, and the waivers applied; and concludes in
the auditors' phrasing ("No exceptions noted." or "Exceptions noted: …").

Days are UTC. The store is named as for socle evidence: --store, SOCLE_STORE, the
socle block of the policy repository DIR (default the current directory), or the
default. Only --format json is available yet.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.repo = args[0]
			}
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.period, "period", "", "the period, FROM..TO (YYYY-MM-DD, both days included); default the socle block's period")
	f.StringVar(&o.format, "format", "json", "json (the human formats are to come)")
	o.addStoreFlags(f)
	return cmd
}

func (o *reportOptions) run(ctx context.Context, io IO) error {
	// The repository, when it loads, names the controls that should have
	// operated (a control with no record is still reported) and the default
	// period; without it, the report covers what the store holds.
	repo, diags := evaluator.Load(evaluator.Options{Dir: o.repo})
	if diags.HasErrors() {
		repo = nil
		fmt.Fprintf(io.Stderr, "Warning: the policy repository %s does not load, so controls with no record in the period cannot be listed; socle validate %s shows why.\n", o.repo, o.repo)
	}
	if o.period == "" && repo != nil && repo.Settings.PeriodStart != "" {
		o.period = repo.Settings.PeriodStart + ".." + repo.Settings.PeriodEnd
	}
	if o.period == "" {
		return usageError("socle report needs --period FROM..TO, as --period 2026-01-01..2026-06-30 (or a period block in the socle block)")
	}
	p, err := period.Parse(o.period)
	if err != nil {
		return usageError("%s", err)
	}
	// A period still running is reported through today: occurrences that have
	// not come yet are not missing.
	if today := time.Now().UTC().Truncate(24 * time.Hour); p.To.After(today) {
		if today.Before(p.From) {
			return usageError("the period %s has not started yet (today is %s)", o.period, today.Format(time.DateOnly))
		}
		notef(io.Stderr, "The period ends after today: it is reported through %s.\n", today.Format(time.DateOnly))
		p.To = today
	}
	if o.format != "json" {
		return usageError("unknown format %q: socle report writes json only for now", o.format)
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	runs, err := s.Runs(ctx, store.Filter{From: p.From, To: p.End()})
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	var obs []period.Observation
	bar := newProgress(io.Stderr)
	defer bar.Done()
	for i, run := range runs {
		bar.Update("reading records", i, len(runs))
		recs, err := s.RunRecords(ctx, run.Header.ID)
		if err != nil {
			return &exitError{code: result.ExitConfig, msg: err.Error()}
		}
		for i := range recs {
			rec, err := recs[i].Decode()
			if err != nil {
				return &exitError{code: result.ExitConfig, msg: err.Error()}
			}
			obs = append(obs, period.ObservationOf(recs[i].ID, rec))
		}
	}
	bar.Update("reading records", len(runs), len(runs))
	bar.Done()
	rep, err := period.EvaluateExpected(p, obs, expectedControls(repo))
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: fmt.Sprintf("the period %s: %v", o.period, err)}
	}
	return writeJSON(io.Stdout, rep)
}

// expectedControls lists the automated control instances and targets of the
// repository, for the period report (nil without a repository).
func expectedControls(repo *evaluator.Repo) []period.Expected {
	if repo == nil {
		return nil
	}
	var out []period.Expected
	for _, c := range repo.Controls {
		if !c.Automated {
			continue
		}
		for _, t := range c.Targets {
			e := period.Expected{Control: c.Label, Ref: c.Ref, Target: t.Name, Frequency: c.Frequency}
			if c.Objective != nil {
				e.Objective, e.ObjectiveRef = c.Objective.Label, c.Objective.Ref
			}
			out = append(out, e)
		}
	}
	return out
}
