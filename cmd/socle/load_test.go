package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadSize reads a size of the load test from the environment: the CI size
// by default, larger ones on demand (docs/scaling.md).
func loadSize(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: give a positive whole number", name, v)
	}
	return n
}

// TestShardedRecordLoad is the load test of many recorders into one
// PostgreSQL store: SOCLE_LOAD_SHARDS (16) socle eval --record --shard I/N
// processes at once, on a repository of SOCLE_LOAD_CONTROLS (200) ×
// SOCLE_LOAD_TARGETS (50) pairs, for SOCLE_LOAD_ROUNDS (2) run groups one
// after another. Every pair of every group must be recorded exactly once (0
// lost, 0 duplicated), every group complete, the chain intact, and the input
// documents stored once across all runs. It logs records per second.
// SOCLE_LOAD_BACKEND=sqlite runs it on a SQLite file instead, for comparison.
func TestShardedRecordLoad(t *testing.T) {
	controls := loadSize(t, "SOCLE_LOAD_CONTROLS", 200)
	targets := loadSize(t, "SOCLE_LOAD_TARGETS", 50)
	shards := loadSize(t, "SOCLE_LOAD_SHARDS", 16)
	rounds := loadSize(t, "SOCLE_LOAD_ROUNDS", 2)
	var storeURL string
	switch b := os.Getenv("SOCLE_LOAD_BACKEND"); b {
	case "", "postgres":
		storeURL = postgresStore(t)
	case "sqlite": // for comparison (docs/scaling.md): one file, on one machine
		storeURL = "sqlite://" + filepath.Join(t.TempDir(), "evidence.db")
	default:
		t.Fatalf("SOCLE_LOAD_BACKEND=%q: give postgres or sqlite", b)
	}
	dir := scaleRepo(t, controls, targets)
	env := []string{"SOCLE_STORE=" + storeURL, "SOCLE_RUN_GROUP=", "GITHUB_RUN_ID=", "CI_PIPELINE_ID="}
	pairs := controls * targets

	var total time.Duration
	for round := range rounds {
		group := fmt.Sprintf("load-%d", round)
		start := time.Now()
		var wg sync.WaitGroup
		errs := make(chan string, shards)
		for i := range shards {
			wg.Go(func() {
				r := socleEnv(t, dir, env, "eval", ".", "--record", "--shard", fmt.Sprintf("%d/%d", i, shards), "--run-group", group, "--format", "json", "-o", os.DevNull)
				if (r.code != 0 && r.code != 1) || !strings.Contains(r.stderr, "Recorded run") {
					errs <- fmt.Sprintf("%s shard %d/%d: exit %d\n%s", group, i, shards, r.code, r.stderr)
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if t.Failed() {
			t.FailNow()
		}
		took := time.Since(start)
		total += took
		t.Logf("%s: %d processes recorded %d records (%d × %d) in %s: %.0f records/s",
			group, shards, pairs, controls, targets, took.Round(time.Millisecond), float64(pairs)/took.Seconds())

		// 0 lost, 0 duplicated: every pair of the group exactly once.
		r := socleEnv(t, dir, env, "evidence", "list", "--records", "--run-group", group, "--format", "json")
		if r.code != 0 {
			t.Fatalf("evidence list --records: exit %d\n%s", r.code, r.stderr)
		}
		var recs []struct {
			Control string `json:"control"`
			Target  string `json:"target"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &recs); err != nil {
			t.Fatal(err)
		}
		seen := make(map[string]int, pairs)
		for _, rec := range recs {
			seen[rec.Control+" "+rec.Target]++
		}
		lost, dup := 0, 0
		for c := range controls {
			for tg := range targets {
				switch n := seen[fmt.Sprintf("check[%d] file.t%03d", c, tg)]; {
				case n == 0:
					lost++
				case n > 1:
					dup += n - 1
				}
			}
		}
		if lost != 0 || dup != 0 || len(recs) != pairs {
			t.Errorf("%s: %d records for %d pairs: %d lost, %d duplicated", group, len(recs), pairs, lost, dup)
		}
	}
	t.Logf("overall: %d records in %s: %.0f records/s", pairs*rounds, total.Round(time.Millisecond), float64(pairs*rounds)/total.Seconds())

	r := socleEnv(t, dir, env, "evidence", "list", "--groups", "--format", "json")
	var groups []struct {
		Group   string `json:"run_group"`
		Runs    int    `json:"runs"`
		Shards  int    `json:"shards"`
		Of      int    `json:"shard_count"`
		Records int    `json:"records"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &groups); r.code != 0 || err != nil {
		t.Fatalf("evidence list --groups: exit %d, %v\n%s", r.code, err, r.stderr)
	}
	if len(groups) != rounds {
		t.Fatalf("%d groups listed, want %d", len(groups), rounds)
	}
	for _, g := range groups {
		if g.Runs != shards || g.Shards != shards || g.Of != shards || g.Records != pairs {
			t.Errorf("group %+v, want %d runs of %d shards, %d records", g, shards, shards, pairs)
		}
	}
	// The chain is intact, and each input document and the policy is
	// stored once however many runs used it.
	r = socleEnv(t, dir, env, "evidence", "verify")
	want := fmt.Sprintf("is intact: %d runs, %d records, %d blobs", shards*rounds, pairs*rounds, targets+1)
	if r.code != 0 || !strings.Contains(r.stdout, want) {
		t.Fatalf("evidence verify: exit %d, want %q\n%s%s", r.code, want, r.stdout, r.stderr)
	}
}
