package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/report"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/xeipuuv/gojsonschema"
	"github.com/xuri/excelize/v2"
)

// TestFrameworkGolden: socle report --framework iso27001 pivots the quarter's
// report to ISO 27001 Annex A — each criterion with the controls mapped to it
// (on the control, or through its objective) and their Section 4 results,
// the uncovered criteria as gaps — in json, markdown and html (golden files)
// and as a workbook sheet.
func TestFrameworkGolden(t *testing.T) {
	r := buildReport(t, "2026-01-01", "2026-03-31", func(o *report.Options) { o.Framework = "iso27001" })
	f := r.Framework
	if f == nil {
		t.Fatal("no framework in the report")
	}
	// A.8.32 through CO-2 (branch_protection); A.5.18 from two controls.
	var got []string
	for _, c := range f.Criteria {
		if !c.Gap {
			var cs []string
			for _, fr := range c.Controls {
				cs = append(cs, fr.Label+"/"+fr.Via)
			}
			got = append(got, c.ID+"="+strings.Join(cs, "+"))
		}
	}
	if want := "[A.5.18=terminated_access/control+access_review/control A.8.2=access_review/control A.8.5=mfa/control A.8.6=resource_limits/control A.8.13=backups/control A.8.32=branch_protection/objective]"; fmt.Sprint(got) != want {
		t.Errorf("covered criteria %v\nwant %s", got, want)
	}
	if f.Covered != 6 || len(f.Gaps) != 93-6 || f.Gaps[0] != "A.5.1" {
		t.Errorf("covered %d, gaps %d %v", f.Covered, len(f.Gaps), f.Gaps[:3])
	}
	for _, c := range f.Criteria {
		if c.ID == "A.8.5" && (!c.Exceptions || c.Result != "Exceptions noted in 1 of 1 control.") {
			t.Errorf("A.8.5 (mfa has exceptions in the quarter): %+v", c)
		}
	}
	for _, format := range []struct{ name, ext string }{{"json", "json"}, {"markdown", "md"}, {"html", "html"}} {
		rd, _ := report.Lookup(format.name)
		var buf bytes.Buffer
		if err := rd.Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		compareGolden(t, filepath.Join("testdata", "golden", "type2-iso27001."+format.ext), buf.Bytes())
	}
	var buf bytes.Buffer
	if err := (report.XLSX{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if sheets := x.GetSheetList(); len(sheets) < 3 || sheets[2] != report.SheetFramework {
		t.Errorf("sheets %v: the framework sheet follows Section 4", sheets)
	}
	rows, err := x.GetRows(report.SheetFramework)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+7+87 || rows[0][0] != "iso27001 criterion" {
		t.Errorf("framework sheet: %d rows, header %q", len(rows), rows[0])
	}
}

// TestFrameworkErrors: an unknown framework, or a report without the
// policy repository (which carries the mappings), is refused.
func TestFrameworkErrors(t *testing.T) {
	dir, storeURL := recordedHistory(t)
	ctx := context.Background()
	s, err := store.Open(ctx, storeURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, _ := period.Parse("2026-01-01..2026-03-31")
	if _, err := report.Build(ctx, report.Options{Period: p, Store: s, Now: generated, Framework: "iso27001", NoReperform: true}); err == nil || !strings.Contains(err.Error(), "needs the policy repository") {
		t.Errorf("without the repository: %v", err)
	}
	r := buildReport(t, "2026-01-01", "2026-03-31")
	if r.Framework != nil {
		t.Error("a report without --framework has no framework part")
	}
	if _, err := report.Build(ctx, report.Options{Period: p, Store: s, Now: generated, Framework: "iso9001", NoReperform: true}); err == nil || !strings.Contains(err.Error(), `no framework "iso9001"`) {
		t.Errorf("unknown framework: %v", err)
	}
}

// TestFrameworkOSCAL: with --framework the OSCAL assessment results carry
// the pivot as props — the framework and its coverage on the result, a
// framework-gap per uncovered criterion, and on each finding the criteria
// its control is mapped to — and still validate against the OSCAL schema.
func TestFrameworkOSCAL(t *testing.T) {
	r := buildReport(t, "2026-01-01", "2026-03-31", func(o *report.Options) { o.Framework = "iso27001" })
	var buf bytes.Buffer
	if err := (report.OSCAL{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	res, err := oscalSchema(t).Validate(gojsonschema.NewBytesLoader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("schema: %s", e)
	}
	type prop struct{ Name, Value, Class string }
	var doc struct {
		AR struct {
			Results []struct {
				Props    []prop
				Findings []struct {
					Target struct {
						TargetID string `json:"target-id"`
					}
					Props []prop
				}
			}
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	result := doc.AR.Results[0]
	gaps, covered := 0, ""
	for _, p := range result.Props {
		switch p.Name {
		case "framework-gap":
			gaps++
			if p.Class != "iso27001" {
				t.Errorf("gap %s has class %q", p.Value, p.Class)
			}
		case "framework-criteria-covered":
			covered = p.Value
		}
	}
	if gaps != 87 || covered != "6" {
		t.Errorf("%d framework-gap props and %q covered, want 87 and 6", gaps, covered)
	}
	mapped := map[string][]string{}
	for _, f := range result.Findings {
		for _, p := range f.Props {
			if p.Name == "framework-criterion" {
				mapped[f.Target.TargetID] = append(mapped[f.Target.TargetID], p.Class+":"+p.Value)
			}
		}
	}
	if got, want := fmt.Sprint(mapped), "map[access_review:[iso27001:A.5.18 iso27001:A.8.2] backups:[iso27001:A.8.13] branch_protection:[iso27001:A.8.32] mfa:[iso27001:A.8.5] resource_limits:[iso27001:A.8.6] terminated_access:[iso27001:A.5.18]]"; got != want {
		t.Errorf("criteria on the findings:\n got %s\nwant %s", got, want)
	}
}

// TestFrameworkScoped: --criteria keeps the criteria the prefixes name; the
// controls mapped elsewhere drop out of the pivot, and the gaps are those of
// the scope only.
func TestFrameworkScoped(t *testing.T) {
	r := buildReport(t, "2026-01-01", "2026-03-31", func(o *report.Options) { o.Framework, o.Criteria = "iso27001", []string{"A.8"} })
	f := r.Framework
	if f == nil {
		t.Fatal("no framework in the report")
	}
	if len(f.Criteria) != 34 || f.Criteria[0].ID != "A.8.1" || f.Covered != 5 || len(f.Gaps) != 29 {
		t.Errorf("scoped to A.8: %d criteria from %s, %d covered, %d gaps; want 34 from A.8.1, 5 covered (A.8.2, A.8.5, A.8.6, A.8.13, A.8.32), 29 gaps", len(f.Criteria), f.Criteria[0].ID, f.Covered, len(f.Gaps))
	}
	if !strings.Contains(f.Title, "scoped to A.8") {
		t.Errorf("title %q does not say the scope", f.Title)
	}
	ctx := context.Background()
	dir, storeURL := recordedHistory(t)
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s, err := store.Open(ctx, storeURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, _ := period.Parse("2026-01-01..2026-03-31")
	if _, err := report.Build(ctx, report.Options{Period: p, Repo: repo, Store: s, Now: generated, Framework: "iso27001", Criteria: []string{"A.9"}, NoReperform: true}); err == nil || !strings.Contains(err.Error(), `"A.9" names no criterion`) {
		t.Errorf("an unknown scope: %v", err)
	}
}
