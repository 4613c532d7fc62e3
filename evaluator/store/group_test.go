package store

import (
	"fmt"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator/result"
)

// undoRunGroups takes a store back to schema version 3 (before run groups),
// as a socle of that version left it.
func undoRunGroups(t *testing.T, h *harness) {
	t.Helper()
	for _, stmt := range []string{
		`DROP INDEX socle_runs_group_shard`,
		`DROP INDEX socle_runs_run_group`,
		`ALTER TABLE socle_runs DROP COLUMN run_group`,
		`ALTER TABLE socle_runs DROP COLUMN shard_index`,
		`ALTER TABLE socle_runs DROP COLUMN shard_count`,
	} {
		if _, err := h.raw.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	h.exec(t, `DELETE FROM socle_migrations WHERE version >= ?`, 4)
}

// TestRunGroups: the shards of a run group are recorded with their group and
// shard (header and columns), listed by group, and verified; a version 3
// store, with runs, gains the columns and still verifies.
func TestRunGroups(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			h := b.new(t)
			f := fixture{t}
			s := h.open(t)
			mustAppend(t, s, f.run("before", day(0), 1))
			s.Close()
			undoRunGroups(t, h)

			s = h.open(t)
			if rep := mustVerify(t, s); rep.Runs != 1 {
				t.Fatalf("verify after migrating: %+v", rep)
			}
			for g, group := range []string{"nightly-1", "nightly-2"} {
				for i := range 3 {
					r := f.run(fmt.Sprintf("%s-shard-%d", group, i), day(1+g), 1)
					r.Header.RunGroup = group
					r.Header.Shard = &result.Shard{Index: i, Count: 3}
					info := mustAppend(t, s, r)
					if info.Header.RunGroup != group || info.Header.Shard == nil || info.Header.Shard.Index != i {
						t.Errorf("appended header %+v", info.Header)
					}
				}
			}
			runs, err := s.Runs(ctx, Filter{RunGroup: "nightly-2"})
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) != 3 {
				t.Fatalf("%d runs in group nightly-2, want 3", len(runs))
			}
			for i, r := range runs {
				if r.Header.RunGroup != "nightly-2" || r.Header.Shard == nil || *r.Header.Shard != (result.Shard{Index: i, Count: 3}) {
					t.Errorf("run %s: group %q shard %v", r.Header.ID, r.Header.RunGroup, r.Header.Shard)
				}
			}
			recs, err := s.Records(ctx, Filter{RunGroup: "nightly-1", Status: result.StatusPass})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 3 { // one passing record (root_keys) in each of three shards
				t.Errorf("%d passing records in group nightly-1, want 3", len(recs))
			}
			var cols string
			if err := h.queryRow(t, `SELECT run_group || ' ' || shard_index || '/' || shard_count FROM socle_runs WHERE id = 'nightly-1-shard-2'`).Scan(&cols); err != nil || cols != "nightly-1 2/3" {
				t.Errorf("columns %q, %v", cols, err)
			}
			if rep := mustVerify(t, s); rep.Runs != 7 {
				t.Errorf("verify: %+v", rep)
			}
			// A shard is recorded once; a group keeps its count and policies.
			head, _ := s.Head(ctx)
			refused := map[string]func(r *Run){
				`shard 1/3 of run group "nightly-1" is already recorded (run #3, nightly-1-shard-1)`: func(r *Run) {},
				`run group "nightly-1" was recorded in 3 shards (run #2, nightly-1-shard-0), and this run is shard 1/4`: func(r *Run) {
					r.Header.Shard = &result.Shard{Index: 1, Count: 4}
				},
				`run group "nightly-1" was recorded with policies abababababab (run #2, nightly-1-shard-0), and this run's policies are cdcdcdcdcdcd`: func(r *Run) {
					r.Header.Shard = &result.Shard{Index: 2, Count: 3}
					r.Header.PolicySHA256 = strings.Repeat("cd", 32)
				},
			}
			for want, change := range refused {
				r := f.run("again", day(5), 1)
				r.Header.RunGroup = "nightly-1"
				r.Header.Shard = &result.Shard{Index: 1, Count: 3}
				change(r)
				if _, err := s.Append(ctx, r); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "nothing was recorded") {
					t.Errorf("Append = %v, want %q", err, want)
				}
			}
			if after, _ := s.Head(ctx); after != head {
				t.Errorf("a refused shard moved the head from %+v to %+v", head, after)
			}
			// Without a group, or without a shard, runs are not constrained.
			for i, g := range []string{"", "ungrouped"} {
				for j := range 2 {
					r := f.run(fmt.Sprintf("free-%d-%d", i, j), day(6), 1)
					r.Header.RunGroup = g
					if g == "" {
						r.Header.Shard = &result.Shard{Index: 0, Count: 1}
					}
					mustAppend(t, s, r)
				}
			}
			// The unique index holds whatever writes the table.
			if _, err := h.raw.Exec((&sqlStore{d: h.d}).q(`UPDATE socle_runs SET shard_index = 0 WHERE id = 'nightly-1-shard-1'`)); err == nil {
				t.Error("the database took a second run for shard 0/3 of nightly-1")
			}
			if rep := mustVerify(t, s); rep.Runs != 11 {
				t.Errorf("verify: %+v", rep)
			}
			// The columns are checked against the header.
			h.exec(t, `UPDATE socle_runs SET shard_count = 4 WHERE id = 'nightly-2-shard-0'`)
			rep, err := s.Verify(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Problem == nil || rep.Problem.Kind != ProblemHeaderMismatch || rep.Problem.RunID != "nightly-2-shard-0" {
				t.Errorf("verify after editing a shard column: %+v", rep.Problem)
			}
		})
	}
}
