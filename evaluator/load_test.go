package evaluator_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator"
)

// expectation is a diagnostic a fixture announces on the offending line, as
// "# ERROR: text" or "# WARNING: text".
type expectation struct {
	file, text string
	line       int
	severity   hcl.DiagnosticSeverity
	matched    bool
}

func readExpectations(t *testing.T, dir string) []*expectation {
	t.Helper()
	var out []*expectation
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(bytes.NewReader(src))
		for line := 1; sc.Scan(); line++ {
			for _, kind := range []struct {
				marker string
				sev    hcl.DiagnosticSeverity
			}{{"# ERROR: ", hcl.DiagError}, {"# WARNING: ", hcl.DiagWarning}} {
				if _, text, ok := strings.Cut(sc.Text(), kind.marker); ok {
					out = append(out, &expectation{file: p, line: line, text: strings.TrimSpace(text), severity: kind.sev})
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func describe(d *hcl.Diagnostic) string {
	pos := "(no position)"
	if d.Subject != nil {
		pos = fmt.Sprintf("%s:%d", d.Subject.Filename, d.Subject.Start.Line)
	}
	sev := "ERROR"
	if d.Severity == hcl.DiagWarning {
		sev = "WARNING"
	}
	return fmt.Sprintf("%s %s: %s: %s", pos, sev, d.Summary, d.Detail)
}

// TestLoadInvalid loads each fixture under testdata/invalid and checks that
// every diagnostic was announced on its line, and every announcement was made.
func TestLoadInvalid(t *testing.T) {
	cases, err := os.ReadDir("testdata/invalid")
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata/invalid", c.Name())
			want := readExpectations(t, dir)
			if len(want) == 0 {
				t.Fatalf("%s announces no diagnostic", dir)
			}
			_, diags := evaluator.Load(evaluator.Options{Dir: dir, AsOf: asOf, Environ: func() []string { return nil }})
			for _, d := range diags {
				found := false
				for _, w := range want {
					if d.Subject != nil && d.Subject.Filename == w.file && d.Subject.Start.Line == w.line &&
						d.Severity == w.severity && strings.Contains(d.Summary+": "+d.Detail, w.text) {
						w.matched, found = true, true
					}
				}
				if !found {
					t.Errorf("unexpected diagnostic: %s", describe(d))
				}
			}
			for _, w := range want {
				if !w.matched {
					t.Errorf("%s:%d: no diagnostic containing %q", w.file, w.line, w.text)
				}
			}
		})
	}
}
