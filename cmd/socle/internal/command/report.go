package command

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/frameworks"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/report"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	evidenceOptions
	period      string
	format      string
	output      string
	pubKey      string
	noReperform bool
	framework   string
	criteria    []string
}

func newReport(io IO) *cobra.Command {
	o := &reportOptions{}
	o.repo = "."
	cmd := &cobra.Command{
		Use:   "report [DIR] --period FROM..TO --format html|xlsx|oscal|markdown|json [--output FILE]",
		Short: "The auditor's report of a period (Type II) or a date (Type I): html, xlsx, oscal, markdown or json",
		Long: `report builds the auditor's report from the evidence store: Type II over a period
(--period FROM..TO), Type I as of a date (--period DATE: the latest record of each control
up to that day). It verifies the store's hash chain first (and with --pub-key every run's
signature) and refuses to report on a store that is not intact.

Every format holds the same content: the cover (organization, system, period, type,
generation time, socle and OPA versions, the store's head and signature status); per
objective the Section 4 table (the control activity, the test performed, the result:
"No exceptions noted." or "Exceptions noted: …" with counts and dates); every deviation
with its records, resources and messages; the waivers in force; CUECs and subservice
organizations (CSOCs); coverage (objectives and COSO principles, controls without
evidence, policy changes within the period); the samples recorded for the period; the
reperformance of the sampled records (else of each control's latest record); and the
evidence index (every record id and hash).

--framework soc2 or iso27001 adds the report pivoted to that framework: each criterion
(the SOC 2 Trust Services Criteria, ISO/IEC 27001:2022 Annex A) with the controls mapped
to it (the mappings of the control or of its objective) and their results in the period,
and the criteria no control covers listed as gaps (html, markdown, json and a workbook
sheet; props on the OSCAL result and findings). See docs/programme.md.

Formats: html (one self-contained file, prints to PDF), xlsx (a workbook), oscal (OSCAL
1.1.2 assessment results), markdown, json (the report model). The report goes to --output
(written whole or not at all) or standard output; xlsx is not written to a terminal.

The policy repository DIR (default the current directory) names the controls that should
have operated, their descriptions and test procedures, the waivers, the CUECs and
subservice organizations, the headings, the default period and the store. Days are UTC.
See docs/reports.md.

Exit codes: 0 the report was written (whatever it concludes); 1 the store or a signature
does not verify; 2 a wrong command line, repository or store.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.repo = args[0]
			}
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.period, "period", "", "FROM..TO (Type II) or DATE (Type I), as YYYY-MM-DD, both days included; default the socle block's period")
	f.StringVar(&o.format, "format", "json", "html, xlsx, oscal, markdown or json")
	f.StringVarP(&o.output, "output", "o", "", "write the report to this file (whole or not at all) instead of standard output")
	f.StringVar(&o.pubKey, "pub-key", "", "verify the signature of every run the report reads with this ed25519 public key (PEM)")
	f.BoolVar(&o.noReperform, "no-reperform", false, "do not reperform the sampled (or latest) records; the test procedures say so")
	f.StringVar(&o.framework, "framework", "", "pivot the report to a framework's criteria as well: "+strings.Join(frameworks.Names(), " or "))
	f.StringSliceVar(&o.criteria, "criteria", nil, "with --framework, only the criteria these groups or identifiers name (CC,A1 for SOC 2 Security and Availability; A.5,A.8)")
	o.addStoreFlags(f)
	return cmd
}

func (o *reportOptions) run(ctx context.Context, io IO) error {
	renderer, err := report.Lookup(o.format)
	if err != nil {
		return usageError("%s", err)
	}
	if err := checkFramework(o.framework, o.criteria); err != nil {
		return err
	}
	if o.format == "xlsx" && o.output == "" {
		if f, ok := io.Stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
			return usageError("an xlsx workbook is binary: give --output FILE")
		}
	}
	var pub ed25519.PublicKey
	if o.pubKey != "" {
		if pub, err = store.LoadPublicKey(o.pubKey); err != nil {
			return usageError("%s", err)
		}
	}
	// The repository, when it loads, names the controls that should have
	// operated and the default period; without it, the report covers what
	// the store holds, and says so.
	repo, diags := evaluator.Load(settingsOptions(o.repo))
	if diags.HasErrors() && o.framework != "" {
		var sources map[string][]byte
		if repo != nil {
			sources = repo.Sources()
		}
		(&repoOptions{}).printDiags(io.Stderr, sources, diags)
		return usageError("--framework %s reads the mappings of the policy repository %s, which does not load", o.framework, o.repo)
	}
	if diags.HasErrors() {
		repo = nil
		fmt.Fprintf(io.Stderr, "Warning: the policy repository %s does not load, so the report is built from the records alone; socle validate %s shows why.\n", o.repo, o.repo)
	}
	if o.period == "" && repo != nil && repo.Settings.PeriodStart != "" {
		o.period = repo.Settings.PeriodStart + ".." + repo.Settings.PeriodEnd
	}
	if o.period == "" {
		return usageError("socle report needs --period FROM..TO (Type II) or --period DATE (Type I), as --period 2026-01-01..2026-06-30 (or a period block in the socle block)")
	}
	spec := o.period
	if !strings.Contains(spec, "..") {
		spec += ".." + spec // a single date: Type I
	}
	p, err := period.Parse(spec)
	if err != nil {
		return usageError("%s", strings.Replace(err.Error(), spec, o.period, 1))
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgress(io.Stderr)
	rep, err := report.Build(store.WithProgress(ctx, bar.Func("verifying runs")),
		report.Options{Period: p, Repo: repo, Store: s, PublicKey: pub, NoReperform: o.noReperform, Framework: o.framework, Criteria: o.criteria, Progress: bar.Update})
	bar.Done()
	var integrity *report.IntegrityError
	switch {
	case errors.As(err, &integrity):
		return &exitError{code: result.ExitFailed, msg: err.Error()}
	case err != nil:
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	for _, n := range rep.Cover.Notes {
		notef(io.Stderr, "%s\n", n)
	}
	var buf bytes.Buffer
	if err := renderer.Render(&buf, rep); err != nil {
		return &exitError{code: result.ExitConfig, msg: fmt.Sprintf("rendering the %s report: %v", o.format, err)}
	}
	sum := rep.Summary
	return writeOutput(io, o.output, buf.Bytes(), fmt.Sprintf("Wrote the %s %s report to %s: %d controls, %d with exceptions, %d deviations, %d records.\n",
		rep.Cover.Type, o.format, o.output, sum.Controls, sum.ControlsWithExceptions, sum.Deviations, sum.Records))
}
