package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	_ "modernc.org/sqlite"
)

// TestReportFormats: socle report writes each format to --output whole, a
// single date gives a Type I report, a wrong format or period writes
// nothing, and a store that was edited is refused (exit 1) without touching
// the file already there. (The content of each format is checked on a
// quarter of history in evaluator/report.)
func TestReportFormats(t *testing.T) {
	dir := policyRepo(t, "")
	for _, d := range []string{"2026-03-01", "2026-03-02", "2026-03-04"} {
		if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", d); r.code != 1 {
			t.Fatalf("eval --record --as-of %s: exit %d\n%s", d, r.code, r.stderr)
		}
	}
	out := t.TempDir()
	check := map[string]func(b []byte) bool{
		"html": func(b []byte) bool {
			return bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) && bytes.Contains(b, []byte("<svg class=\"chart\""))
		},
		"markdown": func(b []byte) bool { return bytes.HasPrefix(b, []byte("# SOC 1 Type II report")) },
		"json":     func(b []byte) bool { return json.Valid(b) && bytes.Contains(b, []byte(`"report_version": "1"`)) },
		"oscal":    func(b []byte) bool { return json.Valid(b) && bytes.Contains(b, []byte(`"oscal-version": "1.1.2"`)) },
		"xlsx": func(b []byte) bool {
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				return false
			}
			defer f.Close()
			v, _ := f.GetCellValue("Section 4", "L2")
			return strings.HasPrefix(v, "Exceptions noted: the control failed on 3 of 5 days")
		},
	}
	for format, ok := range check {
		path := filepath.Join(out, "report."+format)
		r := socleEnv(t, dir, nil, "report", ".", "--period", "2026-03-01..2026-03-05", "--format", format, "--output", path)
		if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "Wrote the Type II "+format+" report to ") {
			t.Fatalf("report --format %s: exit %d\n%s%s", format, r.code, r.stdout, r.stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil || !ok(b) {
			t.Errorf("report --format %s: %v, content not as expected:\n%.400s", format, err, b)
		}
	}

	// A single date: Type I, the design as of that day.
	r := socleEnv(t, dir, nil, "report", ".", "--period", "2026-03-03", "--format", "markdown")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# SOC 1 Type I report") || !strings.Contains(r.stdout, "Exceptions noted: the control failed at its latest evaluation up to 2026-03-03 (2026-03-02).") {
		t.Errorf("Type I: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Wrong command lines write nothing.
	for _, args := range [][]string{
		{"--period", "2026-03-01..2026-03-05", "--format", "pdf"},
		{"--period", "2026-03-05..2026-03-01", "--format", "html"},
		{"--period", "March", "--format", "html"},
	} {
		path := filepath.Join(out, "wrong.html")
		r := socleEnv(t, dir, nil, append([]string{"report", ".", "--output", path}, args...)...)
		if _, err := os.Stat(path); r.code != 2 || err == nil {
			t.Errorf("%v: exit %d, file written: %v\n%s", args, r.code, err == nil, r.stderr)
		}
	}

	// An edited store: no report, and the report already there is intact.
	path := filepath.Join(out, "report.html")
	before, _ := os.ReadFile(path)
	db, err := sql.Open("sqlite", filepath.Join(dir, ".socle", "evidence.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE socle_records SET body = replace(body, '"status":"fail"', '"status":"pass"') WHERE idx = 1 AND rowid = (SELECT min(rowid) FROM socle_records)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r = socleEnv(t, dir, nil, "report", ".", "--period", "2026-03-01..2026-03-05", "--format", "html", "--output", path)
	after, _ := os.ReadFile(path)
	if r.code != 1 || !strings.Contains(r.stderr, "is not intact, so no report is built on it") || !bytes.Equal(before, after) {
		t.Errorf("report on an edited store: exit %d, file changed: %v\n%s", r.code, !bytes.Equal(before, after), r.stderr)
	}
}
