package report_test

import (
	"context"
	"io"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/report"
	"github.com/socle-dev/socle/evaluator/store"
)

// BenchmarkBuild builds the quarter's Type II report (383 records, the chain
// verified, no reperformance) from the SQLite store; BenchmarkReperform the
// same with reperformance (10 records); BenchmarkRender renders it in each
// format. Compare them as ratios: Build's cost is reading and verifying the
// store, Reperform's the recompilation of each record's policy.
func BenchmarkBuild(b *testing.B) { benchBuild(b, true) }

func BenchmarkReperform(b *testing.B) { benchBuild(b, false) }

func benchBuild(b *testing.B, noReperform bool) {
	dir, storeURL := recordedHistory(b)
	ctx := context.Background()
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir})
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	s, err := store.Open(ctx, storeURL, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p := period.Period{From: historyFrom, To: historyTo}
	for b.Loop() {
		if _, err := report.Build(ctx, report.Options{Period: p, Repo: repo, Store: s, Now: generated, NoReperform: noReperform}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	r := buildReport(b, "2026-01-01", "2026-03-31")
	for _, f := range report.Formats() {
		rd, _ := report.Lookup(f)
		b.Run(f, func(b *testing.B) {
			for b.Loop() {
				if err := rd.Render(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
