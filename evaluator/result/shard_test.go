package result

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// pairs generates a set of distinct (control, target) pairs shaped like real
// ones: counted and for_each instances, and target names of every kind.
func pairs(rng *rand.Rand, controls, targets int) [][2]string {
	var cs, ts []string
	for i := range controls {
		switch rng.IntN(3) {
		case 0:
			cs = append(cs, fmt.Sprintf("control_%d", i))
		case 1:
			cs = append(cs, fmt.Sprintf("counted_%d[%d]", i/7, i))
		default:
			cs = append(cs, fmt.Sprintf("each_%d[\"k%d\"]", i/5, i))
		}
	}
	for i := range targets {
		switch rng.IntN(3) {
		case 0:
			ts = append(ts, fmt.Sprintf("aws.account_%d", i))
		case 1:
			ts = append(ts, fmt.Sprintf("hr=file.hr%d,idp=file.idp", i))
		default:
			ts = append(ts, fmt.Sprintf("kubernetes.c%d,terraform", i))
		}
	}
	var out [][2]string
	for _, c := range cs {
		for _, t := range ts {
			out = append(out, [2]string{c, t})
		}
	}
	return out
}

// TestShardPartition: for many shard counts, every pair of a generated set
// lands in exactly one shard, the shards are balanced, and the assignment
// depends on the pair alone: adding controls and targets moves no pair.
func TestShardPartition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	all := pairs(rng, 120, 40) // 4800 pairs
	for n := 1; n <= 64; n++ {
		sizes := make([]int, n)
		for _, p := range all {
			holders := 0
			for i := range n {
				if (Shard{Index: i, Count: n}).Holds(p[0], p[1]) {
					holders++
					sizes[i]++
				}
			}
			if holders != 1 {
				t.Fatalf("N=%d: %s on %s is in %d shards", n, p[0], p[1], holders)
			}
		}
		mean := float64(len(all)) / float64(n)
		for i, s := range sizes {
			// A uniform hash: each shard within 6 standard deviations.
			if d := float64(s) - mean; d*d > 36*mean {
				t.Errorf("N=%d: shard %d holds %d pairs, the mean is %.0f", n, i, s, mean)
			}
		}
	}

	// Stability: a larger repository (more controls, more targets) leaves
	// every existing pair where it was.
	for _, n := range []int{2, 3, 7, 16, 50} {
		before := map[[2]string]int{}
		for _, p := range all {
			before[p] = ShardOf(p[0], p[1], n)
		}
		grown := append(all, pairs(rand.New(rand.NewPCG(3, 4)), 30, 45)...)
		grown = append(grown, [2]string{"new_control", "aws.account_0"})
		for _, p := range grown {
			if s, ok := before[p]; ok && ShardOf(p[0], p[1], n) != s {
				t.Errorf("N=%d: adding pairs moved %s on %s from shard %d", n, p[0], p[1], s)
			}
		}
	}
}

// TestShardOfFixed pins the hash: a change would split runs in flight (and
// records of one group) differently across socle versions.
func TestShardOfFixed(t *testing.T) {
	// Computed independently (Python's hashlib: the first eight bytes of
	// sha256(b"control." + label + b"\x00" + target), big-endian, mod n).
	got := []int{ShardOf("iam_mfa", "aws.staging", 16), ShardOf("access_review", "evidence", 7), ShardOf(`users["eu"]`, "hr=file.hr,idp=file.idp", 1000)}
	want := []int{5, 3, 343}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("ShardOf #%d = %d, want %d", i, got[i], want[i])
		}
	}
	if ShardOf("a", "b", 1) != 0 || ShardOf("a", "b", 0) != 0 {
		t.Error("one shard (or none) is shard 0")
	}
	// The separator keeps ("ab", "c") and ("a", "bc") apart.
	if ShardOf("ab", "c", 1<<30) == ShardOf("a", "bc", 1<<30) {
		t.Error("the pair's parts are not separated")
	}
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"0/1": {0, 1}, "3/16": {3, 16}, "15/16": {15, 16}} {
		got, err := ParseShard(in)
		if err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v", in, got, err)
		}
	}
	for in, msg := range map[string]string{
		"16/16": "with 16 shards the index is 0 to 15",
		"-1/4":  "the index is 0 to 3",
		"1/0":   "at least 1",
		"1":     "write I/N",
		"a/b":   "write I/N",
		"+1/2":  "write I/N",
		"1/2/3": "write I/N",
	} {
		if _, err := ParseShard(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseShard(%q) = %v, want %q", in, err, msg)
		}
	}
}

// whole is a run of controls × targets, with every status.
func whole(controls, targets int) *Document {
	var rs []*Result
	statuses := []Status{StatusPass, StatusFail, StatusNotTested, StatusError}
	for c := range controls {
		for tg := range targets {
			pop := 3
			rs = append(rs, &Result{
				Control:   Control{Label: fmt.Sprintf("c%02d", c), Ref: fmt.Sprintf("1.%d", c), Severity: "high"},
				Objective: Objective{Label: "o", Ref: "CO-1", COSO: []int{}},
				Target:    fmt.Sprintf("file.t%02d", tg),
				Status:    statuses[(c+tg)%4], Population: &pop,
				Findings: []Finding{}, Warnings: []Finding{}, InputSHA256: map[string]string{},
			})
		}
	}
	Sort(rs)
	t0 := time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)
	return &Document{
		FormatVersion: FormatVersion,
		Run:           Run{ID: "whole", AsOf: t0, StartedAt: t0, DurationMS: 10, SocleVersion: "1", OPAVersion: "1", PolicySHA256: "abc", Context: map[string]string{"ci_job": "42"}, RunGroup: "g1"},
		Results:       rs,
		Summary:       Summarize(rs),
		CUECs:         []CUEC{{Label: "u", Ref: "U-1", Description: "d", Objectives: []string{"o"}}},
	}
}

// split is what socle eval --shard i/n would write for each i: the whole
// run's results, partitioned.
func split(doc *Document, n int) []Part {
	var parts []Part
	for i := range n {
		d := *doc
		d.Run.ID = fmt.Sprintf("run-%d", i)
		d.Run.Shard = &Shard{Index: i, Count: n}
		d.Run.StartedAt = doc.Run.StartedAt.Add(time.Duration(i) * time.Second)
		d.Run.AsOf = d.Run.StartedAt
		d.Run.Context = map[string]string{"ci_job": "42", "runner": fmt.Sprint(i)}
		d.Results = nil
		for _, r := range doc.Results {
			if d.Run.Shard.Holds(r.Control.Label, r.Target) {
				d.Results = append(d.Results, r)
			}
		}
		d.Summary = Summarize(d.Results)
		parts = append(parts, Part{Name: fmt.Sprintf("shard-%d.json", i), Doc: &d})
	}
	return parts
}

func TestMerge(t *testing.T) {
	doc := whole(20, 9)
	for _, n := range []int{1, 2, 5, 16} {
		parts := split(doc, n)
		// The order files are given in does not matter.
		rand.New(rand.NewPCG(uint64(n), 0)).Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		m, err := Merge(parts)
		if err != nil {
			t.Fatalf("N=%d: %v", n, err)
		}
		got, _ := json.Marshal(m.Results)
		want, _ := json.Marshal(doc.Results)
		if string(got) != string(want) || m.Summary != doc.Summary {
			t.Errorf("N=%d: the merged results differ from the whole run's", n)
		}
		if m.Run.ID != "g1" || m.Run.RunGroup != "g1" || m.Run.Shard != nil || len(m.Run.ShardRuns) != n || m.Run.ShardRuns[n-1] != fmt.Sprintf("run-%d", n-1) {
			t.Errorf("N=%d: run %+v", n, m.Run)
		}
		if !m.Run.StartedAt.Equal(doc.Run.StartedAt) || m.Run.DurationMS != int64(n-1)*1000+10 {
			t.Errorf("N=%d: started %s, duration %d", n, m.Run.StartedAt, m.Run.DurationMS)
		}
		if n > 1 && (len(m.Run.Context) != 1 || m.Run.Context["ci_job"] != "42") {
			t.Errorf("N=%d: context %v (only what the shards agree on)", n, m.Run.Context)
		}
		if len(m.CUECs) != 1 {
			t.Errorf("N=%d: CUECs lost", n)
		}
	}
}

func TestMergeRefuses(t *testing.T) {
	doc := whole(12, 5)
	cases := map[string]struct {
		parts func() []Part
		want  []string
	}{
		"missing shard": {func() []Part { p := split(doc, 4); return append(p[:1], p[2:]...) },
			[]string{`shard 1/4 of run group "g1" is missing`}},
		"two missing": {func() []Part { return split(doc, 4)[:2] },
			[]string{"shard 2/4, 3/4 of run group"}},
		"overlapping": {func() []Part { p := split(doc, 3); p[2].Doc.Run.Shard = &Shard{1, 3}; return p },
			[]string{"shard-1.json and shard-2.json are both shard 1/3", "shard 2/3"}},
		"shard counts": {func() []Part { return append(split(doc, 2), split(doc, 3)[2]) },
			[]string{`shard-0.json and shard-2.json have different shard counts ("2", "3")`}},
		"policy hash": {func() []Part { p := split(doc, 2); p[1].Doc.Run.PolicySHA256 = "def"; return p },
			[]string{`shard-0.json and shard-1.json have different policy hashes ("abc", "def")`}},
		"run group": {func() []Part { p := split(doc, 2); p[1].Doc.Run.RunGroup = "g2"; return p },
			[]string{`different run groups ("g1", "g2")`}},
		"duplicate pair": {func() []Part {
			p := split(doc, 2)
			p[1].Doc.Results = append(p[1].Doc.Results, p[0].Doc.Results[0])
			return p
		}, []string{"control c00 on target file.t03 is in both shard-0.json and shard-1.json"}},
		"wrong shard": {func() []Part {
			p := split(doc, 2)
			p[1].Doc.Results = append(p[1].Doc.Results, p[0].Doc.Results[0])
			p[0].Doc.Results = p[0].Doc.Results[1:]
			return p
		}, []string{"shard-1.json holds control c00 on target file.t03, which belongs to shard 0/2, not 1/2"}},
		"not a shard": {func() []Part { p := split(doc, 2); p[0].Doc.Run.Shard = nil; return p },
			[]string{"shard-0.json is not a shard's result"}},
		"merged": {func() []Part {
			m, _ := Merge(split(doc, 2))
			return []Part{{Name: "merged.json", Doc: m}}
		}, []string{"merged.json is already a merged result"}},
		"nothing": {func() []Part { return nil }, []string{"no result documents"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Merge(c.parts())
			var me *MergeError
			if !errors.As(err, &me) {
				t.Fatalf("Merge = %v, want a MergeError", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
		})
	}
}
