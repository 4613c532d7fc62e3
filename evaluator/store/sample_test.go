package store

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// testSamples: a recorded sample reads back whole through a new handle,
// filters select by control (label or ref) and target, an id is recorded
// once, and samples leave the chain alone.
func testSamples(t *testing.T, h *harness) {
	s := h.open(t)
	if got, err := s.Samples(ctx, SampleFilter{}); err != nil || len(got) != 0 {
		t.Fatalf("empty store: %v, %v", got, err)
	}
	mustAppend(t, s, fixture{t}.run("run-1", day(0), 1))
	at := time.Date(2026, 11, 25, 10, 0, 0, 123456789, time.UTC)
	a := &Sample{
		ID: "sample-a", CreatedAt: at, Control: "mfa", Ref: "CA-1", Target: "aws.prod", From: "2026-01-01", To: "2026-06-30",
		Frequency: "daily", Seed: 18446744073709551615, Size: 2, Algorithm: "pcg-fisher-yates-v1", SocleVersion: "1.2.3",
		Population: []SampleItem{{Key: "2026-01-01", Records: []string{"run-1/1"}}, {Key: "2026-01-02", Records: []string{"run-2/1", "run-3/1"}}, {Key: "2026-01-03", Records: []string{"run-4/1"}}},
		Selection:  []SampleItem{{Key: "2026-01-02", Records: []string{"run-2/1", "run-3/1"}}, {Key: "2026-01-03", Records: []string{"run-4/1"}}},
	}
	b := &Sample{ID: "sample-b", CreatedAt: at.Add(time.Second), Control: "recon", Ref: "CA-2", Target: "erp", From: "2026-01-01", To: "2026-12-31",
		Frequency: "monthly", Seed: 7, Size: 2, Algorithm: "pcg-fisher-yates-v1", SocleVersion: "1.2.3",
		Population: []SampleItem{{Key: "2026-01", Records: []string{"run-1/2"}}}, Selection: []SampleItem{{Key: "2026-01", Records: []string{"run-1/2"}}}}
	for _, sm := range []*Sample{a, b} {
		if err := s.AppendSample(ctx, sm); err != nil {
			t.Fatal(err)
		}
	}
	s2 := h.open(t)
	all, err := s2.Samples(ctx, SampleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || !reflect.DeepEqual(all[0], *a) || !reflect.DeepEqual(all[1], *b) {
		t.Fatalf("samples:\n got %+v\nwant %+v\n     %+v", all, *a, *b)
	}
	for _, c := range []struct {
		f    SampleFilter
		want []string
	}{
		{SampleFilter{Control: "mfa"}, []string{"sample-a"}},
		{SampleFilter{Control: "CA-2"}, []string{"sample-b"}},
		{SampleFilter{Target: "erp"}, []string{"sample-b"}},
		{SampleFilter{Control: "mfa", Target: "erp"}, nil},
		{SampleFilter{ID: "sample-a"}, []string{"sample-a"}},
	} {
		got, err := s2.Samples(ctx, c.f)
		if err != nil {
			t.Fatalf("%+v: %v", c.f, err)
		}
		var ids []string
		for _, sm := range got {
			ids = append(ids, sm.ID)
		}
		if !reflect.DeepEqual(ids, c.want) {
			t.Errorf("%+v: %v, want %v", c.f, ids, c.want)
		}
	}
	if _, err := s2.Samples(ctx, SampleFilter{ID: "sample-z"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	if err := s2.AppendSample(ctx, a); err == nil {
		t.Error("a sample id recorded twice")
	}
	if err := s2.AppendSample(ctx, &Sample{}); err == nil {
		t.Error("a sample without an id recorded")
	}
	var seed string
	var n, sel int
	if err := h.queryRow(t, `SELECT seed, population, selected FROM socle_samples WHERE id = ?`, "sample-a").Scan(&seed, &n, &sel); err != nil || seed != "18446744073709551615" || n != 3 || sel != 2 {
		t.Errorf("columns: %s %d %d %v", seed, n, sel, err)
	}
	if rep := mustVerify(t, s2); rep.Runs != 1 {
		t.Errorf("verify: %+v", rep)
	}
}

// testMigrateV1: a store written by a socle that knew version 1 only (its
// runs kept) gains socle_samples (and socle_signatures) when opened.
func testMigrateV1(t *testing.T, h *harness) {
	s := h.open(t)
	mustAppend(t, s, fixture{t}.run("run-1", day(0), 1))
	s.Close()
	for _, table := range []string{"socle_signatures", "socle_samples"} {
		if _, err := h.raw.Exec(`DROP TABLE ` + table); err != nil {
			t.Fatal(err)
		}
	}
	undoRunGroups(t, h)
	h.exec(t, `DELETE FROM socle_migrations WHERE version >= ?`, 2)
	s = h.open(t)
	if err := s.AppendSample(ctx, &Sample{ID: "s1", CreatedAt: day(1), Control: "mfa", Population: []SampleItem{}, Selection: []SampleItem{}}); err != nil {
		t.Fatal(err)
	}
	var v int
	if err := h.queryRow(t, `SELECT MAX(version) FROM socle_migrations`).Scan(&v); err != nil || v != schemaVersion {
		t.Errorf("schema version %d, %v", v, err)
	}
	if rep := mustVerify(t, s); rep.Runs != 1 {
		t.Errorf("verify: %+v", rep)
	}
}
