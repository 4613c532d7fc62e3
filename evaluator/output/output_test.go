package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator/result"
)

func doc() *result.Document {
	n := 2
	results := []*result.Result{{
		Control:   result.Control{Label: "mfa", Ref: "1.1", Title: "MFA", Severity: "high"},
		Objective: result.Objective{Label: "access", Ref: "CO-1", Title: "Access", COSO: []int{10}},
		Target:    "file.idp", Status: result.StatusFail, Population: &n,
		Findings: []result.Finding{{Resource: "bob", Message: "no MFA"}},
		Warnings: []result.Finding{},
	}}
	return &result.Document{FormatVersion: "1", Results: results, Summary: result.Summarize(results)}
}

func TestLookup(t *testing.T) {
	for _, name := range Names() {
		if _, err := Lookup(name, Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Lookup("xml", Options{}); err == nil || !strings.Contains(err.Error(), "use one of") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestTextColour(t *testing.T) {
	var plain, coloured bytes.Buffer
	if err := (&Text{}).Format(&plain, doc()); err != nil {
		t.Fatal(err)
	}
	if err := (&Text{Color: true}).Format(&coloured, doc()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("escape codes without colour")
	}
	if !strings.Contains(coloured.String(), "\x1b[31mFAIL") {
		t.Errorf("no red FAIL with colour:\n%q", coloured.String())
	}
	for _, want := range []string{"CO-1  Access", "FAIL", "bob: no MFA", "1 result: 0 passed, 1 failed, 0 errors, 0 not tested"} {
		if !strings.Contains(plain.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, plain.String())
		}
	}
}

func TestJSONRoundTrips(t *testing.T) {
	var buf bytes.Buffer
	if err := (JSON{}).Format(&buf, doc()); err != nil {
		t.Fatal(err)
	}
	var back result.Document
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Results[0].Findings[0].Resource != "bob" || *back.Results[0].Population != 2 || back.Summary.Fail != 1 {
		t.Errorf("round trip lost data: %+v", back)
	}
}

func bigDoc(findings int, msgLen int) *result.Document {
	var fs []result.Finding
	for i := range findings {
		fs = append(fs, result.Finding{Resource: fmt.Sprintf("res-%05d", i), Message: strings.Repeat("x", msgLen)})
	}
	n := findings
	rs := []*result.Result{{
		Control:   result.Control{Label: "big", Ref: "9.9", Title: "Big | piped <b>title</b>", Severity: "high"},
		Objective: result.Objective{Label: "o", Ref: "CO-9", Title: "O"},
		Target:    "terraform", Status: result.StatusFail, Population: &n, Findings: fs,
	}}
	return &result.Document{FormatVersion: "1", Results: rs, Summary: result.Summarize(rs)}
}

func TestMarkdownStaysWithinGitHubsLimit(t *testing.T) {
	for _, tc := range []struct{ findings, msgLen int }{{10, 10}, {2000, 40}, {100000, 5}} {
		var buf bytes.Buffer
		if err := (Markdown{}).Format(&buf, bigDoc(tc.findings, tc.msgLen)); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if len(out) > MarkdownLimit {
			t.Errorf("%d findings: %d characters, over %d", tc.findings, len(out), MarkdownLimit)
		}
		if tc.findings > 1000 && !strings.Contains(out, "findings are not listed") {
			t.Errorf("%d findings: no note that findings were left out", tc.findings)
		}
		if tc.findings == 10 && (strings.Contains(out, "not listed") || strings.Count(out, "`res-") != 10) {
			t.Errorf("a small summary must list every finding:\n%s", out)
		}
		if !strings.Contains(out, `Big \| piped &lt;b&gt;title&lt;/b&gt;`) {
			t.Errorf("table cell not escaped")
		}
	}
	// Even when the tables alone are too long, the note is there and the limit holds.
	var buf bytes.Buffer
	if err := (Markdown{Limit: 300}).Format(&buf, bigDoc(3, 5)); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 300 || !strings.Contains(buf.String(), "Truncated") {
		t.Errorf("hard truncation: %d characters:\n%s", buf.Len(), buf.String())
	}
}

func TestGitHubEscaping(t *testing.T) {
	d := bigDoc(1, 1)
	d.Results[0].Findings[0] = result.Finding{Resource: "r", Message: "100% bad\r\nnext: line, more", Location: &result.Location{File: "dir,x/main:1.tf", Line: 7}}
	d.Run.Directory = "repo"
	var buf bytes.Buffer
	if err := (GitHub{}).Format(&buf, d); err != nil {
		t.Fatal(err)
	}
	want := "::error file=repo/dir%2Cx/main%3A1.tf,line=7,title=9.9 Big | piped <b>title</b> (CO-9)::r: 100%25 bad%0D%0Anext: line, more\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
}

// Code scanning matches alerts across runs by partial fingerprint: it must not
// change with the run, the message wording or the line, and must differ between
// resources, targets and controls.
func TestSARIFFingerprintsStable(t *testing.T) {
	fp := func(mutate func(*result.Document)) string {
		d := bigDoc(1, 3)
		d.Results[0].Findings[0].Location = &result.Location{File: "main.tf", Line: 10}
		mutate(d)
		var buf bytes.Buffer
		if err := (SARIF{}).Format(&buf, d); err != nil {
			t.Fatal(err)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					PartialFingerprints map[string]string `json:"partialFingerprints"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		return log.Runs[0].Results[0].PartialFingerprints["socleFinding/v1"]
	}
	base := fp(func(*result.Document) {})
	if base == "" {
		t.Fatal("no fingerprint")
	}
	same := map[string]func(*result.Document){
		"another run":     func(d *result.Document) { d.Run.ID = "other" },
		"another message": func(d *result.Document) { d.Results[0].Findings[0].Message = "reworded" },
		"another line":    func(d *result.Document) { d.Results[0].Findings[0].Location.Line = 99 },
	}
	for name, m := range same {
		if got := fp(m); got != base {
			t.Errorf("%s changed the fingerprint", name)
		}
	}
	differ := map[string]func(*result.Document){
		"another resource": func(d *result.Document) { d.Results[0].Findings[0].Resource = "res-other" },
		"another target":   func(d *result.Document) { d.Results[0].Target = "terraform.staging" },
		"another control":  func(d *result.Document) { d.Results[0].Control.Label = "other" },
	}
	for name, m := range differ {
		if got := fp(m); got == base {
			t.Errorf("%s kept the fingerprint", name)
		}
	}
}

// TestOmittedFindingsNoted: the findings past limits { findings } are
// counted in text (a note) and in JSON (findings_omitted).
func TestOmittedFindingsNoted(t *testing.T) {
	d := bigDoc(2, 10)
	d.Results[0].FindingsOmitted = 7
	d.Results[0].WarningsOmitted = 1
	var text, js bytes.Buffer
	if err := (&Text{}).Format(&text, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"… and 7 more findings, counted but not shown (limits { findings } in the socle block)", "… and 1 more warning, counted"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if err := (JSON{}).Format(&js, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"findings_omitted": 7`) || !strings.Contains(js.String(), `"warnings_omitted": 1`) {
		t.Errorf("JSON lacks the counts:\n%.600s", js.String())
	}
}
