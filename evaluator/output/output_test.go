package output

import (
	"bytes"
	"encoding/json"
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
