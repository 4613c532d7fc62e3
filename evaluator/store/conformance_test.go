package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator/result"
)

// TestConformance runs one suite against both backends: whatever a store
// does, SQLite and PostgreSQL do it the same way.
func TestConformance(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			conformance(t, b.new)
		})
	}
}

func conformance(t *testing.T, newHarness factory) {
	tests := []struct {
		name string
		fn   func(t *testing.T, h *harness)
	}{
		{"empty store", testEmpty},
		{"append and read back", testRoundTrip},
		{"blobs are stored once", testDedup},
		{"runs form a chain", testChain},
		{"filters", testFilters},
		{"refused appends write nothing", testRefused},
		{"lookups that find nothing", testNotFound},
		{"migrations are recorded once", testMigrations},
		{"samples round-trip", testSamples},
		{"a version 1 store is migrated", testMigrateV1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newHarness(t))
		})
	}
	t.Run("tampering is detected", func(t *testing.T) { tampering(t, newHarness) })
}

var ctx = context.Background()

func mustVerify(t *testing.T, s Store) *Report {
	t.Helper()
	rep, err := s.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Problem != nil {
		t.Fatalf("verify: %s", rep.Problem.Message)
	}
	return rep
}

func mustAppend(t testing.TB, s Store, r *Run) *RunInfo {
	t.Helper()
	info, err := s.Append(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func testEmpty(t *testing.T, h *harness) {
	s := h.open(t)
	head, err := s.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if head != (Head{Seq: 0, Hash: Genesis}) {
		t.Errorf("head of an empty store: %+v", head)
	}
	rep := mustVerify(t, s)
	if rep.Runs != 0 || rep.Records != 0 || rep.Blobs != 0 {
		t.Errorf("report: %+v", rep)
	}
	runs, err := s.Runs(ctx, Filter{})
	if err != nil || len(runs) != 0 {
		t.Errorf("runs: %v, %v", runs, err)
	}
}

func testRoundTrip(t *testing.T, h *harness) {
	s := h.open(t)
	f := fixture{t}
	doc := f.document("run-1", day(0), 1)
	run, err := FromDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	info := mustAppend(t, s, run)
	if info.Seq != 1 || info.PrevHash != Genesis || info.Counts != (result.Summary{Pass: 1, Fail: 1, Error: 1, NotTested: 1}) {
		t.Errorf("append: %+v", info)
	}

	// Read it back through a new handle: nothing is cached.
	s2 := h.open(t)
	runs, err := s2.Runs(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 {
		t.Fatalf("runs: %+v", runs)
	}
	got := runs[0]
	want := HeaderOf(doc.Run)
	want.Records = 4
	if !reflect.DeepEqual(got.Header, want) {
		t.Errorf("header:\n got %+v\nwant %+v", got.Header, want)
	}
	if got.Hash != info.Hash || got.Seq != 1 || got.Counts != info.Counts || got.RecordedAt.IsZero() {
		t.Errorf("run: %+v", got)
	}

	recs, err := s2.RunRecords(ctx, "run-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(run.Records) {
		t.Fatalf("%d records, want %d", len(recs), len(run.Records))
	}
	for i, rec := range recs {
		want, _ := run.Records[i].Canonical()
		sum, _ := run.Records[i].SHA256()
		if !bytes.Equal(rec.Canonical, want) || rec.SHA256 != sum || rec.ID != fmt.Sprintf("run-1/%d", i+1) || rec.Index != i+1 {
			t.Errorf("record %d: %+v\n%s\nwant %s", i, rec.RecordInfo, rec.Canonical, want)
		}
		if !rec.AsOf.Equal(day(0)) || rec.Status != doc.Results[i].Status || rec.Control != doc.Results[i].Control.Label || rec.Target != doc.Results[i].Target {
			t.Errorf("record %d columns: %+v", i, rec.RecordInfo)
		}
	}
	one, err := s2.Record(ctx, "run-1/2")
	if err != nil {
		t.Fatal(err)
	}
	dec, err := one.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if dec.Control.Label != `backups["eu"]` || dec.RunID != "run-1" || !bytes.Equal(one.Canonical, recs[1].Canonical) {
		t.Errorf("record run-1/2: %+v", dec)
	}

	// Blobs: the input document as it was, the policy modules as they were.
	inSHA := doc.Results[0].InputSHA256["aws"]
	b, err := s2.Blob(ctx, inSHA)
	if err != nil {
		t.Fatal(err)
	}
	if b.Kind != BlobInput || !bytes.Equal(b.Data, doc.Used.Inputs[inSHA]) {
		t.Errorf("input blob: %s %s", b.Kind, b.Data)
	}
	pol, err := s2.Blob(ctx, doc.Results[0].Policy.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := pol.PolicyModules()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(mods, []result.Module{modLib, modMFA}) {
		t.Errorf("policy modules: %+v", mods)
	}
	rep := mustVerify(t, s2)
	if rep.Runs != 1 || rep.Records != 4 || rep.Blobs != 3 || rep.Head.Hash != info.Hash {
		t.Errorf("report: %+v", rep)
	}
}

func testDedup(t *testing.T, h *harness) {
	s := h.open(t)
	f := fixture{t}
	// Days 0 and 2 evaluate the same snapshot (version 2), day 1 another.
	for i, v := range []int{2, 1, 2} {
		mustAppend(t, s, f.run(fmt.Sprintf("run-%d", i), day(i), v))
	}
	var n int
	if err := h.queryRow(t, `SELECT COUNT(*) FROM socle_blobs`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 4 { // two input documents, two policy packages
		t.Errorf("%d blobs stored, want 4", n)
	}
	// Stored compressed: the policy blob's data is zstd, not the JSON.
	var data []byte
	var size int
	if err := h.queryRow(t, `SELECT data, size FROM socle_blobs WHERE kind = 'policy' ORDER BY size DESC LIMIT 1`).Scan(&data, &size); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("package")) || size <= 0 {
		t.Errorf("blob stored uncompressed (%d bytes): %q", size, data)
	}
	// A run may leave out blobs the store holds already.
	r := f.run("run-3", day(3), 1)
	r.Blobs = nil
	mustAppend(t, s, r)
	rep := mustVerify(t, s)
	if rep.Runs != 4 || rep.Records != 16 || rep.Blobs != 4 {
		t.Errorf("report: %+v", rep)
	}
}

func testChain(t *testing.T, h *harness) {
	s := h.open(t)
	f := fixture{t}
	var infos []*RunInfo
	for i := range 5 {
		infos = append(infos, mustAppend(t, s, f.run(fmt.Sprintf("run-%d", i), day(i), i)))
	}
	prev := Genesis
	for i, info := range infos {
		if info.Seq != int64(i+1) || info.PrevHash != prev {
			t.Errorf("run %d: seq %d, prev %s, want %d, %s", i, info.Seq, info.PrevHash, i+1, prev)
		}
		prev = info.Hash
	}
	head, err := s.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if head.Seq != 5 || head.Hash != infos[4].Hash {
		t.Errorf("head %+v, want #5 %s", head, infos[4].Hash)
	}
	// The hash is the documented one, recomputable from what is stored.
	var header []byte
	if err := h.queryRow(t, `SELECT header FROM socle_runs WHERE seq = 3`).Scan(&header); err != nil {
		t.Fatal(err)
	}
	recs, err := s.RunRecords(ctx, "run-2")
	if err != nil {
		t.Fatal(err)
	}
	var hashes []string
	for _, r := range recs {
		hashes = append(hashes, r.SHA256)
	}
	if got := RunHash(infos[1].Hash, header, hashes); got != infos[2].Hash {
		t.Errorf("RunHash recomputed %s, stored %s", got, infos[2].Hash)
	}
	if !json.Valid(header) || bytes.Contains(header, []byte("\n")) {
		t.Errorf("header is not canonical JSON: %s", header)
	}
	mustVerify(t, s)
}

func testFilters(t *testing.T, h *harness) {
	s := h.open(t)
	f := fixture{t}
	for i := range 4 {
		mustAppend(t, s, f.run(fmt.Sprintf("run-%d", i), day(i), i)) // odd days fail iam_mfa
	}
	ids := func(runs []RunInfo) string {
		var out []string
		for _, r := range runs {
			out = append(out, fmt.Sprintf("%s:%d", r.Header.ID, r.Counts.Pass+r.Counts.Fail+r.Counts.Error+r.Counts.NotTested))
		}
		return strings.Join(out, " ")
	}
	runTests := []struct {
		f    Filter
		want string
	}{
		{Filter{}, "run-0:4 run-1:4 run-2:4 run-3:4"},
		{Filter{From: day(1), To: day(3)}, "run-1:4 run-2:4"},
		{Filter{From: day(3)}, "run-3:4"},
		{Filter{Control: "iam_mfa"}, "run-0:1 run-1:1 run-2:1 run-3:1"},
		{Filter{Control: "4.1", Status: result.StatusFail}, "run-1:1 run-3:1"},
		{Filter{Control: "backups"}, "run-0:2 run-1:2 run-2:2 run-3:2"},
		{Filter{Control: `backups["eu"]`, To: day(1)}, "run-0:1"},
		{Filter{Control: "backup"}, ""},
		{Filter{Objective: "CO-5"}, "run-0:2 run-1:2 run-2:2 run-3:2"},
		{Filter{Objective: "logical_access", Status: result.StatusPass}, "run-0:2 run-1:1 run-2:2 run-3:1"},
		{Filter{Target: "aws.eu"}, "run-0:1 run-1:1 run-2:1 run-3:1"},
		{Filter{Status: result.StatusError, From: day(2)}, "run-2:1 run-3:1"},
	}
	for _, tt := range runTests {
		runs, err := s.Runs(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(runs); got != tt.want {
			t.Errorf("Runs(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
	recs, err := s.Records(ctx, Filter{Control: "iam_mfa", Status: result.StatusFail})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.ID)
	}
	if strings.Join(got, " ") != "run-1/1 run-3/1" {
		t.Errorf("Records: %v", got)
	}
	recs, err = s.Records(ctx, Filter{RunID: "run-2", From: day(2), To: day(3)})
	if err != nil || len(recs) != 4 || recs[3].ID != "run-2/4" || recs[3].Control != "root_keys" {
		t.Errorf("Records of run-2: %+v, %v", recs, err)
	}
}

func testRefused(t *testing.T, h *harness) {
	s := h.open(t)
	f := fixture{t}
	mustAppend(t, s, f.run("run-1", day(0), 1))
	head, _ := s.Head(ctx)

	noBlobs := f.run("run-2", day(1), 2) // a snapshot the store does not hold
	noBlobs.Blobs = nil
	badBlob := f.run("run-3", day(1), 2)
	badBlob.Blobs[0].Data = append([]byte(nil), badBlob.Blobs[0].Data...)
	badBlob.Blobs[0].Data[2] ^= 1
	otherRun := f.run("run-4", day(1), 2)
	otherRun.Records[1].RunID = "run-x"
	noID := f.run("", day(1), 2)
	tests := []struct {
		name string
		run  *Run
		err  string
	}{
		{"a run recorded twice", f.run("run-1", day(0), 1), "run run-1 is already in the store (run #1)"},
		{"a blob neither given nor held", noBlobs, "its records need blob"},
		{"a blob that does not match its hash", badBlob, "does not match its hash"},
		{"a record of another run", otherRun, `record run-4/2 belongs to run "run-x"`},
		{"no id", noID, "the run has no id"},
	}
	for _, tt := range tests {
		_, err := s.Append(ctx, tt.run)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
		}
	}
	if after, _ := s.Head(ctx); after != head {
		t.Errorf("head moved: %+v → %+v", head, after)
	}
	var n int
	if err := h.queryRow(t, `SELECT COUNT(*) FROM socle_records`).Scan(&n); err != nil || n != 4 {
		t.Errorf("%d records after refused appends (%v)", n, err)
	}
	if _, err := FromDocument(&result.Document{Run: result.Run{ID: "r"}}); err == nil || !strings.Contains(err.Error(), "kept no inputs") {
		t.Errorf("FromDocument without Used: %v", err)
	}
	mustVerify(t, s)
}

func testNotFound(t *testing.T, h *harness) {
	s := h.open(t)
	mustAppend(t, s, fixture{t}.run("run-1", day(0), 1))
	for _, id := range []string{"run-1/5", "run-2/1"} {
		if _, err := s.Record(ctx, id); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no record "+id) {
			t.Errorf("Record(%s): %v", id, err)
		}
	}
	for _, id := range []string{"run-1", "run-1/0", "run-1/x", "/1", "run-1/01"} {
		if _, err := s.Record(ctx, id); err == nil || !strings.Contains(err.Error(), "invalid record id") {
			t.Errorf("Record(%q): %v", id, err)
		}
	}
	if _, err := s.Blob(ctx, strings.Repeat("0", 64)); !errors.Is(err, ErrNotFound) {
		t.Errorf("Blob: %v", err)
	}
	if _, err := s.RunRecords(ctx, "run-9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("RunRecords: %v", err)
	}
}

func testMigrations(t *testing.T, h *harness) {
	h.open(t).Close()
	h.open(t).Close()
	rows, err := h.raw.Query(`SELECT version, name, applied_at FROM socle_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var v int
		var name, at string
		if err := rows.Scan(&v, &name, &at); err != nil {
			t.Fatal(err)
		}
		if _, err := parseTime(at); err != nil {
			t.Errorf("applied_at %q: %v", at, err)
		}
		got = append(got, fmt.Sprintf("%d %s", v, name))
	}
	if want := fmt.Sprintf("%d %s", schemaVersion, migrations[len(migrations)-1].name); len(got) != len(migrations) || got[len(got)-1] != want {
		t.Errorf("migrations recorded: %q", got)
	}

	// A store written by a newer socle is refused, not damaged.
	h.exec(t, `INSERT INTO socle_migrations (version, name, applied_at) VALUES (?, 'from the future', '')`, schemaVersion+1)
	_, err = Open(ctx, h.url, h.base)
	if err == nil || !strings.Contains(err.Error(), "written by a newer socle") {
		t.Errorf("opening a newer store: %v", err)
	}
}

// withStore returns a store holding five runs (days 0–4) and the harness.
func withStore(t *testing.T, newHarness factory) (*harness, Store, []*RunInfo) {
	h := newHarness(t)
	s := h.open(t)
	f := fixture{t}
	var infos []*RunInfo
	for i := range 5 {
		infos = append(infos, mustAppend(t, s, f.run(fmt.Sprintf("run-%d", i), day(i), i)))
	}
	mustVerify(t, s)
	return h, s, infos
}

// tampering edits the store through raw SQL, as someone with write access to
// the database could, and checks that Verify names the change.
func tampering(t *testing.T, newHarness factory) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, h *harness, infos []*RunInfo)
		kind   string
		where  func(p *Problem) string // the location the problem must name
		want   string                  // substring of the message
	}{
		{
			name: "one byte of a record edited",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				var body []byte
				if err := h.queryRow(t, `SELECT body FROM socle_records WHERE run_id = 'run-2' AND idx = 1`).Scan(&body); err != nil {
					t.Fatal(err)
				}
				i := bytes.Index(body, []byte(`"status":"pass"`))
				if i < 0 {
					t.Fatalf("no status in %s", body)
				}
				body[i+len(`"status":"`)] = 'P'
				h.exec(t, `UPDATE socle_records SET body = ? WHERE run_id = 'run-2' AND idx = 1`, body)
			},
			kind:  ProblemRecordEdited,
			where: func(p *Problem) string { return p.RecordID },
			want:  "Record run-2/1 was edited",
		},
		{
			name: "a record and its hash edited",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				var body []byte
				if err := h.queryRow(t, `SELECT body FROM socle_records WHERE run_id = 'run-3' AND idx = 2`).Scan(&body); err != nil {
					t.Fatal(err)
				}
				body = bytes.Replace(body, []byte(`"population":0`), []byte(`"population":9`), 1)
				h.exec(t, `UPDATE socle_records SET body = ?, sha256 = ? WHERE run_id = 'run-3' AND idx = 2`, body, sha256Hex(body))
			},
			kind:  ProblemRunEdited,
			where: func(p *Problem) string { return p.RunID },
			want:  "Run #4 (run-3) does not match its hash",
		},
		{
			name: "a record's status column edited",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				h.exec(t, `UPDATE socle_records SET status = 'pass' WHERE run_id = 'run-1' AND idx = 1`)
			},
			kind:  ProblemRecordInvalid,
			where: func(p *Problem) string { return p.RecordID },
			want:  `Record run-1/1: its columns (control "iam_mfa", ref "4.1", objective "logical_access", ref "CO-4", target "aws.prod", status "pass") disagree with its content`,
		},
		{
			name: "a record deleted",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				h.exec(t, `DELETE FROM socle_records WHERE run_id = 'run-4' AND idx = 3`)
			},
			kind:  ProblemRecordMissing,
			where: func(p *Problem) string { return p.RecordID },
			want:  "Record run-4/3 is missing: run #5 (run-4) has 4 records, and the store holds 3 of them.",
		},
		{
			name: "a run deleted",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				h.exec(t, `DELETE FROM socle_records WHERE run_id = 'run-1'`)
				h.exec(t, `DELETE FROM socle_runs WHERE id = 'run-1'`)
			},
			kind:  ProblemRunMissing,
			where: func(p *Problem) string { return p.RunID },
			want:  "The chain is broken before run #3 (run-2): it links to",
		},
		{
			name: "the first run deleted",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				h.exec(t, `DELETE FROM socle_records WHERE run_id = 'run-0'`)
				h.exec(t, `DELETE FROM socle_runs WHERE id = 'run-0'`)
			},
			kind:  ProblemRunMissing,
			where: func(p *Problem) string { return p.RunID },
			want:  "but the run before it in the store is the start of the chain",
		},
		{
			name: "the last run deleted",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				h.exec(t, `DELETE FROM socle_records WHERE run_id = 'run-4'`)
				h.exec(t, `DELETE FROM socle_runs WHERE id = 'run-4'`)
			},
			kind:  ProblemHeadMismatch,
			where: func(p *Problem) string { return fmt.Sprint(p.RunSeq) },
			want:  "the last run in the store is #4 with hash",
		},
		{
			name: "a run deleted and the chain relinked",
			tamper: func(t *testing.T, h *harness, infos []*RunInfo) {
				h.exec(t, `DELETE FROM socle_records WHERE run_id = 'run-1'`)
				h.exec(t, `DELETE FROM socle_runs WHERE id = 'run-1'`)
				for _, seq := range []int{3, 4, 5} {
					h.exec(t, `UPDATE socle_runs SET seq = ? WHERE seq = ?`, seq-1, seq)
				}
				h.exec(t, `UPDATE socle_runs SET prev_hash = ? WHERE id = 'run-2'`, infos[0].Hash)
				h.exec(t, `UPDATE socle_head SET seq = 4`)
			},
			kind:  ProblemRunEdited,
			where: func(p *Problem) string { return p.RunID },
			want:  "Run #2 (run-2) does not match its hash",
		},
		{
			name: "a run's as_of column moved",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				h.exec(t, `UPDATE socle_runs SET as_of = ? WHERE id = 'run-2'`, formatTime(day(9)))
			},
			kind:  ProblemHeaderMismatch,
			where: func(p *Problem) string { return p.RunID },
			want:  "Run #3 (run-2): its columns (id run-2, as_of 2026-01-10T00:00:00.000000000Z, 4 records) disagree with its header",
		},
		{
			name: "a run's run group column edited",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				h.exec(t, `UPDATE socle_runs SET run_group = 'other', shard_count = 2 WHERE id = 'run-3'`)
			},
			kind:  ProblemHeaderMismatch,
			where: func(p *Problem) string { return p.RunID },
			want:  `Run #4 (run-3): its columns (run group "other", shard 0/2) disagree with its header (run group "", shard 0/0)`,
		},
		{
			name: "a blob's content swapped",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				var sum string
				if err := h.queryRow(t, `SELECT sha256 FROM socle_blobs WHERE kind = 'input' ORDER BY sha256 LIMIT 1`).Scan(&sum); err != nil {
					t.Fatal(err)
				}
				other := []byte(`{"users":[]}`)
				data, err := compress(other)
				if err != nil {
					t.Fatal(err)
				}
				h.exec(t, `UPDATE socle_blobs SET data = ?, size = ? WHERE sha256 = ?`, data, len(other), sum)
			},
			kind:  ProblemBlobCorrupt,
			where: func(p *Problem) string { return p.Blob },
			want:  `(the input document "aws", needed by record run-`,
		},
		{
			name: "a blob deleted",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				h.exec(t, `DELETE FROM socle_blobs WHERE kind = 'policy'`)
			},
			kind:  ProblemBlobMissing,
			where: func(p *Problem) string { return p.Blob },
			want:  "(the modules of policy socle.aws.iam_mfa, needed by record run-0/1) is missing from the store.",
		},
		{
			name: "a policy module edited in its blob",
			tamper: func(t *testing.T, h *harness, _ []*RunInfo) {
				b, err := PolicyBlob([]result.Module{modLib, modMFA})
				if err != nil {
					t.Fatal(err)
				}
				b.Data = bytes.Replace(b.Data, []byte("u.admin"), []byte("true"), 1)
				data, err := compress(b.Data)
				if err != nil {
					t.Fatal(err)
				}
				h.exec(t, `UPDATE socle_blobs SET data = ?, size = ? WHERE sha256 = ?`, data, len(b.Data), b.SHA256)
			},
			kind:  ProblemBlobCorrupt,
			where: func(p *Problem) string { return p.Blob },
			want:  "its module policies/lib.rego hashes to",
		},
		{
			name: "the head moved back",
			tamper: func(t *testing.T, h *harness, infos []*RunInfo) {
				h.exec(t, `UPDATE socle_head SET seq = 3, hash = ?`, infos[2].Hash)
			},
			kind:  ProblemHeadMismatch,
			where: func(p *Problem) string { return fmt.Sprint(p.RunSeq) },
			want:  "the head was edited",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, s, infos := withStore(t, newHarness)
			tt.tamper(t, h, infos)
			rep, err := s.Verify(ctx)
			if err != nil {
				t.Fatal(err)
			}
			p := rep.Problem
			if p == nil {
				t.Fatalf("verify found nothing: %+v", rep)
			}
			if p.Kind != tt.kind || !strings.Contains(p.Message, tt.want) || tt.where(p) == "" {
				t.Errorf("problem %s: %s\nwant %s: …%s…", p.Kind, p.Message, tt.kind, tt.want)
			}
			t.Log(p.Message)
		})
	}
}

// The first problem is the one reported, and the counts say how far the walk
// got.
func TestVerifyReportsTheFirstProblem(t *testing.T) {
	h, s, _ := withStore(t, sqliteHarness)
	h.exec(t, `UPDATE socle_records SET sha256 = ? WHERE run_id = 'run-3' AND idx = 1`, strings.Repeat("1", 64))
	h.exec(t, `UPDATE socle_records SET sha256 = ? WHERE run_id = 'run-1' AND idx = 2`, strings.Repeat("2", 64))
	rep, err := s.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Problem == nil || rep.Problem.RecordID != "run-1/2" || rep.Problem.Expected != strings.Repeat("2", 64) || rep.Runs != 1 || rep.Records != 5 {
		t.Errorf("report %+v, problem %+v", rep, rep.Problem)
	}
}
