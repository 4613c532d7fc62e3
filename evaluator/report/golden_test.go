package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/report"
	"github.com/socle-dev/socle/evaluator/store"
)

var update = flag.Bool("update", false, "rewrite the golden files (and the fixture's snapshots and the README screenshot)")

// buildReport builds the report of the history over a period (a single day:
// Type I) with the generation time and versions fixed.
func buildReport(t testing.TB, from, to string, opts ...func(*report.Options)) *report.Report {
	t.Helper()
	dir, storeURL := recordedHistory(t)
	ctx := context.Background()
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s, err := store.Open(ctx, storeURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := period.Parse(from + ".." + to)
	if err != nil {
		t.Fatal(err)
	}
	o := report.Options{Period: p, Repo: repo, Store: s, PublicKey: history.pub, Now: generated, SocleVersion: "0.0.0-test", OPAVersion: "0.0.0-test"}
	for _, f := range opts {
		f(&o)
	}
	r, err := report.Build(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// goldenCases are the reports with golden files: the quarter (Type II) and
// its last day (Type I).
var goldenCases = []struct{ name, from, to string }{
	{"type2", "2026-01-01", "2026-03-31"},
	{"type1", "2026-03-31", "2026-03-31"},
}

// goldenFormats are the text formats compared byte for byte (xlsx is
// compared through a dump of its cells, in xlsx_test.go).
var goldenFormats = []struct{ name, ext string }{
	{"json", "json"}, {"markdown", "md"}, {"html", "html"}, {"oscal", "oscal.json"},
}

// TestGolden renders each report in each text format and compares it with
// testdata/golden (regenerate with go test ./evaluator/report -run Golden
// -update, and review the diff).
func TestGolden(t *testing.T) {
	if *update {
		if err := writeSnapshots("testdata/history", historyTo); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range goldenCases {
		r := buildReport(t, c.from, c.to)
		for _, f := range goldenFormats {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				rd, err := report.Lookup(f.name)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := rd.Render(&buf, r); err != nil {
					t.Fatal(err)
				}
				compareGolden(t, filepath.Join("testdata", "golden", c.name+"."+f.ext), buf.Bytes())
			})
		}
	}
}

func compareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the output differs from %s (rerun with -update and review the diff); first difference at line %d", golden, firstDiffLine(got, want))
	}
}

func firstDiffLine(a, b []byte) int {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}
