package command

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/sample"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
)

type sampleOptions struct {
	evidenceOptions
	control, target, period, seed, format string
	size                                  int
	list                                  bool
}

func newSample(io IO) *cobra.Command {
	o := &sampleOptions{}
	o.repo = "."
	cmd := &cobra.Command{
		Use:   "sample --control C --period FROM..TO [--size N] [--seed S] [DIR]",
		Short: "Draw a reproducible sample of a control's occurrences over a period, and record it",
		Long: `sample draws a Type II sample: the population is the occurrences of the control
(on one target) that the evidence store's records cover in the period — each day for
daily and continuous controls, each ISO week, month, quarter or year —, each with the
records that cover it.

The size is --size, else by the control's frequency: annual 1, quarterly 2, monthly 2,
weekly 5, daily 25, continuous 25. These defaults are a practice heuristic, not an AICPA
rule. A size not less than the population selects every occurrence.

The selection is reproducible from the seed (--seed, else a random one, printed): the
population sorted by key, math/rand/v2's PCG seeded with (seed, 0), a partial
Fisher–Yates shuffle (docs/evidence-store.md, "Sampling"). Each sample is recorded in
the store with its seed, population and selection; socle sample --list shows them.

The store is named as for socle evidence: --store, SOCLE_STORE, the socle block of the
policy repository DIR (default the current directory), or the default.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.repo = args[0]
			}
			if !cmd.Flags().Changed("size") {
				o.size = -1
			}
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.control, "control", "", "the control: a label or a ref")
	f.StringVar(&o.target, "target", "", "the target (aws.staging), when the control has records on several")
	f.StringVar(&o.period, "period", "", "the period, FROM..TO (YYYY-MM-DD, both days included)")
	f.IntVar(&o.size, "size", 0, "the sample size (default by the control's frequency)")
	f.StringVar(&o.seed, "seed", "", "the seed, an unsigned 64-bit integer (default a random one, printed)")
	f.BoolVar(&o.list, "list", false, "list the recorded samples (of --control and --target, if given) instead of drawing one")
	f.StringVar(&o.format, "format", "text", "text or json")
	o.addStoreFlags(f)
	return cmd
}

// sampleOutput is a sample as printed.
type sampleOutput struct {
	*store.Sample
	// AllSelected: the size is not less than the population, so every
	// occurrence is selected.
	AllSelected bool `json:"all_selected"`
}

func (o *sampleOptions) run(ctx context.Context, io IO) error {
	if err := checkChoice("--format", o.format, "text", "json"); err != nil {
		return err
	}
	if o.list {
		return o.runList(ctx, io)
	}
	if o.control == "" || o.period == "" {
		return usageError("socle sample needs --control C and --period FROM..TO, as --control mfa --period 2026-01-01..2026-06-30 (or --list)")
	}
	p, err := period.Parse(o.period)
	if err != nil {
		return usageError("%s", err)
	}
	if o.size == 0 || o.size < -1 {
		return usageError("invalid --size %d: give a positive number", o.size)
	}
	var seed uint64
	if o.seed != "" {
		if seed, err = strconv.ParseUint(o.seed, 10, 64); err != nil {
			return usageError("invalid --seed %q: give an unsigned 64-bit integer, as socle sample printed it", o.seed)
		}
	} else {
		seed = sample.RandomSeed()
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	pop, err := o.population(ctx, s, p)
	if err != nil {
		return err
	}
	size := o.size
	if size < 0 {
		size = sample.DefaultSize(pop.Frequency)
		// The repository's socle block may set its own table (sample_sizes).
		if repo, diags := evaluator.Load(settingsOptions(o.repo)); !diags.HasErrors() && repo != nil {
			if n, ok := repo.Settings.SampleSizes[pop.Frequency]; ok {
				size = n
			}
		}
		if size == 0 {
			return usageError("control %s has frequency %q, which has no default sample size: give --size", pop.Control, pop.Frequency)
		}
	}
	keys := make([]string, len(pop.Items))
	byKey := map[string]store.SampleItem{}
	sm := &store.Sample{
		CreatedAt: time.Now().UTC(), Control: pop.Control, Ref: pop.Ref, Target: pop.Target,
		From: p.From.Format(time.DateOnly), To: p.To.Format(time.DateOnly), Frequency: pop.Frequency,
		Seed: seed, Size: size, Algorithm: sample.Algorithm, SocleVersion: evaluator.Version,
		Population: []store.SampleItem{}, Selection: []store.SampleItem{},
	}
	for i, it := range pop.Items {
		keys[i] = it.Key
		item := store.SampleItem{Key: it.Key, Records: it.Records}
		byKey[it.Key] = item
		sm.Population = append(sm.Population, item)
	}
	slices.SortFunc(sm.Population, func(a, b store.SampleItem) int { return strings.Compare(a.Key, b.Key) })
	for _, k := range sample.Select(keys, size, seed) {
		sm.Selection = append(sm.Selection, byKey[k])
	}
	id, err := uuid.NewV7()
	if err != nil {
		id = uuid.New()
	}
	sm.ID = id.String()
	if err := s.AppendSample(ctx, sm); err != nil {
		return &exitError{code: result.ExitConfig, msg: fmt.Sprintf("the sample was not recorded: %v", err)}
	}
	notef(io.Stderr, "Recorded sample %s in %s (seed %d).\n", sm.ID, s.Location(), sm.Seed)
	out := sampleOutput{Sample: sm, AllSelected: size >= len(sm.Population)}
	if o.format == "json" {
		return writeJSON(io.Stdout, out)
	}
	printSample(io.Stdout, out)
	return nil
}

// population reads the records of the control in the period and returns its
// population on one target.
func (o *sampleOptions) population(ctx context.Context, s store.Store, p period.Period) (*period.Population, error) {
	infos, err := s.Records(ctx, store.Filter{Control: o.control, Target: o.target, From: p.From, To: p.End()})
	if err != nil {
		return nil, &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	var obs []period.Observation
	for _, info := range infos {
		rec, err := s.Record(ctx, info.ID)
		if err != nil {
			return nil, &exitError{code: result.ExitConfig, msg: err.Error()}
		}
		r, err := rec.Decode()
		if err != nil {
			return nil, &exitError{code: result.ExitConfig, msg: err.Error()}
		}
		obs = append(obs, period.ObservationOf(info.ID, r))
	}
	pops, err := period.Populations(p, obs)
	if err != nil {
		return nil, &exitError{code: result.ExitConfig, msg: fmt.Sprintf("the period %s: %v", o.period, err)}
	}
	switch len(pops) {
	case 0:
		what := "control " + o.control
		if o.target != "" {
			what += " on " + o.target
		}
		return nil, usageError("the evidence store %s holds no record of %s in %s: nothing to sample (socle evidence list --records --control %s lists its records)%s", s.Location(), what, o.period, o.control, storeSuggestion(ctx, s, "--control", o.control))
	case 1:
		return &pops[0], nil
	}
	var names []string
	for _, pp := range pops {
		names = append(names, pp.Control+" on "+pp.Target)
	}
	return nil, usageError("--control %s selects several populations (%s): name one control and one target with --control and --target", o.control, strings.Join(names, ", "))
}

func (o *sampleOptions) runList(ctx context.Context, io IO) error {
	if o.period != "" || o.seed != "" || o.size != -1 {
		return usageError("socle sample --list takes --control and --target only")
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Samples(ctx, store.SampleFilter{Control: o.control, Target: o.target})
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	out := make([]sampleOutput, len(list))
	for i := range list {
		out[i] = sampleOutput{Sample: &list[i], AllSelected: list[i].Size >= len(list[i].Population)}
	}
	if o.format == "json" {
		return writeJSON(io.Stdout, out)
	}
	if len(out) == 0 {
		notef(io.Stderr, "No samples in %s match.\n", s.Location())
		return nil
	}
	for i, sm := range out {
		if i > 0 {
			fmt.Fprintln(io.Stdout)
		}
		printSample(io.Stdout, sm)
	}
	return nil
}

// printSample writes a sample as text: what was sampled, the seed, and the
// selected occurrences with the records that cover them.
func printSample(w io.Writer, sm sampleOutput) {
	ref := ""
	if sm.Ref != "" {
		ref = " (" + sm.Ref + ")"
	}
	fmt.Fprintf(w, "Sample %s: control %s%s on %s, %s..%s, drawn %s by socle %s\n", sm.ID, sm.Control, ref, sm.Target, sm.From, sm.To, stamp(sm.CreatedAt), sm.SocleVersion)
	fmt.Fprintf(w, "Seed %d (%s); %s frequency; population %s.\n", sm.Seed, sm.Algorithm, sm.Frequency, plural(len(sm.Population), "covered occurrence", "covered occurrences"))
	if sm.AllSelected {
		fmt.Fprintf(w, "The sample size %d is not less than the population (%d): every occurrence is selected.\n", sm.Size, len(sm.Population))
	} else {
		fmt.Fprintf(w, "Selected %d of %d:\n", len(sm.Selection), len(sm.Population))
	}
	for _, it := range sm.Selection {
		fmt.Fprintf(w, "  %-10s  %s\n", it.Key, strings.Join(it.Records, ", "))
	}
}
