package store

import (
	"fmt"
	"testing"

	"github.com/socle-dev/socle/evaluator/result"
)

// undoRunGroups takes a store back to schema version 3 (before run groups),
// as a socle of that version left it.
func undoRunGroups(t *testing.T, h *harness) {
	t.Helper()
	for _, stmt := range []string{
		`DROP INDEX socle_runs_run_group`,
		`ALTER TABLE socle_runs DROP COLUMN run_group`,
		`ALTER TABLE socle_runs DROP COLUMN shard_index`,
		`ALTER TABLE socle_runs DROP COLUMN shard_count`,
	} {
		if _, err := h.raw.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	h.exec(t, `DELETE FROM socle_migrations WHERE version = ?`, 4)
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
			// The columns are checked against the header.
			h.exec(t, `UPDATE socle_runs SET shard_index = 1 WHERE id = 'nightly-2-shard-0'`)
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
