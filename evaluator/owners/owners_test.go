package owners_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/owners"
	"github.com/socle-dev/socle/evaluator/readiness/readinesstest"
	"github.com/socle-dev/socle/evaluator/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestDigest builds the owners' digest of the readiness history (see
// readinesstest.Record) and compares each format with testdata/golden.
func TestDigest(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "northwind")
	storeURL := readinesstest.Record(t, "../readiness/testdata/northwind", dir, "")
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir, AsOf: readinesstest.AsOf})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s, err := store.Open(ctx, storeURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := owners.Build(ctx, owners.Options{Repo: repo, Store: s, AsOf: readinesstest.AsOf})
	if err != nil {
		t.Fatal(err)
	}
	d.Store = storeURL // the temporary directory varies

	var names []string
	for _, o := range d.Owners {
		names = append(names, o.Owner)
	}
	if got := strings.Join(names, ", "); got != "platform@northwind.example, security@northwind.example, (no owner)" {
		t.Fatalf("owners: %s", got)
	}
	sec := d.Owners[1]
	if sec.Failing != 1 || sec.WaiversExpiring != 1 || sec.Missing != 1 {
		t.Errorf("security: %d failing, %d waivers expiring, %d missing", sec.Failing, sec.WaiversExpiring, sec.Missing)
	}
	mfa := sec.Controls[0]
	if mfa.Label != "mfa" || mfa.Targets[0].Status != "fail" || len(mfa.Targets[0].Failing) != 1 || mfa.Targets[0].Failing[0].Resource != "bob" ||
		mfa.Waivers[0].Label != "svc_backup_mfa" || mfa.Waivers[0].DaysLeft != 20 {
		t.Errorf("mfa: %+v", mfa)
	}
	// The manual control is never recorded in the history: no record.
	if ar := sec.Controls[2]; ar.Label != "access_review" || ar.Targets[0].Status != owners.StatusNoRecord {
		t.Errorf("access_review: %+v", ar)
	}
	if bp := d.Owners[2].Controls[0]; bp.Label != "branch_protection" || len(bp.Waivers) != 1 || bp.Waivers[0].DaysLeft >= 0 {
		t.Errorf("branch_protection: %+v", bp)
	}
	for _, f := range []struct{ name, ext string }{{"markdown", "md"}, {"json", "json"}} {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := owners.Render(&buf, d, f.name); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", "owners."+f.ext)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("the output differs from %s (rerun with -update and review the diff):\n%s", golden, buf.String())
			}
		})
	}
	if err := owners.Render(&bytes.Buffer{}, d, "html"); err == nil {
		t.Error("an unknown format was accepted")
	}
}
