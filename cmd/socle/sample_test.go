package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

type sampledJSON struct {
	ID          string `json:"id"`
	Control     string `json:"control"`
	Target      string `json:"target"`
	From, To    string
	Frequency   string `json:"frequency"`
	Seed        string `json:"seed"`
	Size        int    `json:"size"`
	AllSelected bool   `json:"all_selected"`
	Population  []struct {
		Key     string   `json:"key"`
		Records []string `json:"records"`
	} `json:"population"`
	Selection []struct {
		Key     string   `json:"key"`
		Records []string `json:"records"`
	} `json:"selection"`
	Algorithm    string `json:"algorithm"`
	SocleVersion string `json:"socle_version"`
}

func sampleDraw(t *testing.T, dir string, args ...string) sampledJSON {
	t.Helper()
	r := socleEnv(t, dir, nil, append([]string{"sample", "--format", "json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("sample %v: exit %d\n%s", args, r.code, r.stderr)
	}
	var s sampledJSON
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if !strings.Contains(r.stderr, "Recorded sample "+s.ID) || !strings.Contains(r.stderr, "(seed "+s.Seed+")") {
		t.Errorf("stderr: %s", r.stderr)
	}
	return s
}

func sampleKeys(items []struct {
	Key     string   `json:"key"`
	Records []string `json:"records"`
}) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Key)
	}
	return out
}

// TestSample: runs recorded on 30 days of March (not the 15th) give a
// population of 30 days, each with its record; a seed reproduces the
// selection, the default size of a continuous control is 25, a size not
// less than the population selects everything, and every sample drawn is
// recorded and listed.
func TestSample(t *testing.T) {
	dir := policyRepo(t, "")
	var days []string
	for d := 1; d <= 31; d++ {
		if d != 15 {
			days = append(days, "2026-03-"+sampleDay2(d))
		}
	}
	days = append(days, "2026-04-01")
	for _, d := range days {
		if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", d); r.code != 1 {
			t.Fatalf("eval --record --as-of %s: exit %d\n%s", d, r.code, r.stderr)
		}
	}
	recs := sampleRecordIDs(t, dir)
	period := "2026-03-01..2026-03-31"

	a := sampleDraw(t, dir, "--control", "mfa", "--period", period, "--size", "5", "--seed", "42")
	if a.Control != "mfa" || a.Target != "file.idp" || a.Frequency != "continuous" || a.Seed != "42" || a.Size != 5 || a.AllSelected ||
		len(a.Population) != 30 || len(a.Selection) != 5 || a.Algorithm != "pcg-fisher-yates-v1" || a.SocleVersion == "" {
		t.Fatalf("sample: %+v", a)
	}
	if k := sampleKeys(a.Population); k[0] != "2026-03-01" || k[13] != "2026-03-14" || k[14] != "2026-03-16" || k[29] != "2026-03-31" {
		t.Errorf("population: %v", k)
	}
	for i, it := range a.Population {
		if len(it.Records) != 1 || it.Records[0] != recs[it.Key] {
			t.Errorf("population[%d]: %+v, want record %s", i, it, recs[it.Key])
		}
	}
	b := sampleDraw(t, dir, "--control", "1.1", "--period", period, "--size", "5", "--seed", "42", "--target", "file.idp")
	if !reflect.DeepEqual(a.Selection, b.Selection) || a.ID == b.ID {
		t.Errorf("seed 42 twice: %v and %v", sampleKeys(a.Selection), sampleKeys(b.Selection))
	}
	c := sampleDraw(t, dir, "--control", "mfa", "--period", period, "--size", "5", "--seed", "43")
	if reflect.DeepEqual(a.Selection, c.Selection) {
		t.Errorf("seeds 42 and 43 select the same: %v", sampleKeys(a.Selection))
	}

	// Without --seed or --size: a random seed, printed, and the default size.
	d := sampleDraw(t, dir, "--control", "mfa", "--period", period)
	if d.Size != 25 || len(d.Selection) != 25 || d.Seed == "" || d.AllSelected {
		t.Errorf("defaults: size %d, %d selected, seed %q", d.Size, len(d.Selection), d.Seed)
	}
	e := sampleDraw(t, dir, "--control", "mfa", "--period", period, "--seed", d.Seed)
	if !reflect.DeepEqual(d.Selection, e.Selection) {
		t.Errorf("the printed seed does not reproduce the selection")
	}

	// A size not less than the population: everything, and said so.
	r := socleEnv(t, dir, nil, "sample", "--control", "mfa", "--period", "2026-03-01..2026-03-07", "--seed", "1")
	if r.code != 0 || !strings.Contains(r.stdout, "The sample size 25 is not less than the population (7): every occurrence is selected.") ||
		!strings.Contains(r.stdout, "Seed 1 ") || !strings.Contains(r.stdout, "2026-03-07  "+recs["2026-03-07"]) {
		t.Errorf("size ≥ population: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Listed: every sample drawn, oldest first, with its selection.
	r = socleEnv(t, dir, nil, "sample", "--list", "--format", "json")
	var list []sampledJSON
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
		t.Fatalf("sample --list: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	if len(list) != 6 || list[0].ID != a.ID || !reflect.DeepEqual(list[0].Selection, a.Selection) || list[3].Seed != d.Seed || !list[5].AllSelected {
		t.Errorf("sample --list: %+v", list)
	}
	r = socleEnv(t, dir, nil, "sample", "--list", "--control", "mfa")
	if r.code != 0 || strings.Count(r.stdout, "Sample ") != 6 || !strings.Contains(r.stdout, "Sample "+a.ID+": control mfa (1.1) on file.idp, 2026-03-01..2026-03-31") {
		t.Errorf("sample --list text: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := socleEnv(t, dir, nil, "sample", "--list", "--control", "other"); r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "No samples") {
		t.Errorf("sample --list --control other: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Samples are beside the chain: it is still intact.
	if r := socleEnv(t, dir, nil, "evidence", "verify"); r.code != 0 {
		t.Errorf("evidence verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	for _, args := range [][]string{
		{"sample", "--period", period},
		{"sample", "--control", "mfa"},
		{"sample", "--control", "mfa", "--period", "2026-03-31..2026-03-01"},
		{"sample", "--control", "mfa", "--period", period, "--size", "0"},
		{"sample", "--control", "mfa", "--period", period, "--seed", "-1"},
		{"sample", "--control", "mfa", "--period", period, "--format", "html"},
		{"sample", "--control", "nope", "--period", period},
		{"sample", "--control", "mfa", "--period", "2025-01-01..2025-01-31"},
		{"sample", "--list", "--seed", "1"},
	} {
		if r := socleEnv(t, dir, nil, args...); r.code != 2 || r.stdout != "" {
			t.Errorf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}

	// Last, as it adds a sample: the socle block's sample_sizes replaces the default table.
	hcl := filepath.Join(dir, "main.hcl")
	src, err := os.ReadFile(hcl)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hcl, bytes.Replace(src, []byte("socle {\n"), []byte("socle {\n  sample_sizes = { continuous = 10 }\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if f := sampleDraw(t, dir, "--control", "mfa", "--period", period); f.Size != 10 || len(f.Selection) != 10 {
		t.Errorf("sample_sizes: size %d, %d selected", f.Size, len(f.Selection))
	}
	if err := os.WriteFile(hcl, src, 0o644); err != nil {
		t.Fatal(err)
	}
}

func sampleDay2(d int) string {
	return string([]byte{byte('0' + d/10), byte('0' + d%10)})
}

// listRecords maps each day to the id of the record made as of it.
func sampleRecordIDs(t *testing.T, dir string) map[string]string {
	t.Helper()
	r := socleEnv(t, dir, nil, "evidence", "list", "--records", "--format", "json")
	var recs []struct {
		ID   string `json:"id"`
		AsOf string `json:"as_of"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &recs); err != nil || r.code != 0 {
		t.Fatalf("evidence list --records: exit %d, %v\n%s", r.code, err, r.stderr)
	}
	out := map[string]string{}
	for _, rec := range recs {
		out[rec.AsOf[:10]] = rec.ID
	}
	return out
}
